// Host namespaces and host resources: devices entries
import { defineRule } from '../rule';

export default defineRule({
  id: 'host-device',
  title: 'TITLE',
  severity: 'warning',
  profile: 'B',
  formats: ['compose'],
  peers: [],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
