// Secret-looking names and literal values, shared by the Dockerfile, Compose and Kubernetes sides of
// `secret-in-env` (RULES.md decision 9) and the file names of `secret-file-in-image`.

const SECRET_WORDS = new Set(['password', 'passwords', 'passwd', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials', 'apikey', 'apikeys']);
const SECRET_PAIRS = new Set(['api key', 'private key', 'access key', 'secret key', 'client secret']);
const EXEMPT_WORDS = new Set(['public', 'file', 'path', 'url', 'uri', 'version']);

/** Split a variable name into lower-case words on `_`, `-`, `.` and case changes (`dbPassword`, `APIKey`). */
export function nameWords(name: string): string[] {
  return name
    .split(/[_\-.\s]+/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/))
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * True when a variable name looks like it holds a secret: a word is `password`, `passwd`, `secret`,
 * `token`, `credential(s)` or `apikey` (plurals too), or two consecutive words are `api key`,
 * `private key`, `access key`, `secret key` or `client secret`; unless a word is `public`, `file`,
 * `path`, `url`, `uri` or `version` (`TOKEN_URL`, `PUBLIC_KEY`, `PASSWORD_FILE` are not secrets).
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.some((w) => EXEMPT_WORDS.has(w))) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  const singular = (w: string): string => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);
  for (let i = 0; i + 1 < words.length; i++) if (SECRET_PAIRS.has(`${words[i]} ${singular(words[i + 1])}`)) return true;
  return false;
}

/**
 * True when a value only refers to a secret kept elsewhere: made only of variable references
 * (`$VAR`, `${VAR}`, `${VAR:?msg}`, `${VAR?msg}`, `${VAR:-}`, `${VAR:+x}`, Kubernetes `$(VAR)`) and
 * punctuation between them (`${USER}:${PASS}`), or a
 * path under `/run/secrets/`. A reference with a literal default (`${VAR:-changeme}`) is a literal:
 * the default is committed.
 */
export function isReferenceValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (/^\/run\/secrets\//.test(v)) return true;
  // A scanner rather than global regexes: no backtracking on long or unterminated `${...`.
  let rest = '';
  let sawRef = false;
  const isStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
  const isPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
  let i = 0;
  while (i < v.length) {
    const c = v[i];
    if (c === '$' && v[i + 1] === '{') {
      const close = v.indexOf('}', i + 2);
      if (close > 0) {
        const body = v.slice(i + 2, close);
        let k = 0;
        if (isStart(body[0])) {
          k = 1;
          while (isPart(body[k])) k++;
          const op = body.slice(k);
          // `${V}`, `${V?msg}`, `${V:?msg}`, `${V-}`, `${V:-}`, `${V+x}`, `${V:+x}` only refer; `${V:-lit}` commits `lit`.
          if (op === '' || /^:?\?/.test(op) || op === '-' || op === ':-' || /^:?\+/.test(op)) {
            sawRef = true;
            i = close + 1;
            continue;
          }
        }
      }
    } else if (c === '$' && v[i + 1] === '(' && isStart(v[i + 2])) {
      let k = i + 3;
      while (isPart(v[k])) k++;
      if (v[k] === ')') {
        sawRef = true;
        i = k + 1;
        continue;
      }
    } else if (c === '$' && isStart(v[i + 1])) {
      let k = i + 2;
      while (isPart(v[k])) k++;
      sawRef = true;
      i = k;
      continue;
    }
    rest += c;
    i++;
  }
  // Separators between references (`${USER}:${PASS}`) carry nothing secret; letters or digits do.
  return sawRef && !/[A-Za-z0-9]/.test(rest);
}

/** True when a value is a literal secret worth reporting: non-empty and not only a reference. */
export function isLiteralSecretValue(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (value.trim() === '') return false;
  return !isReferenceValue(value);
}

/**
 * Whether a copied path names a file that usually holds credentials: `.env` (and `.env.*` except
 * `.example`, `.sample`, `.template`), `id_rsa*` and other SSH keys, `*.pem`, `*.key`, `.npmrc`,
 * `.pypirc`, `.git-credentials`, `credentials*.json`, or anything in `.aws/` or `.ssh/`.
 */
export function secretFileKind(path: string): string | undefined {
  let p = path.replace(/\\/g, '/');
  while (p.endsWith('/')) p = p.slice(0, -1);
  const parts = p.split('/').filter(Boolean);
  const base = parts[parts.length - 1] ?? '';
  if (parts.some((x) => x === '.aws' || x === '.ssh')) return parts.includes('.aws') ? 'AWS credentials directory' : 'SSH directory';
  if (base === '.env') return 'dotenv file';
  if (/^\.env\./.test(base)) return /\.(example|sample|template)$/.test(base) ? undefined : 'dotenv file';
  if (/^id_(rsa|dsa|ecdsa|ed25519)/.test(base) && !/\.pub$/.test(base)) return 'SSH private key';
  if (/\.pem$/i.test(base)) return 'PEM key or certificate';
  if (/\.key$/i.test(base)) return 'private key';
  if (base === '.npmrc') return 'npm credentials';
  if (base === '.pypirc') return 'PyPI credentials';
  if (base === '.git-credentials') return 'Git credentials';
  if (/^credentials.*\.json$/i.test(base)) return 'credentials file';
  return undefined;
}
