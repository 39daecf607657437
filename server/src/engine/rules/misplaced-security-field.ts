// Privilege and capabilities: a container-only field set under the pod securityContext (Kubernetes drops it)
import { defineRule } from '../rule';

export default defineRule({
  id: 'misplaced-security-field',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['kubernetes'],
  peers: [],
  fix: { safe: false, description: 'move it to every container' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
