// "Apply the restricted profile" to one workload: a single unsafe fix that brings its pod spec to
// Pod Security restricted for the settings we can set without knowing the application:
//   pod securityContext: runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}
//   each container:      allowPrivilegeEscalation: false, capabilities.drop: [ALL]; added
//                        capabilities other than NET_BIND_SERVICE removed; its own
//                        `seccompProfile.type: Unconfined` (which overrides the pod's) and
//                        `runAsNonRoot: false` become RuntimeDefault / true; AppArmor
//                        `Unconfined` (field or beta annotation) becomes RuntimeDefault /
//                        runtime/default; an SELinux type outside the container policy, a user
//                        or a role is removed (pod level too); deprecated seccomp annotations
//                        saying `unconfined` become runtime/default
//                        (Windows pods: none of these, they are Linux-only settings)
//   turned off:          privileged: true and hostNetwork/hostPID/hostIPC: true become false
// Values that already comply are left alone. The language server offers it as a code action on a
// workload. Declines (undefined) when a step would edit through an alias or lose a comment, or
// when there is nothing to change. The edits are offsets into `model.text`: for a multi-document
// file analysed per document, add the offset of the model's part (`Analysis.parts[i].offset`).
import type { Fix, TextEdit } from '../types';
import { addItem, removeItem, removeKey, replaceScalar, setKey } from '../yaml/edit';
import { get, isMap, isSeq, scalar } from '../yaml/parse';
import { appArmorAnnotationAllowed, SELINUX_CONTAINER_TYPES } from '../lsm';
import { isAllCapability, isRestrictedAddable } from '../capabilities';
import type { Field, K8sObject, KubernetesModel } from './model';
import { runSteps, type Step } from './sequence';

function turnOff(pick: (o: K8sObject) => Field | undefined): Step {
  return (m, o) => {
    const f = pick(o);
    if (f?.value !== true) return [];
    if (f.viaAlias || !f.node) return undefined;
    return replaceScalar(m.text, o.ydoc, f.node, false);
  };
}

const SECCOMP_ANNOTATION = /^(?:container\.)?seccomp\.security\.alpha\.kubernetes\.io\//;
const APPARMOR_ALLOWED: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);
const SELINUX_KEYS = ['type', 'user', 'role'] as const;

/** Remove an `seLinuxOptions` key baseline forbids: a type outside the container policy, any user or role. */
function seLinuxStep(pick: (o: K8sObject) => Field | undefined, key: (typeof SELINUX_KEYS)[number]): Step {
  return (m, o) => {
    const f = pick(o);
    if (!f || !isMap(f.node)) return [];
    const v = scalar(get(f.node, key, o.ydoc));
    if (v === undefined || v === null || v === '' || (key === 'type' && SELINUX_CONTAINER_TYPES.has(String(v)))) return [];
    if (f.viaAlias) return undefined;
    return removeKey(m.text, o.ydoc, f.node, key);
  };
}

export function restrictedProfileFix(model: KubernetesModel, object: K8sObject): Fix | undefined {
  if (!object.pod || object.pod.viaAlias) return undefined;
  const steps: Step[] = [];
  object.containers.forEach((_c, i) => {
    const c = (o: K8sObject) => o.containers[i];
    steps.push(turnOff((o) => c(o)?.privileged));
    if (object.windows) return;
    steps.push((m, o) => {
      const k = c(o);
      if (!k || k.allowPrivilegeEscalation?.value === false) return [];
      if (k.viaAlias || k.insertSecurityContext.viaAlias || k.allowPrivilegeEscalation?.viaAlias) return undefined;
      return setKey(m.text, o.ydoc, k.node, 'securityContext', { allowPrivilegeEscalation: false });
    });
    steps.push((m, o) => {
      const k = c(o);
      if (!k || k.capDropItems.some((it) => it.value !== undefined && isAllCapability(it.value))) return [];
      if (k.viaAlias || k.capabilities?.viaAlias || k.capDrop?.viaAlias) return undefined;
      if (k.capDrop) return isSeq(k.capDrop.node) ? addItem(m.text, o.ydoc, k.capDrop.node, 'ALL') : undefined;
      if (k.capabilities) return isMap(k.capabilities.node) ? setKey(m.text, o.ydoc, k.capabilities.node, 'drop', ['ALL']) : undefined;
      return setKey(m.text, o.ydoc, k.node, 'securityContext', { capabilities: { drop: ['ALL'] } });
    });
    // Added capabilities restricted does not allow: one step per entry (each sees the list the previous left).
    const extra = object.containers[i].capAddItems.filter((it) => it.value === undefined || !isRestrictedAddable(it.value)).length;
    for (let n = 0; n < extra; n++)
      steps.push((m, o) => {
        const it = c(o)?.capAddItems.find((x) => x.value === undefined || !isRestrictedAddable(x.value));
        if (!it) return [];
        if (it.viaAlias) return undefined;
        return removeItem(m.text, o.ydoc, it.seq, it.node, { removeKeyIfEmpty: true });
      });
    steps.push((m, o) => {
      const t = c(o)?.seccompType;
      if (t?.origin !== 'container' || !t.field?.node || t.value === 'RuntimeDefault' || t.value === 'Localhost') return [];
      if (t.field.viaAlias) return undefined;
      return replaceScalar(m.text, o.ydoc, t.field.node, 'RuntimeDefault');
    });
    steps.push((m, o) => {
      const r = c(o)?.runAsNonRoot;
      if (r?.origin !== 'container' || r.value !== false || !r.field?.node) return [];
      if (r.field.viaAlias) return undefined;
      return replaceScalar(m.text, o.ydoc, r.field.node, true);
    });
    // AppArmor switched off for this container (its own field, else its beta annotation).
    steps.push((m, o) => {
      const t = c(o)?.appArmorType;
      if (t?.origin === 'container' && t.field?.node && typeof t.value === 'string' && !APPARMOR_ALLOWED.has(t.value)) {
        if (t.field.viaAlias) return undefined;
        return replaceScalar(m.text, o.ydoc, t.field.node, 'RuntimeDefault');
      }
      if (t?.origin === 'annotation' && t.annotation && !appArmorAnnotationAllowed(t.annotation.value)) {
        if (t.annotation.viaAlias) return undefined;
        return replaceScalar(m.text, o.ydoc, t.annotation.node, 'runtime/default');
      }
      return [];
    });
    for (const key of SELINUX_KEYS) steps.push(seLinuxStep((o) => (c(o)?.seLinuxOptions.origin === 'container' ? c(o)!.seLinuxOptions.field : undefined), key));
  });
  steps.push((m, o) => {
    const f = o.pod?.appArmorType;
    if (!f?.node || typeof f.value !== 'string' || APPARMOR_ALLOWED.has(f.value)) return [];
    if (f.viaAlias) return undefined;
    return replaceScalar(m.text, o.ydoc, f.node, 'RuntimeDefault');
  });
  for (const key of SELINUX_KEYS) steps.push(seLinuxStep((o) => o.pod?.seLinuxOptions, key));
  // Deprecated seccomp annotations saying `unconfined`: the API server refuses a pod whose
  // annotation and field disagree, so they follow the field (one step per annotation).
  const unconfinedAnnotation = (o: K8sObject) => o.podAnnotations.find((a) => SECCOMP_ANNOTATION.test(a.key) && a.value.trim() === 'unconfined');
  const annotations = object.podAnnotations.filter((a) => SECCOMP_ANNOTATION.test(a.key) && a.value.trim() === 'unconfined').length;
  for (let n = 0; n < annotations; n++)
    steps.push((m, o) => {
      const a = unconfinedAnnotation(o);
      if (!a) return [];
      if (a.viaAlias) return undefined;
      return replaceScalar(m.text, o.ydoc, a.node, 'runtime/default');
    });
  steps.push(turnOff((o) => o.pod?.hostNetwork), turnOff((o) => o.pod?.hostPID), turnOff((o) => o.pod?.hostIPC));
  steps.push((m, o) => {
    const pod = o.pod!;
    const sc: Record<string, unknown> = {};
    if (pod.runAsNonRoot?.value !== true) sc.runAsNonRoot = true;
    const sec = pod.seccompType?.value;
    if (sec !== 'RuntimeDefault' && sec !== 'Localhost') sc.seccompProfile = { type: 'RuntimeDefault' };
    if (!Object.keys(sc).length) return [];
    if (pod.insertSecurityContext.viaAlias || pod.runAsNonRoot?.viaAlias || pod.seccompType?.viaAlias) return undefined;
    return setKey(m.text, o.ydoc, pod.node, 'securityContext', sc as never);
  });
  const edits: TextEdit[] | undefined = runSteps(model, object, steps);
  if (!edits || !edits.length) return undefined;
  return { title: `Apply the Pod Security restricted profile to ${object.label}`, safe: false, edits };
}
