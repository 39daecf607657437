// Replays random edit sequences through one `Analyzer` (as the language server does) and checks
// after every edit that the result equals a fresh full analysis of the same text.
import { strict as assert } from 'node:assert';
import { analyze, Analyzer, type Analysis } from '../server/src/engine';
import { rng } from './fuzz/mutate';

const INSERTS = ['x', ' ', '\n', ':', '-', '#', '"', '---\n', '  privileged: true\n', '\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}\n', '# harden-ignore privileged\n'];

function edit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const k = r();
  if (k < 0.45) return text.slice(0, at) + INSERTS[Math.floor(r() * INSERTS.length)] + text.slice(at);
  if (k < 0.9) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  // Delete a whole line.
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  const le = text.indexOf('\n', at);
  return text.slice(0, ls) + (le < 0 ? '' : text.slice(le + 1));
}

/** A comparable digest of an analysis (everything an adapter shows). */
export function digest(a: Analysis): unknown {
  return {
    kind: a.kind,
    errors: a.errors,
    notes: a.notes,
    findings: a.findings.map((f) => [f.rule, f.span.start, f.span.end, f.severity, f.message, f.object ?? '', f.container ?? '', f.suppressed?.kind ?? '', JSON.stringify(f.fixes)]),
  };
}

/** Replay `edits` random edits on `text`; returns how many analyses were compared. */
export function replay(file: string, text: string, edits: number, seed: number): number {
  const r = rng(seed);
  const inc = new Analyzer();
  const config = { profile: 'strict' as const };
  let t = text;
  let compared = 0;
  for (let i = 0; i <= edits; i++) {
    if (i > 0) t = edit(t, r);
    const a = inc.analyze({ file, text: t, config });
    const b = analyze({ file, text: t, config });
    assert.deepEqual(digest(a), digest(b), `${file}: incremental and full analyses differ after edit ${i} (seed ${seed})`);
    compared++;
  }
  return compared;
}
