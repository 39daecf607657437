// The engine's public API: text in, findings and fixes out. No transport, no file system: hosts
// (the language server, the CLI) hand in the text, the configuration and a file reader.
import { DEFAULT_PROFILE, levelInProfile, type HardenConfig } from './config';
import { buildComposeModel, type ComposeModel } from './compose/model';
import { classifyYaml, isTemplate, kindFromLanguageId, kindFromName, looksLikeDockerfile } from './detect';
import { buildDockerfileModel, type DockerfileModel } from './dockerfile/model';
import { buildKubernetesModel, POD_SPEC_PATHS, type KubernetesModel } from './kubernetes/model';
import { checkFor, type Rule } from './rule';
import { getRule, isRuleId, RULES } from './rules';
import { unusedSuppressionFindings } from './rules/unused-suppression';
import { applySuppressions, normalisePeerId, parseDirectives } from './suppress';
import { LineIndex } from './text';
import type { CheckContext, Comment, FileKind, FileReader, Finding, Format, ModelBase, RawFinding, ScopedSuppression, SeverityOrOff, Span } from './types';
import { buildBlockIndex, diffTexts, editBlock, spliceComments, type BlockIndex } from './yaml/blocks';
import { splitYamlDocuments } from './yaml/chunks';
import { parseYamlStream, type YamlStream } from './yaml/parse';

export type AnyModel = DockerfileModel | KubernetesModel | ComposeModel;

export interface AnalyzeInput {
  /** The file's path or URI as the host names it (used for detection and related information). */
  file: string;
  text: string;
  /** An editor's language id, when known (`dockerfile`, `dockercompose`, `yaml`). */
  languageId?: string;
  /** Force the kind (for example a file named on the command line and detected by content). */
  kind?: FileKind;
  /** When the host has no other clue, try content detection even if the name says nothing. */
  detectByContent?: boolean;
  config?: HardenConfig;
  /** Reads other files for cross-file rules; the engine never touches the file system itself. */
  readFile?: FileReader;
  /** Resolves a path relative to this file's folder (host path semantics). */
  resolve?: (relative: string) => string;
}

export interface Analysis {
  file: string;
  kind: FileKind;
  lines: LineIndex;
  /** Every finding, suppressed ones included (marked `suppressed`), sorted by position then rule. */
  findings: Finding[];
  /** The model when the file is one part (Dockerfile, Compose, single-document YAML). */
  model?: AnyModel;
  /** Every analysed part: the whole file, or each YAML document chunk with its offset. */
  parts: AnalysisPart[];
  /** Messages for the user about the file as a whole (skipped template, unknown format...). */
  notes: string[];
  /** Internal errors caught while checking (a rule that threw); the rest of the analysis stands. */
  errors: string[];
}

/** The severity a rule has under a configuration, or `off`. */
export function ruleSeverity(rule: Rule, config: HardenConfig | undefined): SeverityOrOff {
  const override = config?.rules?.[rule.id];
  if (override) return override;
  return levelInProfile(rule.profile, config?.profile ?? DEFAULT_PROFILE) ? rule.severity : 'off';
}

let peerIndexCache: Map<string, string[]> | undefined;
/** Normalised peer id -> Harden rule ids (the foreign-suppression mapping table lives in each rule's `peers`). */
export function peerIndex(): Map<string, string[]> {
  if (peerIndexCache) return peerIndexCache;
  const m = new Map<string, string[]>();
  for (const r of RULES)
    for (const p of r.peers ?? []) {
      const k = normalisePeerId(p);
      const list = m.get(k) ?? [];
      if (!list.includes(r.id)) list.push(r.id);
      m.set(k, list);
    }
  peerIndexCache = m;
  return m;
}

function shiftSpan<T extends Span>(s: T, by: number): T {
  return by ? { ...s, start: s.start + by, end: s.end + by } : s;
}

function shiftFinding(f: Finding, by: number): Finding {
  if (!by) return f;
  return {
    ...f,
    span: shiftSpan(f.span, by),
    fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => shiftSpan(e, by)) })),
  };
}

/** One analysed part of a file: the whole file, or one YAML document chunk (offset = where it starts). */
export interface AnalysisPart {
  offset: number;
  model: AnyModel;
}

interface ChunkEntry {
  /** The chunk's text (the cache is positional first: no hashing of megabyte keys per edit). */
  text: string;
  /** Parsed chunk; for an entry made by a block edit, parsed on first access (see `lazyEntry`). */
  stream: YamlStream;
  /** The chunk holds Go template actions (`{{ }}` outside strings): the file is a template. */
  template: boolean;
  /** The chunk's document alone classifies as Kubernetes (`classifyYaml`: apiVersion and kind). */
  k8s: boolean;
  model?: KubernetesModel;
  /** Findings before suppression, relative to the chunk. */
  findings?: Finding[];
  errors?: string[];
  /** Where an edit inside the chunk may re-parse only one block (big non-workload documents). */
  blocks?: BlockIndex;
  /** End of the top-level `apiVersion` and `kind` entries (with `blocks`): a broken block must come after. */
  head?: number;
  /** For a chunk left broken by a block edit: the last sound version, which later edits are diffed against. */
  base?: ChunkEntry;
}

/** What the incremental analyzer did, for tests and benchmarks. */
export interface AnalyzerStats {
  /** Chunks parsed in full. */
  parsed: number;
  /** Chunks updated by re-parsing one block (yaml/blocks.ts). */
  blockEdits: number;
  /** Chunks back to the last version that had a block index (an edit undone), reused as is. */
  undone: number;
}

export interface AnalyzerOptions {
  /** Smallest chunk (characters) given a block index; smaller chunks are simply parsed again. */
  blockIndexMin?: number;
}

/** Top-level keys the Kubernetes model or file classification reads in a non-workload object. */
const READ_TOP_KEYS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Kinds whose model reads nothing outside `apiVersion`, `kind` and `metadata` (audit of
 * kubernetes/model.ts and every rule reading `model.objects`: only metadata annotations; workload
 * kinds read their pod spec, `*List` kinds their items, ServiceAccount its
 * `automountServiceAccountToken`). A rule that starts reading other parts of non-workload objects
 * must narrow this.
 */
function blockEditableKind(kind: string): boolean {
  return !(kind in POD_SPEC_PATHS) && kind !== 'ServiceAccount' && !kind.endsWith('List');
}

/**
 * Analyses successive versions of one file, reusing the work for every YAML document whose text
 * did not change (only the documents an edit touches are parsed and checked again). A one-shot
 * `analyze()` is the same computation with an empty cache, so both give the same result. In a big
 * non-workload document (a CustomResourceDefinition, a ConfigMap), an edit inside one block
 * re-parses only that block (yaml/blocks.ts explains why the result is the same).
 */
export class Analyzer {
  private prev: ChunkEntry[] = [];
  private cacheKey = '';
  readonly stats: AnalyzerStats = { parsed: 0, blockEdits: 0, undone: 0 };
  private readonly blockIndexMin: number;

  constructor(options: AnalyzerOptions = {}) {
    this.blockIndexMin = options.blockIndexMin ?? 16384;
  }

  analyze(input: AnalyzeInput): Analysis {
    const lines = LineIndex.of(input.text);
    const notes: string[] = [];
    const errors: string[] = [];
    const ctx: CheckContext = { file: input.file, profile: input.config?.profile ?? DEFAULT_PROFILE, readFile: input.readFile, resolve: input.resolve };
    const key = JSON.stringify([input.file, input.config ?? null]);
    if (key !== this.cacheKey) {
      this.prev = [];
      this.cacheKey = key;
    }
    const empty = (kind: FileKind): Analysis => ({ file: input.file, kind, lines, findings: [], parts: [], notes, errors });
    try {
      const named = nameKind(input);
      if (named === 'dockerfile') {
        const model = buildDockerfileModel(input.text);
        return this.finish(input, lines, 'dockerfile', [{ offset: 0, model }], [...runChecks(model, input.config, ctx, errors)], notes, errors);
      }
      if (named === 'unknown') return empty('unknown');
      const parts = splitYamlDocuments(input.text);
      const prev = this.prev;
      // Lookup by text, built only when a chunk is neither at its old place nor a block edit.
      let byText: Map<string, ChunkEntry> | undefined;
      const entries: ChunkEntry[] = [];
      const lookup = (text: string): ChunkEntry | undefined => {
        if (!byText) {
          byText = new Map();
          for (const e of prev) byText.set(e.text, e);
          for (const e of entries) byText.set(e.text, e);
        }
        return byText.get(text);
      };
      parts.forEach((c, i) => {
        const old = prev[i];
        let e = old && old.text === c.text ? old : undefined;
        if (!e && (old?.blocks || old?.base) && prev.length === parts.length) e = this.blockEdit(old, c.text, ctx);
        e ??= lookup(c.text);
        if (!e) {
          const stream = parseYamlStream(c.text);
          this.stats.parsed++;
          e = { text: c.text, stream, template: isTemplate(stream), k8s: classifyYaml(stream) === 'kubernetes' };
          // An edit the block path could not take: later edits (undoing it) may still be diffed
          // against the last version that had a block index.
          if (old && prev.length === parts.length) e.base = old.blocks ? old : old.base;
        }
        entries.push(e);
        byText?.set(c.text, e);
      });
      this.prev = entries;
      if (entries.some((e) => e.template)) {
        notes.push('Helm/Go template: not linted as plain YAML (render it first, for example with `helm template`).');
        return empty('helm');
      }
      // classifyYaml says Kubernetes as soon as one document has apiVersion and kind, so asking each
      // chunk once is the same answer (and never touches a chunk parsed lazily, all of which are).
      const byContent = entries.some((e) => e.k8s) ? 'kubernetes' : classifyYaml({ text: input.text, docs: entries.flatMap((e) => e.stream.docs), comments: [], parseErrors: [] });
      const kind: FileKind = byContent === 'kubernetes' ? 'kubernetes' : named === 'compose' || byContent === 'compose' ? 'compose' : 'unknown';
      if (kind === 'unknown') return empty('unknown');
      if (kind === 'compose') {
        const stream = entries.length === 1 ? entries[0].stream : parseYamlStream(input.text);
        const model = buildComposeModel(stream, ctx);
        return this.finish(input, lines, 'compose', [{ offset: 0, model }], runChecks(model, input.config, ctx, errors), notes, errors);
      }
      const findings: Finding[] = [];
      const analysed: AnalysisPart[] = [];
      entries.forEach((e, i) => {
        if (!e.model) {
          e.model = buildKubernetesModel(e.stream, ctx);
          e.findings = undefined;
          if (e.text.length >= this.blockIndexMin && e.k8s && e.model.objects.length === 1 && blockEditableKind(e.model.objects[0].kind)) {
            e.blocks = buildBlockIndex(e.stream, (k) => !READ_TOP_KEYS.has(k));
            e.head = e.blocks && headEnd(e.model.objects[0].node);
          }
          if (e.blocks) e.base = undefined;
        }
        if (!e.findings) {
          e.errors = [];
          e.findings = runChecks(e.model, input.config, ctx, e.errors);
        }
        errors.push(...(e.errors ?? []));
        const offset = parts[i].start;
        analysed.push({ offset, model: e.model });
        for (const f of e.findings) findings.push(shiftFinding(f, offset));
      });
      return this.finish(input, lines, 'kubernetes', analysed, findings, notes, errors);
    } catch (e) {
      errors.push(`could not analyse the file: ${(e as Error).stack ?? String(e)}`);
      return empty('unknown');
    }
  }

  /**
   * The entry of a chunk whose only change lies inside one block of a big non-workload document
   * (yaml/blocks.ts), or undefined. Its kind's model reads nothing inside the block, so the old
   * model, findings and suppressions stay true once shifted; the comments are spliced. The parsed
   * document and the objects (which hold AST nodes) are rebuilt from the new text on first access,
   * so nothing ever reads a stale document.
   */
  private blockEdit(old: ChunkEntry, text: string, ctx: CheckContext): ChunkEntry | undefined {
    const ref = old.base ?? old;
    if (!ref.blocks || !ref.model || !ref.findings || !ref.k8s || ref.template || ref.head === undefined) return undefined;
    if (ref.text === text) {
      this.stats.undone++;
      return ref;
    }
    const edit = editBlock(ref.blocks, ref.text, text, diffTexts(ref.text, text));
    if (!edit) return undefined;
    if (edit.error) {
      // A broken document: its model has no object (buildKubernetesModel skips it) and one parse
      // error; the rules run on that model as usual. apiVersion and kind come before the block,
      // so the document still classifies as Kubernetes.
      if (edit.start < ref.head) return undefined;
      this.stats.blockEdits++;
      return { ...lazyEntry(ref, text, spliceComments(ref.stream.comments, edit), [], [edit.error], [], ctx), base: ref };
    }
    const pos = (p: number): number => (p >= edit.end ? p + edit.delta : p <= edit.start ? p : Number.NaN);
    const span = <T extends Span>(s: T): T => ({ ...s, start: pos(s.start), end: pos(s.end) });
    const findings = ref.findings.map((f) => ({ ...f, span: span(f.span), fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map(span) })) }));
    const scoped = ref.model.scopedSuppressions.map((s) => ({ ...s, scope: span(s.scope), span: span(s.span) }));
    const bad = (s: Span): boolean => Number.isNaN(s.start) || Number.isNaN(s.end);
    if (Number.isNaN(pos(ref.head)) || ref.findings.some((f) => f.related?.length) || findings.some((f) => bad(f.span) || f.fixes.some((x) => x.edits.some(bad))) || scoped.some((s) => bad(s.scope) || bad(s.span))) return undefined;
    this.stats.blockEdits++;
    const e = lazyEntry(ref, text, spliceComments(ref.stream.comments, edit), scoped, [], undefined, ctx);
    return { ...e, findings, errors: [...(ref.errors ?? [])], blocks: edit.index, head: pos(ref.head) };
  }

  /** Suppressions over the whole file (comments and annotations of every part), then sorting. */
  private finish(input: AnalyzeInput, lines: LineIndex, kind: FileKind, parts: AnalysisPart[], findings: Finding[], notes: string[], errors: string[]): Analysis {
    const comments: Comment[] = [];
    const scoped: ScopedSuppression[] = [];
    for (const p of parts) {
      notes.push(...p.model.notes);
      for (const c of p.model.comments) comments.push(p.offset ? { ...c, span: shiftSpan(c.span, p.offset) } : c);
      for (const s of p.model.scopedSuppressions) scoped.push(p.offset ? { ...s, scope: shiftSpan(s.scope, p.offset), span: shiftSpan(s.span, p.offset) } : s);
    }
    const out = findings.map((f) => ({ ...f, suppressed: undefined }));
    suppressAll(out, { text: input.text, comments, scopedSuppressions: scoped }, lines, input.config);
    return { file: input.file, kind, lines, findings: out, model: parts.length === 1 ? parts[0].model : undefined, parts, notes: [...new Set(notes)], errors };
  }
}

/**
 * The entry of a chunk after a block edit: every field the analysis reads is set; the parsed
 * document and the objects (which hold AST nodes) are built from the new text on first access
 * (hover, bundle fixes), so nothing ever reads a stale document. `objects` is given for a broken
 * document (none).
 */
function lazyEntry(ref: ChunkEntry, text: string, comments: Comment[], scoped: ScopedSuppression[], parseErrors: Array<{ span: Span; message: string }>, objects: KubernetesModel['objects'] | undefined, ctx: CheckContext): ChunkEntry {
  let fresh: KubernetesModel | undefined;
  const full = (): KubernetesModel => (fresh ??= buildKubernetesModel(parseYamlStream(text), ctx));
  const stream: YamlStream = {
    text,
    comments,
    parseErrors,
    get docs() {
      return full().stream.docs;
    },
  };
  const model: KubernetesModel = {
    format: 'kubernetes',
    text,
    comments,
    scopedSuppressions: scoped,
    parseErrors,
    notes: [...ref.model!.notes],
    // Not a workload kind (or a broken document): no pod spec, so no workloads.
    workloads: [],
    get stream() {
      return full().stream;
    },
    get objects() {
      return objects ?? full().objects;
    },
  };
  return { text, stream, template: false, k8s: true, model };
}

/** Where the root map's `apiVersion` and `kind` entries end (the furthest of them). */
function headEnd(root: unknown): number | undefined {
  const items = (root as { items?: Array<{ key?: { value?: unknown; range?: number[] }; value?: { range?: number[] } | null }> }).items;
  if (!Array.isArray(items)) return undefined;
  let end = 0;
  for (const p of items) {
    const k = p.key?.value;
    if (k !== 'apiVersion' && k !== 'kind') continue;
    end = Math.max(end, p.value?.range?.[2] ?? p.key?.range?.[2] ?? 0);
  }
  return end;
}

function nameKind(input: AnalyzeInput): 'dockerfile' | 'compose' | 'yaml' | 'unknown' {
  if (input.kind) return input.kind === 'kubernetes' || input.kind === 'helm' ? 'yaml' : input.kind;
  const byName = kindFromName(input.file);
  const byLang = kindFromLanguageId(input.languageId);
  let k = byName !== 'unknown' ? byName : byLang ?? 'unknown';
  if (byName === 'yaml' && byLang === 'compose') k = 'compose';
  if (k === 'unknown' && input.detectByContent) k = looksLikeDockerfile(input.text) ? 'dockerfile' : 'yaml';
  return k;
}

/** Analyse one file. Never throws: a failing rule becomes an entry in `errors`. */
export function analyze(input: AnalyzeInput): Analysis {
  // One version only: no later edit can use a block index, so none is built.
  return new Analyzer({ blockIndexMin: Infinity }).analyze(input);
}

/** Run every enabled rule's check for the model's format. Findings are not suppressed yet. */
function runChecks(model: AnyModel, config: HardenConfig | undefined, ctx: CheckContext, errors: string[]): Finding[] {
  const format: Format = model.format;
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const sev = ruleSeverity(rule, config);
    if (sev === 'off') continue;
    const check = checkFor(rule, format);
    if (!check) continue;
    const userSet = config?.rules?.[rule.id] !== undefined;
    const report = (f: RawFinding): void => {
      findings.push({
        rule: rule.id,
        severity: userSet ? sev : f.severity ?? sev,
        message: f.message,
        span: f.span,
        object: f.object,
        container: f.container,
        fixes: f.fixes ?? [],
        related: f.related,
      });
    };
    try {
      (check as (m: ModelBase, r: { report: typeof report }, c: CheckContext) => void)(model, { report }, ctx);
    } catch (e) {
      errors.push(`rule ${rule.id} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }
  return findings;
}

/** Apply suppressions to findings (in place), add `unused-suppression` findings, sort. */
function suppressAll(findings: Finding[], src: Pick<ModelBase, 'text' | 'comments' | 'scopedSuppressions'>, lines: LineIndex, config: HardenConfig | undefined): void {
  const active = new Set(RULES.filter((r) => ruleSeverity(r, config) !== 'off').map((r) => r.id));
  const directives = parseDirectives(src.comments, lines);
  const { unused } = applySuppressions(findings, directives, src.scopedSuppressions, lines, peerIndex(), isRuleId, (id) => active.has(id));
  const unusedRule = getRule('unused-suppression');
  if (unusedRule && active.has('unused-suppression')) {
    const sev = ruleSeverity(unusedRule, config);
    const extra = unusedSuppressionFindings(unused, src, lines).map<Finding>((f) => ({ rule: 'unused-suppression', severity: sev === 'off' ? 'info' : sev, message: f.message, span: f.span, fixes: f.fixes ?? [] }));
    // `unused-suppression` can itself be silenced with a file-level directive.
    applySuppressions(extra, directives.filter((d) => d.kind === 'file' && (d.ids.length === 0 || d.ids.includes('unused-suppression'))), [], lines, peerIndex(), isRuleId, () => false);
    findings.push(...extra);
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

export { LineIndex } from './text';
export { applyEdits, applyFixes } from './fix';
export { RULES, getRule, isRuleId } from './rules';
export type { Rule } from './rule';
export * from './types';
export * from './config';
