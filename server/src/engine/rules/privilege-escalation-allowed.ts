// Privilege and capabilities: K: effective allowPrivilegeEscalation is not false (error when explicitly true); C: no no-new-privileges (in any form) in security_opt, or it is set false
import { defineRule } from '../rule';

export default defineRule({
  id: 'privilege-escalation-allowed',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0001', 'privilege-escalation-container', 'CKV_K8S_20'],
  fix: { safe: false, description: 'add `allowPrivilegeEscalation: false` / `no-new-privileges:true`' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
