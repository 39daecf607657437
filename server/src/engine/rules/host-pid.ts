// Host namespaces and host resources: the container uses the host's PID namespace.
import { defineRule } from '../rule';
import { isTrue, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { oncePerSpan, reportHost } from '../compose/support';

export default defineRule({
  id: 'host-pid',
  title: 'Host PID namespace shared',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0010', 'host-pid', 'CKV_K8S_17'],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Pod Security Standards: Baseline (Host Namespaces)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'pid_namespaces(7)', url: 'https://man7.org/linux/man-pages/man7/pid_namespaces.7.html' },
    { title: 'Compose file reference: pid', url: 'https://docs.docker.com/reference/compose-file/services/#pid' },
    { title: "CIS Docker Benchmark v1.6.0, 5.16: Ensure that the host's process namespace is not shared", url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: "The container shares the node's process ID namespace. Kubernetes: `hostPID: true` in the pod spec. Compose: `pid: host` on a service.",
    why: "In the host PID namespace every process on the node is visible in `/proc`, with its command line, and for processes of the same uid (or with `CAP_SYS_PTRACE`) its environment, open files and memory. The container can signal those processes, attach to them with `ptrace`, and walk into their mount namespaces through `/proc/<pid>/root`, which for a host process is the host's root filesystem; with enough privilege, `nsenter --target 1` is a complete escape. Secrets passed to other containers on the command line or in the environment are exposed too.",
    fix: "Remove the setting. For debugging use an ephemeral debug container (`kubectl debug`) or, within one pod, `shareProcessNamespace` (which shares only the pod's processes). The quick fix removes it; it is unsafe because monitoring and debugging tools that inspect host processes will stop seeing them.",
    examples: [
      { format: 'compose', bad: 'services:\n  monitor:\n    image: example/monitor:1.8.0\n    pid: host', good: 'services:\n  monitor:\n    image: example/monitor:1.8.0' },
      { format: 'kubernetes', bad: 'spec:\n  hostPID: true\n  containers:\n    - name: monitor\n      image: example/monitor:1.8.0', good: 'spec:\n  containers:\n    - name: monitor\n      image: example/monitor:1.8.0' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) reportHost(r, svc, svc.pid, 'pid', "it sees and can signal every process on the host", (s) => cfx.removeSetting(model, s, 'Remove `pid: host`'));
    r.flush();
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const f = o.pod!.hostPID;
      if (!isTrue(f)) continue;
      r.report({ span: f!.span, message: `${where(o)}: shares the node's process namespace (hostPID: true): it sees and can signal every process on the node.`, object: o.label, fixes: kfix.removeField(model, o, f!, 'Remove hostPID') });
    }
  },
});
