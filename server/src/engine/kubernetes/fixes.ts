// Fixes for Kubernetes findings (filled in once the YAML edit toolkit lands).
import type { Fix } from '../types';
import type { Container, Field, K8sObject, KubernetesModel } from './model';

export const kfix = {
  setValue(_m: KubernetesModel, _f: Field, _value: string, _title: string): Fix[] {
    return [];
  },
  podSecurityContext(_m: KubernetesModel, _o: K8sObject, _key: string, _value: string, _title: string): Fix[] {
    return [];
  },
  containerSecurityContext(_m: KubernetesModel, _c: Container, _key: string, _value: string, _title: string): Fix[] {
    return [];
  },
  addDropAll(_m: KubernetesModel, _c: Container): Fix[] {
    return [];
  },
  podSeccomp(_m: KubernetesModel, _o: K8sObject): Fix[] {
    return [];
  },
};
