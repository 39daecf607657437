// Filesystem and volumes: the container's root filesystem is writable.
import { defineRule } from '../rule';
import { eachContainer, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'writable-root-filesystem',
  title: 'Root filesystem is writable',
  severity: 'info',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0014', 'no-read-only-root-fs', 'CKV_K8S_22'],
  fix: { safe: false, description: 'set true' },
  references: [
    { title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
    { title: 'Compose file reference: read_only', url: 'https://docs.docker.com/reference/compose-file/services/#read_only' },
    { title: "CIS Docker Benchmark v1.6.0, 5.13: Ensure that the container's root filesystem is mounted as read only", url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: "The container's root filesystem is not mounted read-only. Kubernetes: a container's `readOnlyRootFilesystem` is not `true`. Compose: the service's `read_only` is not `true`. Windows pods are exempt.",
    why: "A writable root filesystem lets a compromised process keep a foothold: it can download and run tools, overwrite the application, its libraries or interpreter files, and plant configuration that survives until the container is replaced. Many exploit chains against the shared kernel start by writing a payload and executing it; with a read-only root, writes can only go to explicit volumes, which can be kept small and, where the platform allows, mounted `noexec`. It also stops a runaway process from filling the node's disk through the container's writable layer.",
    fix: "Kubernetes: `readOnlyRootFilesystem: true` in each container's `securityContext`, with an `emptyDir` mounted where the program must write (`/tmp`, caches). Compose: `read_only: true` with `tmpfs: [/tmp]` or volumes for writable paths. The quick fix sets the value to true; it is unsafe because a program that writes outside its mounted volumes will fail until those paths are given a volume.",
    examples: [
      { format: 'compose', bad: 'services:\n  web:\n    image: nginx:1.27', good: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n      - /var/cache/nginx\n      - /var/run' },
      { format: 'kubernetes', bad: 'containers:\n  - name: web\n    image: nginx:1.27', good: 'containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      readOnlyRootFilesystem: true\n    volumeMounts:\n      - name: tmp\n        mountPath: /tmp' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      const ro = svc.readOnly;
      if (ro?.value) continue;
      if (ro) r.report(composeAt(svc, ro.span, `Service ${svc.name} sets \`read_only: false\`: its root filesystem is writable, so an intruder can change binaries and drop tools.`, cfx.replaceValue(model, ro, true, 'Set `read_only: true`')));
      else r.report(composeAt(svc, svc.keySpan, `Service ${svc.name} has a writable root filesystem (no \`read_only: true\`).`, cfx.addToService(model, svc, 'read_only', true, 'Add `read_only: true`')));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      if (o.windows) return; // decision 6
      const f = c.readOnlyRootFilesystem;
      if (f?.value === true) return;
      if (f) {
        r.report({ span: f.span, message: `${where(o, c)}: readOnlyRootFilesystem is ${String(f.value)}, so an attacker can write tools and persist changes in the container's file system.`, object: o.label, container: c.name, fixes: kfix.setValue(model, o, f, true, 'Set readOnlyRootFilesystem: true') });
        return;
      }
      if (o.fragment) return;
      r.report({ span: c.nameSpan, message: `${where(o, c)}: the root file system is writable (readOnlyRootFilesystem is not true).`, object: o.label, container: c.name, fixes: kfix.containerSecurityContext(model, o, c, 'readOnlyRootFilesystem', true, 'Set readOnlyRootFilesystem: true') });
    });
  },
});
