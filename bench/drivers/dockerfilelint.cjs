// dockerfilelint (replicatedhq) over Dockerfiles, in one process; files it throws on are counted.
const fs = require('node:fs');
const dockerfilelint = require('dockerfilelint');
const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let n = 0;
let failed = 0;
for (const f of files) {
  try {
    n += dockerfilelint.run(require('node:path').dirname(f), fs.readFileSync(f, 'utf8')).length;
  } catch {
    failed++;
  }
}
process.stdout.write(`${files.length} files, ${n} results, ${failed} files failed\n`);
