// Fix-all: apply the fixes of every unsuppressed finding in passes until nothing changes. Used by
// `harden --fix` (and usable for an editor's fix-all). Pure: text in, text out.
import { applyEdits } from './fix';
import { analyze, type Analysis, type AnalyzeInput } from './index';
import type { Fix, TextEdit } from './types';

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

function parseErrors(a: Analysis): number {
  return a.findings.filter((f) => f.rule === 'parse-error').length;
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

/**
 * Analyse, apply the compatible fixes, re-analyse, until no fix applies or the text stops
 * changing (at most `maxPasses` passes). A pass whose result has more parse errors is retried
 * one fix at a time; a fix that breaks the file on its own is never applied.
 */
export function fixAll(input: AnalyzeInput, opts: FixAllOptions = {}): FixAllResult {
  const maxPasses = opts.maxPasses ?? 10;
  let text = input.text;
  let analysis = analyze(input);
  let applied = 0;
  let passes = 0;
  const broken = new Set<string>();
  const attempt = (fixes: Fix[]): { text: string; analysis: Analysis } | undefined => {
    let next: string;
    try {
      next = applyEdits(text, fixes.flatMap((f) => f.edits));
    } catch {
      return undefined;
    }
    if (next === text) return undefined;
    const a = analyze({ ...input, text: next });
    return parseErrors(a) > parseErrors(analysis) ? undefined : { text: next, analysis: a };
  };
  while (passes < maxPasses) {
    const candidates = analysis.findings
      .filter((f) => !f.suppressed)
      .flatMap((f) => f.fixes.filter((x) => x.edits.length > 0 && (x.safe || opts.unsafe) && !broken.has(key(x))));
    const seen = new Set<string>();
    const unique = candidates.filter((f) => {
      const k = JSON.stringify(f.edits);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const chosen = compatible(unique);
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
    text = result.text;
    analysis = result.analysis;
  }
  return { text, applied, passes, analysis };
}
