// Identity: nothing makes the container non-root: Dockerfile final stage has no non-root USER; Compose service has no non-root user and its built Dockerfile (if any, cross-file) does not set one; Kubernetes effective runAsNonRoot is not true
import { defineRule } from '../rule';

export default defineRule({
  id: 'non-root-not-enforced',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['KSV-0012', 'run-as-non-root', 'CKV_K8S_23', 'CKV_DOCKER_3'],
  fix: { safe: false, description: 'add `USER 10001` before `CMD`/`ENTRYPOINT` / `user: "10001:10001"` / `runAsNonRoot: true` (pod level)' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
