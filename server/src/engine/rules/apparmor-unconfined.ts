// Kernel attack surface: AppArmor confinement explicitly disabled (unconfined).
import { defineRule } from '../rule';

export default defineRule({
  id: 'apparmor-unconfined',
  title: 'AppArmor disabled',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0002'],
  fix: { safe: false, description: '`RuntimeDefault` / remove' },
  references: [
    { title: 'Pod Security Standards: Baseline (AppArmor)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: "Restrict a Container's Access to Resources with AppArmor", url: 'https://kubernetes.io/docs/tutorials/security/apparmor/' },
    { title: 'Docker: AppArmor security profiles', url: 'https://docs.docker.com/engine/security/apparmor/' },
    { title: 'CIS Docker Benchmark 5.2: Ensure that, if applicable, an AppArmor Profile is enabled', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'AppArmor is switched off for a container. Kubernetes: `appArmorProfile.type: Unconfined` in the pod or a container `securityContext`, or the beta annotation `container.apparmor.security.beta.kubernetes.io/<container>: unconfined`. Compose: a `security_opt` entry `apparmor:unconfined` or `apparmor=unconfined`.',
    why: "On hosts with AppArmor, the runtime's default profile is a mandatory access control layer that holds even for root in the container: it denies `mount`, writes to `/proc/sys` and `/proc/sysrq-trigger`, access to `/sys/kernel/security`, `/proc/kcore` and similar kernel interfaces. It is often the layer that stops an escape when another one (a capability, a writable host mount) has been weakened. Unconfined removes it, and the Pod Security baseline forbids that.",
    fix: 'Kubernetes: remove the override, or set `appArmorProfile: {type: RuntimeDefault}` (or `Localhost` with a profile loaded on the nodes). Compose: remove the entry, or name a custom profile with `apparmor:<profile>`. The quick fix switches to `RuntimeDefault` / removes the entry; it is unsafe because an operation the default profile denies will start failing.',
    examples: [
      { format: 'compose', bad: 'services:\n  app:\n    image: example/app:5.1.0\n    security_opt:\n      - apparmor:unconfined', good: 'services:\n  app:\n    image: example/app:5.1.0' },
      { format: 'kubernetes', bad: 'containers:\n  - name: app\n    image: example/app:5.1.0\n    securityContext:\n      appArmorProfile:\n        type: Unconfined', good: 'containers:\n  - name: app\n    image: example/app:5.1.0\n    securityContext:\n      appArmorProfile:\n        type: RuntimeDefault' },
    ],
  },
});
