// Host namespaces and host resources: the container uses the host's IPC namespace.
import { defineRule } from '../rule';
import { isTrue, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { oncePerSpan, reportHost } from '../compose/support';

export default defineRule({
  id: 'host-ipc',
  title: 'Host IPC namespace shared',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0008', 'host-ipc', 'CKV_K8S_18'],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Pod Security Standards: Baseline (Host Namespaces)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'ipc_namespaces(7)', url: 'https://man7.org/linux/man-pages/man7/ipc_namespaces.7.html' },
    { title: 'Compose file reference: ipc', url: 'https://docs.docker.com/reference/compose-file/services/#ipc' },
    { title: "CIS Docker Benchmark v1.6.0, 5.17: Ensure that the host's IPC namespace is not shared", url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: "The container shares the node's IPC namespace. Kubernetes: `hostIPC: true` in the pod spec. Compose: `ipc: host` on a service.",
    why: "The IPC namespace isolates System V shared memory segments, semaphores and message queues and POSIX message queues. In the host's namespace the container can list them with `ipcs` and attach to segments that host processes and other host-IPC containers use (databases, caches, X11 shared memory), reading or corrupting their data whenever the segment permissions allow its uid, and can exhaust the node's IPC limits.",
    fix: 'Remove the setting. Containers that must share memory should do so within a pod (containers of one pod already share an IPC namespace) or through an explicit `emptyDir` with `medium: Memory`; in Compose use `ipc: shareable` on one service and `ipc: "service:<name>"` on the other. The quick fix removes it; it is unsafe for software that really talks to host processes through shared memory.',
    examples: [
      { format: 'compose', bad: 'services:\n  app:\n    image: example/app:5.1.0\n    ipc: host', good: 'services:\n  app:\n    image: example/app:5.1.0\n    ipc: private' },
      { format: 'kubernetes', bad: 'spec:\n  hostIPC: true\n  containers:\n    - name: app\n      image: example/app:5.1.0', good: 'spec:\n  containers:\n    - name: app\n      image: example/app:5.1.0' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) reportHost(r, svc, svc.ipc, 'ipc', "it shares the host's System V IPC and POSIX shared memory", (s) => cfx.removeSetting(model, s, 'Remove `ipc: host`'));
    r.flush();
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const f = o.pod!.hostIPC;
      if (!isTrue(f)) continue;
      r.report({ span: f!.span, message: `${where(o)}: shares the node's IPC namespace (hostIPC: true): it can read shared memory of host processes.`, object: o.label, fixes: kfix.removeField(model, o, f!, 'Remove hostIPC') });
    }
  },
});
