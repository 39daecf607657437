// Readers over RUN commands shared by the shell-command rules (sudo, downloads, TLS and signature
// flags, setcap). They only see RUNs that a POSIX shell runs (or exec form).
import type { Span, TextEdit } from '../types';
import { deleteCharEdit, deleteWordEdit } from './fixes';
import type { DockerfileModel, RunCommand } from './model';
import { isCommandStringFlag, baseName, isPosixShell, programIndex, type SimpleCommand, type Word } from './shell';

export interface CommandAt {
  run: RunCommand;
  cmd: SimpleCommand;
}

/** Every simple command of every inspected RUN (all stages, ONBUILD RUN included). */
export function shellCommands(model: DockerfileModel): CommandAt[] {
  const out: CommandAt[] = [];
  for (const run of model.runs) if (run.posix) for (const cmd of run.commands) out.push({ run, cmd });
  return out;
}

/** Indices of the words of a command that invoke `sudo` (the command itself or a wrapper before it). */
export function sudoWords(cmd: SimpleCommand): number[] {
  const p = programIndex(cmd);
  const last = p < 0 ? cmd.words.length - 1 : p;
  const out: number[] = [];
  for (let i = 0; i <= last && i < cmd.words.length; i++) if (baseName(cmd.words[i].value) === 'sudo') out.push(i);
  return out;
}

/** A finding inside a RUN: the word to point at, a description, and the edits of a safe fix (if any). */
export interface FlagHit {
  word: Word;
  span: Span;
  what: string;
  edits?: TextEdit[];
}

/** The span of characters `from..to` (exclusive) of a word's value. */
function valueSpan(w: Word, from: number, to: number): Span {
  return { start: w.offsets[from] ?? w.span.start, end: (w.offsets[to - 1] ?? w.span.end - 1) + 1 };
}

/** Whether a word is written plainly in the source (no quotes, no escapes): fixes only edit those. */
function plain(text: string, w: Word): boolean {
  return !w.quoted && text.slice(w.span.start, w.span.end) === w.value;
}

const CURL_ARG_SHORT = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));

/** For curl: the offset in a combined short option word where `k` (insecure) appears, or -1. */
function curlShortK(v: string): number {
  if (!/^-[A-Za-z0-9#:]+$/.test(v) || v.startsWith('--')) return -1;
  for (let i = 1; i < v.length; i++) {
    if (v[i] === 'k') return i;
    if (CURL_ARG_SHORT.has(v[i])) return -1;
  }
  return -1;
}

const CURL_ARG_LONG = new Set(['--header', '--output', '--user', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--url', '--user-agent', '--cacert', '--capath', '--cert', '--key', '--proxy', '--request', '--referer', '--form', '--config', '--max-time', '--retry', '--connect-timeout', '--write-out', '--upload-file', '--cookie', '--cookie-jar', '--range', '--continue-at', '--resolve', '--output-dir', '--proto', '--proto-redir', '--retry-delay', '--retry-max-time', '--limit-rate', '--interface', '--dns-servers']);

/** Whether a curl option word takes the next word as its value (`-o`, `-fsSLo`, `--header`). */
function curlTakesValue(v: string): boolean {
  if (v.startsWith('--')) return CURL_ARG_LONG.has(v);
  if (!/^-[A-Za-z0-9#:]+$/.test(v)) return false;
  for (let i = 1; i < v.length; i++) if (CURL_ARG_SHORT.has(v[i])) return i === v.length - 1;
  return false;
}

const FALSE_VALUES = /^(false|0|no|off)$/i;

/** TLS verification turned off inside one command. */
export function tlsDisabled(text: string, cmd: SimpleCommand): FlagHit[] {
  const out: FlagHit[] = [];
  const p = programIndex(cmd);
  const prog = p >= 0 ? baseName(cmd.words[p].value) : '';
  const words = cmd.words;
  for (let i = Math.max(p, 0); i < words.length; i++) {
    const w = words[i];
    const v = w.value;
    if (prog === 'curl' || prog === 'curl.exe') {
      if (i > p && curlTakesValue(words[i - 1].value) && !(i - 1 > p && curlTakesValue(words[i - 2].value))) continue; // the value of -H, -o...
      if (v === '--insecure' || v === '-k') {
        out.push({ word: w, span: w.span, what: `curl \`${v}\``, edits: plain(text, w) ? [deleteWordEdit(text, w.span)] : undefined });
        continue;
      }
      const k = curlShortK(v);
      if (k > 0) out.push({ word: w, span: w.span, what: `curl \`${v}\` (\`-k\`)`, edits: plain(text, w) ? [deleteCharEdit(w.offsets[k])] : undefined });
    }
    if (prog === 'wget' && (v === '--no-check-certificate' || v === '--no-check-certificate=on')) out.push({ word: w, span: w.span, what: `wget \`${v}\``, edits: plain(text, w) ? [deleteWordEdit(text, w.span)] : undefined });
    if (isPip(cmd, p) && (v === '--trusted-host' || v.startsWith('--trusted-host='))) {
      const val = v === '--trusted-host' ? words[i + 1] : undefined;
      const edits = plain(text, w) && (!val || plain(text, val)) ? [deleteWordEdit(text, { start: w.span.start, end: val ? val.span.end : w.span.end })] : undefined;
      out.push({ word: w, span: w.span, what: `pip \`--trusted-host\``, edits });
      if (val) i++;
      continue;
    }
    // npm/yarn `strict-ssl false`, `--strict-ssl=false`, `strict-ssl=false`
    const ss = NODE_PMS.has(prog) ? /^(--)?strict-ssl(?:=(.*))?$/i.exec(v) : null;
    // `npm install strict-ssl false` installs two packages: the bare word only counts after `set`.
    if (ss && (ss[1] || words.slice(p + 1, i).some((x) => x.value === 'set'))) {
      const val = ss[2] ?? words[i + 1]?.value;
      if (val !== undefined && FALSE_VALUES.test(val)) {
        const isFlag = !!ss[1] && ss[2] !== undefined;
        out.push({ word: w, span: w.span, what: '`strict-ssl false`', edits: isFlag && plain(text, w) ? [deleteWordEdit(text, w.span)] : undefined });
        continue;
      }
    }
    // yum/dnf/zypper `sslverify=false` (also inside an echo'ed config line), git `http.sslVerify false`.
    const sv = configWriter(cmd, prog) ? /sslverify\s*=\s*["']?(false|0|no|off)\b/i.exec(v) : null;
    if (sv) {
      out.push({ word: w, span: valueSpan(w, sv.index, sv.index + sv[0].length), what: '`sslverify` off' });
      continue;
    }
    if (configWriter(cmd, prog) && /(^|\.)sslverify$/i.test(v) && words[i + 1] && FALSE_VALUES.test(words[i + 1].value)) {
      out.push({ word: w, span: w.span, what: `\`${v} ${words[i + 1].value}\`` });
      continue;
    }
  }
  for (const b of writtenHeredocs(cmd, prog)) {
    const m = /(^|\s)sslverify\s*=\s*["']?(false|0|no|off)\b/im.exec(b.value);
    if (m) out.push({ word: b, span: valueSpan(b, m.index + m[1].length, m.index + m[0].length), what: '`sslverify` off in a written configuration file' });
  }
  // Environment assignments in the command line: `GIT_SSL_NO_VERIFY=1 git clone ...`, `export NODE_TLS_REJECT_UNAUTHORIZED=0`.
  const assigns = [...cmd.assignments, ...(prog === 'export' || prog === 'env' || prog === 'declare' ? words.slice(1) : [])];
  for (const a of assigns) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a.value);
    if (m && tlsEnvDisables(m[1], m[2])) out.push({ word: a, span: a.span, what: `\`${m[1]}=${m[2]}\`` });
  }
  return out;
}

/** Whether an environment variable setting turns TLS verification off. */
export function tlsEnvDisables(name: string, value: string | null): boolean {
  if (value === null) return false;
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  // Git only checks that the variable exists: `GIT_SSL_NO_VERIFY=0` disables verification too.
  if (name === 'GIT_SSL_NO_VERIFY') return true;
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' || name === 'PYTHONHTTPSVERIFY') return v === '0';
  // npm and pip read their options from the environment.
  if (/^npm_config_strict_ssl$/i.test(name)) return FALSE_VALUES.test(v);
  if (name === 'PIP_TRUSTED_HOST') return v !== '';
  return false;
}

const NODE_PMS = new Set(['npm', 'yarn', 'pnpm', 'npx']);
/** Package managers and tools that write their configuration. */
const PKG_TOOLS = new Set(['apt', 'apt-get', 'aptitude', 'apk', 'yum', 'dnf', 'tdnf', 'microdnf', 'zypper', 'rpm', 'yum-config-manager', 'dnf-3', 'git', 'sed', 'crudini', 'conda', 'mamba', 'micromamba', 'pip', 'pip3']);

/** A command that changes configuration: a package tool, or `echo`/`printf` writing into a file. */
function configWriter(cmd: SimpleCommand, prog: string): boolean {
  if (PKG_TOOLS.has(prog) || prog.endsWith('-config-manager')) return true;
  if (prog === 'echo' || prog === 'printf') return cmd.redirects.some((r) => r.op === '>' || r.op === '>>' || r.op === '>|');
  return false;
}

/** Heredoc bodies a command writes to a file (`cat > f <<EOF`, `tee f <<EOF`), as words with offsets. */
function writtenHeredocs(cmd: SimpleCommand, prog: string): Word[] {
  const writes = prog === 'tee' || cmd.redirects.some((r) => r.op === '>' || r.op === '>>' || r.op === '>|');
  if (!writes) return [];
  return cmd.redirects
    .filter((r) => r.body && !r.script)
    .map((r) => ({ value: r.body!.text, offsets: r.body!.offsets, span: r.body!.span, quoted: false, subs: [] }));
}

/** `pip`, `pip3`, `pip3.12`, `python -m pip`, `uv pip`. */
function isPip(cmd: SimpleCommand, p: number): boolean {
  if (p < 0) return false;
  const n = baseName(cmd.words[p].value);
  if (/^pip[\d.]*$/.test(n)) return true;
  if (/^python[\d.]*$/.test(n)) return cmd.words.slice(p + 1).some((w, k, a) => w.value === '-m' && a[k + 1]?.value === 'pip');
  return n === 'uv' || n === 'pipenv';
}

const SIG_FLAGS = new Set(['--allow-unauthenticated', '--force-yes', '--allow-untrusted', '--nogpgcheck', '--no-gpg-check', '--nosignature', '--nodigest', '--no-gpg-checks', '--allow-insecure-repositories']);

/** Package signature checks turned off inside one command. */
export function signatureDisabled(text: string, cmd: SimpleCommand): FlagHit[] {
  const out: FlagHit[] = [];
  const p = programIndex(cmd);
  const prog = p >= 0 ? baseName(cmd.words[p].value) : '';
  for (const b of writtenHeredocs(cmd, prog)) {
    const m = /(^|\s)gpgcheck\s*=\s*["']?(0|false|no)\b/im.exec(b.value);
    if (m) out.push({ word: b, span: valueSpan(b, m.index + m[1].length, m.index + m[0].length), what: '`gpgcheck=0` in a written repository file' });
  }
  if (!configWriter(cmd, prog)) return out; // `echo --force-yes`, `grep --nogpgcheck` do nothing
  const words = cmd.words;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const v = w.value;
    if (SIG_FLAGS.has(v)) {
      out.push({ word: w, span: w.span, what: `\`${v}\``, edits: plain(text, w) ? [deleteWordEdit(text, w.span)] : undefined });
      continue;
    }
    if (/APT::Get::AllowUnauthenticated\s*=\s*["']?(true|1|yes)/i.test(v) || /Acquire::AllowInsecureRepositories\s*=\s*["']?(true|1|yes)/i.test(v)) {
      const prev = words[i - 1];
      const edits = prev && prev.value === '-o' && plain(text, prev) && plain(text, w) ? [deleteWordEdit(text, { start: prev.span.start, end: w.span.end })] : undefined;
      out.push({ word: w, span: w.span, what: `\`${v}\``, edits });
      continue;
    }
    const gp = /(^|[\s-])gpgcheck\s*=\s*["']?(0|false|no)\b/i.exec(v);
    if (gp) out.push({ word: w, span: valueSpan(w, gp.index + gp[1].length, gp.index + gp[0].length), what: '`gpgcheck=0`' });
  }
  return out;
}

const DOWNLOADERS = new Set(['curl', 'wget', 'curl.exe', 'fetch']);
const SHELL_RUNNERS = new Set(['eval', 'source', '.']);

function isShellWord(name: string): boolean {
  return isPosixShell(name) || SHELL_RUNNERS.has(name);
}

function downloadWords(cmds: SimpleCommand[]): Word[] {
  const out: Word[] = [];
  for (const c of cmds) {
    const i = programIndex(c);
    if (i >= 0 && DOWNLOADERS.has(baseName(c.words[i].value))) out.push(c.words[i]);
  }
  return out;
}

function nested(w: Word): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  const visit = (cmds: SimpleCommand[]): void => {
    for (const c of cmds) {
      out.push(c);
      for (const x of [...c.assignments, ...c.words]) for (const s of x.subs) visit(s.script.commands);
    }
  };
  for (const s of w.subs) visit(s.script.commands);
  return out;
}

/**
 * Downloads run by a shell: `curl ... | sh`, `wget -O- ... | sudo bash`, `sh -c "$(curl ...)"`,
 * `bash <(curl ...)`, `eval "$(wget -qO- ...)"`. Returns the download command words.
 */
export function downloadsPipedToShell(run: RunCommand): Word[] {
  const out: Word[] = [];
  const seen = new Set<Word>();
  const push = (w: Word): void => {
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  };
  for (const cmd of run.commands) {
    const p = programIndex(cmd);
    if (p < 0) continue;
    const name = baseName(cmd.words[p].value);
    if (isShellWord(name)) {
      // `sh -c "$(curl ...)"`, `bash <(curl ...)`, `eval "$(curl ...)"`, `. <(curl ...)`
      for (const w of cmd.words.slice(p + 1)) for (const d of downloadWords(nested(w))) push(d);
      for (const r of cmd.redirects) if (r.target) for (const d of downloadWords(nested(r.target))) push(d);
    }
  }
  // Pipelines: a download earlier in the same pipeline as a shell that reads stdin.
  const visitScript = (cmds: SimpleCommand[]): void => {
    for (let i = 0; i < cmds.length; i++) {
      const c = cmds[i];
      const p = programIndex(c);
      if (p < 0 || !DOWNLOADERS.has(baseName(c.words[p].value))) continue;
      for (let j = i + 1; j < cmds.length && cmds[j].pipeline === c.pipeline; j++) {
        const q = programIndex(cmds[j]);
        if (q < 0) continue;
        const n = baseName(cmds[j].words[q].value);
        const args = cmds[j].words.slice(q + 1);
        const readsStdin = isPosixShell(n) ? !args.some((a) => a.value === '-c' || isCommandStringFlag(a.value) || (!a.value.startsWith('-') && a.value !== '-')) : false;
        if (readsStdin || (isPosixShell(n) && args.some((a) => a.value === '-s'))) {
          push(c.words[p]);
          break;
        }
      }
    }
  };
  const walk = (script: { commands: SimpleCommand[] }): void => {
    visitScript(script.commands);
    for (const c of script.commands) {
      for (const w of [...c.assignments, ...c.words]) for (const s of w.subs) walk(s.script);
      for (const r of c.redirects) if (r.script) walk(r.script);
      if (c.inner) walk(c.inner);
    }
  };
  walk(run.script);
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** Baseline capabilities of the Pod Security Standards (allowed to be added). */
export const BASELINE_CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/** Capabilities outside the baseline set granted by a `setcap` command, with the span of the clause. */
export function setcapGrants(cmd: SimpleCommand): Array<{ caps: string[]; word: Word; span: Span }> {
  const p = programIndex(cmd);
  if (p < 0 || baseName(cmd.words[p].value) !== 'setcap') return [];
  const args = cmd.words.slice(p + 1);
  const out: Array<{ caps: string[]; word: Word; span: Span }> = [];
  let i = 0;
  while (i < args.length && args[i].value.startsWith('-')) {
    if (args[i].value === '-r') return [];
    i += args[i].value === '-n' ? 2 : 1;
  }
  const spec = args[i];
  if (!spec) return [];
  // Clauses are separated by spaces: `cap_a,cap_b+ep cap_c=eip`.
  const bad: string[] = [];
  const clauses = spec.value.split(/\s+/).filter(Boolean);
  for (const clause of clauses) {
    // `caplist` followed by one or more operator+flags actions: `cap_a,cap_b=+eip`, `cap_x=p+ei`, `=ep`.
    const m = /^([^=+-]*)((?:[=+-][eipEIP]*)+)$/.exec(clause);
    if (!m) continue;
    const list = m[1];
    const grants = [...m[2].matchAll(/([=+-])([eipEIP]*)/g)].some((a) => a[1] !== '-' && a[2] !== '');
    if (!grants) continue;
    const names = list === '' || list.toLowerCase() === 'all' ? ['ALL'] : list.split(',').map((c) => c.trim().toUpperCase().replace(/^CAP_/, ''));
    for (const n of names) if (n && !BASELINE_CAPS.has(n) && !bad.includes(n)) bad.push(n);
  }
  if (bad.length) out.push({ caps: bad, word: spec, span: spec.span });
  return out;
}
