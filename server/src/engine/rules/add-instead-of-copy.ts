// Image provenance and supply chain: ADD of a local path that is not an archive
import { defineRule } from '../rule';

export default defineRule({
  id: 'add-instead-of-copy',
  title: 'TITLE',
  severity: 'info',
  profile: 'R',
  formats: ['dockerfile'],
  peers: ['DL3020', 'DS-0005', 'CKV_DOCKER_4'],
  fix: { safe: true, description: '`COPY`' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
