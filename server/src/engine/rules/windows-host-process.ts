// Host namespaces and host resources: Windows HostProcess containers run directly on the node.
import { defineRule } from '../rule';
import { isTrue, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'windows-host-process',
  title: 'Windows HostProcess container',
  severity: 'error',
  profile: 'B',
  formats: ['kubernetes'],
  peers: ['KSV-0103'],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Pod Security Standards: Baseline (HostProcess)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Create a Windows HostProcess Pod', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/' },
  ],
  docs: {
    what: '`windowsOptions.hostProcess: true` is set in the pod or a container `securityContext` of a Kubernetes workload.',
    why: "A HostProcess container is not isolated at all: it runs as a process directly on the Windows node, in the host's network namespace, with the node's filesystem visible and, typically, as `NT AUTHORITY\\SYSTEM` or another host account. Whatever runs in it has the privileges of a node administrator, so it should be reserved for node infrastructure. The Pod Security baseline forbids it.",
    fix: 'Remove the setting and run the workload as a normal Windows container; if it is node infrastructure (CNI, storage, log agents), deploy it in a dedicated namespace whose policy is privileged. The quick fix removes it; it is unsafe because a workload that manages the node will lose access to it.',
    examples: [
      { format: 'kubernetes', bad: 'spec:\n  hostNetwork: true\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: "NT AUTHORITY\\\\SYSTEM"', good: 'spec:\n  securityContext:\n    windowsOptions:\n      runAsUserName: "ContainerUser"' },
    ],
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const pod = o.pod!.windowsHostProcess;
      if (isTrue(pod)) r.report({ span: pod!.span, message: `${where(o)}: windowsOptions.hostProcess: true runs its containers as processes on the Windows host.`, object: o.label, fixes: kfix.removeField(model, o, pod!, 'Remove hostProcess') });
      for (const c of o.containers) {
        const e = c.windowsHostProcess;
        if (e.origin === 'container' && e.value === true) r.report({ span: e.field!.span, message: `${where(o, c)}: windowsOptions.hostProcess: true runs it as a process on the Windows host.`, object: o.label, container: c.name, fixes: kfix.removeField(model, o, e.field!, 'Remove hostProcess') });
      }
    }
  },
});
