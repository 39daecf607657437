// Kernel attack surface: any seccomp.security.alpha.kubernetes.io/* annotation
import { defineRule } from '../rule';

export default defineRule({
  id: 'deprecated-seccomp-annotation',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['kubernetes'],
  peers: [],
  fix: { safe: true, description: 'migrate to the field' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
