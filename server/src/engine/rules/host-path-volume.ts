// Host namespaces and host resources: any hostPath volume
import { defineRule } from '../rule';

export default defineRule({
  id: 'host-path-volume',
  title: 'TITLE',
  severity: 'warning',
  profile: 'B',
  formats: ['kubernetes'],
  peers: ['KSV-0023'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
