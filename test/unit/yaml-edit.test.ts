// The YAML edit toolkit: table-driven cases on tricky inputs. Every case applies the edits, re-parses
// and checks: no parse error, the expected value at the path, every original comment line kept,
// every line the edits do not touch unchanged (and in order). Declines are checked too.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isMap, isSeq } from 'yaml';
import { applyEdits, applyFixes } from '../../server/src/engine/fix';
import type { Fix, TextEdit } from '../../server/src/engine/types';
import { addItem, addKey, normaliseEdits, removeItem, removeKey, renderScalar, replaceScalar, setKey, setPath } from '../../server/src/engine/yaml/edit';
import { get, items, parseYamlStream, type YamlStream, type YDoc, type YNode } from '../../server/src/engine/yaml/parse';

type Path = Array<string | number>;

/** The node at a path of keys (maps) and indices (sequences), aliases followed. */
function nodeAt(doc: YDoc, path: Path): YNode | undefined {
  let cur: unknown = doc.contents;
  for (const p of path) {
    if (typeof p === 'number') cur = items(cur, doc)[p];
    else cur = get(cur, p, doc);
    if (cur === undefined) return undefined;
  }
  return cur as YNode;
}

function valueAt(s: YamlStream, docIndex: number, path: Path): unknown {
  let cur: unknown = s.docs[docIndex].doc.toJS({ maxAliasCount: 100 });
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

function commentLines(text: string): string[] {
  return text
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));
}

/** Lines of `text` that no edit touches (an insertion that starts with a line break at a line end keeps the line). */
function untouchedLines(text: string, claimed: TextEdit[]): string[] {
  // An insertion that claims the character before it (replaces it with itself + text) is an insertion.
  const edits = claimed.map((e) => {
    const old = text.slice(e.start, e.end);
    return e.end > e.start && e.newText.startsWith(old) ? { start: e.end, end: e.end, newText: e.newText.slice(old.length) } : e;
  });
  const out: string[] = [];
  const re = /\r\n|\n|\r|$/g;
  let ls = 0;
  for (;;) {
    re.lastIndex = ls;
    const m = re.exec(text)!;
    const le = m.index;
    const touched = edits.some((e) => {
      if (e.start === e.end && e.start === le && /^\r?\n/.test(e.newText)) return false;
      return e.start <= le && ls <= e.end;
    });
    if (!touched) out.push(text.slice(ls, le));
    if (m[0] === '') break;
    ls = le + m[0].length;
    if (ls > text.length) break;
  }
  return out;
}

function isSubsequence(needles: string[], hay: string[]): boolean {
  let j = 0;
  for (const h of hay) if (j < needles.length && h === needles[j]) j++;
  return j === needles.length;
}

interface Case {
  name: string;
  text: string;
  /** Computes the edits from the parsed stream (doc index `doc`, default 0). */
  op: (text: string, doc: YDoc, s: YamlStream) => TextEdit[] | undefined;
  doc?: number;
  /** Expected JS value at `path` after the edit (`absent` for a removed key). */
  path?: Path;
  value?: unknown;
  absent?: boolean;
  /** Exact expected output. */
  out?: string;
  decline?: boolean;
}

const NS = 'name: app\n';

function check(c: Case): void {
  const s = parseYamlStream(c.text);
  assert.deepEqual(s.parseErrors, [], 'input parses');
  const doc = s.docs[c.doc ?? 0].doc;
  const edits = c.op(c.text, doc, s);
  if (c.decline) {
    assert.equal(edits, undefined, `declines, got ${JSON.stringify(edits)}`);
    return;
  }
  assert.ok(edits, 'does not decline');
  const out = applyEdits(c.text, edits);
  if (c.out !== undefined) assert.equal(out, c.out);
  const t = parseYamlStream(out);
  assert.deepEqual(t.parseErrors, [], `result parses:\n${out}`);
  assert.equal(t.docs.length, s.docs.length, 'same number of documents');
  if (c.path) {
    if (c.absent) assert.equal(valueAt(t, c.doc ?? 0, c.path), undefined, `removed:\n${out}`);
    else assert.deepEqual(valueAt(t, c.doc ?? 0, c.path), c.value, `value at ${c.path.join('.')}:\n${out}`);
  }
  const left = commentLines(out);
  for (const cl of commentLines(c.text)) assert.ok(left.includes(cl), `keeps comment ${cl}:\n${out}`);
  const outLines = out.split(/\r\n|\n|\r/);
  assert.ok(isSubsequence(untouchedLines(c.text, edits), outLines), `untouched lines unchanged:\n${out}`);
  if (c.text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(out), `keeps CRLF:\n${JSON.stringify(out)}`);
  // Other documents of the stream are unchanged.
  s.docs.forEach((d, i) => {
    if (i !== (c.doc ?? 0)) assert.deepEqual(t.docs[i].doc.toJS(), d.doc.toJS(), `document ${i} unchanged`);
  });
}

const container = (doc: YDoc, i = 0): YNode | undefined => nodeAt(doc, ['spec', 'containers', i]);

const cases: Case[] = [
  // --- replaceScalar
  {
    name: 'replace plain scalar keeps comment',
    text: 'a: true # keep\nb: 1\n',
    op: (t, d) => replaceScalar(t, d, nodeAt(d, ['a']), false),
    out: 'a: false # keep\nb: 1\n',
  },
  { name: 'replace keeps double quotes', text: 'image: "nginx:1"\n', op: (t, d) => replaceScalar(t, d, nodeAt(d, ['image']), 'nginx:2'), out: 'image: "nginx:2"\n' },
  { name: 'replace keeps single quotes', text: "user: 'root'\n", op: (t, d) => replaceScalar(t, d, nodeAt(d, ['user']), "it's"), out: "user: 'it''s'\n" },
  { name: 'replace quoted string by number goes plain', text: 'u: "0"\n', op: (t, d) => replaceScalar(t, d, nodeAt(d, ['u']), 1000), out: 'u: 1000\n' },
  { name: 'replace plain with string needing quotes', text: 'u: x\n', op: (t, d) => replaceScalar(t, d, nodeAt(d, ['u']), 'true'), out: 'u: "true"\n' },
  { name: 'replace string with a tab', text: 'u: "a\\tb"\n', op: (t, d) => replaceScalar(t, d, nodeAt(d, ['u']), 'c\td'), path: ['u'], value: 'c\td' },
  { name: 'replace in flow map', text: 'sc: {privileged: true, x: 1}\n', op: (t, d) => replaceScalar(t, d, nodeAt(d, ['sc', 'privileged']), false), out: 'sc: {privileged: false, x: 1}\n' },
  { name: 'replace anchored scalar that an alias uses declines', text: 'a: &v true\nb: *v\n', op: (t, d) => replaceScalar(t, d, nodeAt(d, ['a']), false), decline: true },
  { name: 'replace value reached through alias declines', text: 'a: &v true\nb: *v\n', op: (t, d) => replaceScalar(t, d, nodeAt(d, ['b']), false), decline: true },
  { name: 'replace block scalar declines', text: 'a: |\n  x\n', op: (t, d) => replaceScalar(t, d, nodeAt(d, ['a']), 'y'), decline: true },
  { name: 'replace in CRLF file', text: 'a: 1\r\nb: 2\r\n', op: (t, d) => replaceScalar(t, d, nodeAt(d, ['b']), 3), out: 'a: 1\r\nb: 3\r\n' },

  // --- addKey / setKey / setPath
  {
    name: 'add key after nested children, before trailing comment and blank line',
    text: 'spec:\n  containers:\n  - name: a\n    image: b # img\n    # about ports\n    ports:\n    - 80\n\n  # trailing\nkind: Pod\n',
    op: (t, d) => addKey(t, d, container(d), 'securityContext', { runAsNonRoot: true }),
    out: 'spec:\n  containers:\n  - name: a\n    image: b # img\n    # about ports\n    ports:\n    - 80\n    securityContext:\n      runAsNonRoot: true\n\n  # trailing\nkind: Pod\n',
  },
  {
    name: 'add key to 4-space indented map',
    text: 'spec:\n    containers:\n        -   name: a\n            image: b\n',
    op: (t, d) => setPath(t, d, container(d), ['securityContext', 'capabilities', 'drop'], ['ALL']),
    out: 'spec:\n    containers:\n        -   name: a\n            image: b\n            securityContext:\n                capabilities:\n                    drop: [ALL]\n',
  },
  {
    name: 'setPath where some levels exist',
    text: 'spec:\n  containers:\n    - name: a\n      securityContext:\n        runAsUser: 1000 # uid\n      image: b\n',
    op: (t, d) => setPath(t, d, container(d), ['securityContext', 'capabilities', 'drop'], ['ALL']),
    path: ['spec', 'containers', 0, 'securityContext'],
    value: { runAsUser: 1000, capabilities: { drop: ['ALL'] } },
  },
  {
    name: 'setPath under empty key',
    text: 'spec:\n  containers:\n  - name: a\n    securityContext:\n  - name: b\n',
    op: (t, d) => setPath(t, d, container(d), ['securityContext', 'runAsNonRoot'], true),
    out: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      runAsNonRoot: true\n  - name: b\n',
  },
  {
    name: 'setPath under null key with comment',
    text: 'spec:\n  containers:\n  - name: a\n    securityContext: ~ # none yet\n',
    op: (t, d) => setPath(t, d, container(d), ['securityContext', 'runAsNonRoot'], true),
    out: 'spec:\n  containers:\n  - name: a\n    securityContext: # none yet\n      runAsNonRoot: true\n',
  },
  {
    name: 'setPath under empty flow map',
    text: 'spec:\n  containers:\n  - name: a\n    securityContext: {}\n',
    op: (t, d) => setPath(t, d, container(d), ['securityContext', 'capabilities', 'drop'], ['ALL']),
    out: 'spec:\n  containers:\n  - name: a\n    securityContext: {capabilities: {drop: [ALL]}}\n',
  },
  {
    name: 'setKey into flow map',
    text: 'sc: {a: 1} # c\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['sc']), 'privileged', false),
    out: 'sc: {a: 1, privileged: false} # c\n',
  },
  {
    name: 'setKey into multi-line flow map with comment',
    text: 'sc: {\n  a: 1, # c\n}\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['sc']), 'b', 'x y'),
    path: ['sc'],
    value: { a: 1, b: 'x y' },
  },
  {
    name: 'setKey merges several keys at once, nested before outer',
    text: 'c:\n  sc:\n    caps:\n      add: [X]\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['c']), 'sc', { caps: { drop: ['ALL'] }, runAsNonRoot: true }),
    out: 'c:\n  sc:\n    caps:\n      add: [X]\n      drop: [ALL]\n    runAsNonRoot: true\n',
  },
  {
    name: 'setKey replaces existing scalar',
    text: 'a:\n  b: "yes" # q\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['a']), 'b', 'no'),
    out: 'a:\n  b: "no" # q\n',
  },
  {
    name: 'setKey replaces a sequence with a scalar',
    text: 'a:\n  b:\n  - x\n  c: 1\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['a']), 'b', false),
    out: 'a:\n  b: false\n  c: 1\n',
  },
  {
    name: 'setKey replaces a commented sequence: declines',
    text: 'a:\n  b:\n  # why\n  - x\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['a']), 'b', false),
    decline: true,
  },
  {
    name: 'add key to the map that ends the file without newline',
    text: 'a:\n  b: 1',
    op: (t, d) => addKey(t, d, nodeAt(d, ['a']), 'c', 2),
    out: 'a:\n  b: 1\n  c: 2',
  },
  {
    name: 'add key in CRLF file',
    text: 'a:\r\n  b: 1 # x\r\n\r\nz: 0\r\n',
    op: (t, d) => setPath(t, d, nodeAt(d, ['a']), ['c', 'd'], [1, 2], { seqStyle: 'block' }),
    out: 'a:\r\n  b: 1 # x\r\n  c:\r\n    d:\r\n      - 1\r\n      - 2\r\n\r\nz: 0\r\n',
  },
  {
    name: 'add key in the first document of three',
    text: '# head\na:\n  b: 1\n---\nc: 1\n...\n---\nd: 1\n',
    op: (t, d) => addKey(t, d, nodeAt(d, ['a']), 'e', 'f'),
    out: '# head\na:\n  b: 1\n  e: f\n---\nc: 1\n...\n---\nd: 1\n',
  },
  {
    name: 'add key in the middle document (before `...`)',
    text: 'a: 1\n---\nc:\n  x: 1\n...\n---\nd: 1\n',
    doc: 1,
    op: (t, d) => addKey(t, d, nodeAt(d, ['c']), 'e', true),
    out: 'a: 1\n---\nc:\n  x: 1\n  e: true\n...\n---\nd: 1\n',
  },
  {
    name: 'add key in the last document after empty documents',
    text: '---\n---\n# only a comment\n---\nd:\n  k: v\n',
    doc: 2,
    op: (t, d) => addKey(t, d, nodeAt(d, ['d']), 'e', 1),
    out: '---\n---\n# only a comment\n---\nd:\n  k: v\n  e: 1\n',
  },
  {
    name: 'add key after a block scalar',
    text: 'a:\n  cmd: |\n    echo hi\n\n  # c\nb: 1\n',
    op: (t, d) => addKey(t, d, nodeAt(d, ['a']), 'x', 1),
    path: ['a'],
    value: { cmd: 'echo hi\n', x: 1 },
  },
  { name: 'add key after keep-chomped block scalar declines', text: 'a:\n  cmd: |+\n    echo hi\n\nb: 1\n', op: (t, d) => addKey(t, d, nodeAt(d, ['a']), 'x', 1), decline: true },
  { name: 'add key to anchored map used by an alias declines', text: 'base: &b\n  x: 1\nsvc:\n  <<: *b\n', op: (t, d) => addKey(t, d, nodeAt(d, ['base']), 'y', 1), decline: true },
  {
    name: 'setKey overrides a merged scalar with an own key',
    text: 'base: &b\n  privileged: true\nsvc:\n  <<: *b\n  image: x\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['svc']), 'privileged', false),
    path: ['svc', 'privileged'],
    value: false,
  },
  {
    name: 'setKey into a merged map declines (would shadow inherited keys)',
    text: 'base: &b\n  sc:\n    a: 1\nsvc:\n  <<: *b\n',
    op: (t, d) => setPath(t, d, nodeAt(d, ['svc']), ['sc', 'b'], 1),
    decline: true,
  },
  {
    name: 'add key to a map that holds an anchor used elsewhere',
    text: 'c:\n  env: &e\n    - name: A\n  image: x\nd:\n  env: *e\n',
    op: (t, d) => addKey(t, d, nodeAt(d, ['c']), 'securityContext', { privileged: false }),
    out: 'c:\n  env: &e\n    - name: A\n  image: x\n  securityContext:\n    privileged: false\nd:\n  env: *e\n',
  },
  { name: 'remove key whose value holds an anchor used elsewhere declines', text: 'c:\n  env: &e [a]\n  image: x\nd: *e\n', op: (t, d) => removeKey(t, d, nodeAt(d, ['c']), 'env'), decline: true },
  { name: 'remove item that holds an anchor used elsewhere declines', text: 'l:\n- x\n- &i y\nm: *i\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['l']), 1), decline: true },
  { name: 'replace a value that holds an anchor used elsewhere declines', text: 'a:\n  b: &x\n    c: 1\nd: *x\n', op: (t, d) => setKey(t, d, nodeAt(d, ['a']), 'b', false), decline: true },
  { name: 'replace a value inherited through a merge key declines', text: 'base: &b\n  privileged: true\nsvc:\n  <<: *b\n', op: (t, d) => replaceScalar(t, d, nodeAt(d, ['svc', 'privileged']), false), decline: true },
  { name: 'quoted keys are found', text: 'c:\n  "privileged": true\n  \'name\': x\n', op: (t, d) => setKey(t, d, nodeAt(d, ['c']), 'privileged', false), out: 'c:\n  "privileged": false\n  \'name\': x\n' },
  {
    name: 'flow map as a sequence item',
    text: 'containers:\n  - {name: a, image: b}\n',
    op: (t, d) => setPath(t, d, nodeAt(d, ['containers', 0]), ['securityContext', 'runAsNonRoot'], true),
    out: 'containers:\n  - {name: a, image: b, securityContext: {runAsNonRoot: true}}\n',
  },
  {
    name: 'compose service with a merge key gets an own override and keeps the merge',
    text: 'x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['services', 'web']), 'security_opt', ['no-new-privileges:true']),
    out: 'x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx\n    security_opt: ["no-new-privileges:true"]\n',
  },
  {
    name: 'seqStyle auto follows the lists of scalars already in the document',
    text: 'services:\n  web:\n    ports:\n      - "8080:80"\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['services', 'web']), 'cap_drop', ['ALL'], { seqStyle: 'auto' }),
    out: 'services:\n  web:\n    ports:\n      - "8080:80"\n    cap_drop:\n      - ALL\n',
  },
  {
    name: 'seqStyle auto with flow lists around',
    text: 'services:\n  web:\n    ports: ["8080:80"]\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['services', 'web']), 'cap_drop', ['ALL'], { seqStyle: 'auto' }),
    out: 'services:\n  web:\n    ports: ["8080:80"]\n    cap_drop: [ALL]\n',
  },
  { name: 'add existing key declines', text: 'a: 1\n', op: (t, d) => addKey(t, d, d.contents, 'a', 2), decline: true },
  { name: 'duplicate keys decline', text: 'a: 1\na: 2\n', op: (t, d) => setKey(t, d, d.contents, 'a', 3), decline: true },
  {
    name: 'string values are quoted only when needed',
    text: 'env: {}\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['env']), 'A', { s: 'plain', n: '1', y: 'yes', c: 'a: b', h: '#x', e: '' }),
    path: ['env', 'A'],
    value: { s: 'plain', n: '1', y: 'yes', c: 'a: b', h: '#x', e: '' },
  },
  {
    name: 'add item-like map to container list (non-indented sequences)',
    text: 'spec:\n  containers:\n  - name: a\n  volumes: []\n',
    op: (t, d) => addItem(t, d, nodeAt(d, ['spec', 'containers']), { name: 'b', securityContext: { privileged: false } }),
    out: 'spec:\n  containers:\n  - name: a\n  - name: b\n    securityContext:\n      privileged: false\n  volumes: []\n',
  },

  {
    name: 'new block sequence follows the document sequence indentation (not indented)',
    text: 'spec:\n  volumes:\n  - name: v\n  containers:\n  - name: a\n',
    op: (t, d) => setPath(t, d, container(d), ['ports'], [{ containerPort: 80 }]),
    out: 'spec:\n  volumes:\n  - name: v\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n',
  },
  {
    name: 'new block sequence follows the document sequence indentation (indented)',
    text: 'spec:\n  containers:\n    - name: a\n',
    op: (t, d) => setPath(t, d, container(d), ['ports'], [{ containerPort: 80 }]),
    out: 'spec:\n  containers:\n    - name: a\n      ports:\n        - containerPort: 80\n',
  },
  {
    name: 'scalar with tabs next to the edit is untouched',
    text: 'a:\n  s: "x\ty"\n  t: 1\n',
    op: (t, d) => setKey(t, d, nodeAt(d, ['a']), 't', 2),
    path: ['a', 's'],
    value: 'x\ty',
  },
  {
    name: 'flow sequence inside flow map',
    text: 'c: {caps: {drop: [NET_RAW]}}\n',
    op: (t, d) => addItem(t, d, nodeAt(d, ['c', 'caps', 'drop']), 'ALL'),
    out: 'c: {caps: {drop: [NET_RAW, ALL]}}\n',
  },
  {
    name: 'setPath into nested flow map',
    text: 'c: {caps: {}}\n',
    op: (t, d) => setPath(t, d, nodeAt(d, ['c']), ['caps', 'drop'], ['ALL']),
    out: 'c: {caps: {drop: [ALL]}}\n',
  },
  {
    name: 'anchors elsewhere are kept',
    text: 'x: &a 1\ny: *a\nz:\n  k: v\n',
    op: (t, d) => addKey(t, d, nodeAt(d, ['z']), 'm', 2),
    out: 'x: &a 1\ny: *a\nz:\n  k: v\n  m: 2\n',
  },
  // --- addItem
  { name: 'add item to block sequence with comments', text: 'drop:\n  - NET_RAW # raw\n  # end\nx: 1\n', op: (t, d) => addItem(t, d, nodeAt(d, ['drop']), 'ALL'), out: 'drop:\n  - NET_RAW # raw\n  - ALL\n  # end\nx: 1\n' },
  { name: 'add item to flow sequence', text: 'drop: [NET_RAW] # c\n', op: (t, d) => addItem(t, d, nodeAt(d, ['drop']), 'ALL'), out: 'drop: [NET_RAW, ALL] # c\n' },
  { name: 'add item to empty flow sequence', text: 'drop: []\n', op: (t, d) => addItem(t, d, nodeAt(d, ['drop']), 'ALL'), out: 'drop: [ALL]\n' },
  { name: 'add item at end of file without newline', text: 'l:\n- a', op: (t, d) => addItem(t, d, nodeAt(d, ['l']), 'b'), out: 'l:\n- a\n- b' },
  { name: 'add item to aliased sequence declines', text: 'l: &l [a]\nm: *l\n', op: (t, d) => addItem(t, d, nodeAt(d, ['l']), 'b'), decline: true },

  // --- removeItem
  { name: 'remove middle block item', text: 'l:\n  - a\n  # about b\n  - b\n  - c\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['l']), 2), out: 'l:\n  - a\n  # about b\n  - b\n' },
  { name: 'remove first block item', text: 'l:\n- a # x\n- b\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['l']), 1), out: 'l:\n- a # x\n' },
  { name: 'remove item with a comment declines', text: 'l:\n- a # x\n- b\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['l']), 0), decline: true },
  { name: 'remove map item', text: 'l:\n- name: a\n  x: 1\n- name: b\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['l']), 0), out: 'l:\n- name: b\n' },
  { name: 'remove last item leaves []', text: 'add:\n  - SYS_ADMIN\nx: 1\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['add']), 0), out: 'add: []\nx: 1\n' },
  { name: 'remove last item removes key on request', text: 'c:\n  add:\n    - SYS_ADMIN\n  drop: [ALL]\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['c', 'add']), 0, { removeKeyIfEmpty: true }), out: 'c:\n  drop: [ALL]\n' },
  { name: 'remove flow item first', text: 'a: [x, y, z]\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['a']), 0), out: 'a: [y, z]\n' },
  { name: 'remove flow item last', text: 'a: [x, y, z]\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['a']), 2), out: 'a: [x, y]\n' },
  { name: 'remove only flow item', text: 'a: [x] # c\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['a']), 0), out: 'a: [] # c\n' },
  { name: 'remove block item CRLF', text: 'a:\r\n- x\r\n- y\r\n', op: (t, d) => removeItem(t, d, nodeAt(d, ['a']), 0), out: 'a:\r\n- y\r\n' },

  // --- removeKey
  { name: 'remove key with nested block', text: 'a:\n  b:\n    c: 1\n    d: [1]\n  e: 2 # e\n', op: (t, d) => removeKey(t, d, nodeAt(d, ['a']), 'b'), out: 'a:\n  e: 2 # e\n' },
  { name: 'remove last key of map', text: 'a:\n  e: 2\n  b:\n  - 1\n# end\n', op: (t, d) => removeKey(t, d, nodeAt(d, ['a']), 'b'), out: 'a:\n  e: 2\n# end\n' },
  { name: 'remove only key leaves {}', text: 'a:\n  b: 1\nc: 2\n', op: (t, d) => removeKey(t, d, nodeAt(d, ['a']), 'b'), out: 'a: {}\nc: 2\n' },
  { name: 'remove first key of sequence item map', text: 'l:\n- privileged: true\n  name: x\n', op: (t, d) => removeKey(t, d, nodeAt(d, ['l', 0]), 'privileged'), out: 'l:\n- name: x\n' },
  { name: 'remove key with comment declines', text: 'a: 1 # why\nb: 2\n', op: (t, d) => removeKey(t, d, d.contents, 'a'), decline: true },
  { name: 'remove key from flow map', text: 'a: {x: 1, y: 2}\n', op: (t, d) => removeKey(t, d, nodeAt(d, ['a']), 'x'), out: 'a: {y: 2}\n' },
  { name: 'remove last key from flow map', text: 'a: {x: 1, y: 2}\n', op: (t, d) => removeKey(t, d, nodeAt(d, ['a']), 'y'), out: 'a: {x: 1}\n' },
  { name: 'remove key at end of file without newline', text: 'a: 1\nb: 2', op: (t, d) => removeKey(t, d, d.contents, 'b'), path: ['b'], absent: true },
  { name: 'remove key in CRLF', text: 'a: 1\r\nb:\r\n  c: 2\r\nd: 3\r\n', op: (t, d) => removeKey(t, d, d.contents, 'b'), out: 'a: 1\r\nd: 3\r\n' },
  { name: 'remove inherited key declines', text: 'base: &b\n  p: true\ns:\n  <<: *b\n', op: (t, d) => removeKey(t, d, nodeAt(d, ['s']), 'p'), decline: true },
  { name: 'broken document declines', text: 'a: [1\n', op: (t, d) => setKey(t, d, d.contents, 'b', 1), decline: true },
];

describe('yaml edit toolkit', () => {
  for (const c of cases) {
    if (c.name === 'broken document declines') {
      it(c.name, () => {
        const s = parseYamlStream(c.text);
        assert.equal(c.op(c.text, s.docs[0].doc, s), undefined);
      });
      continue;
    }
    it(c.name, () => check(c));
  }
});

describe('fix-all: independent insertions at one point', () => {
  it('overlap, so one applies per pass and the next pass merges into what the first created', () => {
    const text = 'spec:\n  containers:\n  - name: a\n    image: b\n';
    const fixesFor = (t: string): Fix[] => {
      const d = parseYamlStream(t).docs[0].doc;
      const c = nodeAt(d, ['spec', 'containers', 0]);
      return [
        { title: 'a', safe: false, edits: setPath(t, d, c, ['securityContext', 'allowPrivilegeEscalation'], false) ?? [] },
        { title: 'b', safe: false, edits: setPath(t, d, c, ['securityContext', 'readOnlyRootFilesystem'], true) ?? [] },
      ];
    };
    const first = applyFixes(text, fixesFor(text));
    assert.equal(first.applied.length, 1);
    const second = applyFixes(first.text, fixesFor(first.text));
    assert.equal(
      second.text,
      'spec:\n  containers:\n  - name: a\n    image: b\n    securityContext:\n      allowPrivilegeEscalation: false\n      readOnlyRootFilesystem: true\n',
    );
  });
});

describe('bad input never throws', () => {
  for (const depth of [200, 900, 5000]) {
    it(`nesting ${depth} deep`, () => {
      const text = `a:\n  b: ${'['.repeat(depth)}${']'.repeat(depth)}\n  c: ${'{x: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
      const s = parseYamlStream(text);
      const d = s.docs[0].doc;
      const a = nodeAt(d, ['a']);
      assert.doesNotThrow(() => {
        setPath(text, d, a, ['securityContext', 'privileged'], false);
        removeKey(text, d, a, 'b');
        addItem(text, d, nodeAt(d, ['a', 'b']), 'x');
        removeItem(text, d, nodeAt(d, ['a', 'b']), 0);
        replaceScalar(text, d, nodeAt(d, ['a', 'c']), 1);
      });
    });
  }
});

describe('normaliseEdits', () => {
  it('turns a line-start insertion into a claim that collides with a toolkit insertion at the same place', () => {
    const text = 'spec:\n  containers:\n  - name: a\n    image: b\n  x: 1\n';
    const d = parseYamlStream(text).docs[0].doc;
    const mine = setKey(text, d, nodeAt(d, ['spec', 'containers', 0]), 'securityContext', { privileged: false })!;
    const lineStart = text.indexOf('  x: 1');
    const theirs = normaliseEdits(text, [{ start: lineStart, end: lineStart, newText: '    stdin: true\n' }])!;
    assert.equal(applyEdits(text, theirs), text.slice(0, lineStart) + '    stdin: true\n' + text.slice(lineStart));
    const r = applyFixes(text, [
      { title: 'mine', safe: false, edits: mine },
      { title: 'theirs', safe: false, edits: theirs },
    ]);
    assert.equal(r.applied.length, 1);
  });
  it('a map emptied into {} overlaps a fix that adds a key after its last line', () => {
    const text = 'l:\n- privileged: true # why not\n';
    const d = parseYamlStream(text).docs[0].doc;
    const item = nodeAt(d, ['l', 0]);
    const gone = removeKey(text, d, item, 'privileged')!;
    assert.equal(applyEdits(text, gone), 'l:\n- {} # why not\n');
    const added = addKey(text, d, item, 'name', 'x')!;
    assert.equal(applyFixes(text, [{ title: 'a', safe: false, edits: gone }, { title: 'b', safe: false, edits: added }]).applied.length, 1);
  });
  it('keeps CRLF and refuses overlapping parts', () => {
    const text = 'a: 1\r\nb: 2\r\n';
    assert.deepEqual(normaliseEdits(text, [{ start: 6, end: 6, newText: 'c: 3\r\n' }]), [{ start: 3, end: 4, newText: '1\r\nc: 3' }]);
    assert.equal(normaliseEdits(text, [{ start: 0, end: 3, newText: '' }, { start: 2, end: 4, newText: 'x' }]), undefined);
  });
});

describe('renderScalar', () => {
  const table: Array<[string | number | boolean | null, string]> = [
    ['ALL', 'ALL'],
    ['true', '"true"'],
    ['yes', '"yes"'],
    ['on', '"on"'],
    ['1000', '"1000"'],
    ['0755', '"0755"'],
    ['1e3', '"1e3"'],
    ['null', '"null"'],
    ['~', '"~"'],
    ['', '""'],
    ['a b', 'a b'],
    [' a', '" a"'],
    ['a:b', '"a:b"'],
    ['-x', '"-x"'],
    ['runtime/default', 'runtime/default'],
    ['line\nbreak', '"line\\nbreak"'],
    [1000, '1000'],
    [false, 'false'],
    [null, 'null'],
  ];
  for (const [v, want] of table) it(JSON.stringify(v), () => assert.equal(renderScalar(v), want));
});

describe('sanity of helpers used above', () => {
  it('nodeAt finds collections', () => {
    const s = parseYamlStream('a:\n  b: [1]\n');
    assert.ok(isMap(nodeAt(s.docs[0].doc, ['a'])));
    assert.ok(isSeq(nodeAt(s.docs[0].doc, ['a', 'b'])));
  });
});
void NS;
