// Filesystem and volumes: a volume type that the restricted Pod Security profile does not allow.
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';

export default defineRule({
  id: 'restricted-volume-type',
  title: 'Volume type not allowed by restricted profile',
  severity: 'warning',
  profile: 'R',
  formats: ['kubernetes'],
  peers: ['KSV-0028'],
  references: [
    { title: 'Pod Security Standards: Restricted (Volume Types)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Kubernetes volumes', url: 'https://kubernetes.io/docs/concepts/storage/volumes/' },
  ],
  docs: {
    what: 'A pod volume uses a type other than `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`, `image`, `persistentVolumeClaim`, `projected` or `secret`: for example `nfs`, `iscsi`, `rbd`, `cephfs`, `gitRepo`, `flexVolume` or a cloud disk referenced inline. `hostPath` is reported by `host-path-volume` instead.',
    why: "Inline volume types make the kubelet mount storage on the node, with the node's privileges, from details the pod author chooses. That points the host kernel's NFS, iSCSI or Ceph client at any server the author names, runs node-side helpers (`flexVolume` drivers), or, for `gitRepo`, runs `git` on the node as root, which has allowed command execution on the host (CVE-2024-10220). Administrator-managed PersistentVolumes and CSI drivers keep those decisions out of the pod spec.",
    fix: 'Use a `persistentVolumeClaim` bound to a PersistentVolume or StorageClass set up by an administrator, a CSI driver, or one of the allowed types (for a Git checkout: an init container that clones into an `emptyDir`). There is no quick fix: the replacement needs storage set up outside the pod.',
    examples: [
      { format: 'kubernetes', bad: 'volumes:\n  - name: shared\n    nfs:\n      server: 10.0.0.12\n      path: /exports/shared', good: 'volumes:\n  - name: shared\n    persistentVolumeClaim:\n      claimName: shared-data' },
    ],
  },
  kubernetes: (model, r) => {
    const ALLOWED = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret', 'hostPath']);
    for (const o of model.workloads)
      for (const v of o.pod!.volumes) {
        if (!v.type || !v.typeEntry || ALLOWED.has(v.type)) continue;
        r.report({ span: v.typeEntry.keySpan, message: `${where(o)}: volume ${v.name ?? '(unnamed)'} has type ${v.type}, which Pod Security restricted does not allow (use a persistentVolumeClaim or csi volume instead).`, object: o.label });
      }
  },
});
