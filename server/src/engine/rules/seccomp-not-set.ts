// Kernel attack surface: no seccomp profile (RuntimeDefault or Localhost) applies to a container.
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'seccomp-not-set',
  title: 'Seccomp profile not set',
  severity: 'warning',
  profile: 'R',
  formats: ['kubernetes'],
  peers: ['KSV-0030', 'KSV-0104', 'CKV_K8S_31'],
  fix: { safe: false, description: 'pod-level `seccompProfile: {type: RuntimeDefault}`' },
  references: [
    { title: 'Pod Security Standards: Restricted (Seccomp)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: "Restrict a Container's Syscalls with seccomp", url: 'https://kubernetes.io/docs/tutorials/security/seccomp/' },
    { title: 'seccomp(2)', url: 'https://man7.org/linux/man-pages/man2/seccomp.2.html' },
  ],
  docs: {
    what: "A Kubernetes container's effective seccomp profile (its own `seccompProfile`, else the pod's) is neither `RuntimeDefault` nor `Localhost`. The deprecated seccomp annotations do not count as a profile. One finding per container, at its `name`; an explicit `Unconfined` is reported as `seccomp-unconfined` instead. Windows pods are exempt.",
    why: 'Unlike `docker run`, Kubernetes runs containers without any seccomp filter unless the pod asks for one or the kubelet is configured with `seccompDefault`. Without a filter every system call of the shared host kernel is reachable from the container, including `keyctl`, `bpf`, `userfaultfd` and user-namespace creation with `unshare`, which are the entry points of many container escapes (CVE-2022-0185 is one). The restricted Pod Security profile therefore requires an explicit profile.',
    fix: "Set `securityContext.seccompProfile.type: RuntimeDefault` at pod level so that every container inherits it, or `Localhost` with `localhostProfile` for a custom profile. The quick fix adds the pod-level `RuntimeDefault`; it is unsafe because a workload that depends on a system call the runtime's default profile blocks will fail.",
    examples: [
      { format: 'kubernetes', bad: 'spec:\n  containers:\n    - name: app\n      image: example/app:5.1.0', good: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: app\n      image: example/app:5.1.0' },
    ],
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      if (o.windows) continue; // Linux-only (decision 6)
      const reported = new Set<number>();
      for (const c of o.containers) {
        const e = c.seccompType;
        if (e.value === 'RuntimeDefault' || e.value === 'Localhost' || e.value === 'Unconfined') continue; // Unconfined: `seccomp-unconfined`
        if (e.field) {
          // An explicit value that is not a profile type (a typo, `runtime/default`): reported once, where written.
          if (reported.has(e.field.span.start)) continue;
          reported.add(e.field.span.start);
          r.report({ span: e.field.span, message: `${where(o, e.origin === 'container' ? c : undefined)}: seccompProfile.type ${JSON.stringify(e.value)} is not RuntimeDefault or Localhost.`, object: o.label, container: e.origin === 'container' ? c.name : undefined, fixes: kfix.setValue(model, o, e.field, 'RuntimeDefault', 'Use seccompProfile type RuntimeDefault') });
          continue;
        }
        if (c.seccompAnnotation && c.seccompAnnotation.value.trim() === 'unconfined') continue; // `seccomp-unconfined` (one finding per fact)
        if (o.fragment) continue;
        r.report({ span: c.nameSpan, message: `${where(o, c)}: no seccomp profile (seccompProfile.type RuntimeDefault or Localhost), so every system call is open to it.`, object: o.label, container: c.name, fixes: kfix.podSeccomp(model, o) });
      }
    }
  },
});
