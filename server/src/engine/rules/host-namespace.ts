// Host namespaces and host resources: userns_mode: host, uts: host, cgroup: host
import { defineRule } from '../rule';

export default defineRule({
  id: 'host-namespace',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose'],
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
