// PLACEHOLDER (being written): the Compose model.
import type { CheckContext, ModelBase } from '../types';
import type { YamlStream } from '../yaml/parse';

export interface ComposeModel extends ModelBase {
  format: 'compose';
  stream: YamlStream;
}

export function buildComposeModel(stream: YamlStream, _ctx: CheckContext): ComposeModel {
  return { format: 'compose', text: stream.text, stream, comments: stream.comments, scopedSuppressions: [], parseErrors: stream.parseErrors, notes: [] };
}
