// Several toolkit edits on one object, applied one after another: after each step the text is
// re-parsed and the object found again (same document, same position among the workloads), so
// every step sees the text the previous ones produced. The result is one edit covering the
// changed region (text outside it is untouched; inside it, everything but the changes is kept
// byte for byte). Used by fixes that touch several places of a workload: the toolkit's edits of
// separate calls may otherwise collide at one offset.
import { applyEdits } from '../fix';
import type { TextEdit } from '../types';
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
  return [diffEdit(model.text, text)];
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
