// Host namespaces and host resources: K hostNetwork: true; C network_mode: host, build.network: host; D RUN --network=host
import { defineRule } from '../rule';

export default defineRule({
  id: 'host-network',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['KSV-0009', 'host-network', 'CKV_K8S_19'],
  fix: { safe: false, description: 'remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
