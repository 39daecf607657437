// Kernel attack surface: effective seccomp type is not RuntimeDefault or Localhost for a container (deprecated annotations do not count)
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'seccomp-not-set',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['kubernetes'],
  peers: ['KSV-0030', 'KSV-0104', 'CKV_K8S_31'],
  fix: { safe: false, description: 'pod-level `seccompProfile: {type: RuntimeDefault}`' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
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
          r.report({ span: e.field.span, message: `${where(o, e.origin === 'container' ? c : undefined)}: seccompProfile.type ${JSON.stringify(e.value)} is not RuntimeDefault or Localhost.`, object: o.label, container: e.origin === 'container' ? c.name : undefined, fixes: kfix.setValue(model, e.field, 'RuntimeDefault', 'Use seccompProfile type RuntimeDefault') });
          continue;
        }
        if (c.seccompAnnotation && c.seccompAnnotation.value.trim() === 'unconfined') continue; // `seccomp-unconfined` (one finding per fact)
        if (o.fragment) continue;
        r.report({ span: c.nameSpan, message: `${where(o, c)}: no seccomp profile (seccompProfile.type RuntimeDefault or Localhost), so every system call is open to it.`, object: o.label, container: c.name, fixes: kfix.podSeccomp(model, o) });
      }
    }
  },
});
