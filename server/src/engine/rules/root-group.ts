// Identity: the container runs with, or its volumes are given, the root group (gid 0).
import { defineRule } from '../rule';
import { isRootUid, where, type Field } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, isRootName, oncePerSpan, userParts } from '../compose/support';

export default defineRule({
  id: 'root-group',
  title: 'Container runs with the root group',
  severity: 'warning',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: [],
  fix: { safe: false, description: 'use `10001`' },
  references: [
    { title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
    { title: 'Compose file reference: user', url: 'https://docs.docker.com/reference/compose-file/services/#user' },
    { title: 'credentials(7)', url: 'https://man7.org/linux/man-pages/man7/credentials.7.html' },
  ],
  docs: {
    what: 'The container\'s group is root. Kubernetes: `runAsGroup: 0` (pod or container), `fsGroup: 0`, or `0` in `supplementalGroups`. Compose: a `user` whose group part is `0` (`"10001:0"`). Only the group is judged: a non-root uid with group 0 matches, and a root user is additionally reported by `root-user`.',
    why: 'Group 0 is not a capability, but the kernel grants it every permission that files give to group root. Many files in images, on volumes and on host paths belong to group root, and some are group-readable or group-writable (images built for arbitrary uids make whole directories group-0 writable; log and data directories on mounted host paths often are too); a process with gid 0 can read or change them without any privilege escalation. `fsGroup: 0` additionally makes the kubelet chown every volume to group 0, so the data becomes reachable by anything else that runs with the root group.',
    fix: 'Use a dedicated non-zero group: Kubernetes `runAsGroup: 10001` / `fsGroup: 10001` and no `0` in `supplementalGroups`; Compose `user: "10001:10001"`. Images built for arbitrary uids (OpenShift style) often make directories group-0 writable; give them a dedicated group instead. The quick fix replaces the `0` with `10001`; it is unsafe because files the process must read or write may only be accessible to group 0 today.',
    examples: [
      { format: 'compose', bad: 'services:\n  api:\n    image: example/api:1.4.2\n    user: "10001:0"', good: 'services:\n  api:\n    image: example/api:1.4.2\n    user: "10001:10001"' },
      { format: 'kubernetes', bad: 'spec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 0\n    fsGroup: 0', good: 'spec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001\n    fsGroup: 10001' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      const u = svc.user;
      if (!u || u.value.includes('\u0000')) continue;
      const { user, group } = userParts(u.value);
      if (!isRootName(group)) continue;
      const next = `${user}:10001`;
      r.report(composeAt(svc, u.span, `Service ${svc.name} runs with the root group (\`user: ${String(u.raw)}\`): files owned by group 0 on mounts and in the image are writable to it.`, cfx.replaceValue(model, u, next, `Use group 10001 (\`user: "${next}"\`)`)));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const pod = o.pod!;
      const podField = (f: Field | undefined, what: string): void => {
        if (f && isRootUid(f)) r.report({ span: f.span, message: `${where(o)}: the pod securityContext sets ${what}: 0, the root group (files it creates or reaches through group permissions belong to root).`, object: o.label, fixes: kfix.setValue(model, o, f, 10001, `Use group 10001`) });
      };
      podField(pod.runAsGroup, 'runAsGroup');
      podField(pod.fsGroup, 'fsGroup');
      for (const it of pod.supplementalGroupItems)
        if (it.value !== undefined && /^0+$/.test(it.value.trim())) r.report({ span: it.span, message: `${where(o)}: supplementalGroups includes 0, the root group.`, object: o.label, fixes: kfix.replaceItem(model, o, it, 10001, 'Use group 10001') });
      for (const c of o.containers) {
        const f = c.runAsGroup.origin === 'container' ? c.runAsGroup.field : undefined;
        if (f && isRootUid(f)) r.report({ span: f.span, message: `${where(o, c)}: runs with the root group (runAsGroup: 0).`, object: o.label, container: c.name, fixes: kfix.setValue(model, o, f, 10001, 'Use group 10001') });
      }
    }
  },
});
