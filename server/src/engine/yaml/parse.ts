// The YAML front end shared by Kubernetes and Compose: one parse of the whole stream with source
// tokens kept, every document, every comment, parse errors, and small helpers to read the AST
// with spans. Aliases and merge keys are resolved here, bounded, so models never expand an alias
// bomb.
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser } from 'yaml';
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
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ keepSourceTokens: true, merge: true, uniqueKeys: false, prettyErrors: false, strict: false });
  const tokens = Array.from(parser.parse(text));
  const comments = collectComments(tokens, text);
  const docs: YamlDocument[] = [];
  const parseErrors: ParseError[] = [];
  let index = 0;
  for (const doc of composer.compose(tokens, true, text.length)) {
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
 * Every comment token under the given CST tokens, found without recursion (deep nesting must not
 * overflow). Only the fields that can hold tokens are followed (`start`, `key`, `sep`, `value`,
 * `items`, `end`, `props`): walking every property of every token cost a tenth of the parse on
 * large manifests.
 */
export function commentTokens(roots: readonly unknown[]): Array<{ offset: number; source: string }> {
  const out: Array<{ offset: number; source: string }> = [];
  const stack: unknown[] = [...roots];
  while (stack.length) {
    const t = stack.pop();
    if (!t || typeof t !== 'object') continue;
    if (Array.isArray(t)) {
      for (const x of t) stack.push(x);
      continue;
    }
    const tok = t as { type?: string; offset?: number; source?: string; start?: unknown; key?: unknown; sep?: unknown; value?: unknown; items?: unknown; end?: unknown; props?: unknown };
    if (tok.type === 'comment' && typeof tok.offset === 'number' && typeof tok.source === 'string') {
      out.push({ offset: tok.offset, source: tok.source });
      continue;
    }
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
