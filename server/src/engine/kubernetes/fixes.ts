// Fixes for Kubernetes findings, built on the YAML edit toolkit (../yaml/edit.ts). Every helper
// returns `Fix[]`: one fix, or none when the toolkit declines (an alias or merge key would be
// edited, a comment would be lost, the document is broken) or the model says the value came
// through an alias. Hardening fixes are unsafe (they change how the container runs); rewriting a
// capability's spelling and migrating a deprecated annotation to its field are safe.
import type { Fix, TextEdit } from '../types';
import { addItem, removeItem, removeKey as yRemoveKey, replaceScalar, setKey, setPath, type YamlValue } from '../yaml/edit';
import { entries, isMap, isSeq, type YNode } from '../yaml/parse';
import type { Annotation, Container, Field, K8sObject, KubernetesModel, ListItem, Volume } from './model';
import { runSteps, type Step } from './sequence';

function one(title: string, edits: TextEdit[] | undefined, safe = false): Fix[] {
  if (!edits || edits.length === 0) return [];
  return [{ title, safe, edits }];
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
    const steps: Step[] = o.containers.map((_c, i) => (mm, oo) => {
      const c = oo.containers[i];
      if (!c || c.type === 'ephemeralContainer') return [];
      if (c.securityContext && entries(c.securityContext, oo.ydoc).some((e) => e.key === key)) return [];
      if (c.viaAlias || c.insertSecurityContext.viaAlias) return undefined;
      return setPath(mm.text, oo.ydoc, c.node, ['securityContext', key], value);
    });
    steps.push((mm, oo) => {
      const sc = oo.pod?.securityContext;
      return sc ? yRemoveKey(mm.text, oo.ydoc, sc, key) : undefined;
    });
    return one(`Move ${key} to the containers`, runSteps(m, o, steps));
  },

  /** Remove a hostPath volume and every mount of it. */
  removeVolume(m: KubernetesModel, o: K8sObject, v: Volume): Fix[] {
    const name = v.name;
    if (v.item.viaAlias || !name) return [];
    const steps: Step[] = [];
    o.containers.forEach((_c, i) => {
      // One mount at a time: each step removes the first remaining mount of the volume.
      const count = o.containers[i].volumeMounts.filter((vm) => vm.name === name).length;
      for (let k = 0; k < count; k++)
        steps.push((mm, oo) => {
          const c = oo.containers[i];
          const vm = c?.volumeMounts.find((x) => x.name === name);
          if (!c || !vm) return [];
          if (vm.item.viaAlias) return undefined;
          return removeItem(mm.text, oo.ydoc, vm.item.seq, vm.item.node, { removeKeyIfEmpty: true });
        });
    });
    steps.push((mm, oo) => {
      const vol = oo.pod?.volumes.find((x) => x.name === name);
      if (!vol || vol.item.viaAlias) return undefined;
      return removeItem(mm.text, oo.ydoc, vol.item.seq, vol.item.node, { removeKeyIfEmpty: true });
    });
    return one(`Remove volume ${name} and its mounts`, runSteps(m, o, steps));
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
    const title = 'Move to securityContext.seccompProfile';
    const isPod = a.key === 'seccomp.security.alpha.kubernetes.io/pod';
    const cname = a.key.slice('container.seccomp.security.alpha.kubernetes.io/'.length);
    if (!isPod && !o.containers.some((x) => x.name === cname)) return [];
    const setField: Step = (mm, oo) => {
      if (isPod) {
        const pod = oo.pod!;
        if (pod.seccompType) return []; // the field already decides: the annotation is dead weight
        if (pod.viaAlias || pod.insertSecurityContext.viaAlias) return undefined;
        return setPath(mm.text, oo.ydoc, pod.node, ['securityContext', 'seccompProfile'], profile);
      }
      const c = oo.containers.find((x) => x.name === cname);
      if (!c) return undefined;
      if (c.seccompType.origin === 'container') return [];
      if (c.viaAlias || c.insertSecurityContext.viaAlias) return undefined;
      return setPath(mm.text, oo.ydoc, c.node, ['securityContext', 'seccompProfile'], profile);
    };
    const removeAnnotation: Step = (mm, oo) => {
      const ann = oo.podAnnotations.find((x) => x.key === a.key);
      return ann ? yRemoveKey(mm.text, oo.ydoc, ann.parent, ann.key) : undefined;
    };
    return one(title, runSteps(m, o, [setField, removeAnnotation]), true);
  },
};

function replaceScalarOrSet(m: KubernetesModel, o: K8sObject, f: Field): TextEdit[] | undefined {
  // `drop: NET_RAW` (a scalar, invalid) or `drop: {}`: replace the whole value with [ALL].
  if (isMap(f.parent)) return setKey(m.text, o.ydoc, f.parent, keyOf(m, f), ['ALL']);
  return undefined;
}
