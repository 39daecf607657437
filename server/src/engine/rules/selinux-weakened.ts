// Kernel attack surface: SELinux confinement disabled or replaced by a more privileged label.
import { defineRule } from '../rule';
import { labelOption, SELINUX_CONTAINER_TYPES } from '../lsm';
import { where, type Container, type K8sObject } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import { entries, isMap } from '../yaml/parse';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan, securityOpts } from '../compose/support';

export default defineRule({
  id: 'selinux-weakened',
  title: 'SELinux confinement weakened',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0025'],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Pod Security Standards: Baseline (SELinux)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Configure a Security Context: Assign SELinux labels to a Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container' },
    { title: 'docker run reference: --security-opt', url: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt' },
    { title: 'CIS Docker Benchmark v1.6.0, 5.3: Ensure that, if applicable, SELinux security options are set', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: "The container's SELinux label is weakened. Kubernetes: `seLinuxOptions.type` (pod or container) is set to something other than `container_t`, `container_init_t`, `container_kvm_t` or `container_engine_t`, or `seLinuxOptions.user` or `role` is set at all. Compose: a `security_opt` entry `label:disable` / `label=disable`, a `label=type:` outside those types (typically `spc_t`), or a `label=user:` / `label=role:` entry.",
    why: 'On SELinux hosts the container process runs as `container_t` with its own MCS categories, and the kernel only lets it write files labelled for that container (`container_file_t` with the same categories). That is what keeps an escaped or root process from writing host files and other containers\' data. `spc_t` (the "super privileged container" type), other custom types, `label=disable` and chosen SELinux users or roles run the process outside that policy, so host files, sockets and devices it can reach are no longer protected by the label check.',
    fix: 'Remove the override and let the runtime assign its default label; if a volume needs relabelling, use the `:z` / `:Z` volume options (Compose) or a supported type such as `container_t`. The quick fix removes the option; it is unsafe because access that only worked because labelling was off (host files, devices) will be denied.',
    examples: [
      { format: 'compose', bad: 'services:\n  app:\n    image: example/app:5.1.0\n    security_opt:\n      - label=disable', good: 'services:\n  app:\n    image: example/app:5.1.0\n    volumes:\n      - ./data:/data:Z' },
      { format: 'kubernetes', bad: 'securityContext:\n  seLinuxOptions:\n    type: spc_t', good: 'securityContext:\n  seLinuxOptions:\n    level: "s0:c123,c456"' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const o of securityOpts(svc, 'label')) {
        const { field, value } = labelOption(o.value);
        let why: string | undefined;
        if (field === 'disable') why = 'SELinux separation is turned off for the container';
        else if (field === 'type' && !SELINUX_CONTAINER_TYPES.has(value)) why = `the process runs in SELinux type ${value}${value === 'spc_t' ? ' (super-privileged, unconfined)' : ''} instead of container_t`;
        else if (field === 'user' || field === 'role') why = `it sets the SELinux ${field}, which Pod Security baseline forbids`;
        if (!why) continue;
        r.report(composeAt(svc, o.item.span, `Service ${svc.name} sets \`${o.item.value}\`: ${why}.`, cfx.removeItem(model, svc.securityOptList, o.item, 'Remove this `security_opt` entry')));
      }
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    const judge = (o: K8sObject, node: unknown, c?: Container): void => {
      if (!isMap(node)) return;
      for (const e of entries(node, o.ydoc)) {
        const v = e.value && 'value' in e.value ? (e.value as { value: unknown }).value : undefined;
        const bad = e.key === 'type' ? v !== undefined && v !== null && v !== '' && !SELINUX_CONTAINER_TYPES.has(String(v)) : (e.key === 'user' || e.key === 'role') && v !== undefined && v !== null && v !== '';
        if (!bad) continue;
        const span = { start: e.keySpan.start, end: e.value?.range ? e.value.range[1] : e.keySpan.end };
        const what = e.key === 'type' ? `SELinux type ${String(v)} is not one of container_t, container_init_t, container_kvm_t, container_engine_t` : `sets the SELinux ${e.key} (${String(v)})`;
        r.report({ span, message: `${where(o, c)}: ${what}.`, object: o.label, container: c?.name, fixes: kfix.removeKey(model, o, node, e.key, e.viaAlias, `Remove seLinuxOptions.${e.key}`) });
      }
    };
    for (const o of model.workloads) {
      judge(o, o.pod!.seLinuxOptions?.node, undefined);
      for (const c of o.containers) if (c.seLinuxOptions.origin === 'container') judge(o, c.seLinuxOptions.value, c);
    }
  },
});
