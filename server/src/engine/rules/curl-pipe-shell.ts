// Image provenance and supply chain: a download piped or substituted into a shell (curl … \| sh, wget -O- … \| bash, sh -c "$(curl …)", bash <(curl …))
import { defineRule } from '../rule';

export default defineRule({
  id: 'curl-pipe-shell',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile'],
  peers: [],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
