// Fix-all: apply the fixes of every unsuppressed finding in passes until nothing changes. Used by
// `harden --fix` (and usable for an editor's fix-all). Pure: text in, text out.
import { applyEdits } from './fix';
import { analyze, type Analysis, type AnalyzeInput } from './index';
import type { Finding, Fix, TextEdit } from './types';

export interface FixAllOptions {
  /** Also apply unsafe fixes (they change how the container runs). */
  unsafe?: boolean;
  /** At most this many analyse-and-fix passes (default 10). */
  maxPasses?: number;
}

export interface FixAllResult {
  text: string;
  /** Number of fixes applied over all passes. */
  applied: number;
  passes: number;
  /** The analysis of the final text. */
  analysis: Analysis;
}

/** Edits that overlap or touch (same insertion point, adjacent ranges) may not go in one pass: each fix was computed against the text without the other. */
function touches(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Fixes whose edits neither overlap nor touch one another (first come, first served). */
function compatible(fixes: readonly Fix[]): Fix[] {
  const taken: TextEdit[] = [];
  const out: Fix[] = [];
  for (const fix of fixes) {
    if (fix.edits.some((e, i) => fix.edits.some((o, j) => i !== j && e.start < o.end && o.start < e.end))) continue;
    if (fix.edits.some((e) => taken.some((t) => touches(e, t)))) continue;
    taken.push(...fix.edits);
    out.push(fix);
  }
  return out;
}

const key = (f: Fix): string => `${f.title}\u0000${JSON.stringify(f.edits)}`;

export interface FixPassesOptions {
  /** Also apply unsafe fixes (they change how the container runs). */
  unsafe?: boolean;
  /** Only the findings this accepts are fixed (an editor's "fix all <rule>"). */
  include?: (f: Finding) => boolean;
  /** At most this many analyse-and-fix passes (default 10). */
  maxPasses?: number;
}

/**
 * The fix-all loop shared by `harden --fix` and the editor's fix-all actions: take the first
 * applicable fix of every unsuppressed finding, apply those whose edits neither overlap nor touch,
 * re-analyse, and repeat until nothing applies or the text stops changing. A pass whose result has
 * more parse errors is retried one fix at a time; a fix that breaks the file on its own is never
 * applied. `reanalyze` may reuse an incremental analyzer; it returns undefined when it fails.
 */
export function fixPasses<A extends { findings: readonly Finding[] }>(text: string, first: A, reanalyze: (text: string) => A | undefined, opts: FixPassesOptions = {}): { text: string; applied: number; passes: number; analysis: A } {
  const maxPasses = opts.maxPasses ?? 10;
  const include = opts.include ?? (() => true);
  let current = text;
  let analysis = first;
  let applied = 0;
  let passes = 0;
  const broken = new Set<string>();
  const errorsOf = (a: A): number => a.findings.filter((f) => f.rule === 'parse-error').length;
  const attempt = (fixes: Fix[]): { text: string; analysis: A } | undefined => {
    let next: string;
    try {
      next = applyEdits(current, fixes.flatMap((f) => f.edits));
    } catch {
      return undefined;
    }
    if (next === current) return undefined;
    const a = reanalyze(next);
    return a && errorsOf(a) <= errorsOf(analysis) ? { text: next, analysis: a } : undefined;
  };
  while (passes < maxPasses) {
    const candidates: Fix[] = [];
    const seen = new Set<string>();
    for (const f of analysis.findings) {
      if (f.suppressed || !include(f)) continue;
      const fix = f.fixes.find((x) => x.edits.length > 0 && (x.safe || opts.unsafe) && !broken.has(key(x)));
      if (!fix) continue;
      const k = JSON.stringify(fix.edits);
      if (seen.has(k)) continue; // the same edit offered by two findings
      seen.add(k);
      candidates.push(fix);
    }
    const chosen = compatible(candidates);
    if (chosen.length === 0) break;
    let result = attempt(chosen);
    let count = chosen.length;
    if (!result) {
      count = 1;
      for (const one of chosen) {
        result = attempt([one]);
        if (result) break;
        broken.add(key(one));
      }
    }
    passes++;
    if (!result) continue;
    applied += count;
    current = result.text;
    analysis = result.analysis;
  }
  return { text: current, applied, passes, analysis };
}

/** `harden --fix`: fix-all over one file with fresh analyses. */
export function fixAll(input: AnalyzeInput, opts: FixAllOptions = {}): FixAllResult {
  return fixPasses(input.text, analyze(input), (t) => analyze({ ...input, text: t }), opts);
}
