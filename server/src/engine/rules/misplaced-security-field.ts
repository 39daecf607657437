// Privilege and capabilities: a container-only field set under the pod securityContext, where Kubernetes ignores it.
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'misplaced-security-field',
  title: 'Container-only field set at pod level',
  severity: 'error',
  profile: 'B',
  formats: ['kubernetes'],
  peers: [],
  fix: { safe: false, description: 'move it to every container' },
  references: [
    { title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
    { title: 'Kubernetes API: PodSecurityContext', url: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context' },
    { title: 'Pod Security Standards', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
  ],
  docs: {
    what: "A field that only exists in a container's `securityContext` is written under the pod's `spec.securityContext`: `privileged`, `allowPrivilegeEscalation`, `capabilities`, `readOnlyRootFilesystem` or `procMount`. It is reported whatever its value, and the other rules do not judge it (the setting has no effect where it is).",
    why: "The pod-level `securityContext` has no such fields, so the hardening never reaches the container runtime: depending on the client the manifest is rejected as having an unknown field (kubectl's strict validation) or the field is silently dropped (older clients, `--validate=false`, many controllers and GitOps tools). A manifest that looks like it sets `no_new_privs`, drops all capabilities or mounts the root filesystem read-only then runs with the defaults: setuid escalation allowed, the default capability set kept and a writable root filesystem.",
    fix: 'Move the field into the `securityContext` of every container (init and ephemeral containers included) and delete it from the pod level. The quick fix does that move; it is unsafe because the setting then really takes effect and changes how each container runs.',
    examples: [
      { format: 'kubernetes', bad: 'spec:\n  securityContext:\n    runAsNonRoot: true\n    allowPrivilegeEscalation: false\n    readOnlyRootFilesystem: true\n  containers:\n    - name: web\n      image: nginx:1.27', good: 'spec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n        readOnlyRootFilesystem: true' },
    ],
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads)
      for (const f of o.pod!.misplaced) {
        const key = model.text.slice(f.keySpan.start, f.keySpan.end);
        r.report({ span: f.span, message: `${where(o)}: ${key} is a container-only field; under the pod securityContext Kubernetes ignores it.`, object: o.label, fixes: kfix.moveToContainers(model, o, f) });
      }
  },
});
