// Rule fixtures: test/fixtures/rules/<rule-id>/<name>.(bad|good).(Dockerfile|compose.yaml|k8s.yaml).
// `# expect: <rule>` markers name the findings expected on the next line. In a fixture the rules
// compared are the folder's rule plus every rule named by a marker; the comparison is of sets of
// `line:rule`. Every fix offered for the folder's rule is applied alone and the result re-checked.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, type Finding } from '../../server/src/engine';
import { findingKeys, fixturesDir, lint, readMarkers, walk } from '../helpers';

const SUFFIX: Array<[string, string]> = [
  ['.Dockerfile', 'dockerfile'],
  ['.compose.yaml', 'compose'],
  ['.k8s.yaml', 'kubernetes'],
];

export function fixtureFormat(file: string): string | undefined {
  return SUFFIX.find(([s]) => file.endsWith(s))?.[1];
}

/** Comment lines of a text (trimmed), as a multiset. */
function commentLines(text: string): string[] {
  return text
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));
}

const root = path.join(fixturesDir, 'rules');
const dirs = fs.existsSync(root) ? fs.readdirSync(root).sort() : [];

for (const rule of dirs) {
  describe(`fixtures: ${rule}`, () => {
    for (const file of walk(path.join(root, rule))) {
      const name = path.relative(root, file);
      const format = fixtureFormat(file);
      if (!format) {
        it(name, () => assert.fail(`fixture ${name} has no known suffix (.Dockerfile, .compose.yaml, .k8s.yaml)`));
        continue;
      }
      const good = /\.good\./.test(path.basename(file));
      const bad = /\.bad\./.test(path.basename(file));
      it(name, () => {
        assert.ok(good !== bad, 'a fixture is either .good. or .bad.');
        const text = fs.readFileSync(file, 'utf8');
        const a = lint(file, text);
        assert.equal(a.kind, format, `detected as ${a.kind}`);
        assert.deepEqual(a.errors, [], 'no rule threw');
        const markers = readMarkers(text);
        const compared = new Set([rule, ...markers.map((m) => m.rule)]);
        const expected = markers.map((m) => `${m.line}:${m.rule}`).sort();
        const actual = findingKeys(a, compared);
        assert.deepEqual(actual, expected);
        if (good) assert.ok(!actual.some((k) => k.endsWith(`:${rule}`)), 'a good fixture has no finding of its rule');
        if (bad) assert.ok(expected.some((k) => k.endsWith(`:${rule}`)), 'a bad fixture expects its rule at least once');
      });
      if (!bad) continue;
      it(`${name}: every fix round-trips`, () => {
        const text = fs.readFileSync(file, 'utf8');
        const a = lint(file, text);
        const mine = a.findings.filter((f) => f.rule === rule && !f.suppressed);
        const before = mine.length;
        const comments = commentLines(text);
        mine.forEach((f: Finding) => {
          for (const fix of f.fixes) {
            const fixed = applyEdits(text, fix.edits);
            assert.notEqual(fixed, text, `fix "${fix.title}" changes the text`);
            const b = lint(file, fixed);
            assert.equal(b.kind, format);
            assert.ok(!b.findings.some((g) => g.rule === 'parse-error'), `fix "${fix.title}" leaves a parseable file:\n${fixed}`);
            const after = b.findings.filter((g) => g.rule === rule && !g.suppressed).length;
            assert.ok(after < before, `fix "${fix.title}" removes a ${rule} finding (before ${before}, after ${after}):\n${fixed}`);
            if (rule !== 'unused-suppression') {
              const left = commentLines(fixed);
              for (const c of comments) assert.ok(left.includes(c), `fix "${fix.title}" keeps the comment ${JSON.stringify(c)}`);
            }
          }
        });
      });
    }
  });
}
