// Image provenance and supply chain: image has no @sha256: digest
import { defineRule } from '../rule';

export default defineRule({
  id: 'unpinned-digest',
  title: 'TITLE',
  severity: 'info',
  profile: 'S',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: [],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
