// Several toolkit edits on one object, applied one after another: after each step the text is
// re-parsed and the object found again (same document, same position among the workloads), so
// every step sees the text the previous ones produced. The result is a line diff of the original
// and the final text: one edit per changed run of lines, so separate fixes rarely overlap. Used by fixes that touch several places of a workload: the toolkit's edits of
// separate calls may otherwise collide at one offset.
import { applyEdits } from '../fix';
import type { TextEdit } from '../types';
import { normaliseEdits } from '../yaml/edit';
import { parseYamlStream } from '../yaml/parse';
import { buildKubernetesModel, type K8sObject, type KubernetesModel } from './model';

/** A step returns its edits, `[]` when it has nothing to do, or undefined to decline the whole fix. */
export type Step = (model: KubernetesModel, object: K8sObject) => TextEdit[] | undefined;

export function runSteps(model: KubernetesModel, object: K8sObject, steps: Step[]): TextEdit[] | undefined {
  const index = model.workloads.indexOf(object);
  if (index < 0) return undefined;
  let text = model.text;
  let m = model;
  let o = object;
  for (const step of steps) {
    const edits = step(m, o);
    if (!edits) return undefined;
    if (!edits.length) continue;
    try {
      text = applyEdits(text, edits);
    } catch {
      return undefined;
    }
    const stream = parseYamlStream(text);
    if (stream.parseErrors.length > model.parseErrors.length) return undefined;
    m = buildKubernetesModel(stream, { file: '' });
    const next = m.workloads[index];
    if (!next || next.label !== object.label) return undefined;
    o = next;
  }
  if (text === model.text) return [];
  // Line-start insertions get the toolkit's shape (insert after the previous line break), so a
  // fix-all pass sees them collide with another fix's insertion at the end of that line.
  return normaliseEdits(model.text, diffEdits(model.text, text));
}

/** Lines with their line endings. */
function splitLines(s: string): string[] {
  return s.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** Edits that turn `a` into `b`, one per run of changed lines (a single edit when the changed middle is large). */
export function diffEdits(a: string, b: string): TextEdit[] {
  const A = splitLines(a);
  const B = splitLines(b);
  let p = 0;
  while (p < A.length && p < B.length && A[p] === B[p]) p++;
  let s = 0;
  while (s < A.length - p && s < B.length - p && A[A.length - 1 - s] === B[B.length - 1 - s]) s++;
  const am = A.slice(p, A.length - s);
  const bm = B.slice(p, B.length - s);
  const offsetOf = (lines: string[], i: number): number => lines.slice(0, i).reduce((n, l) => n + l.length, 0);
  const base = offsetOf(A, p);
  if (am.length * bm.length > 4_000_000) return [diffEdit(a, b)];
  // LCS table over the changed middle.
  const n = am.length;
  const m = bm.length;
  const L: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = am[i] === bm[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  let off = base;
  let cur: TextEdit | undefined;
  const flush = (): void => {
    if (cur) edits.push(cur);
    cur = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      flush();
      off += am[i].length;
      i++;
      j++;
    } else if (j < m && (i === n || L[i][j + 1] >= L[i + 1][j])) {
      cur ??= { start: off, end: off, newText: '' };
      cur.newText += bm[j++];
    } else {
      cur ??= { start: off, end: off, newText: '' };
      off += am[i].length;
      cur.end = off;
      i++;
    }
  }
  flush();
  return edits;
}

/** One edit that turns `a` into `b`: the region between their common prefix and suffix. */
export function diffEdit(a: string, b: string): TextEdit {
  let p = 0;
  const max = Math.min(a.length, b.length);
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, end: a.length - s, newText: b.slice(p, b.length - s) };
}
