// Host namespaces and host resources: containers of a pod share one process namespace.
import { defineRule } from '../rule';
import { isTrue, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'shared-process-namespace',
  title: 'Process namespace shared between containers',
  severity: 'info',
  profile: 'S',
  formats: ['kubernetes'],
  peers: [],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Share Process Namespace between Containers in a Pod', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/' },
    { title: 'pid_namespaces(7)', url: 'https://man7.org/linux/man-pages/man7/pid_namespaces.7.html' },
    { title: 'Kubernetes API: Pod spec', url: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/' },
  ],
  docs: {
    what: 'The pod spec sets `shareProcessNamespace: true`, so all containers of the pod share one PID namespace.',
    why: "With a shared PID namespace each container sees the other containers' processes in `/proc`, can signal those that run as the same uid and, under the same conditions, reach their filesystems through `/proc/<pid>/root`, including secrets mounted only into a sidecar (proxy certificates, tokens) and their environment variables. A compromise of the least trusted container in the pod becomes a compromise of all of them; the per-container mount and PID isolation the kernel would otherwise enforce is gone.",
    fix: 'Remove the setting (the default is `false`) and debug with `kubectl debug` ephemeral containers targeting one container instead. The quick fix removes it; it is unsafe when a sidecar really needs to signal or inspect the main process (log rotation, reloaders).',
    examples: [
      { format: 'kubernetes', bad: 'spec:\n  shareProcessNamespace: true\n  containers:\n    - name: app\n      image: example/app:5.1.0\n    - name: proxy\n      image: example/proxy:1.30.2', good: 'spec:\n  containers:\n    - name: app\n      image: example/app:5.1.0\n    - name: proxy\n      image: example/proxy:1.30.2' },
    ],
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const f = o.pod!.shareProcessNamespace;
      if (!isTrue(f)) continue;
      r.report({ span: f!.span, message: `${where(o)}: shares one process namespace between its containers (shareProcessNamespace: true): each container can see and signal the others and read their /proc/<pid>/root.`, object: o.label, fixes: kfix.removeField(model, o, f!, 'Remove shareProcessNamespace') });
    }
  },
});
