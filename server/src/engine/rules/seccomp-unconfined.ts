// Kernel attack surface: K: seccompProfile.type: Unconfined at either level, or annotation value unconfined; C: seccomp:unconfined / seccomp=unconfined
import { defineRule } from '../rule';

export default defineRule({
  id: 'seccomp-unconfined',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0030', 'KSV-0104', 'CKV_K8S_31'],
  fix: { safe: false, description: '`RuntimeDefault` / remove entry' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
