// Secrets: COPY/ADD of .env, id_rsa*, *.pem, *.key, .npmrc, .pypirc, .aws/, .ssh/, .git-credentials, credentials*.json
import { defineRule } from '../rule';

export default defineRule({
  id: 'secret-file-in-image',
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
