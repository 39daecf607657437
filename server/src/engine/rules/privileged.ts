// Privilege and capabilities: privileged: true (K, C, Compose build.privileged); RUN --security=insecure
import { defineRule } from '../rule';

export default defineRule({
  id: 'privileged',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['KSV-0017', 'privileged-container', 'CKV_K8S_16'],
  fix: { safe: false, description: 'remove / set false' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
