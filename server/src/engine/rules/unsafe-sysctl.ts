// Kernel attack surface: a sysctl outside the Pod Security safe list.
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import { isSafeSysctl } from '../sysctls';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan } from '../compose/support';
import { normaliseSysctl } from '../sysctls';

export default defineRule({
  id: 'unsafe-sysctl',
  title: 'Unsafe sysctl set',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0026', 'unsafe-sysctls'],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Pod Security Standards: Baseline (Sysctls)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Using sysctls in a Kubernetes Cluster', url: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/' },
    { title: 'Compose file reference: sysctls', url: 'https://docs.docker.com/reference/compose-file/services/#sysctls' },
  ],
  docs: {
    what: "A kernel parameter is set that is not on the Pod Security safe list (`kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`, `net.ipv4.ip_local_reserved_ports`, `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`, `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_keepalive_time`, `net.ipv4.tcp_fin_timeout`, `net.ipv4.tcp_keepalive_intvl`, `net.ipv4.tcp_keepalive_probes`, `net.ipv4.tcp_rmem`, `net.ipv4.tcp_wmem`). Kubernetes: a `name` in the pod's `securityContext.sysctls`; Compose: a key of the service's `sysctls` (map or list form).",
    why: "Sysctls tune the kernel that every container on the node shares. The safe ones are namespaced and only affect the pod's own network or IPC namespace; the others are either node-level (they cannot be isolated per container at all, so Kubernetes and Docker refuse them) or namespaced but unsafe, which the kubelet only runs when an administrator allows them because they can weaken isolation or let one workload use up shared kernel resources: `net.ipv4.conf.all.route_localnet=1` lets traffic from the network reach services bound to 127.0.0.1, and raised `kernel.shm*`/`kernel.msg*` limits let a pod hold far more kernel IPC memory than intended.",
    fix: "Remove the sysctl, or keep it only on a node pool dedicated to the workload with the administrator's `--allowed-unsafe-sysctls` and a taint. Tune safe parameters only. The quick fix removes the entry; it is unsafe because the workload's behaviour under load may depend on the value.",
    examples: [
      { format: 'compose', bad: 'services:\n  db:\n    image: postgres:17.2\n    sysctls:\n      kernel.shmmax: 68719476736', good: 'services:\n  db:\n    image: postgres:17.2\n    shm_size: 1gb' },
      { format: 'kubernetes', bad: 'spec:\n  securityContext:\n    sysctls:\n      - name: net.core.somaxconn\n        value: "4096"', good: 'spec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: "1024 65000"' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const s of svc.sysctls) {
        if (!s.name || s.name.includes('\u0000') || s.name.includes('$') || isSafeSysctl(s.name)) continue;
        r.report(composeAt(svc, s.span, `Service ${svc.name} sets sysctl ${normaliseSysctl(s.name)}, outside the Pod Security safe list: it may change kernel behaviour beyond the container.`, cfx.removeSysctl(model, svc, s, `Remove sysctl ${s.name}`)));
      }
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads)
      for (const s of o.pod!.sysctls) {
        const name = s.name?.value;
        if (name === undefined || name === null || isSafeSysctl(String(name))) continue;
        r.report({ span: s.name!.span, message: `${where(o)}: sysctl ${String(name)} is not on the Pod Security safe list (it may change the node's kernel for every pod).`, object: o.label, fixes: kfix.removeListItem(model, o, s.item, 'Remove this sysctl') });
      }
  },
});
