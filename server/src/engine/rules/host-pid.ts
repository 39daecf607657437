// Host namespaces and host resources: K hostPID: true; C pid: host
import { defineRule } from '../rule';

export default defineRule({
  id: 'host-pid',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0010', 'host-pid', 'CKV_K8S_17'],
  fix: { safe: false, description: 'remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
