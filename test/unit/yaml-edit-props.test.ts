// Property tests of the YAML edit toolkit: random documents (block and flow collections, 2- or
// 4-space indentation, indented or flush sequences, comments, CRLF, neighbouring documents) and
// random operations. Whenever an operation does not decline, the edited text must parse, hold
// exactly the value the operation promises (computed on plain JS values), keep every comment
// line, and leave the other documents of the stream alone.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Document, isMap, isPair, isScalar, isSeq, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import { applyEdits, applyFixes } from '../../server/src/engine/fix';
import type { TextEdit } from '../../server/src/engine/types';
import { addItem, addKey, removeItem, removeKey, replaceScalar, setKey, setPath, type YamlValue } from '../../server/src/engine/yaml/edit';
import { parseYamlStream, type YDoc, type YNode } from '../../server/src/engine/yaml/parse';

type Js = YamlValue;
type Path = Array<string | number>;

const KEYS = ['a', 'b', 'name', 'securityContext', 'drop', 'n', 'on', 'x y', '1', 'k:v', 'true'];
const STRINGS = ['', 'ALL', 'yes', 'no', '1', '0755', 'a b', 'x#y', 'x #y', 'tab\there', 'new\nline', '"q"', "it's", '-', '- a', 'a: b', '{', '[x]', '*a', '&a', '!t', '%p', '@x', '`b', '~', 'null', ' lead', 'trail ', 'é✓'];

const scalarArb: fc.Arbitrary<Js> = fc.oneof(fc.constantFrom(...STRINGS), fc.integer({ min: -5, max: 100000 }), fc.boolean(), fc.constant(null));

const valueArb: fc.Arbitrary<Js> = fc.letrec<{ v: Js }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('v'), { maxKeys: 4 }),
  ),
})).v;

const rootArb = fc.dictionary(fc.constantFrom(...KEYS), valueArb, { minKeys: 1, maxKeys: 5 }) as fc.Arbitrary<Record<string, Js>>;

interface Style {
  indent: 2 | 4;
  indentSeq: boolean;
  flowSeed: number;
  commentSeed: number;
  crlf: boolean;
  before: boolean;
  after: boolean;
  /** Anchor the n-th collection (0 = none) and refer to it from a new root key `zz`. */
  anchor: number;
}

const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom(2 as const, 4 as const),
  indentSeq: fc.boolean(),
  flowSeed: fc.nat(),
  commentSeed: fc.nat(),
  crlf: fc.boolean(),
  before: fc.boolean(),
  after: fc.boolean(),
  anchor: fc.nat({ max: 6 }),
});

/** Render a value as YAML with some collections in flow style and some comments. */
function render(value: Js, st: Style): string {
  const doc = new Document(value);
  if (st.anchor > 0) {
    const cols: Array<YAMLMap | YAMLSeq> = [];
    visit(doc, { Map: (_k, n) => void cols.push(n), Seq: (_k, n) => void cols.push(n) });
    const target = cols.slice(1)[st.anchor - 1];
    if (target && isMap(doc.contents)) doc.contents.set('zz', doc.createAlias(target, 'a1'));
  }
  let i = 0;
  visit(doc, {
    Node(_k, n) {
      i++;
      if ((isMap(n) || isSeq(n)) && (st.flowSeed >> i % 16) % 5 === 0) n.flow = true;
      if ((st.commentSeed >> i % 16) % 4 === 0 && !isPair(n)) n.commentBefore = ` c${i}`;
      if ((st.commentSeed >> (i + 3) % 16) % 6 === 0 && isScalar(n)) n.comment = ` t${i}`;
    },
  });
  let text = doc.toString({ indent: st.indent, indentSeq: st.indentSeq, lineWidth: 0 });
  if (st.before) text = `# first\nother: 1\n---\n${text}`;
  if (st.after) text = `${text}---\n# last\nz: [1]\n`;
  if (st.crlf) text = text.replace(/\n/g, '\r\n');
  return text;
}

/** Every collection of a document with its path of keys and indices. */
function collections(doc: YDoc): Array<{ node: YNode; path: Path }> {
  const out: Array<{ node: YNode; path: Path }> = [];
  const walk = (n: unknown, path: Path): void => {
    if (isMap(n)) {
      out.push({ node: n as unknown as YNode, path });
      for (const p of n.items) if (isPair(p) && isScalar(p.key)) walk(p.value, [...path, String(p.key.value)]);
    } else if (isSeq(n)) {
      out.push({ node: n as unknown as YNode, path });
      n.items.forEach((it, i) => walk(it, [...path, i]));
    }
  };
  walk(doc.contents, []);
  return out;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function at(root: unknown, path: Path): unknown {
  let cur = root;
  for (const p of path) cur = (cur as Record<string | number, unknown>)[p];
  return cur;
}

function isObj(v: unknown): v is Record<string, Js> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** What `setKey` promises: a non-empty object merges into an existing map, anything else replaces. */
function setIn(map: Record<string, Js>, key: string, value: Js): void {
  const cur = map[key];
  if (isObj(value) && Object.keys(value).length > 0 && isObj(cur)) {
    for (const k of Object.keys(value)) setIn(cur, k, value[k]);
  } else map[key] = clone(value);
}

function commentLines(text: string): string[] {
  return text
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'))
    .sort();
}

interface Op {
  kind: 'setKey' | 'setPath' | 'addKey' | 'removeKey' | 'addItem' | 'removeItem' | 'replaceScalar';
  pick: number;
  key: string;
  key2: string;
  value: Js;
  index: number;
  dropEmpty: boolean;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('setKey' as const, 'setPath' as const, 'addKey' as const, 'removeKey' as const, 'addItem' as const, 'removeItem' as const, 'replaceScalar' as const),
  pick: fc.nat(),
  key: fc.constantFrom(...KEYS),
  key2: fc.constantFrom(...KEYS),
  value: valueArb,
  index: fc.nat(),
  dropEmpty: fc.boolean(),
});

/** Empty lists and maps as null, null-valued keys dropped (see the two-fix property). */
function empty(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? null : v.map(empty);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const e = empty(x);
      if (e !== null) out[k] = e;
    }
    return Object.keys(out).length === 0 ? null : out;
  }
  return v;
}

function docIndex(st: Style): number {
  return st.before ? 1 : 0;
}

function runOp(text: string, doc: YDoc, op: Op, expected: { root: Js; seqs?: string[] }): TextEdit[] | undefined | 'skip' {
  const cols = collections(doc);
  const maps = cols.filter((c) => isMap(c.node));
  const seqs = cols.filter((c) => isSeq(c.node));
  const root = expected.root;
  switch (op.kind) {
    case 'setKey':
    case 'setPath':
    case 'addKey':
    case 'removeKey': {
      const m = maps[op.pick % maps.length];
      const target = at(root, m.path) as Record<string, Js>;
      if (op.kind === 'setKey') {
        setIn(target, op.key, op.value);
        return setKey(text, doc, m.node, op.key, op.value);
      }
      if (op.kind === 'setPath') {
        setIn(target, op.key, { [op.key2]: op.value });
        return setPath(text, doc, m.node, [op.key, op.key2], op.value);
      }
      if (op.kind === 'addKey') {
        if (op.key in target) return 'skip';
        target[op.key] = clone(op.value);
        return addKey(text, doc, m.node, op.key, op.value);
      }
      const keys = Object.keys(target);
      if (!keys.length) return 'skip';
      const k = keys[op.index % keys.length];
      delete target[k];
      return removeKey(text, doc, m.node, k);
    }
    case 'addItem': {
      if (!seqs.length) return 'skip';
      const s = seqs[op.pick % seqs.length];
      expected.seqs?.push(JSON.stringify(s.path));
      (at(root, s.path) as Js[]).push(clone(op.value));
      return addItem(text, doc, s.node, op.value);
    }
    case 'removeItem': {
      if (!seqs.length) return 'skip';
      const s = seqs[op.pick % seqs.length];
      expected.seqs?.push(JSON.stringify(s.path));
      const arr = at(root, s.path) as Js[];
      if (!arr.length) return 'skip';
      const i = op.index % arr.length;
      if (arr.length === 1 && op.dropEmpty && s.path.length > 0 && typeof s.path[s.path.length - 1] === 'string') {
        delete (at(root, s.path.slice(0, -1)) as Record<string, Js>)[s.path[s.path.length - 1] as string];
      } else arr.splice(i, 1);
      return removeItem(text, doc, s.node, i, { removeKeyIfEmpty: op.dropEmpty });
    }
    case 'replaceScalar': {
      if (!isObj(op.value) && !Array.isArray(op.value)) {
        const m = maps[op.pick % maps.length];
        const target = at(root, m.path) as Record<string, Js>;
        const keys = Object.keys(target).filter((k) => target[k] === null || typeof target[k] !== 'object');
        if (!keys.length) return 'skip';
        const k = keys[op.index % keys.length];
        const pair = (m.node as unknown as { items: Array<{ key: { value: unknown }; value: unknown }> }).items.find((p) => String(p.key.value) === k);
        if (!pair || !isScalar(pair.value)) return 'skip';
        target[k] = op.value;
        return replaceScalar(text, doc, pair.value, op.value as string | number | boolean | null);
      }
      return 'skip';
    }
  }
  return 'skip';
}

describe('yaml edit toolkit: properties', () => {
  it('edits that do not decline parse, hold the promised value, keep comments and other documents', () => {
    let applied = 0;
    let declined = 0;
    fc.assert(
      fc.property(rootArb, styleArb, opArb, (value, st, op) => {
        const text = render(value, st);
        const s = parseYamlStream(text);
        fc.pre(s.parseErrors.length === 0);
        const di = docIndex(st);
        const doc = s.docs[di].doc;
        const original = doc.toJS() as Js;
        if (st.anchor === 0) fc.pre(JSON.stringify(original) === JSON.stringify(value)); // the renderer round-trips
        const expected = { root: clone(original) };
        const edits = runOp(text, doc, op, expected);
        if (edits === 'skip') return;
        if (edits === undefined) {
          declined++;
          return;
        }
        applied++;
        const out = applyEdits(text, edits);
        const t = parseYamlStream(out);
        assert.deepEqual(t.parseErrors, [], `parses after ${op.kind}:\n${text}\n=>\n${out}`);
        assert.equal(t.docs.length, s.docs.length, `same number of documents:\n${out}`);
        assert.deepEqual(t.docs[di].doc.toJS(), expected.root, `${op.kind} ${JSON.stringify(op)}:\n${text}\n=>\n${out}`);
        s.docs.forEach((d, i) => {
          if (i !== di) assert.deepEqual(t.docs[i].doc.toJS(), d.doc.toJS(), `document ${i} unchanged`);
        });
        const before = commentLines(text);
        const after = commentLines(out);
        for (const c of before) assert.ok(after.includes(c), `keeps comment ${c}:\n${text}\n=>\n${out}`);
        if (st.crlf) assert.ok(!/[^\r]\n/.test(out), `keeps CRLF:\n${JSON.stringify(out)}`);
      }),
      { numRuns: 600, seed: 20261129 },
    );
    console.log(`property runs: ${applied} edits applied, ${declined} declined`);
    assert.ok(applied > 100, `enough edits applied (${applied}, ${declined} declined)`);
  });
});

describe('yaml edit toolkit: two independent fixes in one fix-all pass', () => {
  it('when applyFixes takes both, the result holds both effects', () => {
    let both = 0;
    let deferred = 0;
    fc.assert(
      fc.property(rootArb, styleArb, opArb, opArb, (value, st, opA, opB) => {
        const text = render(value, st);
        const s = parseYamlStream(text);
        fc.pre(s.parseErrors.length === 0);
        const di = docIndex(st);
        const doc = s.docs[di].doc;
        const original = doc.toJS() as Js;
        const expected = { root: clone(original), seqs: [] as string[] };
        let a: TextEdit[] | undefined | 'skip';
        let b: TextEdit[] | undefined | 'skip';
        try {
          a = runOp(text, doc, opA, expected);
          b = runOp(text, doc, opB, expected);
        } catch {
          return; // B's path no longer exists in the expected value after A: not independent
        }
        if (a === 'skip' || b === 'skip' || !a || !b || !a.length || !b.length) return;
        // Item indices of a second operation on the same list refer to the original list: skip.
        if (new Set(expected.seqs).size < expected.seqs.length) return;
        const r = applyFixes(text, [
          { title: 'A', safe: false, edits: a },
          { title: 'B', safe: false, edits: b },
        ]);
        if (r.applied.length < 2) {
          deferred++;
          return;
        }
        both++;
        const t = parseYamlStream(r.text);
        assert.deepEqual(t.parseErrors, [], `parses after ${opA.kind} + ${opB.kind}:\n${text}\n=>\n${r.text}`);
        // Same-key writes by both are order-dependent; only check when the result is one of the two orders.
        const alt = { root: clone(original) };
        try {
          runOp(text, doc, opB, alt);
          runOp(text, doc, opA, alt);
        } catch {
          /* only the first order applies */
        }
        // Two removals that empty a block list or map between them leave `key:` (null) rather than
        // `[]`, `{}` or no key: the same thing to Kubernetes and Compose, so compare with empty
        // collections read as null and null-valued keys dropped.
        const norm = (v: unknown): string => JSON.stringify(empty(v));
        const got = norm(t.docs[di].doc.toJS());
        assert.ok(got === norm(expected.root) || got === norm(alt.root), `${JSON.stringify(opA)} + ${JSON.stringify(opB)}:\n${text}\n=>\n${r.text}\n${got}\n${JSON.stringify(expected.root)}`);
      }),
      { numRuns: 500, seed: 42 },
    );
    console.log(`two-fix runs: ${both} applied together, ${deferred} deferred to a later pass`);
  });
});
