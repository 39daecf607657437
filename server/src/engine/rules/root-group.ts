// Identity: runAsGroup: 0, fsGroup: 0, 0 in supplementalGroups, Compose user: "x:0"
import { defineRule } from '../rule';

export default defineRule({
  id: 'root-group',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: [],
  fix: { safe: false, description: 'use `10001`' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
