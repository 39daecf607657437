// Host namespaces and host resources: hostPort other than 0
import { defineRule } from '../rule';

export default defineRule({
  id: 'host-port',
  title: 'TITLE',
  severity: 'warning',
  profile: 'B',
  formats: ['kubernetes'],
  peers: ['KSV-0024', 'CKV_K8S_26'],
  fix: { safe: false, description: 'remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
