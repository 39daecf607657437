// Generated files (docs/rules/*.md, the README rules table) must match the rule metadata.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { generatedDocs } from '../../server/src/engine/docs';
import { RULES } from '../../server/src/engine/rules';
import { repoRoot } from '../helpers';

it('generated docs are up to date (run `npm run docs` to regenerate)', () => {
  const readmePath = path.join(repoRoot, 'README.md');
  const files = generatedDocs(RULES, fs.existsSync(readmePath) ? fs.readFileSync(readmePath, 'utf8') : undefined);
  assert.ok(files.has('README.md'), 'README.md has the rules table markers');
  const stale = [...files].filter(([rel, content]) => {
    const p = path.join(repoRoot, rel);
    return !fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== content;
  });
  assert.deepEqual(stale.map(([rel]) => rel), []);
  const extra = fs.readdirSync(path.join(repoRoot, 'docs', 'rules')).filter((f) => !files.has(`docs/rules/${f}`));
  assert.deepEqual(extra, [], 'no stray files in docs/rules');
});
