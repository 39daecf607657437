// Identity: final USER is a name, so runAsNonRoot cannot verify it
import { defineRule } from '../rule';

export default defineRule({
  id: 'non-numeric-user',
  title: 'TITLE',
  severity: 'info',
  profile: 'S',
  formats: ['dockerfile'],
  peers: [],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
