// Host namespaces and host resources: a sensitive host directory (/, /etc, /proc, /var/lib/kubelet ...) is mounted.
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';
import { isRuntimeSocket, isSensitiveHostPath, normaliseHostPath } from '../hostpaths';
import { at as composeAt, mountIsSensitive, oncePerSpan, shown } from '../compose/support';

export default defineRule({
  id: 'sensitive-host-mount',
  title: 'Sensitive host path mounted',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0121', 'sensitive-host-mounts'],
  references: [
    { title: 'CIS Docker Benchmark v1.6.0, 5.6: Ensure sensitive host system directories are not mounted on containers', url: 'https://www.cisecurity.org/benchmark/docker' },
    { title: 'Kubernetes volumes: hostPath', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
    { title: 'Compose file reference: volumes', url: 'https://docs.docker.com/reference/compose-file/services/#volumes' },
  ],
  docs: {
    what: 'A Kubernetes `hostPath` path or a Compose bind-mount source (short syntax with a path source, long syntax `type: bind`, or a named volume whose `local` driver binds a host `device`) is `/` or is, or lies under, `/boot`, `/dev`, `/etc`, `/lib`, `/proc`, `/sys`, `/usr`, `/root`, `/var/lib/docker`, `/var/lib/kubelet`, `/var/lib/containerd`, `/var/log`, `/run` or `/var/run`, after normalising `//`, `..` and a trailing `/`. In Compose a `~` source counts when it is `~` itself or under `~/.ssh`, `~/.aws`, `~/.kube`, `~/.docker` or `~/.gnupg`; relative sources are not judged. `:ro` does not exempt a mount. Runtime sockets and their directories are reported as `runtime-socket-mount` only.',
    why: "These paths are the host's own control surface. Write access to `/etc` (cron, `passwd`, `sudoers`, kubelet and runtime configuration), `/root` (`.ssh/authorized_keys`), `/usr` or `/lib` (binaries and libraries that host root executes) gives persistence and code execution on the node; `/proc`, `/sys` and `/dev` expose kernel interfaces and raw devices outside every namespace; `/var/lib/kubelet`, `/var/lib/docker` and `/var/lib/containerd` hold every other container's filesystem, secrets and service account tokens. Even read-only, they leak credentials and, for `/var/log`, symlink tricks through the log path have been used to read arbitrary host files.",
    fix: "Do not mount the host's system directories. Mount the one file or narrow directory the workload needs, read-only, or replace it with a ConfigMap, Secret, named volume or the proper API (for example the Kubernetes API or a log shipper's documented integration instead of `/var/lib/docker/containers`). There is no quick fix: what replaces the mount depends on its purpose.",
    examples: [
      { format: 'compose', bad: 'services:\n  agent:\n    image: example/agent:3.2.0\n    volumes:\n      - /etc:/host/etc:ro', good: 'services:\n  agent:\n    image: example/agent:3.2.0\n    volumes:\n      - ./agent.yaml:/etc/agent/agent.yaml:ro' },
      { format: 'kubernetes', bad: 'volumes:\n  - name: host-root\n    hostPath:\n      path: /', good: 'volumes:\n  - name: config\n    configMap:\n      name: agent-config' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const m of svc.mounts) {
        if (!mountIsSensitive(m)) continue;
        const via = m.viaVolume ? ` through volume ${m.viaVolume}` : '';
        r.report(composeAt(svc, m.span, `Service ${svc.name} mounts the sensitive host path ${shown(m.source)}${via}${m.readOnly ? ' (read-only still exposes its contents)' : ''}.`));
      }
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads)
      for (const v of o.pod!.volumes) {
        const f = v.hostPathPath;
        if (!f || typeof f.value !== 'string') continue;
        // Kubernetes host paths are absolute; `~` is not expanded, so only `/...` is judged.
        if (!f.value.trim().startsWith('/') || isRuntimeSocket(f.value) || !isSensitiveHostPath(f.value)) continue;
        r.report({ span: f.span, message: `${where(o)}: volume ${v.name ?? '(unnamed)'} mounts the sensitive host path ${normaliseHostPath(f.value)}.`, object: o.label });
      }
  },
});
