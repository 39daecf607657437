// What the editors should show, computed with the engine itself: the tests compare the real editor
// with it instead of hard-coding messages, positions or fix titles.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, applyFixes, DEFAULT_PROFILE, type Analysis, type Finding } from '../../../server/src/engine';
import { exposureDeltas, exposureOf, type ContainerExposure, type ExposureDelta } from '../../../server/src/engine/exposure/model';

/** Analyse a file as the language server does with default settings (no .harden.yaml around). */
export function analyzeFile(file: string, text = fs.readFileSync(file, 'utf8')): Analysis {
  return analyze({
    file,
    text,
    config: { profile: DEFAULT_PROFILE },
    readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined),
    resolve: (rel) => path.resolve(path.dirname(file), rel),
  });
}

/** Unsuppressed findings. */
export function active(a: Analysis): Finding[] {
  return a.findings.filter((f) => !f.suppressed);
}

/** `line:rule` keys (1-based lines), sorted and de-duplicated. */
export function keys(a: Analysis): string[] {
  return [...new Set(active(a).map((f) => `${a.lines.position(f.span.start).line + 1}:${f.rule}`))].sort();
}

/** 1-based line and column of a finding's start, as the editor shows it. */
export function where(a: Analysis, f: Finding): { line: number; column: number } {
  const p = a.lines.position(f.span.start);
  return { line: p.line + 1, column: p.character + 1 };
}

/** The text after fix-all: safe fixes (the first of each finding), re-analysed until stable. */
export function fixAll(file: string, text: string): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const fixes = active(analyzeFile(file, current)).flatMap((f) => f.fixes.filter((x) => x.safe).slice(0, 1));
    if (fixes.length === 0) break;
    const next = applyFixes(current, fixes).text;
    if (next === current) break;
    current = next;
  }
  return current;
}

export { applyEdits };

/** The kernel exposure of each container of a file as the server computes it, and what each fix removes. */
export function exposureFile(file: string, text = fs.readFileSync(file, 'utf8')): { exposures: ContainerExposure[]; deltas: (e: ContainerExposure) => ExposureDelta[] } {
  const input = { file, text, config: { profile: DEFAULT_PROFILE }, readFile: (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined), resolve: (rel: string) => path.resolve(path.dirname(file), rel) };
  const analysis = analyze(input);
  return { exposures: exposureOf(analysis), deltas: (e) => exposureDeltas(input, analysis, e) };
}
