// Text output: one code frame per finding (line numbers, a caret line under the range), dim notes,
// and a summary line. Colour only when asked for (a TTY without NO_COLOR).
import { exposureBlock } from '../engine/exposure/report';
import type { ContainerExposure } from '../engine/exposure/types';
import { countFindings, range1, sortedFindings, type FileResult } from '../engine/report';
import type { Finding, Severity } from '../engine';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  sev(sev: Severity, s: string): string;
  caret(sev: Severity, s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const SEV_COLOUR: Record<Severity, (s: string) => string> = { error: wrap(31, 39), warning: wrap(33, 39), info: wrap(36, 39) };

export const COLOUR: Style = { bold: wrap(1, 22), dim: wrap(2, 22), sev: (sev, s) => SEV_COLOUR[sev](s), caret: (sev, s) => SEV_COLOUR[sev](wrap(1, 22)(s)) };
export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, sev: (_sev, s) => s, caret: (_sev, s) => s };

/** Colour when writing to a terminal, unless NO_COLOR is set; FORCE_COLOR (not "0") forces it. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true;
}

/** Control characters other than tab would garble a terminal: show them escaped. */
function printable(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f\x1b]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Keep tab characters in the caret line so it lines up with the source line above it. */
function padLike(source: string, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) out += source[i] === '\t' ? '\t' : ' ';
  return out;
}

const CONTEXT = 1;
const MAX_FRAME_LINES = 6;

/** The code frame of one finding: a line of context around it, `>` marking its lines, carets under the range. */
export function codeFrame(result: FileResult, f: Finding, style: Style): string[] {
  const { lines } = result;
  const r = range1(lines, f.span);
  const first = Math.max(1, r.line - CONTEXT);
  const lastRange = r.endColumn === 1 && r.endLine > r.line ? r.endLine - 1 : r.endLine;
  const last = Math.min(lines.lineCount, Math.max(lastRange, r.line) + CONTEXT, r.line + MAX_FRAME_LINES);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = printable(lines.lineText(n - 1));
    const inRange = n >= r.line && n <= lastRange;
    const gutter = `${inRange ? '>' : ' '} ${String(n).padStart(width)} | `;
    out.push('  ' + (inRange ? style.bold(gutter) : style.dim(gutter)) + text);
    if (n === r.line) {
      const from = r.column - 1;
      const to = r.endLine === r.line ? r.endColumn - 1 : text.length;
      const carets = '^'.repeat(Math.max(1, to - from));
      out.push('  ' + style.dim(`  ${' '.repeat(width)} | `) + padLike(text, from) + style.caret(f.severity, carets));
    }
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface TextOptions {
  quiet: boolean;
  fixed?: Map<string, number>;
  style: Style;
}

/** The whole text report. */
export function textReport(results: readonly FileResult[], opts: TextOptions): string {
  const { style } = opts;
  const out: string[] = [];
  const rows = sortedFindings(results).filter((r) => !r.finding.suppressed);
  const byFile = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byFile.get(row.result.file) ?? [];
    list.push(row);
    byFile.set(row.result.file, list);
  }
  const ordered = [...results].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  let fixable = 0;
  for (const result of ordered) {
    const list = byFile.get(result.file) ?? [];
    const fixed = opts.fixed?.get(result.file) ?? 0;
    const notes = result.notes ?? [];
    if (list.length === 0 && opts.quiet) continue;
    if (list.length === 0) {
      out.push(`${style.bold(result.file)} ${style.dim(fixed ? `fixed ${plural(fixed, 'problem')}, nothing left` : 'no problems')}`);
      for (const n of notes) out.push(style.dim(`  note: ${n}`));
      continue;
    }
    out.push(style.bold(result.file) + (fixed ? style.dim(` (fixed ${plural(fixed, 'problem')})`) : ''));
    for (const n of notes) out.push(style.dim(`  note: ${n}`));
    for (const { finding: f, range } of list) {
      out.push('');
      out.push(`  ${result.file}:${range.line}:${range.column}  ${style.sev(f.severity, f.severity)}  ${f.message}  ${style.dim(f.rule)}`);
      out.push(...codeFrame(result, f, style));
      for (const rel of f.related ?? []) out.push(style.dim(`    related: ${rel.file}:${rel.line + 1}: ${rel.message}`));
      for (const x of f.fixes) out.push(style.dim(`    fix (${x.safe ? 'safe' : 'unsafe'}): ${x.title}`));
      if (f.fixes.some((x) => x.safe && x.edits.length)) fixable++;
    }
    out.push('');
  }
  const c = countFindings(results);
  const problems = c.error + c.warning + c.info;
  if (problems > 0 || !opts.quiet) {
    const parts = [`${style.sev('error', plural(c.error, 'error'))}`, `${style.sev('warning', plural(c.warning, 'warning'))}`, `${style.sev('info', `${c.info} info`)}`];
    let line = `${plural(results.length, 'file')} checked: ${problems === 0 ? 'no problems' : parts.join(', ')}`;
    if (c.suppressed) line += style.dim(` (${c.suppressed} suppressed)`);
    const totalFixed = [...(opts.fixed?.values() ?? [])].reduce((a, b) => a + b, 0);
    if (totalFixed) line += `; fixed ${plural(totalFixed, 'problem')}`;
    else if (fixable) line += style.dim(`; ${fixable} fixable with --fix`);
    out.push(line);
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/**
 * `--format exposure`: per file, a table of what each container can reach of the host kernel and
 * each container's one-line summary; files without containers say so (nothing with --quiet). The
 * closing line counts containers and findings (findings still decide the exit code).
 */
export function exposureReport(results: ReadonlyArray<FileResult & { exposure?: readonly ContainerExposure[] }>, opts: { quiet: boolean; style: Style }): string {
  const { style } = opts;
  const out: string[] = [];
  const ordered = [...results].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  let containers = 0;
  for (const result of ordered) {
    const list = result.exposure ?? [];
    containers += list.length;
    const notes = result.notes ?? [];
    if (!list.length) {
      if (opts.quiet) continue;
      out.push(`${style.bold(printable(result.file))} ${style.dim('no containers')}`);
      for (const n of notes) out.push(style.dim(`  note: ${n}`));
      continue;
    }
    out.push(style.bold(printable(result.file)));
    for (const n of notes) out.push(style.dim(`  note: ${n}`));
    out.push(...exposureBlock(result.file, result.lines, list, style));
    out.push('');
  }
  const c = countFindings(results);
  const problems = c.error + c.warning + c.info;
  if (containers > 0 || problems > 0 || !opts.quiet) {
    const findings = problems === 0 ? 'no problems' : [style.sev('error', plural(c.error, 'error')), style.sev('warning', plural(c.warning, 'warning')), style.sev('info', `${c.info} info`)].join(', ');
    out.push(`${plural(results.length, 'file')}, ${plural(containers, 'container')}; findings: ${findings}${problems ? style.dim(' (--format text shows them)') : ''}`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}
