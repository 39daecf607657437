// Image provenance and supply chain: ADD of an http(s) or git source without --checksum
import { defineRule } from '../rule';

export default defineRule({
  id: 'remote-add-without-checksum',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
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
