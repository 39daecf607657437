// Image provenance and supply chain: image tag is latest or missing, with no digest (scratch, stage names and unresolvable variables excluded; host:5000/img has no tag)
import { defineRule } from '../rule';

export default defineRule({
  id: 'latest-tag',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['DL3007', 'DL3006', 'DS-0001', 'KSV-0013', 'latest-tag', 'CKV_K8S_14', 'CKV_DOCKER_7'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
