// Re-parsing one block of a big YAML document after an edit, instead of the whole document.
//
// A `BlockIndex` lists, from a real parse of an error-free document (no anchor or alias, no `%`
// directive, no `{{`, no carriage return outside CRLF), every block collection item that starts its
// line: a block-map pair whose key is a scalar written first on its line (its `:` on that line), or
// a block-sequence item whose `-` is first on its line. For each: where its line starts, where it
// ends (the line start of the next item that is not inside it, or the text end), its column k and
// its enclosing item.
//
// `editBlock` takes an edit (one changed region between the old and the new text) and looks for
// the innermost indexed item E whose first line ends before the region and whose last line break
// comes after it (so E's first line and the line where E ends are unchanged), such that every
// non-blank line of the new E after its first line is indented deeper than k (comment lines
// included) and holds no tab, and the edit adds no control character, tab, lone carriage return or
// `{{`. Then the whole new text parses as the old one with E replaced:
//
// - Before E the text is unchanged, and in the old parse every token before E ended before E's
//   first line (an indexed line starts a token). The lexer reads past a token only to the start of
//   the next line (continuations) except for a quoted scalar, whose search for the closing quote
//   stopped at the same place before, as the text up to E's first line is the same. So the text
//   before E is lexed, parsed and composed as before (no error there).
// - On E's first line the `:` or `-` indicator sets the indentation a continuation needs to k+1,
//   whatever the lexer state before (flow level is 0 at a block item; block scalar headers reset
//   their own state). So E's lines are lexed alike in the document and alone, and since they are
//   all indented deeper than k, no indentation drop closes E early, no document marker can appear
//   and neither parse can attach them to anything but E's item.
// - The line where E ends is unchanged and indented k or less, so every multi-line token of E ends
//   before it, unless a quoted scalar is left open: alone, it then runs to the end of E's text and
//   gives an error. From that line on, its own indicator resets the lexer, the parser pops back to
//   E's parent collection in both parses, and the rest parses as before, shifted.
//
// Cases this covers: block scalars, multi-line plain and quoted scalars and flow collections all
// need continuation lines indented more than k, so they cannot leave E nor reach into it; a
// duplicate key typed in E is a key of E's value (E's own key line is unchanged), and duplicates
// are no error in our parse; a comment at column 0 (or any line at k or less) inside E refuses the
// block path (inside a quoted scalar it would be text); CRLF line breaks count as one break and
// an edit may not leave a carriage return outside CRLF; an indexed line is never inside a scalar,
// since the index comes from a real parse (after a block edit, E's part of it from E's own parse,
// which is the document's by the argument above).
//
// So when E's new text parsed alone gives one root item, no error and no warning (no anchor, no
// alias, shallow enough), the new document is the old one with E's subtree replaced: the comments
// are the old ones outside E (shifted) and E's; the index is spliced the same way. When E's text
// alone is broken, the document has an error somewhere in E, and the analysis needs the first one
// exactly: see `brokenBlock`. In every other case the caller parses the whole text.
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer } from 'yaml';
import type { Comment } from '../types';
import { MAX_NESTING, parseYamlStream, type ParseError, type YamlStream } from './parse';

export interface BlockIndex {
  /** Number of items. Items are in text order; an item's descendants follow it. */
  n: number;
  /** Offset of the item's line start. */
  start: Int32Array;
  /** Offset where the item ends: the line start of the next item not inside it, or the text end. */
  end: Int32Array;
  /** Column of the item's key or `-`. */
  indent: Int32Array;
  /** Index of the nearest enclosing item, -1 for none. */
  parent: Int32Array;
  /** Nesting depth (maps and lists) of the collection holding the item; the root collection is 0. */
  depth: Int32Array;
  /** 1 when an edit inside the item may take the fast path (decided per top-level key by the caller). */
  open: Uint8Array;
  /** 1 for a block-sequence item, 0 for a block-map pair. */
  seq: Uint8Array;
}

interface Tok {
  type?: string;
  offset?: number;
  indent?: number;
  source?: string;
  items?: Array<{ start?: Tok[]; key?: Tok | null; sep?: Tok[]; value?: Tok; explicitKey?: boolean }>;
}

/** Deepest collection indexed (deeper items are not indexed; an edit there uses a shallower item). */
const INDEX_DEPTH = 200;

function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

const SCALAR_TYPES = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar']);
const SKIP_TYPES = new Set(['space', 'newline', 'comment']);

/**
 * Text-level reasons never to take the fast path in this text: `%` directives, `{{`, a carriage
 * return outside CRLF.
 */
function refusedText(text: string): boolean {
  if (text.charCodeAt(0) === 37 /* % */ || text.includes('{{')) return true;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
}

/** True when the document (AST) holds an anchor or an alias anywhere. */
function hasAnchorOrAlias(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isAlias(n)) return true;
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    if ((isScalar(n) || isMap(n) || isSeq(n)) && n.anchor) return true;
    if (isMap(n) || isSeq(n)) for (const it of n.items) stack.push(it);
  }
  return false;
}

/** Depth of the deepest map or list (the root collection is 0; -1 for a scalar or nothing). */
function maxDepth(root: unknown): number {
  let deepest = -1;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (!isMap(n) && !isSeq(n)) continue;
    if (d > deepest) deepest = d;
    for (const it of n.items as unknown[]) {
      if (isPair(it)) stack.push([it.key, d + 1], [it.value, d + 1]);
      else stack.push([it, d + 1]);
    }
  }
  return deepest;
}

interface Built {
  start: number[];
  end: number[];
  indent: number[];
  parent: number[];
  depth: number[];
  open: number[];
  seq: number[];
}

/** The first token of a collection item (props, `?`, `-`, or the key), with its offset. */
function firstToken(item: { start?: Tok[]; key?: Tok | null; value?: Tok }): Tok | undefined {
  for (const t of item.start ?? []) if (!SKIP_TYPES.has(t.type ?? '')) return t;
  return item.key ?? item.value ?? undefined;
}

function walk(text: string, coll: Tok, parent: number, end: number, depth: number, openTop: ((key: string) => boolean) | boolean, out: Built): void {
  if (depth > INDEX_DEPTH) return;
  const isSeqColl = coll.type === 'block-seq';
  const items = coll.items ?? [];
  const starts = items.map((it) => {
    const t = firstToken(it);
    return t && typeof t.offset === 'number' ? lineStartOf(text, t.offset) : -1;
  });
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const first = firstToken(it);
    if (!first || typeof first.offset !== 'number') continue;
    let itemEnd = end;
    for (let j = i + 1; j < items.length; j++)
      if (starts[j] >= 0) {
        itemEnd = starts[j];
        break;
      }
    const ls = starts[i];
    let indexed = -1;
    let open = typeof openTop === 'boolean' ? openTop : false;
    const lineFirst = onlySpaces(text, ls, first.offset);
    if (isSeqColl ? first.type === 'seq-item-ind' && lineFirst : !it.explicitKey && it.key && first === it.key && SCALAR_TYPES.has(it.key.type ?? '') && lineFirst && sameLineColon(text, it)) {
      if (typeof openTop === 'function') open = !isSeqColl && it.key?.type === 'scalar' && openTop(it.key.source ?? '');
      indexed = out.start.length;
      out.start.push(ls);
      out.end.push(itemEnd);
      out.indent.push(first.offset - ls);
      out.parent.push(parent);
      out.depth.push(depth);
      out.open.push(open ? 1 : 0);
      out.seq.push(isSeqColl ? 1 : 0);
    } else if (typeof openTop === 'function' || lineFirst) open = false; // a line-first item the chain misses (props, `?`): its lines are not all on indexed lines
    const v = it.value;
    if (v && (v.type === 'block-map' || v.type === 'block-seq')) walk(text, v, indexed >= 0 ? indexed : parent, itemEnd, depth + 1, open, out);
  }
}

/** The pair's `:` is on the key's line (an implicit key). */
function sameLineColon(text: string, it: { key?: Tok | null; sep?: Tok[] }): boolean {
  const key = it.key!;
  const ind = (it.sep ?? []).find((t) => t.type === 'map-value-ind');
  if (!ind || typeof ind.offset !== 'number' || typeof key.offset !== 'number') return false;
  const between = text.slice(key.offset, ind.offset);
  return !between.includes('\n') && !between.includes('\r');
}

function pack(b: Built): BlockIndex {
  return {
    n: b.start.length,
    start: Int32Array.from(b.start),
    end: Int32Array.from(b.end),
    indent: Int32Array.from(b.indent),
    parent: Int32Array.from(b.parent),
    depth: Int32Array.from(b.depth),
    open: Uint8Array.from(b.open),
    seq: Uint8Array.from(b.seq),
  };
}

function indexOf(stream: YamlStream, openTop: ((key: string) => boolean) | boolean): BlockIndex | undefined {
  if (stream.docs.length !== 1 || stream.parseErrors.length) return undefined;
  const d = stream.docs[0];
  if (d.error || d.doc.errors.length || refusedText(stream.text) || hasAnchorOrAlias(d.doc.contents)) return undefined;
  const root = (d.doc.contents as { srcToken?: Tok } | null)?.srcToken;
  if (!root || (root.type !== 'block-map' && root.type !== 'block-seq')) return undefined;
  const out: Built = { start: [], end: [], indent: [], parent: [], depth: [], open: [], seq: [] };
  walk(stream.text, root, -1, stream.text.length, 0, openTop, out);
  return pack(out);
}

/**
 * The block index of a one-document stream, or undefined when the document can never take the
 * fast path. `openTop(key)` says whether edits under a top-level key may (keys the caller's model
 * reads must say no).
 */
export function buildBlockIndex(stream: YamlStream, openTop: (key: string) => boolean): BlockIndex | undefined {
  return indexOf(stream, openTop);
}

/** What an edit did to a text: `old.slice(from, to)` became `text.slice(from, from + inserted)`. */
export interface TextChange {
  from: number;
  to: number;
  inserted: number;
}

/** The changed region between two texts (common prefix and suffix removed). */
export function diffTexts(a: string, b: string): TextChange {
  const n = Math.min(a.length, b.length);
  let p = 0;
  // Native comparisons of slices first (fast on megabytes), then character by character.
  const B = 2048;
  while (p + B <= n && a.slice(p, p + B) === b.slice(p, p + B)) p += B;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  const max = n - p;
  while (s + B <= max && a.slice(a.length - s - B, a.length - s) === b.slice(b.length - s - B, b.length - s)) s += B;
  while (s < max && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { from: p, to: a.length - s, inserted: b.length - s - p };
}

/** Characters an edit may not insert or remove on the fast path (line breaks are checked apart). */
function badPiece(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) continue;
    if (c < 32 || c === 127 || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

export interface BlockEdit {
  /** The item re-parsed (index in the old index). */
  item: number;
  /** E's range in the old text: [start, end). */
  start: number;
  end: number;
  /** Length change of the whole text. */
  delta: number;
  /** The comments of E's new text, in whole-text offsets. */
  comments: Comment[];
  /** The new index of the whole text (a valid edit), or */
  index?: BlockIndex;
  /** the document's first parse error, when the new E is broken (then the document has no index). */
  error?: ParseError;
}

/** Largest E (in characters) re-parsed on its own; beyond, a full parse is about as cheap. */
export const MAX_BLOCK = 256 * 1024;

/**
 * Re-parse only the item an edit falls in. `index` is the old text's index. Undefined when the
 * edit is not provably confined to one item (the caller then parses the whole text).
 */
export function editBlock(index: BlockIndex, oldText: string, text: string, change: TextChange): BlockEdit | undefined {
  const { from: a, to: b, inserted } = change;
  const delta = text.length - oldText.length;
  if (badPiece(oldText.slice(a, b)) || badPiece(text.slice(a, a + inserted))) return undefined;
  // The old text has no carriage return outside CRLF; the new one neither, around the change.
  for (let i = Math.max(0, a - 1); i < a + inserted; i++) if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) !== 10) return undefined;
  if (text.slice(Math.max(0, a - 1), a + inserted + 1).includes('{{')) return undefined;
  // The last item starting before a; the items containing the region are it and its ancestors.
  let lo = 0;
  let hi = index.n - 1;
  let c = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (index.start[mid] < a) {
      c = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (; c >= 0; c = index.parent[c]) {
    if (!index.open[c]) continue;
    const L0 = index.start[c];
    const L1 = index.end[c];
    const firstBreak = oldText.indexOf('\n', L0);
    if (firstBreak < 0 || a < firstBreak + 1) continue;
    let lastBreak = oldText.lastIndexOf('\n', L1 - 1);
    if (lastBreak > 0 && oldText.charCodeAt(lastBreak - 1) === 13) lastBreak--;
    if (b > lastBreak) continue;
    if (L1 - L0 + delta > MAX_BLOCK) return undefined;
    const k = index.indent[c];
    const block = text.slice(L0, L1 + delta);
    if (block.includes('\t') || !deeperLines(block, k)) continue;
    const r = isolated(index, c, block, L0, L1, delta);
    return r === 'broken' ? brokenBlock(index, c, oldText, text, block, L0, L1, delta) : r;
  }
  return undefined;
}

/** Every non-blank line after the first is indented more than k. */
function deeperLines(block: string, k: number): boolean {
  for (let i = block.indexOf('\n'); i >= 0 && i + 1 < block.length; i = block.indexOf('\n', i + 1)) {
    let j = i + 1;
    while (block.charCodeAt(j) === 32) j++;
    const c = block.charCodeAt(j);
    if (Number.isNaN(c) || c === 10 || (c === 13 && block.charCodeAt(j + 1) === 10)) continue; // blank
    if (j - (i + 1) <= k) return false;
  }
  return true;
}

function isolated(index: BlockIndex, c: number, block: string, L0: number, L1: number, delta: number): BlockEdit | 'broken' | undefined {
  const s = parseYamlStream(block);
  if (s.docs.length !== 1) return undefined;
  const d = s.docs[0].doc;
  if (s.parseErrors.length || d.errors.length) return 'broken';
  if (d.warnings.length) return undefined;
  const root = d.contents;
  if (index.seq[c] ? !isSeq(root) : !isMap(root)) return undefined;
  if ((root as { items: unknown[] }).items.length !== 1 || (root as { flow?: boolean }).flow) return undefined;
  if (hasAnchorOrAlias(root)) return undefined;
  if (index.depth[c] + maxDepth(root) >= MAX_NESTING - 8) return undefined;
  const sub = indexOf(s, index.open[c] === 1);
  if (!sub || sub.n < 1 || sub.start[0] !== 0 || sub.end[0] !== block.length || sub.indent[0] !== index.indent[c] || sub.seq[0] !== index.seq[c]) return undefined;
  for (let t = 1; t < sub.n; t++) if (sub.parent[t] < 0) return undefined; // one root item holds everything
  return { item: c, start: L0, end: L1, delta, index: splice(index, c, sub, L0, delta), comments: s.comments.map((x) => ({ ...x, span: { start: x.span.start + L0, end: x.span.end + L0 } })) };
}

/**
 * A broken E: the whole document then has a parse error, and the analysis needs the first one
 * exactly (span and message). E is parsed in its context: the first lines of its ancestors
 * (unchanged; each opens one level of E's ancestors, or several for compact `- key:` lines: the
 * chain is whole, see `walk`), then E, then the unchanged line where E ends. E's subtree then has
 * the same ancestor collections, at the same columns, as in the document, so the parser and the
 * composer treat it alike (siblings are missing, but duplicate keys are no error here). Provided
 * every token starting in E ends in E (checked with the lexer: an open quoted scalar would run on
 * to a closing quote or the end of the text, further than here), the document's tokens before E
 * and from the line where E ends are the old ones, which gave no error; so the document's first
 * error is E's first, which is this text's first error when it lies in E.
 */
function brokenBlock(index: BlockIndex, c: number, oldText: string, text: string, block: string, L0: number, L1: number, delta: number): BlockEdit | undefined {
  const chain: number[] = [];
  for (let p = index.parent[c]; p >= 0; p = index.parent[p]) chain.push(p);
  let skeleton = '';
  for (let i = chain.length - 1; i >= 0; i--) {
    const ls = index.start[chain[i]];
    const nl = oldText.indexOf('\n', ls);
    if (nl < 0) return undefined;
    skeleton += oldText.slice(ls, nl + 1);
  }
  if (!skeleton && index.indent[c] !== 0) return undefined;
  const L1n = L1 + delta;
  const nl = text.indexOf('\n', L1n);
  const after = L1n < text.length ? text.slice(L1n, nl < 0 ? text.length : nl + 1) : '';
  const src = skeleton + block + after;
  const S = skeleton.length;
  const E = S + block.length;
  if (src.includes('\ufeff')) return undefined;
  // Every token starting in E ends in E; no anchor or alias there.
  let at = 0;
  for (const lexeme of new Lexer().lex(src)) {
    if (lexeme.length === 1 && (lexeme === '\x02' || lexeme === '\x18' || lexeme === '\x1f')) continue; // not source text
    const end = at + lexeme.length;
    if (at >= S && at < E && (end > E || lexeme[0] === '&' || lexeme[0] === '*')) return undefined;
    at = end;
  }
  if (at !== src.length) return undefined;
  const s = parseYamlStream(src);
  if (s.docs.length !== 1) return undefined;
  const yd = s.docs[0];
  const first = yd.doc.errors[0];
  if (!yd.error || !first || yd.error.span.start !== first.pos[0] || yd.error.message.startsWith('nested too deeply')) return undefined;
  if (index.depth[c] + maxDepth(yd.doc.contents) >= MAX_NESTING - 8) return undefined;
  if (first.pos[0] < S || first.pos[0] >= E || first.pos[1] > src.length) return undefined;
  const shift = L0 - S;
  const error: ParseError = { span: { start: yd.error.span.start + shift, end: yd.error.span.end + shift }, message: yd.error.message };
  const comments = s.comments.filter((x) => x.span.start >= S && x.span.start < E).map((x) => ({ ...x, span: { start: x.span.start + shift, end: x.span.end + shift } }));
  return { item: c, start: L0, end: L1, delta, comments, error };
}

/** The old index with item c's subtree replaced by `sub` (offsets relative to L0) and later items shifted. */
function splice(old: BlockIndex, c: number, sub: BlockIndex, L0: number, delta: number): BlockIndex {
  const oldEnd = old.end[c];
  // Descendants of c are the items after it that start before its end.
  let lo = c + 1;
  let hi = old.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (old.start[mid] < oldEnd) lo = mid + 1;
    else hi = mid;
  }
  const j = lo;
  const removed = j - c;
  const n = old.n - removed + sub.n;
  const out: BlockIndex = { n, start: new Int32Array(n), end: new Int32Array(n), indent: new Int32Array(n), parent: new Int32Array(n), depth: new Int32Array(n), open: new Uint8Array(n), seq: new Uint8Array(n) };
  out.start.set(old.start.subarray(0, c));
  out.indent.set(old.indent.subarray(0, c));
  out.parent.set(old.parent.subarray(0, c));
  out.depth.set(old.depth.subarray(0, c));
  out.open.set(old.open.subarray(0, c));
  out.seq.set(old.seq.subarray(0, c));
  for (let i = 0; i < c; i++) out.end[i] = old.end[i] > L0 ? old.end[i] + delta : old.end[i]; // ancestors of c end after it
  for (let t = 0; t < sub.n; t++) {
    const i = c + t;
    out.start[i] = sub.start[t] + L0;
    out.end[i] = sub.end[t] + L0;
    out.indent[i] = sub.indent[t];
    out.parent[i] = sub.parent[t] < 0 ? old.parent[c] : sub.parent[t] + c;
    out.depth[i] = sub.depth[t] + old.depth[c];
    out.open[i] = old.open[c];
    out.seq[i] = sub.seq[t];
  }
  const shift = sub.n - removed;
  for (let i = j; i < old.n; i++) {
    const o = i + shift;
    out.start[o] = old.start[i] + delta;
    out.end[o] = old.end[i] + delta;
    out.indent[o] = old.indent[i];
    out.parent[o] = old.parent[i] >= j ? old.parent[i] + shift : old.parent[i];
    out.depth[o] = old.depth[i];
    out.open[o] = old.open[i];
    out.seq[o] = old.seq[i];
  }
  return out;
}

/** Old comments outside [start, end), shifted, with E's new comments in between. */
export function spliceComments(old: readonly Comment[], edit: BlockEdit): Comment[] {
  const out: Comment[] = [];
  for (const c of old) if (c.span.start < edit.start) out.push(c);
  out.push(...edit.comments);
  for (const c of old) if (c.span.start >= edit.end) out.push(edit.delta ? { ...c, span: { start: c.span.start + edit.delta, end: c.span.end + edit.delta } } : c);
  return out;
}
