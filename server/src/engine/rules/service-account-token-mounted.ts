// Secrets: pod automountServiceAccountToken is not false
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'service-account-token-mounted',
  title: 'TITLE',
  severity: 'info',
  profile: 'S',
  formats: ['kubernetes'],
  peers: ['KSV-0036', 'CKV_K8S_38'],
  fix: { safe: false, description: 'set false' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const f = o.pod!.automountServiceAccountToken;
      if (f?.value === false) continue;
      if (f) {
        r.report({ span: f.span, message: `${where(o)}: automountServiceAccountToken is ${String(f.value)}, so every container gets an API token for the pod's service account.`, object: o.label, fixes: kfix.setValue(model, o, f, false, 'Set automountServiceAccountToken: false') });
        continue;
      }
      if (o.fragment) continue;
      r.report({ span: o.kindSpan, message: `${where(o)}: automountServiceAccountToken is not false, so every container gets an API token for the pod's service account.`, object: o.label, fixes: kfix.podSpecKey(model, o, 'automountServiceAccountToken', false, 'Set automountServiceAccountToken: false') });
    }
  },
});
