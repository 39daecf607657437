// Preloaded into every benchmarked Node process: writes its peak resident set (KiB) on exit.
const fs = require('node:fs');
const out = process.env.BENCH_RSS_FILE;
if (out) process.on('exit', () => fs.writeFileSync(out, String(process.resourceUsage().maxRSS)));
