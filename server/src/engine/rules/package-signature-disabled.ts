// Image provenance and supply chain: --allow-unauthenticated, --force-yes, --allow-untrusted, --nogpgcheck, rpm --nosignature/--nodigest
import { defineRule } from '../rule';

export default defineRule({
  id: 'package-signature-disabled',
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
