// Secrets: a secret-looking name (password, passwd, secret, token, api key, private key, credential, access key) with a literal value: Dockerfile ENV/ARG (an ARG with such a name leaks through image history even without a default), Compose environment/build.args, Kubernetes env[].value (not valueFrom); values 
import { defineRule } from '../rule';

export default defineRule({
  id: 'secret-in-env',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['DL3064', 'DS-0031', 'env-var-secret'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
