// Host namespaces and host resources: a Docker/containerd/CRI-O/Podman socket (or its parent directory) is mounted, :ro or not; Compose use_api_socket: true
import { defineRule } from '../rule';

export default defineRule({
  id: 'runtime-socket-mount',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0006', 'docker-sock', 'CKV_K8S_27'],
  fix: { safe: false, description: 'remove the volume and its mount' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
