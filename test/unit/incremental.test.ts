// Incremental analysis (per YAML document, reused across versions) equals a full analysis after
// every edit of a random edit sequence. The corpus version runs in `npm run test:corpus`.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { Analyzer } from '../../server/src/engine';
import { splitYamlDocuments } from '../../server/src/engine/yaml/chunks';
import { repoRoot, fixturesDir, walk } from '../helpers';
import { replay } from '../incremental-replay';

it('splitting at document markers keeps every character and finds each document', () => {
  const t = 'a: 1\n---\nb: 2\n--- # c\nc: |\n  ---\n%YAML 1.2\n---\nd: 1\r\n---\r\ne\r---x\n---';
  const cs = splitYamlDocuments(t);
  assert.equal(cs.map((c) => c.text).join(''), t);
  assert.deepEqual(
    cs.map((c) => c.start),
    [0, 5, 14, 33, 53, 65],
  );
  assert.ok(cs[3].text.startsWith('%YAML 1.2\n---'), 'directives stay with their document');
});

it('an edit re-analyses only the document it touches', () => {
  const doc = (n: number): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${n}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n`;
  const text = [1, 2, 3].map(doc).join('---\n');
  const inc = new Analyzer();
  const a = inc.analyze({ file: 'x.yaml', text, config: { profile: 'strict' } });
  const edited = text.replace('name: p2', 'name: p22');
  const b = inc.analyze({ file: 'x.yaml', text: edited, config: { profile: 'strict' } });
  assert.equal(a.parts.length, 3);
  assert.strictEqual(b.parts[0].model, a.parts[0].model, 'first document reused');
  assert.strictEqual(b.parts[2].model, a.parts[2].model, 'last document reused');
  assert.notStrictEqual(b.parts[1].model, a.parts[1].model, 'edited document re-parsed');
});

it('random edit sequences: incremental equals full analysis after every edit', () => {
  const files = [...walk(path.join(fixturesDir, 'rules')), ...walk(path.join(repoRoot, 'examples'))].filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length > 5, `${files.length} YAML files`);
  let compared = 0;
  files.slice(0, 40).forEach((f, i) => {
    compared += replay(f, fs.readFileSync(f, 'utf8'), 15, 1000 + i);
  });
  assert.ok(compared > 100);
});
