// Privilege and capabilities: an added capability that baseline allows but restricted forbids (anything but NET_BIND_SERVICE)
import { defineRule } from '../rule';

export default defineRule({
  id: 'extra-capability',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: [],
  fix: { safe: false, description: 'remove that entry' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
