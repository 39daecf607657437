// Bundle fixes: one action that hardens a whole Kubernetes workload (restricted profile) or a whole
// Compose service. The engine modules that compute them are being written by the format owners;
// this adapter is the one place that switches them on.
import type { CodeAction, Range } from 'vscode-languageserver';
import type { Analysis } from '../engine';

/** Bundle-fix code actions for the workloads / services that `range` touches. */
export function bundleActions(_analysis: Analysis, _range: Range, _uri: string, _version: number): CodeAction[] {
  // Switched on once `server/src/engine/kubernetes/bundle.ts` (restrictedProfileFix) and
  // `server/src/engine/compose/bundle.ts` (hardenServiceFix) exist.
  return [];
}
