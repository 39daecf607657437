// resolveAlias answers what yaml's Alias.resolve(doc) answers (the last node before the alias with
// that anchor), from a list built once per document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isAlias, visit } from 'yaml';
import { parseYamlStream, resolveAlias } from '../../server/src/engine/yaml/parse';

function check(text: string): number {
  let n = 0;
  for (const d of parseYamlStream(text).docs)
    visit(d.doc, {
      Alias(_k, a) {
        n++;
        assert.equal(resolveAlias(a, d.doc), a.resolve(d.doc) ?? undefined, `${JSON.stringify(text)}: *${a.source}`);
      },
    });
  return n;
}

test('resolveAlias: redefined anchors, merge keys, keys, flow and nested collections, unknown anchors', () => {
  const cases = [
    'a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: *y\n',
    'x: [&a {k: v}, *a, {<<: *a, z: 1}]\n&r k: *r\n',
    '- &a [1, *a]\n- &b\n  q: *b\n',
    'base: &base\n  image: nginx\nweb:\n  <<: *base\n  more: &m {x: 1}\nother:\n  <<: [*base, *m]\n',
    '? &k key\n: *k\n*k : v\n',
    '---\na: &x 1\n---\nb: *x\n',
  ];
  let n = 0;
  for (const t of cases) n += check(t);
  assert.ok(n >= 12);
});

test('resolveAlias: random documents of anchors and aliases', () => {
  const name = fc.constantFrom('a', 'b', 'c');
  const leaf = fc.oneof(name.map((x) => `&${x} v`), name.map((x) => `*${x}`), fc.constant('plain'));
  const doc = fc.array(fc.tuple(fc.constantFrom('k1', 'k2', 'k3', 'k4'), leaf, fc.boolean()), { minLength: 1, maxLength: 8 }).map((entries) =>
    entries.map(([k, v, nested], i) => (nested ? `${k}${i}:\n  - ${v}\n  - {in: ${v}}\n` : `${k}${i}: ${v}\n`)).join(''),
  );
  fc.assert(fc.property(doc, (t) => void check(t)), { numRuns: 300 });
  assert.ok(isAlias(parseYamlStream('a: &x 1\nb: *x\n').docs[0].doc.get('b', true)));
});
