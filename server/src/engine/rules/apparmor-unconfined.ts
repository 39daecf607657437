// Kernel attack surface: K: appArmorProfile.type: Unconfined or annotation container.apparmor.security.beta.kubernetes.io/<c>: unconfined; C: apparmor:unconfined / apparmor=unconfined
import { defineRule } from '../rule';

export default defineRule({
  id: 'apparmor-unconfined',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0002'],
  fix: { safe: false, description: '`RuntimeDefault` / remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
