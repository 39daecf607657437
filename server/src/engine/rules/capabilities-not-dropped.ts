// Privilege and capabilities: K: capabilities.drop does not contain ALL; C: cap_drop does not contain ALL
import { defineRule } from '../rule';

export default defineRule({
  id: 'capabilities-not-dropped',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0003', 'CKV_K8S_37', 'CKV_K8S_28', 'drop-net-raw-capability'],
  fix: { safe: false, description: 'add `drop: ["ALL"]` / `cap_drop: [ALL]`' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
