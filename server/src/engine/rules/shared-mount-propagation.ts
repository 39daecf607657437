// Host namespaces and host resources: bidirectional (shared) mount propagation between container and host.
import { defineRule } from '../rule';
import { eachContainer, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'shared-mount-propagation',
  title: 'Mounts propagate back to the host',
  severity: 'warning',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: [],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Kubernetes volumes: Mount propagation', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation' },
    { title: 'mount_namespaces(7)', url: 'https://man7.org/linux/man-pages/man7/mount_namespaces.7.html' },
    { title: 'CIS Docker Benchmark v1.6.0, 5.20: Ensure mount propagation mode is not set to shared', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'A mount is set up so that mounts made inside the container propagate back to the host. Kubernetes: a `volumeMount` with `mountPropagation: Bidirectional`. Compose: a bind mount with long-syntax `bind.propagation: shared` or `rshared`, or the short-syntax options `shared` / `rshared`.',
    why: "Normally the container's mount namespace is private: what it mounts stays inside. With shared propagation every mount or unmount the container performs under that path is replayed in the host's mount namespace and in every other namespace sharing it. A process with mount privileges can then cover host paths that the node or other pods use (hiding or replacing binaries and configuration), and mounts can outlive the container. Kubernetes only accepts `Bidirectional` for privileged containers for this reason.",
    fix: 'Remove the option: the default is private propagation (`None` in Kubernetes). If the container only needs to see mounts the host creates later, use `HostToContainer` (Kubernetes) or `rslave` (Compose). The quick fix removes it; it is unsafe for storage plugins (CSI node drivers) that mount volumes on behalf of the node.',
    examples: [
      { format: 'compose', bad: 'services:\n  storage:\n    image: example/storage:1.2.0\n    volumes:\n      - /mnt/data:/data:rshared', good: 'services:\n  storage:\n    image: example/storage:1.2.0\n    volumes:\n      - /mnt/data:/data:rslave' },
      { format: 'kubernetes', bad: 'volumeMounts:\n  - name: data\n    mountPath: /data\n    mountPropagation: Bidirectional', good: 'volumeMounts:\n  - name: data\n    mountPath: /data\n    mountPropagation: HostToContainer' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const m of svc.mounts) {
        if (m.type !== 'bind' || !m.propagationSpan || (m.propagation !== 'shared' && m.propagation !== 'rshared')) continue;
        r.report(composeAt(svc, m.propagationSpan, `Service ${svc.name} mounts ${m.source ?? 'a host path'} with \`${m.propagation}\` propagation: mounts made in the container appear on the host.`, cfx.removePropagation(model, m, 'Remove the shared propagation')));
      }
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      for (const m of c.volumeMounts) {
        const f = m.mountPropagation;
        if (f?.value !== 'Bidirectional') continue;
        r.report({ span: f.span, message: `${where(o, c)}: mount ${m.mountPath ?? m.name ?? ''} uses Bidirectional propagation: mounts made in the container appear on the host.`, object: o.label, container: c.name, fixes: kfix.removeField(model, o, f, 'Remove mountPropagation') });
      }
    });
  },
});
