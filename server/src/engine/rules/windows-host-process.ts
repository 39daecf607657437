// Host namespaces and host resources: windowsOptions.hostProcess: true at either level
import { defineRule } from '../rule';

export default defineRule({
  id: 'windows-host-process',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['kubernetes'],
  peers: ['KSV-0103'],
  fix: { safe: false, description: 'remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
