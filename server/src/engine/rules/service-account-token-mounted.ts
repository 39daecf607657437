// Secrets: pod automountServiceAccountToken is not false
import { defineRule } from '../rule';

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
});
