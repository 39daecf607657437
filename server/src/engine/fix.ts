// Applying text edits and fixes. Pure: text in, text out.
import type { Fix, TextEdit } from './types';

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point are allowed (applied in the given order); otherwise ranges must not touch inside.
  if (a.start === a.end && b.start === b.end) return false;
  return a.start < b.end && b.start < a.end;
}

/** Apply edits (which must not overlap) to text. Throws on overlapping edits: a fix is never applied half. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((x, y) => x.e.start - y.e.start || x.e.end - y.e.end || x.i - y.i);
  let out = '';
  let pos = 0;
  for (let k = 0; k < sorted.length; k++) {
    const { e } = sorted[k];
    if (e.start < pos || e.start > e.end || e.end > text.length) throw new Error('overlapping or out-of-range edits');
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * Choose a set of fixes whose edits do not overlap (first come, first served) and apply them.
 * Returns the new text and the fixes applied; the rest can be applied in a later pass.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[] } {
  const taken: TextEdit[] = [];
  const applied: Fix[] = [];
  const seen = new Set<string>();
  for (const fix of fixes) {
    if (fix.edits.length === 0) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue; // the same edit offered by two findings
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    if (fix.edits.some((e, i) => fix.edits.some((o, j) => i !== j && overlaps(e, o)))) continue;
    seen.add(key);
    taken.push(...fix.edits);
    applied.push(fix);
  }
  return { text: applyEdits(text, taken), applied };
}
