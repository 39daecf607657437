// Fix-all: apply the fixes of every unsuppressed finding in passes until nothing changes. Used by
// `harden --fix` (and usable for an editor's fix-all). Pure: text in, text out.
import { applyFixes } from './fix';
import { analyze, type Analysis, type AnalyzeInput } from './index';
import type { Fix } from './types';

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

/**
 * Analyse, apply the non-overlapping fixes, re-analyse, until no fix applies or the text stops
 * changing. A pass that would add parse errors is discarded (a fix never breaks the file).
 */
export function fixAll(input: AnalyzeInput, opts: FixAllOptions = {}): FixAllResult {
  const maxPasses = opts.maxPasses ?? 10;
  let text = input.text;
  let analysis = analyze(input);
  let applied = 0;
  let passes = 0;
  while (passes < maxPasses) {
    const fixes: Fix[] = analysis.findings.filter((f) => !f.suppressed).flatMap((f) => f.fixes.filter((x) => x.edits.length > 0 && (x.safe || opts.unsafe)));
    if (fixes.length === 0) break;
    let next: { text: string; applied: Fix[] };
    try {
      next = applyFixes(text, fixes);
    } catch {
      break;
    }
    if (next.applied.length === 0 || next.text === text) break;
    const nextAnalysis = analyze({ ...input, text: next.text });
    if (parseErrors(nextAnalysis) > parseErrors(analysis)) break;
    passes++;
    applied += next.applied.length;
    text = next.text;
    analysis = nextAnalysis;
  }
  return { text, applied, passes, analysis };
}
