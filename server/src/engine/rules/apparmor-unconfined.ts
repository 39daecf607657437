// Kernel attack surface: AppArmor confinement explicitly disabled (unconfined).
import { defineRule } from '../rule';
import { appArmorAnnotationAllowed } from '../lsm';
import { where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan, securityOpts } from '../compose/support';

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
    { title: 'CIS Docker Benchmark v1.6.0, 5.2: Ensure that, if applicable, an AppArmor Profile is enabled', url: 'https://www.cisecurity.org/benchmark/docker' },
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
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const o of securityOpts(svc, 'apparmor')) {
        if (o.value.toLowerCase() !== 'unconfined') continue;
        r.report(composeAt(svc, o.item.span, `Service ${svc.name} sets \`${o.item.value}\`: the default AppArmor profile is off.`, cfx.removeItem(model, svc.securityOptList, o.item, 'Remove this `security_opt` entry')));
      }
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const pod = o.pod!.appArmorType;
      if (pod?.value === 'Unconfined') r.report({ span: pod.span, message: `${where(o)}: the pod's AppArmor profile is Unconfined.`, object: o.label, fixes: kfix.setValue(model, o, pod, 'RuntimeDefault', 'Use appArmorProfile type RuntimeDefault') });
      for (const c of o.containers) {
        const e = c.appArmorType;
        if (e.origin === 'container' && e.value === 'Unconfined') r.report({ span: e.field!.span, message: `${where(o, c)}: AppArmor profile is Unconfined.`, object: o.label, container: c.name, fixes: kfix.setValue(model, o, e.field!, 'RuntimeDefault', 'Use appArmorProfile type RuntimeDefault') });
      }
      for (const a of o.podAnnotations) {
        if (!a.key.startsWith('container.apparmor.security.beta.kubernetes.io/')) continue;
        // Pod Security Admission allows only runtime/default and localhost/<profile> (or empty).
        const v = a.value.trim();
        if (appArmorAnnotationAllowed(v)) continue;
        r.report({ span: a.span, message: v === 'unconfined' ? `${where(o)}: annotation ${a.key} runs the container without AppArmor (unconfined).` : `${where(o)}: annotation ${a.key} has value ${JSON.stringify(v)}, which is neither runtime/default nor localhost/<profile> (Pod Security baseline rejects it).`, object: o.label, fixes: kfix.setAnnotation(model, o, a, 'runtime/default', 'Use runtime/default') });
      }
    }
  },
});
