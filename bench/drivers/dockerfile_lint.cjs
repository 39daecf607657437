// dockerfile_lint (Red Hat) over Dockerfiles with its default rules, in one process.
const fs = require('node:fs');
const Linter = require('dockerfile_lint');
const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const linter = new Linter();
let n = 0;
let failed = 0;
for (const f of files) {
  try {
    const r = linter.validate(fs.readFileSync(f, 'utf8'));
    n += (r.error?.data?.length ?? 0) + (r.warn?.data?.length ?? 0) + (r.info?.data?.length ?? 0);
  } catch {
    failed++;
  }
}
process.stdout.write(`${files.length} files, ${n} results, ${failed} files failed\n`);
