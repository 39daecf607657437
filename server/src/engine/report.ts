// Reports built from analyses: the CLI's JSON shape and SARIF 2.1.0. Pure functions over
// findings; the host decides file names and URIs (the engine knows no file system).
import { ruleMarkdown } from './docs';
import type { Rule } from './rule';
import { RULES } from './rules';
import type { LineIndex } from './text';
import type { Finding, Severity, Span } from './types';

export const HOMEPAGE = 'https://github.com/harden-dev/harden';

/** Where a rule's documentation page lives (the generated `docs/rules/<id>.md`). */
export function ruleDocsUrl(id: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${id}.md`;
}

/** One linted file as the host names it, with its line index and every finding (suppressed ones included). */
export interface FileResult {
  /** The file as shown to the user (path with `/` separators). */
  file: string;
  lines: LineIndex;
  findings: readonly Finding[];
  notes?: readonly string[];
}

/** A 1-based range; `endLine`/`endColumn` point just past the range. */
export interface Range1 {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function range1(lines: LineIndex, span: Span): Range1 {
  const s = lines.position(span.start);
  const e = lines.position(Math.max(span.start, span.end));
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** Findings of many files, in output order: file, line, column, rule. */
export function sortedFindings(results: readonly FileResult[]): Array<{ result: FileResult; finding: Finding; range: Range1 }> {
  const rows = results.flatMap((result) => result.findings.map((finding) => ({ result, finding, range: range1(result.lines, finding.span) })));
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => cmp(a.result.file, b.result.file) || a.range.line - b.range.line || a.range.column - b.range.column || cmp(a.finding.rule, b.finding.rule) || a.range.endLine - b.range.endLine || a.range.endColumn - b.range.endColumn);
  return rows;
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
}

export function countFindings(results: readonly FileResult[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const r of results)
    for (const f of r.findings) {
      if (f.suppressed) c.suppressed++;
      else c[f.severity]++;
    }
  return c;
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** Whether any unsuppressed finding is at or above `failOn`. */
export function failsAt(results: readonly FileResult[], failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return results.some((r) => r.findings.some((f) => !f.suppressed && RANK[f.severity] >= RANK[failOn]));
}

// ---------------------------------------------------------------- JSON

export interface JsonFinding {
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  object?: string;
  container?: string;
  fixes: Array<{ title: string; safe: boolean }>;
  related: Array<{ file: string; line: number; message: string }>;
}

export interface JsonReport {
  tool: 'harden';
  version: string;
  summary: { files: number; error: number; warning: number; info: number; suppressed: number; fixed?: number };
  findings: JsonFinding[];
  /** Additions to the documented shape: messages about files as a whole (skipped, template, ...). */
  notes: Array<{ file: string; message: string }>;
}

export function jsonReport(results: readonly FileResult[], opts: { version: string; extraNotes?: Array<{ file: string; message: string }>; fixed?: number }): JsonReport {
  const counts = countFindings(results);
  const findings: JsonFinding[] = [];
  for (const { result, finding: f, range } of sortedFindings(results)) {
    if (f.suppressed) continue;
    const out: JsonFinding = { file: result.file, rule: f.rule, severity: f.severity, message: f.message, ...range, fixes: [], related: [] };
    if (f.object !== undefined) out.object = f.object;
    if (f.container !== undefined) out.container = f.container;
    out.fixes = f.fixes.map((x) => ({ title: x.title, safe: x.safe }));
    out.related = (f.related ?? []).map((r) => ({ file: r.file, line: r.line + 1, message: r.message }));
    findings.push(out);
  }
  const notes = [...results.flatMap((r) => (r.notes ?? []).map((message) => ({ file: r.file, message }))), ...(opts.extraNotes ?? [])];
  const summary: JsonReport['summary'] = { files: results.length, ...counts };
  if (opts.fixed !== undefined) summary.fixed = opts.fixed;
  return { tool: 'harden', version: opts.version, summary, findings, notes };
}

// ---------------------------------------------------------------- SARIF

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const PROFILE: Record<Rule['profile'], string> = { B: 'baseline', R: 'restricted', S: 'strict' };

/** Plain-text help of a rule: what, why, how to fix, references. */
export function ruleHelpText(rule: Rule): string {
  const parts = [rule.docs.what, rule.docs.why, rule.docs.fix ? `How to fix: ${rule.docs.fix}` : ''].filter(Boolean);
  if (rule.fix) parts.push(`Quick fix (${rule.fix.safe ? 'safe' : 'unsafe'}): ${rule.fix.description}.`);
  if (rule.references.length) parts.push('References: ' + rule.references.map((r) => `${r.title} <${r.url}>`).join('; '));
  parts.push(`Documentation: ${ruleDocsUrl(rule.id)}`);
  return parts.join('\n\n');
}

function nonEmpty(s: string | undefined, fallback: string): string {
  return s && s.trim() && s !== 'TITLE' ? s : fallback;
}

function pascal(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** A readable identifier for SARIF `name` (from the title); SARIF wants it to differ from the id. */
export function ruleName(rule: Rule): string {
  const name = pascal(nonEmpty(rule.title, rule.id)) || pascal(rule.id);
  return name.toLowerCase() === rule.id.toLowerCase() ? `${name}Rule` : name;
}

/** A SARIF reportingDescriptor for a rule. */
export function sarifRule(rule: Rule): Record<string, unknown> {
  const title = nonEmpty(rule.title, rule.id);
  const tags = ['security', 'container', ...rule.formats];
  return {
    id: rule.id,
    name: ruleName(rule),
    shortDescription: { text: title.endsWith('.') ? title : `${title}.` },
    fullDescription: { text: nonEmpty(rule.docs.what, `${title}.`) },
    help: { text: ruleHelpText(rule), markdown: ruleMarkdown(rule) },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags, profile: PROFILE[rule.profile], formats: rule.formats, ...(rule.peers?.length ? { peers: rule.peers } : {}), ...(rule.fix ? { fix: rule.fix.safe ? 'safe' : 'unsafe' } : {}) },
  };
}

/** How the host names a file in SARIF: a URI reference, relative to `uriBaseId` when given. */
export interface SarifLocationOf {
  uri: string;
  uriBaseId?: string;
}

export interface SarifOptions {
  version: string;
  /** Maps a host file name (as in FileResult.file and RelatedInfo.file) to a SARIF artifact location. */
  artifact: (file: string) => SarifLocationOf;
  /** `originalUriBaseIds`, e.g. `{ SRCROOT: { uri: 'file:///work/' } }`. */
  baseIds?: Record<string, { uri: string }>;
  /** Messages about the run (skipped files, internal errors) as tool execution notifications. */
  notifications?: Array<{ level: 'error' | 'warning' | 'note'; message: string; file?: string }>;
  /** Whether the run completed (false on internal failure). */
  executionSuccessful?: boolean;
  rules?: readonly Rule[];
}

function sarifRegion(r: Range1): Record<string, number> {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/** The SARIF `partialFingerprints` key of Harden's own fingerprint (versioned: a new scheme gets a new key). */
export const FINGERPRINT_KEY = 'hardenFinding/v1';

/** Two FNV-1a 32-bit lanes (different offset bases) as 16 hex digits: a stable hash without a crypto dependency. */
function fnv1a64(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A fingerprint that survives edits elsewhere in the file (code scanning keeps an alert open across
 * commits by it): the rule, the file, the object and container, and the flagged text with white
 * space collapsed, never the line number. Identical findings are told apart by their order.
 */
function findingFingerprint(result: FileResult, f: Finding, seen: Map<string, number>): string {
  const flagged = result.lines.text.slice(f.span.start, Math.min(f.span.end, f.span.start + 400)).split(/\s+/).join(' ').trim();
  const key = [f.rule, result.file, f.object ?? '', f.container ?? '', flagged].join('\u0000');
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return fnv1a64(`${key}\u0000${n}`);
}

/** A SARIF 2.1.0 log with one run. Suppressed findings are kept with `suppressions`. */
export function sarifReport(results: readonly FileResult[], opts: SarifOptions): Record<string, unknown> {
  const rules = opts.rules ?? RULES;
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  const sarifResults = sortedFindings(results).map(({ result, finding: f, range }) => {
    const loc = opts.artifact(result.file);
    const out: Record<string, unknown> = {
      ruleId: f.rule,
      ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: loc, region: sarifRegion(range) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(result, f, seen) },
    };
    if (f.related?.length)
      out.relatedLocations = f.related.map((r, i) => ({
        id: i + 1,
        physicalLocation: { artifactLocation: opts.artifact(r.file), region: { startLine: r.line + 1, startColumn: r.character + 1, endLine: r.endLine + 1, endColumn: r.endCharacter + 1 } },
        message: { text: r.message },
      }));
    const fixes = f.fixes.filter((x) => x.edits.length > 0);
    if (fixes.length)
      out.fixes = fixes.map((x) => ({
        description: { text: x.title },
        artifactChanges: [
          {
            artifactLocation: loc,
            replacements: x.edits.map((e) => ({ deletedRegion: sarifRegion(range1(result.lines, { start: e.start, end: e.end })), insertedContent: { text: e.newText } })),
          },
        ],
        properties: { safe: x.safe },
      }));
    if (f.suppressed) out.suppressions = [{ kind: 'inSource', status: 'accepted', ...(f.suppressed.justification ? { justification: f.suppressed.justification } : {}), properties: { directive: f.suppressed.kind } }];
    const props: Record<string, unknown> = {};
    if (f.object !== undefined) props.object = f.object;
    if (f.container !== undefined) props.container = f.container;
    if (Object.keys(props).length) out.properties = props;
    return out;
  });
  const invocation: Record<string, unknown> = { executionSuccessful: opts.executionSuccessful ?? true };
  if (opts.notifications?.length)
    invocation.toolExecutionNotifications = opts.notifications.map((n) => ({
      level: n.level,
      message: { text: n.message },
      ...(n.file ? { locations: [{ physicalLocation: { artifactLocation: opts.artifact(n.file) } }] } : {}),
    }));
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'Harden',
        version: opts.version,
        semanticVersion: opts.version,
        informationUri: HOMEPAGE,
        rules: rules.map(sarifRule),
      },
    },
    invocations: [invocation],
    columnKind: 'utf16CodeUnits',
    results: sarifResults,
  };
  if (opts.baseIds) run.originalUriBaseIds = opts.baseIds;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run],
  };
}
