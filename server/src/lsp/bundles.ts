// Bundle fixes: one action that hardens a whole Kubernetes workload (Pod Security restricted) or a
// whole Compose service, offered wherever the cursor is inside it. The engine computes them
// (`restrictedProfileFix`, `hardenServiceFix`); this adapter only finds the objects under the
// range and turns the fix into a code action. Bundles change how containers run: always unsafe.
import { CodeAction, CodeActionKind, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { Analysis, Fix, Span } from '../engine';
import { hardenServiceFix } from '../engine/compose/bundle';
import type { ComposeModel } from '../engine/compose/model';
import { restrictedProfileFix } from '../engine/kubernetes/bundle';
import type { KubernetesModel } from '../engine/kubernetes/model';
import { toLspEdit } from './convert';

export interface BundleOptions {
  uri: string;
  version: number;
  documentChanges: boolean;
  /** `harden.unsafeFixes`: bundles are unsafe, so they are hidden when it is false. */
  unsafeFixes: boolean;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Bundle-fix code actions for the workloads / services that `range` touches. */
export function bundleActions(analysis: Analysis, range: Range, opts: BundleOptions): CodeAction[] {
  if (!opts.unsafeFixes) return [];
  const lines = analysis.lines;
  const sel: Span = { start: lines.offset(range.start), end: lines.offset(range.end) };
  const fixes: Array<{ fix: Fix; offset: number }> = [];
  for (const part of analysis.parts ?? []) {
    const shift = (s: Span): Span => ({ start: s.start + part.offset, end: s.end + part.offset });
    if (part.model.format === 'kubernetes') {
      const m = part.model as KubernetesModel;
      for (const w of m.workloads ?? []) {
        if (!overlaps(shift(w.scope), sel)) continue;
        const fix = restrictedProfileFix(m, w);
        if (fix?.edits.length) fixes.push({ fix, offset: part.offset });
      }
    } else if (part.model.format === 'compose') {
      const m = part.model as ComposeModel;
      for (const svc of m.services ?? []) {
        const r = svc.node?.range;
        const scope: Span = r ? { start: Math.min(svc.keySpan.start, r[0]), end: Math.max(svc.keySpan.end, r[1]) } : svc.keySpan;
        if (!overlaps(shift(scope), sel)) continue;
        const fix = hardenServiceFix(m, svc);
        if (fix?.edits.length) fixes.push({ fix, offset: part.offset });
      }
    }
  }
  return fixes.map(({ fix, offset }) => {
    const edits = fix.edits.map((e) => toLspEdit(lines, { start: e.start + offset, end: e.end + offset, newText: e.newText }));
    const edit: WorkspaceEdit = opts.documentChanges ? { documentChanges: [{ textDocument: { uri: opts.uri, version: opts.version }, edits }] } : { changes: { [opts.uri]: edits } };
    return CodeAction.create(fix.safe ? fix.title : `${fix.title} (unsafe)`, edit, CodeActionKind.QuickFix);
  });
}
