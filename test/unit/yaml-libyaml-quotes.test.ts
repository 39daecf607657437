// Multi-line quoted scalars whose continuation lines are not indented more than their parent:
// YAML 1.2 and the `yaml` library reject them, libyaml (go-yaml, so kubectl and Docker Compose;
// PyYAML) reads on to the closing quote. The engine reads them as libyaml does (yaml/parse.ts).
// Expected values are folded by hand with YAML's rules (a line break between two lines is one
// space, an empty line is a line break, leading and trailing white space of lines goes), which
// is what libyaml returns for them.
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { analyze } from '../../server/src/engine';
import { applyEdits } from '../../server/src/engine/fix';
import { getPath, MAX_LIBYAML_CHARS, MAX_LIBYAML_QUOTES, parseYamlStream, str } from '../../server/src/engine/yaml/parse';
import { replayEdits } from '../incremental-edits';

/** The document read as plain data; it must read without a parse error. */
function read(text: string): unknown {
  const s = parseYamlStream(text);
  assert.deepEqual(s.parseErrors, [], `no parse error in ${JSON.stringify(text)}`);
  return s.docs[0].doc.toJS();
}

it('an under-indented single-quoted scalar reads as libyaml reads it', () => {
  assert.deepEqual(read("a:\n  k: '[\n    x,\n  y''s\n  ]'\n  z: 1\n"), { a: { k: "[ x, y's ]", z: 1 } });
});

it('double quotes: escapes, an escaped line break, an empty line, CRLF, a comment after, inside a flow list', () => {
  assert.deepEqual(read('a:\n  k: "one \\"two\\"\n  three\\\n  four\n\n  five"\nb: 2\n'), { a: { k: 'one "two" threefour\nfive' }, b: 2 });
  assert.deepEqual(read('a:\r\n  k: "x\r\n  y"\r\nb: 2\r\n'), { a: { k: 'x y' }, b: 2 });
  assert.deepEqual(read('a:\n  k: "x\n  y" # c\n'), { a: { k: 'x y' } });
  assert.deepEqual(read('a:\n  k: ["x\n  y", z]\n'), { a: { k: ['x y', 'z'] } });
});

it('several such scalars in one document; spans and comments are those of the real text', () => {
  const text = "kind: Pod\nmetadata:\n  annotations:\n    a: 'one\n    two'\n    b: \"three\n    four\" # after\nspec: {}\n";
  const s = parseYamlStream(text);
  assert.deepEqual(s.parseErrors, []);
  const doc = s.docs[0].doc;
  const b = getPath(doc.contents, ['metadata', 'annotations', 'b'], doc)!;
  assert.equal(str(b, doc), 'three four');
  assert.deepEqual(b.range!.slice(0, 2), [text.indexOf('"three'), text.indexOf('# after') - 1]);
  assert.deepEqual(s.comments.map((c) => text.slice(c.span.start, c.span.end)), ['# after']);
  assert.equal((b as { srcToken?: { source: string } }).srcToken?.source, '"three\n    four"', 'the source token is the real text');
});

it('still a parse error, as for libyaml: no closing quote, a document marker first, text after the closing quote, a key on two lines', () => {
  for (const text of ["a:\n  k: 'never closed\n  b: 1\n", "a:\n  k: 'x\n---\n  y'\n", "a:\n  k: 'x\n  y' tail\n  z: 1\n", "a:\n  'long\n  key': v\n"]) {
    const s = parseYamlStream(text);
    assert.equal(s.parseErrors.length > 0, true, JSON.stringify(text));
  }
});

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    # the legacy init-container annotation, wrapped by hand
    example.com/init: '[
      {"name": "wait"}
    ]'
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: true
`;

it('a manifest with one is analysed: findings at their real lines, and a fix keeps the scalar and the comment', () => {
  const a = analyze({ file: 'pod.yaml', text: POD });
  assert.ok(!a.findings.some((f) => f.rule === 'parse-error'), 'no parse error');
  const priv = a.findings.find((f) => f.rule === 'privileged');
  assert.ok(priv, 'privileged is found');
  assert.equal(POD.slice(priv.span.start, priv.span.end).split('\n')[0].trim(), 'privileged: true');
  const fix = priv.fixes[0];
  assert.ok(fix, 'privileged has a fix');
  const fixed = applyEdits(POD, fix.edits);
  assert.ok(fixed.includes("example.com/init: '[\n      {\"name\": \"wait\"}\n    ]'"), 'the quoted scalar is unchanged');
  assert.ok(fixed.includes('# the legacy init-container annotation, wrapped by hand'), 'the comment is kept');
  const again = analyze({ file: 'pod.yaml', text: fixed });
  assert.ok(!again.findings.some((f) => f.rule === 'privileged' || f.rule === 'parse-error'), 'the finding is gone and the file still reads');
});

it('incremental analysis equals a full one on such a document, edit after edit', () => {
  const crd = POD.replace('kind: Pod', 'kind: Widget').replace('apiVersion: v1', 'apiVersion: example.com/v1') + Array.from({ length: 30 }, (_, i) => `  field${i}: 'wrapped ${i}\n  by hand'\n`).join('');
  assert.deepEqual(parseYamlStream(crd).parseErrors, [], 'the base document reads');
  let compared = 0;
  for (const seed of [5, 6, 7]) compared += replayEdits('widget.yaml', crd, 60, seed, { deep: 4, revertRate: 0.5, blockIndexMin: 0 }).compared;
  assert.ok(compared > 150);
});

it('the extra parses are bounded: by a count of scalars, and by characters parsed again for a big text', () => {
  const scalar = (i: number, pad = 0): string => `  k${i}: '${'x'.repeat(pad)}\n  y'\n`;
  const doc = (n: number, pad = 0): string => `a:\n${Array.from({ length: n }, (_, i) => scalar(i, pad)).join('')}`;
  assert.deepEqual(parseYamlStream(doc(MAX_LIBYAML_QUOTES)).parseErrors, [], 'as many as the count allows: read');
  const text = doc(MAX_LIBYAML_QUOTES + 1);
  const over = parseYamlStream(text).parseErrors;
  assert.equal(over.length, 1, 'one more: the last one stays a parse error');
  assert.ok(over[0].span.start >= text.indexOf(`k${MAX_LIBYAML_QUOTES}: '`), `the error is at the last scalar (${over[0].span.start}), not the first`);
  // Big texts get fewer rounds, whatever the count allows: about a fifth of the character budget
  // gets 5 (its 4 scalars are read), just over a quarter gets 3 (of its 5, two are not).
  const pad = Math.ceil(MAX_LIBYAML_CHARS / 20);
  const fifth = doc(4, pad - 20);
  assert.ok(fifth.length <= MAX_LIBYAML_CHARS / 5 && Math.floor(MAX_LIBYAML_CHARS / fifth.length) >= 4);
  assert.deepEqual(parseYamlStream(fifth).parseErrors, [], 'four big scalars: read');
  const quarter = doc(5, pad);
  assert.ok(quarter.length > MAX_LIBYAML_CHARS / 4 && Math.floor(MAX_LIBYAML_CHARS / quarter.length) < 5);
  assert.equal(parseYamlStream(quarter).parseErrors.length, 1, 'five in a text over a quarter of the budget: not all read');
});
