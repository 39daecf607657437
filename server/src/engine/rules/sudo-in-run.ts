// Identity: sudo invoked in a RUN
import { defineRule } from '../rule';

export default defineRule({
  id: 'sudo-in-run',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile'],
  peers: ['DL3004', 'DS-0010'],
  fix: { safe: true, description: 'remove the word' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
