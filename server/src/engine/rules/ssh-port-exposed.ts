// Resources and exposure: EXPOSE 22, containerPort: 22
import { defineRule } from '../rule';

export default defineRule({
  id: 'ssh-port-exposed',
  title: 'TITLE',
  severity: 'info',
  profile: 'R',
  formats: ['dockerfile', 'kubernetes'],
  peers: ['DS-0004', 'ssh-port', 'CKV_DOCKER_1'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
