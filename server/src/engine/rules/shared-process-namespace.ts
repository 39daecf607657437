// Host namespaces and host resources: shareProcessNamespace: true
import { defineRule } from '../rule';

export default defineRule({
  id: 'shared-process-namespace',
  title: 'TITLE',
  severity: 'info',
  profile: 'S',
  formats: ['kubernetes'],
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
