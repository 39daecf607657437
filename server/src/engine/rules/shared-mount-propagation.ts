// Host namespaces and host resources: K mountPropagation: Bidirectional; C bind propagation: shared/rshared
import { defineRule } from '../rule';

export default defineRule({
  id: 'shared-mount-propagation',
  title: 'TITLE',
  severity: 'warning',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: [],
  fix: { safe: false, description: 'remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
