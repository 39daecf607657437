// The shape of a rule module: metadata + one check per format it covers (+ fixes built inside
// the check). One file per rule under ./rules, named after its id.
import type { CheckContext, Format, Reporter, RuleMeta } from './types';
import type { DockerfileModel } from './dockerfile/model';
import type { KubernetesModel } from './kubernetes/model';
import type { ComposeModel } from './compose/model';

export interface ModelByFormat {
  dockerfile: DockerfileModel;
  kubernetes: KubernetesModel;
  compose: ComposeModel;
}

export type Check<M> = (model: M, report: Reporter, ctx: CheckContext) => void;

export interface Rule extends RuleMeta {
  dockerfile?: Check<DockerfileModel>;
  kubernetes?: Check<KubernetesModel>;
  compose?: Check<ComposeModel>;
}

export function defineRule<R extends Rule>(rule: R): R {
  return rule;
}

export function checkFor<F extends Format>(rule: Rule, format: F): Check<ModelByFormat[F]> | undefined {
  return rule[format] as Check<ModelByFormat[F]> | undefined;
}
