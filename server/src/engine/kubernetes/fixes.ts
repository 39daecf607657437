// Fixes for Kubernetes findings, built on the YAML edit toolkit (../yaml/edit.ts). Every helper
// returns `Fix[]`: one fix, or none when the toolkit declines (an alias or merge key would be
// edited, a comment would be lost, the document is broken) or the model says the value came
// through an alias. Hardening fixes are unsafe (they change how the container runs); rewriting a
// capability's spelling and migrating a deprecated annotation to its field are safe.
import type { Fix, TextEdit } from '../types';
import { addItem, removeItem, removeKey as yRemoveKey, replaceScalar, setKey, setPath, type YamlValue } from '../yaml/edit';
import { entries, isMap, isSeq, type YNode } from '../yaml/parse';
import type { Annotation, Container, Field, K8sObject, KubernetesModel, ListItem, Volume } from './model';

function one(title: string, edits: TextEdit[] | undefined, safe = false): Fix[] {
  if (!edits || edits.length === 0) return [];
  return [{ title, safe, edits }];
}

/** Combine edit lists into one fix; none when any part declines or two parts overlap. */
function combine(title: string, parts: Array<TextEdit[] | undefined>, safe = false): Fix[] {
  const edits: TextEdit[] = [];
  for (const p of parts) {
    if (!p) return [];
    edits.push(...p);
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (b.start < a.end || (a.start === a.end && b.start === b.end && a.start === b.start)) return [];
  }
  return one(title, edits, safe);
}

function keyOf(m: KubernetesModel, f: Field): string {
  return m.text.slice(f.keySpan.start, f.keySpan.end).replace(/^["']|["']$/g, '');
}

/** The JavaScript value of a node, for copying a small value elsewhere. */
function toValue(node: YNode | undefined): YamlValue | undefined {
  if (!node) return undefined;
  try {
    return (node as unknown as { toJSON(): YamlValue }).toJSON();
  } catch {
    return undefined;
  }
}

export const kfix = {
  /** Replace a scalar field's value. */
  setValue(m: KubernetesModel, o: K8sObject, f: Field, value: string | number | boolean, title: string): Fix[] {
    if (f.viaAlias || !f.node) return [];
    return one(title, replaceScalar(m.text, o.ydoc, f.node, value));
  },

  /** Remove a field (key and value). */
  removeField(m: KubernetesModel, o: K8sObject, f: Field, title: string): Fix[] {
    if (f.viaAlias) return [];
    return one(title, yRemoveKey(m.text, o.ydoc, f.parent, keyOf(m, f)));
  },

  removeKey(m: KubernetesModel, o: K8sObject, map: unknown, key: string, viaAlias: boolean, title: string): Fix[] {
    if (viaAlias) return [];
    return one(title, yRemoveKey(m.text, o.ydoc, map, key));
  },

  /** Set `securityContext.<key>` at pod level. */
  podSecurityContext(m: KubernetesModel, o: K8sObject, key: string, value: YamlValue, title: string): Fix[] {
    const pod = o.pod;
    if (!pod || pod.viaAlias || pod.insertSecurityContext.viaAlias) return [];
    return one(title, setPath(m.text, o.ydoc, pod.node, ['securityContext', key], value));
  },

  /** Set a key directly on the pod spec. */
  podSpecKey(m: KubernetesModel, o: K8sObject, key: string, value: YamlValue, title: string): Fix[] {
    const pod = o.pod;
    if (!pod || pod.viaAlias) return [];
    return one(title, setKey(m.text, o.ydoc, pod.node, key, value));
  },

  /** Set `securityContext.<key>` on one container. */
  containerSecurityContext(m: KubernetesModel, o: K8sObject, c: Container, key: string, value: YamlValue, title: string): Fix[] {
    if (c.viaAlias || c.insertSecurityContext.viaAlias) return [];
    return one(title, setPath(m.text, o.ydoc, c.node, ['securityContext', key], value));
  },

  /** Make `capabilities.drop` contain ALL: append to an existing list, or create `drop: [ALL]`. */
  addDropAll(m: KubernetesModel, o: K8sObject, c: Container): Fix[] {
    const title = 'Drop all capabilities (drop: [ALL])';
    if (c.viaAlias) return [];
    if (c.capDrop) {
      if (c.capDrop.viaAlias) return [];
      if (isSeq(c.capDrop.node)) return one(title, addItem(m.text, o.ydoc, c.capDrop.node, 'ALL'));
      return one(title, replaceScalarOrSet(m, o, c.capDrop));
    }
    if (c.capabilities?.viaAlias) return [];
    return one(title, setPath(m.text, o.ydoc, c.node, ['securityContext', 'capabilities', 'drop'], ['ALL']));
  },

  /** Pod-level `seccompProfile: {type: RuntimeDefault}`. */
  podSeccomp(m: KubernetesModel, o: K8sObject): Fix[] {
    return kfix.podSecurityContext(m, o, 'seccompProfile', { type: 'RuntimeDefault' }, 'Set seccompProfile type RuntimeDefault on the pod');
  },

  /** Replace one scalar list entry. */
  replaceItem(m: KubernetesModel, o: K8sObject, it: ListItem, value: string | number, title: string, safe = false): Fix[] {
    if (it.viaAlias) return [];
    return one(title, replaceScalar(m.text, o.ydoc, it.node, value), safe);
  },

  /** Rewrite a capability name in its canonical spelling (safe). */
  respell(m: KubernetesModel, o: K8sObject, it: ListItem, canonical: string): Fix[] {
    return kfix.replaceItem(m, o, it, canonical, `Write ${canonical}`, true);
  },

  /** Remove an entry of `capabilities.add` (the `add` key too when it becomes empty). */
  removeCapability(m: KubernetesModel, o: K8sObject, c: Container, it: ListItem): Fix[] {
    if (it.viaAlias || c.capAdd?.viaAlias) return [];
    return one(`Remove ${it.value ?? 'this capability'}`, removeItem(m.text, o.ydoc, it.seq, it.node, { removeKeyIfEmpty: true }));
  },

  /** Remove one entry of a list (a sysctl, a port). */
  removeListItem(m: KubernetesModel, o: K8sObject, it: ListItem, title: string): Fix[] {
    if (it.viaAlias) return [];
    return one(title, removeItem(m.text, o.ydoc, it.seq, it.node, { removeKeyIfEmpty: true }));
  },

  /** Change an annotation's value. */
  setAnnotation(m: KubernetesModel, o: K8sObject, a: Annotation, value: string, title: string): Fix[] {
    if (a.viaAlias) return [];
    return one(title, replaceScalar(m.text, o.ydoc, a.node, value));
  },

  /** Move a container-only field from the pod securityContext to every container that does not set it. */
  moveToContainers(m: KubernetesModel, o: K8sObject, f: Field): Fix[] {
    const key = keyOf(m, f);
    const value = toValue(f.node);
    if (f.viaAlias || value === undefined || value === null || !o.containers.length) return [];
    const parts: Array<TextEdit[] | undefined> = [yRemoveKey(m.text, o.ydoc, f.parent, key)];
    for (const c of o.containers) {
      if (c.type === 'ephemeralContainer') continue;
      if (c.securityContext && entries(c.securityContext, o.ydoc).some((e) => e.key === key)) continue;
      if (c.viaAlias) return [];
      parts.push(setPath(m.text, o.ydoc, c.node, ['securityContext', key], value));
    }
    return combine(`Move ${key} to the containers`, parts);
  },

  /** Remove a hostPath volume and every mount of it. */
  removeVolume(m: KubernetesModel, o: K8sObject, v: Volume): Fix[] {
    if (v.item.viaAlias || !v.name) return [];
    const parts: Array<TextEdit[] | undefined> = [removeItem(m.text, o.ydoc, v.item.seq, v.item.node, { removeKeyIfEmpty: true })];
    for (const c of o.containers) {
      const mounts = c.volumeMounts.filter((vm) => vm.name === v.name);
      if (!mounts.length) continue;
      if (mounts.some((vm) => vm.item.viaAlias)) return [];
      if (mounts.length === c.volumeMounts.length) {
        // Every mount goes: remove the whole `volumeMounts` key.
        parts.push(yRemoveKey(m.text, o.ydoc, c.node, 'volumeMounts'));
        continue;
      }
      for (const vm of mounts) parts.push(removeItem(m.text, o.ydoc, vm.item.seq, vm.item.node));
    }
    return combine(`Remove volume ${v.name} and its mounts`, parts);
  },

  /** Replace a deprecated seccomp annotation by the `seccompProfile` field at the same level (safe). */
  migrateSeccompAnnotation(m: KubernetesModel, o: K8sObject, a: Annotation): Fix[] {
    if (a.viaAlias || !o.pod || !o.podAnnotations.includes(a)) return [];
    const v = a.value.trim();
    let profile: YamlValue;
    if (v === 'runtime/default' || v === 'docker/default') profile = { type: 'RuntimeDefault' };
    else if (v === 'unconfined') profile = { type: 'Unconfined' };
    else if (v.startsWith('localhost/') && v.length > 10) profile = { type: 'Localhost', localhostProfile: v.slice(10) };
    else return [];
    const remove = yRemoveKey(m.text, o.ydoc, a.parent, a.key);
    const title = 'Move to securityContext.seccompProfile';
    if (a.key === 'seccomp.security.alpha.kubernetes.io/pod') {
      if (o.pod.seccompType) return one(title, remove, true); // the field already decides: the annotation is dead weight
      if (o.pod.viaAlias || o.pod.insertSecurityContext.viaAlias) return [];
      return combine(title, [remove, setPath(m.text, o.ydoc, o.pod.node, ['securityContext', 'seccompProfile'], profile)], true);
    }
    const name = a.key.slice('container.seccomp.security.alpha.kubernetes.io/'.length);
    const c = o.containers.find((x) => x.name === name);
    if (!c) return [];
    if (c.seccompType.origin === 'container') return one(title, remove, true);
    if (c.viaAlias || c.insertSecurityContext.viaAlias) return [];
    return combine(title, [remove, setPath(m.text, o.ydoc, c.node, ['securityContext', 'seccompProfile'], profile)], true);
  },
};

function replaceScalarOrSet(m: KubernetesModel, o: K8sObject, f: Field): TextEdit[] | undefined {
  // `drop: NET_RAW` (a scalar, invalid) or `drop: {}`: replace the whole value with [ALL].
  if (isMap(f.parent)) return setKey(m.text, o.ydoc, f.parent, keyOf(m, f), ['ALL']);
  return undefined;
}
