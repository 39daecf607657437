// PLACEHOLDER (being written): the Kubernetes model.
import type { CheckContext, ModelBase } from '../types';
import type { YamlStream } from '../yaml/parse';

export interface KubernetesModel extends ModelBase {
  format: 'kubernetes';
  stream: YamlStream;
}

export function buildKubernetesModel(stream: YamlStream, _ctx: CheckContext): KubernetesModel {
  return { format: 'kubernetes', text: stream.text, stream, comments: stream.comments, scopedSuppressions: [], parseErrors: stream.parseErrors, notes: [] };
}
