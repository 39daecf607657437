// Kernel attack surface: K: procMount: Unmasked; C: systempaths=unconfined
import { defineRule } from '../rule';

export default defineRule({
  id: 'unmasked-proc-mount',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0027', 'unsafe-proc-mount'],
  fix: { safe: false, description: 'remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
