// Kernel attack surface: seccomp filtering explicitly disabled (Unconfined).
import { defineRule } from '../rule';

export default defineRule({
  id: 'seccomp-unconfined',
  title: 'Seccomp disabled',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0030', 'KSV-0104', 'CKV_K8S_31'],
  fix: { safe: false, description: '`RuntimeDefault` / remove entry' },
  references: [
    { title: 'Pod Security Standards: Baseline / Restricted (Seccomp)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: "Restrict a Container's Syscalls with seccomp", url: 'https://kubernetes.io/docs/tutorials/security/seccomp/' },
    { title: 'Docker: Seccomp security profiles', url: 'https://docs.docker.com/engine/security/seccomp/' },
    { title: 'CIS Docker Benchmark 5.22: Ensure that the default seccomp profile is not Disabled', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'Seccomp is switched off on purpose. Kubernetes: `seccompProfile.type: Unconfined` in the pod or a container `securityContext` (a pod-level value is reported once, at the pod key), or a deprecated seccomp annotation whose value is `unconfined`. Compose: a `security_opt` entry `seccomp:unconfined` or `seccomp=unconfined`. A container that simply has no profile is `seccomp-not-set` instead.',
    why: "Every container calls into the host's kernel, and the seccomp filter is what limits which of its 300-plus system calls are reachable. The runtime's default profile blocks rarely needed, historically exploitable ones such as `keyctl`, `bpf`, `userfaultfd`, `perf_event_open`, `kexec_load`, `open_by_handle_at` and namespace creation through `unshare`/`clone`, which is how exploits like the `fsconfig` overflow (CVE-2022-0185) get the privileges they need from inside a container. Unconfined exposes that whole surface to any code running in the container.",
    fix: "Kubernetes: use `seccompProfile: {type: RuntimeDefault}` (or a `Localhost` profile tailored to the workload), preferably at pod level. Compose: remove the entry so Docker's default profile applies, or point `seccomp=<profile.json>` at a custom profile that allows the extra calls. The quick fix switches to `RuntimeDefault` / removes the entry; it is unsafe because a program that uses a blocked system call will fail with `EPERM`.",
    examples: [
      { format: 'compose', bad: 'services:\n  app:\n    image: example/app:5.1.0\n    security_opt:\n      - seccomp:unconfined', good: 'services:\n  app:\n    image: example/app:5.1.0\n    security_opt:\n      - no-new-privileges:true' },
      { format: 'kubernetes', bad: 'spec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined', good: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault' },
    ],
  },
});
