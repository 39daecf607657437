// Shared helpers used by the Dockerfile, Compose and Kubernetes sides: secret-looking names and
// reference values (RULES.md decision 9), secret file names, image references, variable expansion.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { expandVars } from '../../server/src/engine/dockerfile/expand';
import { lacksDigest, parseImageRef, tagProblem } from '../../server/src/engine/image';
import { isLiteralSecretValue, isReferenceValue, isSecretName, nameWords, secretFileKind } from '../../server/src/engine/secrets';

describe('secret-looking names', () => {
  const yes = ['DB_PASSWORD', 'passwd', 'dbPassword', 'GITHUB_TOKEN', 'NPM_AUTH_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'api-key', 'API_KEY', 'apiKey', 'APIKey', 'client.secret', 'PRIVATE_KEY', 'ACCESS_KEY_ID', 'SECRET_KEY_BASE', 'credentials', 'GOOGLE_CREDENTIAL', 'my_apikey', 'API_KEYS', 'CLIENT_SECRETS'];
  const no = ['TOKEN_URL', 'PUBLIC_KEY', 'PASSWORD_FILE', 'DB_PASSWORD_PATH', 'SECRET_VERSION', 'TOKENIZER', 'KEY', 'MONKEY', 'API_URI', 'OIDC_TOKEN_URI', 'HOME', 'GPG_KEYS', 'NAGIOSADMIN_PASS'];
  for (const n of yes) it(`${n} is secret-looking`, () => assert.ok(isSecretName(n), nameWords(n).join(' ')));
  for (const n of no) it(`${n} is not`, () => assert.ok(!isSecretName(n), nameWords(n).join(' ')));
});

describe('reference and literal values', () => {
  const refs = ['${DB_PASSWORD}', '$DB_PASSWORD', '${DB_PASSWORD:?required}', '${X?msg}', '${X:-}', '${X:+set}', '$(SECRET_FROM_ENV)', '/run/secrets/db', '${USER}:${PASS}'];
  const literals = ['changeme', '${X:-changeme}', '${X-changeme}', 'pre-${X}', 'hunter2'];
  for (const v of refs) it(`${v} is a reference`, () => assert.ok(isReferenceValue(v) && !isLiteralSecretValue(v)));
  for (const v of literals) it(`${v} is a literal`, () => assert.ok(!isReferenceValue(v) && isLiteralSecretValue(v)));
  it('empty values are not secrets', () => {
    assert.ok(!isLiteralSecretValue(''));
    assert.ok(!isLiteralSecretValue('  '));
    assert.ok(!isLiteralSecretValue(null));
  });
});

describe('secret files', () => {
  const yes = ['.env', './app/.env', '.env.production', 'id_rsa', 'keys/id_ed25519', 'server.pem', 'tls.key', '.npmrc', '.pypirc', '.aws/', '.aws/credentials', 'home/.ssh/config', '.git-credentials', 'credentials-prod.json'];
  const no = ['.env.example', '.env.sample', '.env.template', 'id_rsa.pub', 'package.json', 'keys.txt', 'environment', 'credentials.yaml'];
  for (const f of yes) it(`${f} is a secret file`, () => assert.ok(secretFileKind(f)));
  for (const f of no) it(`${f} is not`, () => assert.equal(secretFileKind(f), undefined));
});

describe('image references', () => {
  const cases: Array<[string, { registry?: string; repository: string; tag?: string; digest?: string }, 'latest' | 'missing' | undefined, boolean]> = [
    ['nginx', { repository: 'nginx' }, 'missing', true],
    ['nginx:latest', { repository: 'nginx', tag: 'latest' }, 'latest', true],
    ['nginx:1.27', { repository: 'nginx', tag: '1.27' }, undefined, true],
    ['host:5000/img', { registry: 'host:5000', repository: 'img' }, 'missing', true],
    ['host:5000/team/img:2.1', { registry: 'host:5000', repository: 'team/img', tag: '2.1' }, undefined, true],
    ['localhost/img:latest', { registry: 'localhost', repository: 'img', tag: 'latest' }, 'latest', true],
    ['library/nginx', { repository: 'library/nginx' }, 'missing', true],
    [`alpine@sha256:${'a'.repeat(64)}`, { repository: 'alpine', digest: `sha256:${'a'.repeat(64)}` }, undefined, false],
    [`ghcr.io/o/r:latest@sha256:${'b'.repeat(64)}`, { registry: 'ghcr.io', repository: 'o/r', tag: 'latest', digest: `sha256:${'b'.repeat(64)}` }, undefined, false],
  ];
  for (const [img, ref, problem, noDigest] of cases)
    it(img, () => {
      const r = parseImageRef(img)!;
      assert.deepEqual({ registry: r.registry, repository: r.repository, tag: r.tag, digest: r.digest }, { registry: undefined, tag: undefined, digest: undefined, ...ref });
      assert.equal(tagProblem(img), problem);
      assert.equal(lacksDigest(img), noDigest);
    });
  it('scratch and unresolved variables are not judged', () => {
    for (const img of ['scratch', '${BASE}', 'golang:$GO_VERSION', '{{ .Values.image }}']) {
      assert.equal(tagProblem(img), undefined);
      assert.equal(lacksDigest(img), false);
    }
  });
});

describe('variable expansion', () => {
  const vars = new Map<string, string | undefined>([['A', 'x'], ['EMPTY', ''], ['DECLARED', undefined]]);
  const cases: Array<[string, string, boolean]> = [
    ['$A', 'x', true],
    ['${A}:${A}', 'x:x', true],
    ['${B:-def}', 'def', true],
    ['${EMPTY:-def}', 'def', true],
    ['${EMPTY-def}', '', true],
    ['${A:+alt}', 'alt', true],
    ['${B:+alt}', '', false],
    ['$DECLARED', '', false],
    ['\\$A', '$A', true],
    ['pre-$A-post', 'pre-x-post', true],
  ];
  for (const [input, value, resolved] of cases) it(input, () => assert.deepEqual(expandVars(input, vars), { value, resolved }));
});
