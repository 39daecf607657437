// Identity: the effective user is root explicitly: final-stage USER root/0/root:g/0:g (also via ARG/ENV default); Compose user root or 0; Kubernetes runAsUser: 0 at either level
import { defineRule } from '../rule';

export default defineRule({
  id: 'root-user',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['DL3002', 'DS-0002', 'KSV-0105', 'CKV_DOCKER_8', 'CKV_K8S_23'],
  fix: { safe: false, description: 'set a non-root uid (`10001`)' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
