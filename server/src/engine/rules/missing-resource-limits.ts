// Resources and exposure: K: no resources.limits.memory; C: no memory limit (mem_limit or deploy.resources.limits.memory) or no pids_limit
import { defineRule } from '../rule';

export default defineRule({
  id: 'missing-resource-limits',
  title: 'TITLE',
  severity: 'info',
  profile: 'S',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0018', 'CKV_K8S_13', 'unset-memory-requirements'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
