// Shared helpers for tests: paths, fixture markers, analysis shortcuts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type AnalyzeInput, type Analysis } from '../server/src/engine';

/** The repository root, whether tests run from TypeScript (tsx) or from out/test. */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'out') dir = path.dirname(dir);
  return dir;
})();

export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const sharedCorpus = path.resolve(repoRoot, '..', 'shared', 'corpus');

/** Analyse text at the strict profile (every rule on) unless a config is given. */
export function lint(file: string, text: string, extra: Partial<AnalyzeInput> = {}): Analysis {
  return analyze({ file, text, config: { profile: 'strict' }, ...extra });
}

/** `line:rule` keys of the unsuppressed findings (1-based lines). */
export function findingKeys(a: Analysis, rules?: Set<string>): string[] {
  return a.findings
    .filter((f) => !f.suppressed && (!rules || rules.has(f.rule)))
    .map((f) => `${a.lines.position(f.span.start).line + 1}:${f.rule}`)
    .sort();
}

export interface Marker {
  /** 1-based line the marker applies to (the next line that is not a marker). */
  line: number;
  rule: string;
}

const MARKER = /^\s*#\s*expect:\s*(.+?)\s*$/;

/**
 * Read `# expect: <rule>[, <rule>]` markers. A marker applies to the next line that is not itself
 * a marker (so several markers can stack above one line).
 */
export function readMarkers(text: string): Marker[] {
  const lines = text.split(/\r\n|\n|\r/);
  const out: Marker[] = [];
  let pending: string[] = [];
  lines.forEach((l, i) => {
    const m = MARKER.exec(l);
    if (m) {
      pending.push(...m[1].split(/[\s,]+/).filter(Boolean));
      return;
    }
    for (const r of pending) out.push({ line: i + 1, rule: r });
    pending = [];
  });
  return out;
}

/** Every file under a folder, recursively, sorted. */
export function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}
