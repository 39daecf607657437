// Code actions: a finding's own fixes (carried in the diagnostic's `data`), fix-all for a rule,
// ignore comments for a line or the file, the rule's documentation, and `source.fixAll.harden`.
import { CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type Analysis, type FileKind, type Finding, type TextEdit } from '../engine';
import { fixPasses } from '../engine/fixall';
import { isDiagnosticData, minimalEdit, SOURCE, toLspEdit } from './convert';
import type { ServerSettings } from './settings';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.harden`;
export const MAX_FIX_PASSES = 10;

export interface ActionContext {
  doc: TextDocument;
  /** The analysis of the document's current version. */
  analysis: Analysis;
  settings: ServerSettings;
  /** Analyse another text of the same document with the same configuration (fix-all passes). */
  reanalyze: (text: string) => Finding[];
  /** Command id that opens a rule's documentation (client-side in VS Code, server-side elsewhere). */
  docsCommand: string;
  /** Whether the client accepts versioned `documentChanges`. */
  documentChanges: boolean;
  /** Extra actions for the range (bundle fixes per workload or service). */
  extra?: (range: CodeActionParams['range']) => CodeAction[];
}

/** Does an action of `kind` pass the client's `only` filter? */
export function wanted(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return !kind.startsWith(CodeActionKind.Source);
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function edit(ctx: ActionContext, edits: LspTextEdit[]): WorkspaceEdit {
  if (ctx.documentChanges) return { documentChanges: [{ textDocument: { uri: ctx.doc.uri, version: ctx.doc.version }, edits }] };
  return { changes: { [ctx.doc.uri]: edits } };
}

const LINE_DIRECTIVE = /^([ \t]*)#[ \t]*harden-ignore(?=[ \t]|$)([^\r\n]*)$/;
const FILE_DIRECTIVE = /^[ \t]*#[ \t]*harden-ignore-file(?=[ \t]|$)([^\r\n]*)$/;

function directiveBody(rest: string): string {
  const dash = rest.indexOf('--');
  return dash >= 0 ? rest.slice(0, dash) : rest;
}

function directiveIds(rest: string): string[] {
  return directiveBody(rest).split(/[\s,]+/).filter(Boolean);
}

/** Add `rule` after the last id of a directive whose arguments (`rest`) start at `restStart`. */
function addToDirective(rest: string, restStart: number, rule: string): TextEdit {
  const at = restStart + directiveBody(rest).trimEnd().length;
  return { start: at, end: at, newText: `,${rule}` };
}

/**
 * The edit that suppresses `rule` on a 0-based line: `# harden-ignore <rule> -- ` above it, with the
 * line's indentation and the text's line ending; or the rule added to a directive already there.
 */
export function ignoreLineEdit(lines: LineIndex, line: number, rule: string): TextEdit | undefined {
  if (line > 0) {
    const prev = lines.lineText(line - 1);
    const m = LINE_DIRECTIVE.exec(prev);
    if (m) {
      const ids = directiveIds(m[2]);
      if (ids.length === 0 || ids.includes(rule)) return undefined; // already covered
      return addToDirective(m[2], lines.lineStart(line - 1) + prev.length - m[2].length, rule);
    }
  }
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  const at = lines.lineStart(line);
  return { start: at, end: at, newText: `${indent}# harden-ignore ${rule} -- ${lines.eol}` };
}

/**
 * The edit that suppresses `rule` in the whole file: `# harden-ignore-file <rule> -- ` at the top,
 * after a shebang, Dockerfile parser directives, or YAML directives and the first `---`; or the
 * rule added to an existing `harden-ignore-file` directive.
 */
export function ignoreFileEdit(lines: LineIndex, kind: FileKind, rule: string): TextEdit | undefined {
  for (let l = 0; l < lines.lineCount; l++) {
    const t = lines.lineText(l);
    const m = FILE_DIRECTIVE.exec(t);
    if (!m) continue;
    const ids = directiveIds(m[1]);
    if (ids.length === 0 || ids.includes(rule)) return undefined; // already covered
    return addToDirective(m[1], lines.lineStart(l) + t.length - m[1].length, rule);
  }
  let line = 0;
  if (lines.lineText(0).startsWith('#!')) line = 1;
  if (kind === 'dockerfile') {
    // Parser directives (`# syntax=...`, `# escape=...`, `# check=...`) must stay first.
    while (line < lines.lineCount && /^#[ \t]*[A-Za-z][A-Za-z0-9_-]*[ \t]*=/.test(lines.lineText(line))) line++;
  } else {
    let l = line;
    while (l < lines.lineCount && /^%/.test(lines.lineText(l))) l++;
    if (l < lines.lineCount && /^---([ \t]|$)/.test(lines.lineText(l)) && lines.lineText(l).trim() === '---') line = l + 1;
    else if (l > line) line = l;
  }
  const text = `# harden-ignore-file ${rule} -- `;
  if (line >= lines.lineCount) {
    const end = lines.text.length;
    const needsBreak = end > 0 && !/[\r\n]$/.test(lines.text);
    return { start: end, end, newText: (needsBreak ? lines.eol : '') + text + lines.eol };
  }
  const at = lines.lineStart(line);
  return { start: at, end: at, newText: text + lines.eol };
}

/**
 * The text after fix-all with safe fixes only (the engine's fix-all loop, at most MAX_FIX_PASSES
 * passes). `first` is the current analysis's findings (so pass one costs nothing); `reanalyze`
 * reuses the document's incremental analyzer.
 */
export function fixAllText(text: string, first: readonly Finding[], reanalyze: (t: string) => Finding[], include: (f: Finding) => boolean = () => true): string {
  return fixPasses(text, { findings: first }, (t) => ({ findings: reanalyze(t) }), { include, maxPasses: MAX_FIX_PASSES }).text;
}

function hasSafeFix(f: Finding): boolean {
  return !f.suppressed && f.fixes.some((x) => x.safe);
}

/** Every code action for a request. */
export function codeActions(params: CodeActionParams, ctx: ActionContext): CodeAction[] {
  const only = params.context.only;
  const out: CodeAction[] = [];
  const { doc, analysis } = ctx;
  const lines = new LineIndex(doc.getText());
  const quick = wanted(CodeActionKind.QuickFix, only);
  if (quick) {
    const perRule = new Set<string>();
    const perLine = new Set<string>();
    const ruleLevel: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string' || !isDiagnosticData(d.data)) continue;
      if (d.data.version !== doc.version) continue; // stale: the text changed since this diagnostic
      const rule = d.code;
      for (const fix of d.data.fixes) {
        if (!fix.safe && !ctx.settings.unsafeFixes) continue;
        const a = CodeAction.create(fix.safe ? fix.title : `${fix.title} (unsafe)`, edit(ctx, fix.edits), CodeActionKind.QuickFix);
        a.diagnostics = [d];
        if (fix.safe) a.isPreferred = true;
        out.push(a);
      }
      const lineKey = `${rule}:${d.range.start.line}`;
      if (!perLine.has(lineKey)) {
        perLine.add(lineKey);
        const e = ignoreLineEdit(lines, d.range.start.line, rule);
        if (e) {
          const a = CodeAction.create(`Ignore ${rule} for this line`, edit(ctx, [toLspEdit(lines, e)]), CodeActionKind.QuickFix);
          a.diagnostics = [d];
          out.push(a);
        }
      }
      if (perRule.has(rule)) continue;
      perRule.add(rule);
      // Only worth a separate action when more than one finding of the rule has a safe fix.
      if (analysis.findings.filter((f) => f.rule === rule && hasSafeFix(f)).length > 1) {
        const after = fixAllText(doc.getText(), analysis.findings, ctx.reanalyze, (f) => f.rule === rule);
        const e = minimalEdit(doc.getText(), after);
        if (e) ruleLevel.push(withDiagnostics(CodeAction.create(`Fix all ${rule} problems in this file`, edit(ctx, [toLspEdit(lines, e)]), CodeActionKind.QuickFix), d));
      }
      const fe = ignoreFileEdit(lines, analysis.kind, rule);
      if (fe) ruleLevel.push(withDiagnostics(CodeAction.create(`Ignore ${rule} for this file`, edit(ctx, [toLspEdit(lines, fe)]), CodeActionKind.QuickFix), d));
      ruleLevel.push(withDiagnostics(CodeAction.create(`Show documentation for ${rule}`, { title: `Show documentation for ${rule}`, command: ctx.docsCommand, arguments: [rule] }, CodeActionKind.QuickFix), d));
    }
    out.push(...ruleLevel);
    if (ctx.extra) out.push(...ctx.extra(params.range));
  }
  if (wanted(FIX_ALL_KIND, only)) {
    const after = fixAllText(doc.getText(), analysis.findings, ctx.reanalyze);
    const e = minimalEdit(doc.getText(), after);
    if (e) out.push(CodeAction.create('Fix all auto-fixable Harden problems', edit(ctx, [toLspEdit(lines, e)]), FIX_ALL_KIND));
  }
  return out;
}

function withDiagnostics(a: CodeAction, d: Diagnostic): CodeAction {
  a.diagnostics = [d];
  return a;
}
