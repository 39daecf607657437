// Kernel attack surface: K: seLinuxOptions.type outside container_t container_init_t container_kvm_t container_engine_t, or user/role set; C: label:disable, label=disable, label=type:spc_t
import { defineRule } from '../rule';

export default defineRule({
  id: 'selinux-weakened',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0025'],
  fix: { safe: false, description: 'remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
