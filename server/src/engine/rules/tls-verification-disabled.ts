// Image provenance and supply chain: curl -k/--insecure, wget --no-check-certificate, pip --trusted-host, strict-ssl false, sslverify=false, or GIT_SSL_NO_VERIFY, NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0 in ENV/ARG
import { defineRule } from '../rule';

export default defineRule({
  id: 'tls-verification-disabled',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile'],
  peers: [],
  fix: { safe: true, description: 'remove the flag' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
