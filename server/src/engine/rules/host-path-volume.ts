// Host namespaces and host resources: a hostPath volume mounts a node directory or file.
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';

export default defineRule({
  id: 'host-path-volume',
  title: 'hostPath volume used',
  severity: 'warning',
  profile: 'B',
  formats: ['kubernetes'],
  peers: ['KSV-0023'],
  references: [
    { title: 'Pod Security Standards: Baseline (HostPath Volumes)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Kubernetes volumes: hostPath', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
    { title: 'CIS Docker Benchmark v1.6.0, 5.6: Ensure sensitive host system directories are not mounted on containers', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'The pod declares a `hostPath` volume, whatever its path or `type`. The finding points at the `hostPath` key. Sensitive paths and runtime sockets are additionally reported by `sensitive-host-mount` and `runtime-socket-mount` at the `path`.',
    why: "A hostPath volume puts part of the node's own filesystem into the container's mount namespace, so the file permission checks of the host apply, not container isolation: whatever the container's uid may read or write on the node, it can. Node directories hold other pods' volumes and tokens, logs, configuration and binaries, and path tricks with symlinks and `subPath` have repeatedly let containers reach beyond the intended directory (CVE-2017-1002101, CVE-2021-25741). The Pod Security baseline forbids hostPath entirely.",
    fix: 'Use a volume type that does not expose the node: `emptyDir` for scratch space, a `persistentVolumeClaim` for data, `configMap`/`secret`/`projected` for configuration, a CSI driver for node-local storage. If a node agent really needs a host path, mount the narrowest path `readOnly: true` and keep the pod in a namespace with a privileged policy. There is no quick fix: the replacement depends on what the volume is for.',
    examples: [
      { format: 'kubernetes', bad: 'volumes:\n  - name: cache\n    hostPath:\n      path: /mnt/cache\n      type: DirectoryOrCreate', good: 'volumes:\n  - name: cache\n    emptyDir:\n      sizeLimit: 1Gi' },
    ],
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads)
      for (const v of o.pod!.volumes) {
        if (v.type !== 'hostPath' || !v.typeEntry) continue;
        const path = v.hostPathPath?.value;
        r.report({ span: v.typeEntry.keySpan, message: `${where(o)}: volume ${v.name ?? '(unnamed)'} mounts a host path${path !== undefined && path !== null ? ` (${String(path)})` : ''}: the pod reads or writes the node's file system.`, object: o.label });
      }
  },
});
