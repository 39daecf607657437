// The YAML front end shared by Kubernetes and Compose: one parse of the whole stream with source
// tokens kept, every document, every comment, parse errors, and small helpers to read the AST
// with spans. Aliases and merge keys are resolved here, bounded, so models never expand an alias
// bomb.
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser } from 'yaml';
import type { Alias, Document, Node, Pair, ParsedNode, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Comment, Span } from '../types';

export type YDoc = Document.Parsed<ParsedNode, true>;
export type YNode = ParsedNode;

export interface ParseError {
  span: Span;
  message: string;
}

export interface YamlDocument {
  doc: YDoc;
  /** Index of the document in the stream. */
  index: number;
  /** The document's full range in the text, from its first token to its end. */
  span: Span;
  /** The first error of this document, if the parser could not read all of it. */
  error?: ParseError;
}

export interface YamlStream {
  text: string;
  docs: YamlDocument[];
  comments: Comment[];
  /** One entry per broken document (its first error). */
  parseErrors: ParseError[];
}

/** Most aliases a document may resolve while we read it (and what the composer allows). */
export const MAX_ALIAS_COUNT = 100;

/**
 * Deepest nesting of maps and lists kept in a document (real manifests and CRD schemas stay far
 * below). Deeper content is dropped and reported as a parse error: walking a tree thousands of
 * levels deep costs depth x size in the YAML library's `visit` (it copies the path per node), and
 * where the composer itself gives up depends on the stack left (so on the host and the JIT).
 */
export const MAX_NESTING = 256;
const TOO_DEEP = `nested too deeply to read (more than ${MAX_NESTING} levels of maps and lists)`;

/** Parse a whole YAML stream once. Never throws. */
export function parseYamlStream(text: string): YamlStream {
  const tokens = Array.from(new Parser().parse(text));
  const strict = composeStream(text, tokens);
  if (!strict.parseErrors.length) return strict;
  return readAsLibyaml(text, tokens, strict) ?? strict;
}

function composeStream(text: string, tokens: unknown[]): YamlStream {
  const composer = new Composer({ keepSourceTokens: true, merge: true, uniqueKeys: false, prettyErrors: false, strict: false });
  const comments = collectComments(tokens, text);
  const docs: YamlDocument[] = [];
  const parseErrors: ParseError[] = [];
  let index = 0;
  for (const doc of composer.compose(tokens as Parameters<Composer['compose']>[0], true, text.length)) {
    const d = doc as unknown as YDoc;
    const range = d.range ?? [0, text.length, text.length];
    const yd: YamlDocument = { doc: d, index: index++, span: { start: range[0], end: range[2] } };
    const err = d.errors[0];
    const deep = pruneDeep(d);
    if (deep && (!err || /Maximum call stack/.test(err.message))) {
      const start = Math.min(deep, text.length);
      yd.error = { span: { start, end: Math.min(start + 1, text.length) }, message: TOO_DEEP };
      parseErrors.push(yd.error);
    } else if (err) {
      const start = Math.min(err.pos[0], text.length);
      const end = Math.max(start, Math.min(err.pos[1], text.length));
      yd.error = { span: { start, end }, message: firstLine(err.message) };
      parseErrors.push(yd.error);
    }
    docs.push(yd);
  }
  return { text, docs, comments, parseErrors };
}

// ---------------------------------------------------------------------------------------------
// Quoted scalars as libyaml reads them.
//
// YAML 1.2 wants the continuation lines of a multi-line quoted scalar in block context indented
// more than its parent collection; the `yaml` library ends the scalar at the first line that is
// not ("Missing closing 'quote"). libyaml does not check that indentation: it reads on to the
// closing quote, and so does every parser built on it or ported from it (go-yaml, which the
// Kubernetes API machinery and Docker Compose use, and PyYAML). Such manifests apply with kubectl,
// so they are read the same way here:
//   - the line breaks inside such a scalar are replaced by spaces in a copy of the text (same
//     length, so every offset and span holds) and the copy is lexed and parsed;
//   - before composing, each such scalar token gets its source back from the real text, so its
//     value is folded from the real lines (a line break is a space, leading white space goes), as
//     libyaml folds it, and its source token (for edits) is the real one.
// The scalar runs to its closing quote as libyaml finds it (`''` in single quotes, `\"` in double
// quotes, are no closing quote); a document marker line (`---`, `...`) first ends the attempt, as
// it ends libyaml's read with an error. The result is kept when no document's first error moves
// earlier (so a document broken elsewhere shows the error libyaml meets, not the quote).
// Cost: one parse more per such scalar, within MAX_LIBYAML_QUOTES and MAX_LIBYAML_CHARS, and only
// for a stream the `yaml` library finds broken.

/**
 * The most scalars read this way in one stream (each costs one more parse of it), and the most
 * characters parsed again for them: a big broken text (or a hostile one) costs a few parses more,
 * never dozens (a 1 MB document gets 4 rounds; one of 64 kB or less, 64).
 */
export const MAX_LIBYAML_QUOTES = 64;
export const MAX_LIBYAML_CHARS = 4 * 1024 * 1024;

function readAsLibyaml(text: string, tokens: unknown[], strict: YamlStream): YamlStream | undefined {
  let copy = text;
  const opens = new Set<number>();
  const rounds = Math.min(MAX_LIBYAML_QUOTES, Math.floor(MAX_LIBYAML_CHARS / Math.max(1, text.length)));
  for (let round = 0; round < rounds; round++) {
    const open = firstUnclosedQuote(tokens, opens);
    if (open === undefined) break;
    const close = closingQuote(text, open);
    if (close === undefined) break;
    opens.add(open);
    copy = copy.slice(0, open) + copy.slice(open, close).replace(/[\r\n]/g, ' ') + copy.slice(close);
    tokens = Array.from(new Parser().parse(copy));
  }
  if (!opens.size) return undefined;
  for (const t of cstTokens(tokens, QUOTED)) {
    if (opens.has(t.offset)) t.source = text.slice(t.offset, t.offset + t.source.length);
  }
  const read = composeStream(text, tokens);
  // libyaml's reading, kept where it reads further: every document's first error (if one is left)
  // lies no earlier than before, so the error shown is the one kubectl would meet.
  const further = read.docs.length === strict.docs.length && read.docs.every((d, i) => !d.error || (strict.docs[i].error && d.error.span.start >= strict.docs[i].error!.span.start));
  return further ? read : undefined;
}

const QUOTED: ReadonlySet<string> = new Set(['single-quoted-scalar', 'double-quoted-scalar']);

/** The offset of the first quoted scalar token (not already read) whose closing quote the lexer did not reach. */
function firstUnclosedQuote(tokens: unknown[], done: ReadonlySet<number>): number | undefined {
  let first: number | undefined;
  for (const t of cstTokens(tokens, QUOTED)) {
    if (done.has(t.offset) || (first !== undefined && t.offset >= first)) continue;
    if (closesAt(t.source) !== t.source.length - 1) first = t.offset;
  }
  return first;
}

/** The index of the quote that closes the quoted scalar opening at `src[0]`, if any. */
function closesAt(src: string, from = 0, stop?: (i: number) => boolean): number | undefined {
  const q = src[from];
  for (let i = from + 1; i < src.length; i++) {
    const c = src[i];
    if (q === "'" && c === "'") {
      if (src[i + 1] !== "'") return i;
      i++;
    } else if (q === '"' && c === '\\') i++;
    else if (q === '"' && c === '"') return i;
    else if (c === '\n' && stop?.(i + 1)) return undefined;
  }
  return undefined;
}

/**
 * Where libyaml closes the quoted scalar opening at `open` in `text`: the closing quote, or none
 * before a document marker line or the end. A closing quote followed by more text on its line
 * (not a comment or a flow indicator) is none either: libyaml stops there with an error too (a
 * key's colon included: an implicit key must fit on one line), so reading on cannot help (a quote
 * typed into a value usually ends like this, and this check spares the parse).
 */
function closingQuote(text: string, open: number): number | undefined {
  const close = closesAt(text, open, (ls) => /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(text.slice(ls, ls + 4)));
  if (close === undefined) return undefined;
  let i = close + 1;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i >= text.length || '\r\n#,]}'.includes(text[i]) ? close : undefined;
}

/** Empty every map and list nested deeper than MAX_NESTING (no recursion); the offset of the first one, if any. */
function pruneDeep(d: YDoc): number | undefined {
  let first: number | undefined;
  const stack: Array<[unknown, number]> = [[d.contents, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (!isMap(n) && !isSeq(n)) continue;
    if (depth >= MAX_NESTING) {
      const at = n.range?.[0] ?? 0;
      if (first === undefined || at < first) first = at;
      n.items = [];
      continue;
    }
    for (const it of n.items as unknown[]) {
      if (isPair(it)) stack.push([it.key, depth + 1], [it.value, depth + 1]);
      else stack.push([it, depth + 1]);
    }
  }
  return first;
}

function firstLine(s: string): string {
  // The composer turns a stack overflow on very deep nesting into this error.
  if (/Maximum call stack size exceeded/.test(s)) return TOO_DEEP;
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Every CST token of the given types under `roots`, found without recursion (deep nesting must not
 * overflow). Only the fields that can hold tokens are followed (`start`, `key`, `sep`, `value`,
 * `items`, `end`, `props`): walking every property of every token cost a tenth of the parse on
 * large manifests.
 */
function cstTokens(roots: readonly unknown[], types: ReadonlySet<string>): Array<{ type: string; offset: number; source: string }> {
  const out: Array<{ type: string; offset: number; source: string }> = [];
  const stack: unknown[] = [...roots];
  while (stack.length) {
    const t = stack.pop();
    if (!t || typeof t !== 'object') continue;
    if (Array.isArray(t)) {
      for (const x of t) stack.push(x);
      continue;
    }
    const tok = t as { type?: string; offset?: number; source?: string; start?: unknown; key?: unknown; sep?: unknown; value?: unknown; items?: unknown; end?: unknown; props?: unknown };
    if (tok.type !== undefined && types.has(tok.type) && typeof tok.offset === 'number' && typeof tok.source === 'string') out.push(tok as { type: string; offset: number; source: string });
    if (tok.start) stack.push(tok.start);
    if (tok.key) stack.push(tok.key);
    if (tok.sep) stack.push(tok.sep);
    if (tok.value && typeof tok.value === 'object') stack.push(tok.value);
    if (tok.items) stack.push(tok.items);
    if (tok.end) stack.push(tok.end);
    if (tok.props) stack.push(tok.props);
  }
  return out;
}

const COMMENT: ReadonlySet<string> = new Set(['comment']);

/** Every comment token under the given CST tokens. */
export function commentTokens(roots: readonly unknown[]): Array<{ offset: number; source: string }> {
  return cstTokens(roots, COMMENT);
}

function collectComments(tokens: unknown[], text: string): Comment[] {
  return commentTokens(tokens)
    .map(({ offset: start, source }) => {
      let ls = start;
      while (ls > 0 && text[ls - 1] !== '\n' && text[ls - 1] !== '\r') ls--;
      return { span: { start, end: start + source.length }, text: source.slice(1), wholeLine: /^[ \t]*$/.test(text.slice(ls, start)) };
    })
    .sort((a, b) => a.span.start - b.span.start);
}

// ---------------------------------------------------------------------------------------------
// Reading the AST.

/** Follow an alias to the node it names (one level; the anchored node itself is returned). */
export function deref(node: unknown, doc: YDoc): YNode | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) return resolveAlias(node, doc);
  return node as YNode;
}

const anchorsMemo = new WeakMap<object, Node[]>();

/**
 * The node an alias names: the last node before it carrying that anchor (what `Alias.resolve(doc)`
 * answers). The document's anchored nodes and aliases are listed once: `resolve` walks the whole
 * document at every call, which made Compose files full of `<<: *default` quadratic.
 */
export function resolveAlias(alias: Alias, doc: YDoc): YNode | undefined {
  let nodes = anchorsMemo.get(doc);
  if (!nodes) anchorsMemo.set(doc, (nodes = anchorsAndAliases(doc)));
  let found: Node | undefined;
  for (const n of nodes) {
    if (n === alias) break;
    if ((n as { anchor?: string }).anchor === alias.source) found = n;
  }
  return found as YNode | undefined;
}

/** Aliases and anchored nodes in document order (pre-order, keys before values), without recursion. */
function anchorsAndAliases(doc: YDoc): Node[] {
  const out: Node[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (isAlias(n)) {
      out.push(n);
      continue;
    }
    if (!isScalar(n) && !isMap(n) && !isSeq(n)) continue;
    if (n.anchor) out.push(n);
    if (isMap(n) || isSeq(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
  return out;
}

export function spanOf(node: Node | null | undefined): Span | undefined {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/** A key/value entry of a map, with merge keys resolved: `viaMerge` is true for inherited entries. */
export interface Entry {
  pair: Pair<YNode, YNode | null>;
  key: string;
  keyNode: YNode;
  value: YNode | undefined;
  /** The span of the key as written. */
  keySpan: Span;
  /** True when the entry came from a `<<` merge or its value through an alias. */
  viaAlias: boolean;
}

function isMergeKey(k: unknown): boolean {
  return isScalar(k) && (k.value === '<<' || (k as Scalar & { source?: string }).source === '<<');
}

/** Entries of a map: own keys first (in order), then keys merged in through `<<` that are not overridden. */
export function entries(map: unknown, doc: YDoc, depth = 0): Entry[] {
  const m = deref(map, doc);
  if (!isMap(m) || depth > 10) return [];
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const p of (m as YAMLMap<YNode, YNode | null>).items) {
    if (!isPair(p)) continue;
    if (isMergeKey(p.key)) {
      const sources = deref(p.value, doc);
      const list = isSeq(sources) ? sources.items.map((s) => deref(s, doc)) : [sources];
      for (const src of list) for (const e of entries(src, doc, depth + 1)) merged.push({ ...e, viaAlias: true });
      continue;
    }
    const keyNode = p.key as YNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const r = keyNode?.range;
    own.push({ pair: p as Pair<YNode, YNode | null>, key, keyNode, value: deref(p.value, doc), keySpan: r ? { start: r[0], end: r[1] } : { start: 0, end: 0 }, viaAlias: isAlias(p.value) || isAlias(map) });
  }
  const seen = new Set(own.map((e) => e.key));
  const out = [...own];
  for (const e of merged) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    out.push(e);
  }
  return out;
}

/** The entry of `key` in a map (merge keys resolved), or undefined. */
export function entry(map: unknown, key: string, doc: YDoc): Entry | undefined {
  return entries(map, doc).find((e) => e.key === key);
}

/** The value node of `key` in a map (aliases followed). */
export function get(map: unknown, key: string, doc: YDoc): YNode | undefined {
  return entry(map, key, doc)?.value;
}

/** Follow a path of keys through nested maps. */
export function getPath(map: unknown, path: readonly string[], doc: YDoc): YNode | undefined {
  let cur: unknown = map;
  for (const k of path) {
    cur = get(cur, k, doc);
    if (cur === undefined) return undefined;
  }
  return cur as YNode;
}

/** Items of a sequence (aliases followed); [] for anything else. */
export function items(seq: unknown, doc: YDoc): YNode[] {
  const s = deref(seq, doc);
  if (!isSeq(s)) return [];
  return (s as YAMLSeq<YNode>).items.map((i) => deref(i, doc)).filter((i): i is YNode => i !== undefined);
}

/** The JavaScript value of a scalar node (string, number, boolean, null), or undefined for collections. */
export function scalar(node: unknown, doc?: YDoc): string | number | boolean | null | undefined {
  const n = doc ? deref(node, doc) : node;
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/** A scalar as a string (numbers and booleans stringified), or undefined. */
export function str(node: unknown, doc?: YDoc): string | undefined {
  const v = scalar(node, doc);
  if (v === undefined || v === null) return undefined;
  return String(v);
}

export { isMap, isSeq, isScalar, isAlias, isPair };
