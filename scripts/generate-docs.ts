// Writes docs/rules/<id>.md, docs/rules/README.md and the README rules table from rule metadata.
// `npx tsx scripts/generate-docs.ts` writes; `--check` exits 1 when a generated file is stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedDocs } from '../server/src/engine/docs';
import { RULES } from '../server/src/engine/rules';

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const readmePath = path.join(root, 'README.md');
const files = generatedDocs(RULES, fs.existsSync(readmePath) ? fs.readFileSync(readmePath, 'utf8') : undefined);
let stale = 0;
for (const [rel, content] of files) {
  const file = path.join(root, rel);
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (old === content) continue;
  stale++;
  if (check) console.error(`stale: ${rel}`);
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}
const docsDir = path.join(root, 'docs', 'rules');
for (const f of fs.existsSync(docsDir) ? fs.readdirSync(docsDir) : []) {
  if (files.has(`docs/rules/${f}`)) continue;
  stale++;
  if (check) console.error(`not generated: docs/rules/${f}`);
  else fs.unlinkSync(path.join(docsDir, f));
}
if (check && stale) process.exit(1);
if (!check) console.log(stale ? `wrote ${stale} file(s)` : 'docs up to date');
