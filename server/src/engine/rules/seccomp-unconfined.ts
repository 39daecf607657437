// Kernel attack surface: seccomp filtering explicitly disabled (Unconfined).
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan, securityOpts } from '../compose/support';

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
    { title: 'CIS Docker Benchmark v1.6.0, 5.22: Ensure that the default seccomp profile is not Disabled', url: 'https://www.cisecurity.org/benchmark/docker' },
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
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const o of securityOpts(svc, 'seccomp')) {
        if (o.value.toLowerCase() !== 'unconfined') continue;
        r.report(composeAt(svc, o.item.span, `Service ${svc.name} sets \`${o.item.value}\`: the default seccomp filter is off, so every system call reaches the kernel.`, cfx.removeItem(model, svc.securityOptList, o.item, 'Remove this `security_opt` entry')));
      }
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const pod = o.pod!.seccompType;
      if (pod?.value === 'Unconfined') r.report({ span: pod.span, message: `${where(o)}: the pod's seccomp profile is Unconfined: every system call is open to its containers.`, object: o.label, fixes: kfix.setValue(model, o, pod, 'RuntimeDefault', 'Use seccompProfile type RuntimeDefault') });
      for (const c of o.containers) {
        const e = c.seccompType;
        if (e.origin === 'container' && e.value === 'Unconfined') r.report({ span: e.field!.span, message: `${where(o, c)}: seccomp profile is Unconfined: every system call is open to it.`, object: o.label, container: c.name, fixes: kfix.setValue(model, o, e.field!, 'RuntimeDefault', 'Use seccompProfile type RuntimeDefault') });
      }
      for (const a of o.podAnnotations) {
        if (!a.key.startsWith('seccomp.security.alpha.kubernetes.io/') && !a.key.startsWith('container.seccomp.security.alpha.kubernetes.io/')) continue;
        if (a.value.trim() !== 'unconfined') continue;
        r.report({ span: a.span, message: `${where(o)}: annotation ${a.key} asks for no seccomp filtering (unconfined).`, object: o.label, fixes: kfix.setAnnotation(model, o, a, 'runtime/default', 'Use runtime/default') });
      }
    }
  },
});
