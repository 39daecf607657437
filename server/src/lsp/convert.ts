// Offsets inside, positions at the edges: engine findings and edits to LSP diagnostics and edits.
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Finding, LineIndex, Severity, TextEdit } from '../engine';

/** A fix as carried in a diagnostic's `data` (LSP ranges, so code actions need no server state). */
export interface FixData {
  title: string;
  safe: boolean;
  edits: LspTextEdit[];
}

/** What every Harden diagnostic carries in `data`. */
export interface DiagnosticData {
  /** The document version the diagnostic (and its fixes) belong to; null for closed files. */
  version: number | null;
  fixes: FixData[];
}

export const SOURCE = 'harden';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.position(start), end: lines.position(end) };
}

export function toLspEdit(lines: LineIndex, e: TextEdit): LspTextEdit {
  return { range: toRange(lines, e.start, e.end), newText: e.newText };
}

/** A path or URI as the engine named a file, as a URI. */
export function asUri(file: string): string {
  if (/^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return file;
  return pathToFileURL(file).toString();
}

export function toDiagnostic(f: Finding, lines: LineIndex, version: number | null, docsHref: (rule: string) => string | undefined): Diagnostic {
  const d = Diagnostic.create(toRange(lines, f.span.start, f.span.end), f.message, SEVERITY[f.severity], f.rule, SOURCE);
  const href = docsHref(f.rule);
  if (href) d.codeDescription = { href };
  if (f.rule === 'unused-suppression') d.tags = [DiagnosticTag.Unnecessary];
  if (f.related?.length)
    d.relatedInformation = f.related.map((r) => ({
      location: { uri: asUri(r.file), range: { start: { line: r.line, character: r.character }, end: { line: r.endLine, character: r.endCharacter } } },
      message: r.message,
    }));
  const data: DiagnosticData = { version, fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe, edits: x.edits.map((e) => toLspEdit(lines, e)) })) };
  d.data = data;
  return d;
}

/** The diagnostics of an analysis: suppressed findings are left out. */
export function toDiagnostics(findings: readonly Finding[], lines: LineIndex, version: number | null, docsHref: (rule: string) => string | undefined): Diagnostic[] {
  return findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(f, lines, version, docsHref));
}

export function isDiagnosticData(v: unknown): v is DiagnosticData {
  if (!v || typeof v !== 'object') return false;
  const d = v as Record<string, unknown>;
  return (typeof d.version === 'number' || d.version === null) && Array.isArray(d.fixes);
}

/** One edit that turns `before` into `after`: the changed middle between a common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // Do not split a CRLF or a surrogate pair.
  while (p > 0 && (before.charCodeAt(p - 1) === 13 || (before.charCodeAt(p - 1) & 0xfc00) === 0xd800)) p--;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  while (s > 0 && ((before.charCodeAt(before.length - s) & 0xfc00) === 0xdc00 || before.charCodeAt(before.length - s) === 10)) s--;
  return { start: p, end: before.length - s, newText: after.slice(p, after.length - s) };
}
