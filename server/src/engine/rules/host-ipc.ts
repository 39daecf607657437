// Host namespaces and host resources: K hostIPC: true; C ipc: host
import { defineRule } from '../rule';

export default defineRule({
  id: 'host-ipc',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0008', 'host-ipc', 'CKV_K8S_18'],
  fix: { safe: false, description: 'remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
