// Privilege and capabilities: an added capability outside the Pod Security baseline set (AUDIT_WRITE CHOWN DAC_OVERRIDE FOWNER FSETID KILL MKNOD NET_BIND_SERVICE SETFCAP SETGID SETPCAP SETUID SYS_CHROOT), e.g. ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, NET_RAW, BPF; Dockerfile setcap granting one
import { defineRule } from '../rule';

export default defineRule({
  id: 'dangerous-capability',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['KSV-0005', 'KSV-0022', 'CKV_K8S_39', 'CKV_K8S_25'],
  fix: { safe: false, description: 'remove that entry' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
