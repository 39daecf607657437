// Minimal YAML text edits for fixes. Every operation reads the parsed document (nodes keep their
// source ranges) and returns the smallest `TextEdit[]` that makes the change, or `undefined` to
// DECLINE when the change cannot be made safely. The document is never re-serialised: comments,
// blank lines, quoting, anchors and line endings outside the edited spot stay byte for byte.
//
// API (all offsets are into `text`; `doc` is a `YDoc` from `parseYamlStream(text)`):
//   replaceScalar(text, doc, scalarNode, value)        change a scalar, keeping its quote style
//   setKey(text, doc, map, key, value)                  set `key` (replace / add / merge objects)
//   setPath(text, doc, map, ['a', 'b', 'c'], value)     same, creating missing maps on the way
//   addKey(text, doc, map, key, value)                  add a key that is not there yet
//   removeKey(text, doc, map, key)                      remove a key and its whole value
//   addItem(text, doc, seq, value)                      append an item to a block or flow sequence
//   removeItem(text, doc, seq, indexOrNode, { removeKeyIfEmpty })
//   parentPair(doc, node)                               the map entry whose value is `node`
//   normaliseEdits(text, edits)                         give edits made elsewhere the same shape
//
// Values are small JS values (string, number, boolean, null, arrays, plain objects), rendered as
// YAML source that matches the surroundings: block style under block maps (indentation and
// sequence indentation detected from the document), flow style inside flow collections, arrays
// of scalars in flow style (`drop: [ALL]`) unless `{ seqStyle: 'block' }` is given (or `'auto'`:
// whichever style the document's lists of scalars mostly use), and strings quoted only when they
// would otherwise read as something else.
//
// Setting an object merges it into an existing map key by key (deeply); anything else replaces
// the old value. A key inherited through a `<<` merge is overridden by adding an own key.
//
// Declines (undefined) when: the document has a parse error; the target lies inside an anchored
// node that an alias refers to (the edit would change every user of it), or is itself an alias;
// removing or replacing text would drop a comment or an anchor an alias uses; a key is
// duplicated; the insertion point follows a keep-chomped block scalar (`|+`); a block map has
// complex (`?`) keys or keys with properties. An empty list means "already so, nothing to do".
//
// Shape of the result: edits of one call never overlap, and an insertion is written as a
// replacement of the character just before the insertion point by itself plus the new text. So
// two separate fixes that insert at the same point (both creating `securityContext:` at the end
// of a container) overlap, and `applyFixes` applies one per pass instead of writing the key twice.
// To combine several calls into one fix, run them one after another on re-parsed text, or check
// that their edits do not overlap.
//
// Example: ensure `securityContext.capabilities.drop: [ALL]` on a container map.
//   const { docs } = parseYamlStream(text);
//   const doc = docs[0].doc;
//   const container = items(getPath(doc.contents, ['spec', 'containers'], doc), doc)[0];
//   const edits = setPath(text, doc, container, ['securityContext', 'capabilities', 'drop'], ['ALL']);
//   if (edits) fixes.push({ title: 'Drop all capabilities', safe: false, edits });
import { isAlias, isMap, isPair, isScalar, isSeq, parse as parseYaml, visit } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Span, TextEdit } from '../types';
import { commentTokens, resolveAlias, type YDoc } from './parse';

export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue };

export interface RenderOptions {
  /**
   * How to write a new array of scalars under a block map: `flow` (default) `[a, b]`, `block`
   * (`- a` lines), or `auto`: the style most lists of scalars in the document already use.
   */
  seqStyle?: 'flow' | 'block' | 'auto';
}

export interface RemoveItemOptions {
  /** When the sequence becomes empty, remove its whole key from the parent map (else leave `[]`). */
  removeKeyIfEmpty?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Context: what we learn once per document.

interface Ctx {
  text: string;
  doc: YDoc;
  eol: string;
  /** Indentation step of nested block maps. */
  step: number;
  /** Column of a block sequence relative to the key that owns it (0 = `key:\n- a`). */
  seqIndent: number;
  comments: Span[];
  /** Ranges of anchored nodes that some alias refers to. */
  shared: Span[];
  opts: RenderOptions;
}

const memo = new WeakMap<YDoc, Omit<Ctx, 'opts'>>();

function context(text: string, doc: YDoc, opts: RenderOptions = {}): Ctx | undefined {
  if (doc.errors.length > 0) return undefined;
  let c = memo.get(doc);
  if (!c || c.text !== text) {
    c = { text, doc, eol: detectEol(text), ...detectIndent(doc, text), comments: commentSpans(doc), shared: sharedRegions(doc) };
    memo.set(doc, c);
  }
  return { ...c, opts };
}

/** The line break the file uses (`\r\n` when its first line break is one). */
export function detectEol(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function detectIndent(doc: YDoc, text: string): { step: number; seqIndent: number } {
  let step: number | undefined;
  let seqIndent: number | undefined;
  visit(doc, {
    Pair(_k, pair, path) {
      const parent = path[path.length - 1] as Node | undefined;
      const pt = tokenOf(parent);
      const vt = tokenOf(pair.value as Node | null);
      if (!pt || pt.type !== 'block-map' || !vt) return;
      if (step === undefined && vt.type === 'block-map' && vt.indent > pt.indent && hasLineBreak(text, pt.offset, vt.offset)) step = vt.indent - pt.indent;
      if (seqIndent === undefined && vt.type === 'block-seq') seqIndent = vt.indent - pt.indent;
      if (step !== undefined && seqIndent !== undefined) return visit.BREAK;
      return undefined;
    },
  });
  const s = step && step > 0 && step <= 8 ? step : 2;
  return { step: s, seqIndent: seqIndent !== undefined && seqIndent >= 0 && seqIndent <= 8 ? seqIndent : s };
}

/** True when a line break lies in [from, to) (cost: the distance, never the offset). */
function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to && i < text.length; i++) if (text[i] === '\n' || text[i] === '\r') return true;
  return false;
}

interface Tok {
  type: string;
  offset: number;
  indent: number;
  source?: string;
  items?: Array<{ start: Tok[]; key?: Tok | null; sep?: Tok[]; value?: Tok | null }>;
  props?: Tok[];
  start?: Tok | Tok[];
  end?: Tok[];
  header?: unknown;
}

function tokenOf(node: unknown): Tok | undefined {
  return (node as { srcToken?: Tok } | null | undefined)?.srcToken;
}

/**
 * Comments inside the document's content, read from the source tokens the composer kept on the
 * root node (no second parse: a 2 MB manifest would pay for it once per object). Comments before
 * the first or after the last content token lie outside every range we edit.
 */
function commentSpans(doc: YDoc): Span[] {
  const root = tokenOf(doc.contents);
  return root ? commentTokens([root]).map((c) => ({ start: c.offset, end: c.offset + c.source.length })) : [];
}

const seqStyleMemo = new WeakMap<YDoc, 'flow' | 'block'>();

/** The style most lists of scalars in the document use (`flow` when there are none). */
function scalarSeqStyle(doc: YDoc): 'flow' | 'block' {
  const known = seqStyleMemo.get(doc);
  if (known) return known;
  let flow = 0;
  let block = 0;
  visit(doc, {
    Seq(_k, seq) {
      if (seq.items.length === 0 || !seq.items.every((i) => isScalar(i))) return;
      if (seq.flow) flow++;
      else block++;
    },
  });
  const style = block > flow ? 'block' : 'flow';
  seqStyleMemo.set(doc, style);
  return style;
}

function sharedRegions(doc: YDoc): Span[] {
  const out: Span[] = [];
  visit(doc, {
    Alias(_k, alias) {
      try {
        const target = resolveAlias(alias, doc) as Node | undefined;
        const r = target?.range;
        if (r) out.push({ start: r[0], end: Math.max(r[1], r[0] + 1) });
      } catch {
        /* unresolved alias: nothing shared */
      }
    },
  });
  return out;
}

/** True when editing inside `node` would also change what an alias elsewhere reads (it lies inside an aliased node). */
function isShared(c: Ctx, node: Node): boolean {
  if (isAlias(node)) return true;
  const r = node.range;
  if (!r) return true;
  return c.shared.some((x) => x.start <= r[0] && r[0] < x.end);
}

/** True when removing or replacing [start, end) would drop a comment, or an anchor that an alias uses. */
function loses(c: Ctx, start: number, end: number): boolean {
  return c.comments.some((x) => x.start < end && start < x.end) || c.shared.some((x) => start <= x.start && x.start < end);
}

// ---------------------------------------------------------------------------------------------
// Text helpers.

function lineStart(text: string, off: number): number {
  let i = off;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEnd(text: string, off: number): number {
  let i = off;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset just after the line break that ends the line containing `off` (or text.length). */
function nextLineStart(text: string, off: number): number {
  const e = lineEnd(text, off);
  if (text[e] === '\r' && text[e + 1] === '\n') return e + 2;
  return e < text.length ? e + 1 : e;
}

/** Back over white space and line breaks from `end` (exclusive) to just after the last content character. */
function trimBack(text: string, end: number, floor = 0): number {
  let i = end;
  while (i > floor && /[ \t\r\n]/.test(text[i - 1])) i--;
  return i;
}

const pad = (n: number): string => ' '.repeat(Math.max(0, n));

/** Start of a node including its properties (`&anchor`, `!tag`), which precede its range. */
function propsStart(text: string, node: Node): number {
  let s = node.range![0];
  for (;;) {
    let i = s;
    while (i > 0 && /[ \t\r\n]/.test(text[i - 1])) i--;
    let j = i;
    while (j > 0 && !/[ \t\r\n,[\]{}]/.test(text[j - 1])) j--;
    if (j < i && (text[j] === '&' || text[j] === '!')) s = j;
    else return s;
  }
}

/** End of a node's own content (after its last non-blank character, comments excluded). */
function contentEnd(c: Ctx, node: Node): number {
  const r = node.range!;
  return trimBack(c.text, r[1], r[0]);
}

/** End of the content of a pair: its value's, or its key's (and `:`) when the value is empty. */
function pairEnd(c: Ctx, pair: Pair): number {
  const k = pair.key as Node | null;
  const v = pair.value as Node | null;
  let end = k?.range ? contentEnd(c, k) : 0;
  const colon = colonOf(pair);
  if (colon !== undefined) end = Math.max(end, colon + 1);
  if (v?.range && v.range[1] > v.range[0]) end = Math.max(end, contentEnd(c, v));
  return end;
}

/** Offset of the `:` of a pair, from its source tokens. */
function colonOf(pair: Pair): number | undefined {
  const st = (pair as unknown as { srcToken?: { sep?: Tok[] } }).srcToken;
  const t = st?.sep?.find((s) => s.type === 'map-value-ind');
  return t?.offset;
}

/** True when a block scalar with keep chomping (`|+`, `>+`) ends at or inside [start, end]. */
function keepChompingBefore(c: Ctx, node: Node | null | undefined): boolean {
  let found = false;
  const check = (n: unknown): void => {
    if (isScalar(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED')) {
      const src = c.text.slice(n.range![0], lineEnd(c.text, n.range![0]));
      if (/^[|>][0-9]?\+|^[|>]\+/.test(src)) found = true;
    }
  };
  check(node);
  if (node && (isMap(node) || isSeq(node))) visit(node as never, { Scalar: (_k, s) => check(s) });
  return found;
}

// ---------------------------------------------------------------------------------------------
// Rendering values.

const PLAIN_SAFE = /^[A-Za-z0-9_./][A-Za-z0-9_./@+=~-]*( [A-Za-z0-9_./@+=~-]+)*$/;

/** Answers of isPlainSafe (a pure function of the string; the same few keys and values recur). */
const plainSafeCache = new Map<string, boolean>();

function isPlainSafe(s: string): boolean {
  if (!PLAIN_SAFE.test(s)) return false;
  const known = plainSafeCache.get(s);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    ok = parseYaml(s) === s && parseYaml(s, { version: '1.1' }) === s;
  } catch {
    ok = false;
  }
  if (plainSafeCache.size > 2000) plainSafeCache.clear();
  plainSafeCache.set(s, ok);
  return ok;
}

/** A scalar as YAML source: plain when it reads back as the same value, else double-quoted. */
export function renderScalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  return isPlainSafe(v) ? v : JSON.stringify(v);
}

function isObject(v: YamlValue): v is { readonly [key: string]: YamlValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isScalarValue(v: YamlValue): v is string | number | boolean | null {
  return v === null || typeof v !== 'object';
}

/** A value in flow style: `x`, `[a, b]`, `{k: v}`. */
export function renderFlow(v: YamlValue): string {
  if (isScalarValue(v)) return renderScalar(v);
  if (Array.isArray(v)) return `[${v.map(renderFlow).join(', ')}]`;
  const o = v as { readonly [key: string]: YamlValue };
  return `{${Object.keys(o).map((k) => `${renderScalar(k)}: ${renderFlow(o[k])}`).join(', ')}}`;
}

/** True when a value is written on the key's own line (`key: value`) in block context. */
function inline(c: Ctx, v: YamlValue): boolean {
  if (isScalarValue(v)) return true;
  if (Array.isArray(v)) {
    const style = c.opts.seqStyle === 'auto' ? scalarSeqStyle(c.doc) : c.opts.seqStyle ?? 'flow';
    return v.length === 0 || (style === 'flow' && v.every(isScalarValue));
  }
  return Object.keys(v).length === 0;
}

/** Lines (without line breaks) of `key: value` at column `col`. */
function blockEntry(c: Ctx, key: string, v: YamlValue, col: number): string[] {
  const head = `${pad(col)}${renderScalar(key)}:`;
  if (inline(c, v)) return [`${head} ${renderFlow(v)}`];
  return [head, ...blockBody(c, v, col)];
}

/** Lines of a collection value that goes under a key at column `col`. */
function blockBody(c: Ctx, v: YamlValue, col: number): string[] {
  if (Array.isArray(v)) return v.flatMap((item) => blockItem(c, item, col + c.seqIndent));
  const o = v as { readonly [key: string]: YamlValue };
  return Object.keys(o).flatMap((k) => blockEntry(c, k, o[k], col + c.step));
}

/** Lines of `- item` with the dash at column `col`. */
function blockItem(c: Ctx, v: YamlValue, col: number, gap = 2): string[] {
  if (isObject(v) && Object.keys(v).length > 0) {
    const lines = Object.keys(v).flatMap((k) => blockEntry(c, k, v[k], col + gap));
    lines[0] = `${pad(col)}-${pad(gap - 1)}${lines[0].slice(col + gap)}`;
    return lines;
  }
  return [`${pad(col)}- ${renderFlow(v)}`];
}

// ---------------------------------------------------------------------------------------------
// Finding things.

/** The map entry (and its map) whose value is `node`, searched in the whole document. */
export function parentPair(doc: YDoc, node: Node): { map: YAMLMap; pair: Pair } | undefined {
  return safely(() => {
    let out: { map: YAMLMap; pair: Pair } | undefined;
    visit(doc, {
      Pair(_k, pair, path) {
        if (pair.value === node) {
          out = { map: path[path.length - 1] as YAMLMap, pair };
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return out;
  });
}

function ownPairs(map: YAMLMap, key: string): Pair[] {
  return map.items.filter((p) => isPair(p) && isScalar(p.key) && String((p.key as Scalar).value) === key) as Pair[];
}

function isMergePair(p: Pair): boolean {
  return isScalar(p.key) && (p.key.value === '<<' || (p.key as Scalar & { source?: string }).source === '<<');
}

/** The value of `key` inherited through `<<` merges (undefined when none). */
function mergedValue(doc: YDoc, map: YAMLMap, key: string, depth = 0): { found: boolean; value: unknown } {
  if (depth > 10) return { found: false, value: undefined };
  for (const p of map.items) {
    if (!isPair(p) || !isMergePair(p as Pair)) continue;
    let src: unknown = p.value;
    if (isAlias(src)) src = resolveAlias(src, doc);
    const list = isSeq(src) ? src.items.map((s) => (isAlias(s) ? resolveAlias(s, doc) : s)) : [src];
    for (const m of list) {
      if (!isMap(m)) continue;
      const own = ownPairs(m, key);
      if (own.length) return { found: true, value: isAlias(own[0].value) ? resolveAlias(own[0].value, doc) : own[0].value };
      const deeper = mergedValue(doc, m, key, depth + 1);
      if (deeper.found) return deeper;
    }
  }
  return { found: false, value: undefined };
}

function blockMapOk(c: Ctx, map: YAMLMap): boolean {
  const t = tokenOf(map);
  if (!t || t.type !== 'block-map' || !map.range) return false;
  // Keys must be plain scalars without properties or `?` indicators: otherwise our columns lie.
  for (const it of t.items ?? []) {
    if (!it.key && !it.value && !it.sep) continue; // trailing comments of the map
    if (it.start.some((s) => s.type === 'explicit-key-ind' || s.type === 'anchor' || s.type === 'tag')) return false;
    if (!it.key || it.key.type === 'block-map' || it.key.type === 'block-seq') return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Finishing edits: merge what lands on one point, and make every insertion claim the character
// before it. Two fixes that insert at the same point (say, both create `securityContext:` at the
// end of a container) then overlap, so fix-all applies one per pass and the next pass merges into
// what the first created, instead of writing the key twice or interleaving nested lines.

/**
 * Put edits computed elsewhere (for example a line diff) in the shape the toolkit returns: parts
 * that land on one point merged, whole lines inserted at a line start moved to the end of the line
 * before, and every insertion claiming the character before it. Fixes built this way overlap with
 * toolkit fixes that insert at the same place, so fix-all never applies both in one pass.
 * Returns undefined when parts overlap.
 */
export function normaliseEdits(text: string, edits: readonly TextEdit[]): TextEdit[] | undefined {
  return finish(
    text,
    edits.map((e) => {
      if (e.start !== e.end || e.start === 0 || text[e.start - 1] !== '\n') return { ...e };
      const eol = e.start >= 2 && text[e.start - 2] === '\r' ? '\r\n' : '\n';
      if (!e.newText.endsWith(eol)) return { ...e };
      const at = e.start - eol.length;
      return { start: at, end: at, newText: eol + e.newText.slice(0, -eol.length) };
    }),
  );
}

function finish(text: string, edits: readonly TextEdit[] | undefined): TextEdit[] | undefined {
  if (!edits) return undefined;
  const sorted = edits.map((e, i) => ({ e: { ...e }, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i).map((x) => x.e);
  const merged: TextEdit[] = [];
  for (const e of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && e.start === e.end && prev.end === e.start) prev.newText += e.newText;
    else if (prev && e.start < prev.end) return undefined; // overlapping parts: refuse rather than corrupt
    else merged.push(e);
  }
  const out: TextEdit[] = [];
  for (const e of merged) {
    if (e.start !== e.end || e.newText === '') {
      out.push(e);
      continue;
    }
    const prev = out[out.length - 1];
    let from = e.start > 0 ? e.start - 1 : 0;
    if (from > 0 && /[\uDC00-\uDFFF]/.test(text[from])) from--;
    if (prev && from < prev.end) {
      out.push(e); // the character before belongs to another part of this same edit
      continue;
    }
    if (e.start === 0) {
      if (text.length === 0) out.push(e);
      else out.push({ start: 0, end: 1, newText: e.newText + text[0] });
      continue;
    }
    out.push({ start: from, end: e.start, newText: text.slice(from, e.start) + e.newText });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Operations.

/** Run an operation; anything unexpected (say, a stack overflow on absurd nesting) declines it. */
function safely<T>(op: () => T | undefined): T | undefined {
  try {
    return op();
  } catch {
    return undefined;
  }
}

/** Replace a scalar's value, keeping its quoting style when the new value allows it. */
export function replaceScalar(text: string, doc: YDoc, node: unknown, value: string | number | boolean | null, opts?: RenderOptions): TextEdit[] | undefined {
  return safely(() => {
    const c = context(text, doc, opts);
    return c && finish(text, scalarEdit(c, node, value));
  });
}

function scalarEdit(c: Ctx, node: unknown, value: string | number | boolean | null): TextEdit[] | undefined {
  const { text } = c;
  if (!isScalar(node) || !node.range || isShared(c, node)) return undefined;
  const n = node as Scalar;
  if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') return undefined;
  const [start, end] = n.range!;
  let out: string;
  if (typeof value === 'string' && n.type === 'QUOTE_DOUBLE') out = JSON.stringify(value);
  else if (typeof value === 'string' && n.type === 'QUOTE_SINGLE' && !/[\n\r\t\\]/.test(value) && !/[\x00-\x1f\x7f]/.test(value)) out = `'${value.replace(/'/g, "''")}'`;
  else out = renderScalar(value);
  if (text.slice(start, end) === out) return [];
  if (start === end && start > 0 && !/[ \t]/.test(text[start - 1])) out = ` ${out}`;
  if (loses(c, start, end)) return undefined;
  return [{ start, end, newText: out }];
}

/** Add `key: value` to a map that does not have the key. */
export function addKey(text: string, doc: YDoc, map: unknown, key: string, value: YamlValue, opts?: RenderOptions): TextEdit[] | undefined {
  return safely(() => {
    const c = context(text, doc, opts);
    if (!c || !isMap(map) || isShared(c, map as Node)) return undefined;
    if (ownPairs(map as YAMLMap, key).length) return undefined;
    return finish(text, insertPairs(c, map as YAMLMap, [[key, value]]));
  });
}

function insertPairs(c: Ctx, map: YAMLMap, pairs: Array<[string, YamlValue]>): TextEdit[] | undefined {
  if (pairs.length === 0) return [];
  const { text } = c;
  if (map.flow) {
    const t = tokenOf(map);
    if (!t || t.type !== 'flow-collection' || !map.range) return undefined;
    const body = pairs.map(([k, v]) => `${renderScalar(k)}: ${renderFlow(v)}`).join(', ');
    const last = map.items[map.items.length - 1] as Pair | undefined;
    if (!last) {
      const open = map.range[0];
      if (text[open] !== '{') return undefined;
      return [{ start: open + 1, end: open + 1, newText: body }];
    }
    if (!isPair(last)) return undefined;
    const at = pairEnd(c, last);
    return [{ start: at, end: at, newText: `, ${body}` }];
  }
  if (!blockMapOk(c, map)) return undefined;
  const last = map.items[map.items.length - 1] as Pair | undefined;
  if (!last || !isPair(last)) return undefined;
  if (keepChompingBefore(c, last.value as Node | null)) return undefined;
  const col = tokenOf(map)!.indent;
  const at = lineEnd(text, pairEnd(c, last));
  const lines = pairs.flatMap(([k, v]) => blockEntry(c, k, v, col));
  return [{ start: at, end: at, newText: c.eol + lines.join(c.eol) }];
}

/**
 * Set `key` to `value` in `map`: replace a scalar, merge an object into an existing map (deeply),
 * fill an empty (`key:` / `~` / `null`) value, replace any other value, or add the key.
 */
export function setKey(text: string, doc: YDoc, map: unknown, key: string, value: YamlValue, opts?: RenderOptions): TextEdit[] | undefined {
  return safely(() => {
    const c = context(text, doc, opts);
    if (!c) return undefined;
    return finish(text, setKeys(c, map, [[key, value]]));
  });
}

/** Set a value at a path of keys under `map`, creating the maps that are missing. */
export function setPath(text: string, doc: YDoc, map: unknown, path: readonly string[], value: YamlValue, opts?: RenderOptions): TextEdit[] | undefined {
  if (path.length === 0) return undefined;
  let v: YamlValue = value;
  for (let i = path.length - 1; i >= 1; i--) v = { [path[i]]: v };
  return setKey(text, doc, map, path[0], v, opts);
}

function setKeys(c: Ctx, map: unknown, pairs: Array<[string, YamlValue]>): TextEdit[] | undefined {
  if (!isMap(map) || isShared(c, map as Node)) return undefined;
  const m = map as YAMLMap;
  const edits: TextEdit[] = [];
  const missing: Array<[string, YamlValue]> = [];
  for (const [key, value] of pairs) {
    const own = ownPairs(m, key);
    if (own.length > 1) return undefined;
    if (own.length === 0) {
      const inherited = mergedValue(c.doc, m, key);
      // Overriding an inherited map with a partial object would drop the other inherited keys.
      if (inherited.found && isObject(value) && !(isScalar(inherited.value) && inherited.value.value === null)) return undefined;
      missing.push([key, value]);
      continue;
    }
    const e = setPairValue(c, m, own[0], value);
    if (!e) return undefined;
    edits.push(...e);
  }
  const ins = insertPairs(c, m, missing);
  if (!ins) return undefined;
  // Deeper insertions come first: at the same offset they must land before the outer ones.
  return [...edits, ...ins];
}

function setPairValue(c: Ctx, map: YAMLMap, pair: Pair, value: YamlValue): TextEdit[] | undefined {
  const cur = pair.value as Node | null;
  if (cur && isAlias(cur)) return undefined;
  if (cur && isShared(c, cur)) return undefined;
  const isNull = !cur || (isScalar(cur) && cur.value === null && !cur.tag);
  if (isObject(value) && cur && isMap(cur) && Object.keys(value).length > 0) {
    return setKeys(c, cur, Object.keys(value).map((k) => [k, value[k]] as [string, YamlValue]));
  }
  if (isScalarValue(value) && cur && isScalar(cur) && !isNull) return replaceScalarIn(c, cur as Scalar, value);
  return replaceValue(c, map, pair, value, isNull);
}

function replaceScalarIn(c: Ctx, node: Scalar, value: string | number | boolean | null): TextEdit[] | undefined {
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return undefined;
  return scalarEdit(c, node, value);
}

/** Replace the whole value of a pair (everything after its `:`) with a rendering of `value`. */
function replaceValue(c: Ctx, map: YAMLMap, pair: Pair, value: YamlValue, wasNull: boolean): TextEdit[] | undefined {
  const { text } = c;
  const colon = colonOf(pair);
  if (colon === undefined) return undefined;
  const cur = pair.value as Node | null;
  const from = colon + 1;
  const to = cur?.range && cur.range[1] > cur.range[0] ? contentEnd(c, cur) : from;
  if (loses(c, from, to)) return undefined;
  if (cur && (cur as { anchor?: string }).anchor) return undefined;
  if (cur && !wasNull && (cur as { tag?: string }).tag) return undefined;
  if (keepChompingBefore(c, cur)) return undefined;
  if (map.flow || !blockMapOk(c, map)) {
    if (!map.flow) return undefined;
    return [{ start: from, end: to, newText: ` ${renderFlow(value)}` }];
  }
  const col = tokenOf(map)!.indent;
  if (inline(c, value)) return [{ start: from, end: to, newText: ` ${renderFlow(value)}` }];
  const body = blockBody(c, value, col);
  const edits: TextEdit[] = [];
  if (to > from) edits.push({ start: from, end: to, newText: '' });
  const at = lineEnd(text, to);
  edits.push({ start: at, end: at, newText: c.eol + body.join(c.eol) });
  return edits;
}

/** Remove `key` (with its whole value) from a block or flow map. */
export function removeKey(text: string, doc: YDoc, map: unknown, key: string): TextEdit[] | undefined {
  return safely(() => {
    const c = context(text, doc);
    if (!c || !isMap(map) || isShared(c, map as Node)) return undefined;
    const m = map as YAMLMap;
    const own = ownPairs(m, key);
    if (own.length !== 1) return undefined;
    return finish(text, removePair(c, m, own[0]));
  });
}

function removePair(c: Ctx, m: YAMLMap, pair: Pair): TextEdit[] | undefined {
  const { text } = c;
  const idx = m.items.indexOf(pair);
  const keyNode = pair.key as Node | null;
  if (!keyNode?.range) return undefined;
  const kStart = m.flow ? propsStart(text, keyNode) : keyNode.range[0];
  const end = pairEnd(c, pair);
  let edit: TextEdit;
  if (m.flow) {
    if (m.items.length === 1) edit = { start: kStart, end, newText: '' };
    else if (idx < m.items.length - 1) {
      const next = (m.items[idx + 1] as Pair).key as Node | null;
      if (!next?.range) return undefined;
      edit = { start: kStart, end: propsStart(text, next), newText: '' };
    } else {
      const prev = m.items[idx - 1] as Pair;
      edit = { start: pairEnd(c, prev), end, newText: '' };
    }
  } else {
    if (!blockMapOk(c, m)) return undefined;
    if (keepChompingBefore(c, pair.value as Node | null)) return undefined;
    const ls = lineStart(text, kStart);
    const ownLine = /^[ \t]*$/.test(text.slice(ls, kStart));
    if (m.items.length === 1) {
      const parent = parentPair(c.doc, m);
      const colon = parent ? colonOf(parent.pair) : undefined;
      if (parent && colon !== undefined && !parent.map.flow) edit = { start: colon + 1, end, newText: ' {}' };
      else edit = { start: kStart, end, newText: '{}' };
    } else if (!ownLine) {
      // `- key: v` as the first entry of a sequence item: the next key moves up after the dash.
      if (idx !== 0) return undefined;
      const next = (m.items[1] as Pair).key as Node | null;
      if (!next?.range) return undefined;
      edit = { start: kStart, end: next.range[0], newText: '' };
    } else {
      edit = { start: ls, end: nextLineStart(text, end), newText: '' };
    }
  }
  if (loses(c, edit.start, edit.end)) return undefined;
  if (!m.flow && m.items.length === 1) {
    // The map turns into `{}`: reach to the end of the line (rewriting its tail as is) so that a
    // fix inserting after this line overlaps and waits for the next pass.
    const le = lineEnd(text, edit.end);
    edit = { start: edit.start, end: le, newText: edit.newText + text.slice(edit.end, le) };
  }
  return [edit];
}

/** Append an item to a block or flow sequence. */
export function addItem(text: string, doc: YDoc, seq: unknown, value: YamlValue, opts?: RenderOptions): TextEdit[] | undefined {
  return safely(() => {
    const c = context(text, doc, opts);
    return c && finish(text, itemInsert(c, seq, value));
  });
}

function itemInsert(c: Ctx, seq: unknown, value: YamlValue): TextEdit[] | undefined {
  const { text } = c;
  if (!isSeq(seq) || isShared(c, seq as Node)) return undefined;
  const s = seq as YAMLSeq;
  const t = tokenOf(s);
  if (!t || !s.range) return undefined;
  const last = s.items[s.items.length - 1] as Node | undefined;
  if (s.flow) {
    if (t.type !== 'flow-collection') return undefined;
    if (!last) {
      const open = s.range[0];
      if (text[open] !== '[') return undefined;
      return [{ start: open + 1, end: open + 1, newText: renderFlow(value) }];
    }
    if (isPair(last) || !last.range) return undefined;
    const at = contentEnd(c, last);
    return [{ start: at, end: at, newText: `, ${renderFlow(value)}` }];
  }
  if (t.type !== 'block-seq' || !last || isPair(last) || !last.range) return undefined;
  if (keepChompingBefore(c, last)) return undefined;
  const at = lineEnd(text, Math.max(contentEnd(c, last), (dashOf(s, s.items.length - 1) ?? 0) + 1));
  // Items that are maps keep the existing distance between the dash and their keys (`-   name:`).
  const firstMap = s.items.find((i) => tokenOf(i)?.type === 'block-map');
  const gap = firstMap ? tokenOf(firstMap)!.indent - t.indent : 2;
  const lines = blockItem(c, value, t.indent, gap > 0 && gap <= 8 ? gap : 2);
  return [{ start: at, end: at, newText: c.eol + lines.join(c.eol) }];
}

function dashOf(seq: YAMLSeq, i: number): number | undefined {
  const it = tokenOf(seq)?.items?.[i];
  return it?.start.find((s) => s.type === 'seq-item-ind')?.offset;
}

/** Remove one item (by index or node) from a block or flow sequence. */
export function removeItem(text: string, doc: YDoc, seq: unknown, item: number | unknown, opts: RemoveItemOptions = {}): TextEdit[] | undefined {
  return safely(() => {
    const c = context(text, doc);
    return c && finish(text, itemRemove(c, seq, item, opts));
  });
}

function itemRemove(c: Ctx, seq: unknown, item: number | unknown, opts: RemoveItemOptions): TextEdit[] | undefined {
  const { text, doc } = c;
  if (!isSeq(seq) || isShared(c, seq as Node)) return undefined;
  const s = seq as YAMLSeq;
  const idx = typeof item === 'number' ? item : s.items.indexOf(item);
  if (idx < 0 || idx >= s.items.length) return undefined;
  const node = s.items[idx] as Node;
  if (!node || isPair(node) || !node.range) return undefined;
  if ((node as { anchor?: string }).anchor) return undefined;
  if (s.items.length === 1) {
    const parent = parentPair(doc, s);
    if (!parent) return undefined;
    if (opts.removeKeyIfEmpty) {
      if (isShared(c, parent.map as Node)) return undefined;
      return removePair(c, parent.map, parent.pair);
    }
    const colon = colonOf(parent.pair);
    if (colon === undefined) return undefined;
    const end = contentEnd(c, s);
    if (loses(c, colon + 1, end)) return undefined;
    return [{ start: colon + 1, end, newText: ' []' }];
  }
  let edit: TextEdit;
  if (s.flow) {
    if (idx < s.items.length - 1) {
      const next = s.items[idx + 1] as Node;
      if (!next?.range || isPair(next)) return undefined;
      edit = { start: propsStart(text, node), end: propsStart(text, next), newText: '' };
    } else {
      const prev = s.items[idx - 1] as Node;
      if (!prev?.range) return undefined;
      edit = { start: contentEnd(c, prev), end: contentEnd(c, node), newText: '' };
    }
  } else {
    const dash = dashOf(s, idx);
    if (dash === undefined) return undefined;
    const ls = lineStart(text, dash);
    if (!/^[ \t]*$/.test(text.slice(ls, dash))) return undefined;
    if (keepChompingBefore(c, node)) return undefined;
    const end = Math.max(dash + 1, contentEnd(c, node));
    edit = { start: ls, end: nextLineStart(text, end), newText: '' };
  }
  if (loses(c, edit.start, edit.end)) return undefined;
  return [edit];
}
