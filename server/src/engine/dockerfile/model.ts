// PLACEHOLDER (being written): the Dockerfile model.
import type { ModelBase } from '../types';

export interface DockerfileModel extends ModelBase {
  format: 'dockerfile';
}

export function buildDockerfileModel(text: string): DockerfileModel {
  return { format: 'dockerfile', text, comments: [], scopedSuppressions: [], parseErrors: [], notes: [] };
}
