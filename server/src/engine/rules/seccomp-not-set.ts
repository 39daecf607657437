// Kernel attack surface: effective seccomp type is not RuntimeDefault or Localhost for a container (deprecated annotations do not count)
import { defineRule } from '../rule';

export default defineRule({
  id: 'seccomp-not-set',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['kubernetes'],
  peers: ['KSV-0030', 'KSV-0104', 'CKV_K8S_31'],
  fix: { safe: false, description: 'pod-level `seccompProfile: {type: RuntimeDefault}`' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
