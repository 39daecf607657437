// Kernel attack surface: a deprecated seccomp.security.alpha.kubernetes.io annotation.
import { defineRule } from '../rule';
import { where, type Annotation } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'deprecated-seccomp-annotation',
  title: 'Deprecated seccomp annotation',
  severity: 'warning',
  profile: 'R',
  formats: ['kubernetes'],
  peers: [],
  fix: { safe: true, description: 'migrate to the field' },
  references: [
    { title: "Restrict a Container's Syscalls with seccomp", url: 'https://kubernetes.io/docs/tutorials/security/seccomp/' },
    { title: 'Configure a Security Context: Set the Seccomp Profile for a Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-seccomp-profile-for-a-container' },
    { title: 'Pod Security Standards', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
  ],
  docs: {
    what: 'The object uses one of the alpha seccomp annotations: `seccomp.security.alpha.kubernetes.io/pod` or `container.seccomp.security.alpha.kubernetes.io/<container>`, whatever its value (`runtime/default`, `docker/default`, `localhost/<file>`, `unconfined`).',
    why: 'These annotations were replaced by the `seccompProfile` field in Kubernetes 1.19 and recent releases no longer apply them, so a pod that relies on them may get no seccomp filter at all and expose every system call of the host kernel. They also hide the real setting from the Pod Security checks and other tools that only read the field, and they make a reader believe the pod is filtered when it may not be.',
    fix: "Replace the annotation with the field: `runtime/default` or `docker/default` becomes `seccompProfile: {type: RuntimeDefault}`, `localhost/<file>` becomes `{type: Localhost, localhostProfile: <file>}` (in the pod `securityContext` for the pod annotation, in that container's for a container annotation). The quick fix does this migration and is marked safe because it restates the profile the author asked for; on clusters that had stopped honouring the annotation the profile will now really be enforced.",
    examples: [
      { format: 'kubernetes', bad: 'metadata:\n  name: app\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\nspec:\n  containers:\n    - name: app\n      image: example/app:5.1.0', good: 'metadata:\n  name: app\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: app\n      image: example/app:5.1.0' },
    ],
  },
  kubernetes: (model, r) => {
    for (const o of model.objects) {
      const seen = new Set<Annotation>();
      for (const a of [...o.annotations, ...o.podAnnotations]) {
        if (seen.has(a)) continue;
        seen.add(a);
        if (!a.key.startsWith('seccomp.security.alpha.kubernetes.io/') && !a.key.startsWith('container.seccomp.security.alpha.kubernetes.io/')) continue;
        r.report({ span: a.keySpan, message: `${where(o)}: ${a.key} is deprecated and ignored by current kubelets; use the securityContext.seccompProfile field.`, object: o.label, fixes: kfix.migrateSeccompAnnotation(model, o, a) });
      }
    }
  },
});
