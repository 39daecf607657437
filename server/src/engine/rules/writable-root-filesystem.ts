// Filesystem and volumes: K readOnlyRootFilesystem not true; C read_only not true
import { defineRule } from '../rule';

export default defineRule({
  id: 'writable-root-filesystem',
  title: 'TITLE',
  severity: 'info',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0014', 'no-read-only-root-fs', 'CKV_K8S_22'],
  fix: { safe: false, description: 'set true' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
