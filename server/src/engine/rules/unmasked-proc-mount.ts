// Kernel attack surface: /proc and /sys paths that the runtime masks are exposed (Unmasked, systempaths=unconfined).
import { defineRule } from '../rule';
import { eachContainer, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan, securityOpts } from '../compose/support';

export default defineRule({
  id: 'unmasked-proc-mount',
  title: 'Masked /proc and /sys paths exposed',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0027', 'unsafe-proc-mount'],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Pod Security Standards: Baseline (/proc Mount Type)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'docker run reference: --security-opt', url: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt' },
    { title: 'proc(5)', url: 'https://man7.org/linux/man-pages/man5/proc.5.html' },
  ],
  docs: {
    what: "The runtime's masking of sensitive `/proc` and `/sys` paths is turned off. Kubernetes: a container `procMount` other than `Default` (`Unmasked`); as Pod Security Admission does, the `baseline` profile allows it in a pod with `hostUsers: false` (a user namespace), and `restricted` and `strict` do not. Compose: a `security_opt` entry `systempaths=unconfined`.",
    why: 'Runtimes hide or mount read-only the parts of `/proc` and `/sys` that are windows into the host kernel rather than into the container: `/proc/kcore`, `/proc/keys`, `/proc/timer_list`, `/proc/sysrq-trigger`, `/proc/sys`, `/sys/firmware`. Unmasked, a root process can write `/proc/sysrq-trigger` to crash or reboot the node, or `/proc/sys/kernel/core_pattern` to make the host kernel run a program of its choice as root outside the container the next time a process dumps core; the timer and key files also leak host information useful to exploits.',
    fix: 'Remove the setting (Kubernetes `procMount: Default` is the default). Workloads that need their own `/proc` (nested container runtimes) should run in a user-namespaced pod or a dedicated VM. The quick fix removes it; it is unsafe because such a workload will no longer be able to mount or use those paths.',
    examples: [
      { format: 'compose', bad: 'services:\n  builder:\n    image: example/builder:0.9.0\n    security_opt:\n      - systempaths=unconfined', good: 'services:\n  builder:\n    image: example/builder:0.9.0' },
      { format: 'kubernetes', bad: 'securityContext:\n  procMount: Unmasked', good: 'securityContext:\n  procMount: Default' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const o of securityOpts(svc, 'systempaths')) {
        if (o.value.toLowerCase() !== 'unconfined') continue;
        r.report(composeAt(svc, o.item.span, `Service ${svc.name} sets \`${o.item.value}\`: /proc and /sys paths the runtime normally masks become visible and writable.`, cfx.removeItem(model, svc.securityOptList, o.item, 'Remove this `security_opt` entry')));
      }
    }
    r.flush();
  },
  kubernetes: (model, r, ctx) => {
    eachContainer(model, (o, c) => {
      const f = c.procMount;
      // Pod Security Admission allows only Default (or unset): any other value fails baseline,
      // except in a user-namespaced pod (`hostUsers: false`), where baseline allows it (the /proc
      // the container sees belongs to its own user namespace) and only restricted forbids it.
      if (!f || f.value === 'Default' || f.value === null) return;
      if (ctx.profile === 'baseline' && o.pod?.hostUsers?.value === false) return;
      r.report({ span: f.span, message: `${where(o, c)}: procMount: ${String(f.value)} ${f.value === 'Unmasked' ? 'exposes the /proc paths that the runtime normally masks' : 'is not Default, the only value Pod Security baseline allows'}.`, object: o.label, container: c.name, fixes: kfix.removeField(model, o, f, 'Remove procMount') });
    });
  },
});
