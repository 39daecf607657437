// Privilege and capabilities: CAP_-prefixed name (breaks container creation on containerd) or non-upper-case all/names (fails the restricted check)
import { defineRule } from '../rule';

export default defineRule({
  id: 'capability-spelling',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['kubernetes'],
  peers: [],
  fix: { safe: true, description: 'rewrite the spelling' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
