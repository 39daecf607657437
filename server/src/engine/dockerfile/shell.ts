// A small POSIX shell tokeniser for RUN commands. It does not execute or fully parse the shell
// grammar: it splits a script into simple commands (words, leading assignments, redirections),
// records how commands are chained (`|`, `&&`, `;`...), and parses nested scripts (`$(...)`,
// backticks, `<(...)`, `sh -c '...'`, heredoc bodies fed to a shell). Every word keeps the source
// offset of each of its characters, so findings can point at one word inside a long RUN.

import type { Span } from '../types';

/** One shell word with quotes removed and escapes resolved; variables are kept as written. */
export interface Word {
  value: string;
  span: Span;
  /** Source offset of each character of `value` (same length as `value`). */
  offsets: number[];
  /** True when any part of the word was quoted. */
  quoted: boolean;
  /** Scripts nested in the word: `$(...)`, backticks, `<(...)` / `>(...)`. */
  subs: Array<{ kind: '$(' | '`' | '<(' | '>('; script: Script }>;
}

export interface Redirect {
  /** The operator as written without the fd number: `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `>&`, `&>`... */
  op: string;
  span: Span;
  target?: Word;
  /** Heredoc body (for `<<` / `<<-`), when it was found. */
  body?: { text: string; offsets: number[]; span: Span };
  /** The heredoc body parsed as a script, when the body is run by a shell. */
  script?: Script;
}

export interface SimpleCommand {
  /** Leading `NAME=value` words. */
  assignments: Word[];
  /** Command name and arguments (reserved words such as `then`/`do` stripped, redirections removed). */
  words: Word[];
  redirects: Redirect[];
  /** The operator that follows the command: `|`, `|&`, `&&`, `||`, `;`, `;;`, `&`, `\n`, `(`, `)` or '' at the end. */
  next: string;
  /** Index of the pipeline this command belongs to, within its script. */
  pipeline: number;
  /** The script run by `sh -c '...'` (or `bash -c`, `su -c`...), when this command is one. */
  inner?: Script;
}

export interface Script {
  commands: SimpleCommand[];
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '{', '}', '!', 'esac', 'in']);
/** Commands whose remaining words are not a command line (loops and case headers). */
const HEADERS = new Set(['for', 'case', 'select', 'function']);

/** True when a program name (path allowed) is a POSIX-compatible shell. */
export function isPosixShell(program: string): boolean {
  const base = program.replace(/\\/g, '/').split('/').pop() ?? program;
  return POSIX_SHELLS.has(base.toLowerCase().replace(/\.exe$/, ''));
}

/** A shell option word that includes `-c` (`-c`, `-ec`, `-xc`, `-lc`): the next word is the script. */
export function isCommandStringFlag(v: string): boolean {
  return v.length >= 2 && v[0] === '-' && v[1] !== '-' && v.includes('c') && /^-[a-zA-Z]+$/.test(v);
}

/** The base name of a command word (`/usr/bin/curl` -> `curl`). */
export function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

const WRAPPERS: Record<string, { argOpts: Set<string>; stopAtNonOption: boolean }> = {
  sudo: { argOpts: new Set(['-u', '-g', '-h', '-p', '-C', '-U', '-r', '-t', '-D', '-T']), stopAtNonOption: true },
  doas: { argOpts: new Set(['-u', '-C']), stopAtNonOption: true },
  env: { argOpts: new Set(['-u', '-C', '-S']), stopAtNonOption: true },
  exec: { argOpts: new Set(['-a']), stopAtNonOption: true },
  nohup: { argOpts: new Set(), stopAtNonOption: true },
  time: { argOpts: new Set(['-f', '-o']), stopAtNonOption: true },
  command: { argOpts: new Set(), stopAtNonOption: true },
  builtin: { argOpts: new Set(), stopAtNonOption: true },
  nice: { argOpts: new Set(['-n']), stopAtNonOption: true },
  stdbuf: { argOpts: new Set(['-i', '-o', '-e']), stopAtNonOption: true },
  timeout: { argOpts: new Set(['-s', '-k']), stopAtNonOption: true },
};
/** Wrappers that take one positional argument before the command (`gosu user cmd`). */
const USER_WRAPPERS = new Set(['gosu', 'su-exec', 'chroot', 'setpriv']);

/**
 * The index of the word that names the program actually run, looking through wrappers such as
 * `sudo`, `env`, `exec`, `nohup`, `time`, `gosu user`. -1 when there is none.
 */
export function programIndex(cmd: SimpleCommand): number {
  const w = cmd.words;
  let i = 0;
  for (let guard = 0; guard < 20 && i < w.length; guard++) {
    const name = baseName(w[i].value);
    // Own keys only: a command named `constructor` or `toString` is not a wrapper.
    const wrap = Object.prototype.hasOwnProperty.call(WRAPPERS, name) ? WRAPPERS[name] : undefined;
    if (wrap) {
      i++;
      while (i < w.length) {
        const v = w[i].value;
        if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) i++;
        else if (name === 'timeout' && /^\d/.test(v)) i++;
        else if (v === '--') {
          i++;
          break;
        } else if (v.startsWith('-') && v.length > 1) i += wrap.argOpts.has(v) ? 2 : 1;
        else break;
      }
      continue;
    }
    if (USER_WRAPPERS.has(name)) {
      i += 2;
      continue;
    }
    return i;
  }
  return i < w.length ? i : -1;
}

/** The program name (base name) actually run by a command, looking through wrappers. */
export function programName(cmd: SimpleCommand): string | undefined {
  const i = programIndex(cmd);
  return i >= 0 ? baseName(cmd.words[i].value) : undefined;
}

/** Every command of a script, nested ones included (substitutions, `sh -c`, heredoc scripts), in source order. */
export function allCommands(script: Script): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  const visit = (s: Script): void => {
    for (const c of s.commands) {
      out.push(c);
      for (const w of [...c.assignments, ...c.words]) for (const sub of w.subs) visit(sub.script);
      for (const r of c.redirects) {
        if (r.target) for (const sub of r.target.subs) visit(sub.script);
        if (r.script) visit(r.script);
      }
      if (c.inner) visit(c.inner);
    }
  };
  visit(script);
  return out;
}

/** The commands of the same pipeline as `cmd` (itself included), in order. */
export function pipelineOf(script: Script, cmd: SimpleCommand): SimpleCommand[] {
  return script.commands.filter((c) => c.pipeline === cmd.pipeline);
}

/** Parse a shell script. `offsets[i]` is the source offset of `src[i]`; `offsets[src.length]` its end. */
/** Nesting deeper than this (`$( $( $( ...`) is skipped rather than parsed, to keep the stack bounded. */
const MAX_DEPTH = 40;

export function parseShell(src: string, offsets?: number[], depth = 0): Script {
  const offs = offsets ?? Array.from({ length: src.length + 1 }, (_, i) => i);
  if (offs.length === src.length) offs.push(src.length ? offs[src.length - 1] + 1 : 0);
  if (depth > MAX_DEPTH) return { commands: [] };
  return new Parser(src, offs, depth).script(undefined);
}

/** Parse the body of a word (its value and offsets) as a nested script (for `sh -c '...'`). */
export function parseWordAsScript(w: Word, depth = 0): Script {
  const offs = [...w.offsets, w.offsets.length ? w.offsets[w.offsets.length - 1] + 1 : w.span.end];
  return parseShell(w.value, offs, depth);
}

const OP_CHARS = new Set(['|', '&', ';', '(', ')', '<', '>']);
const BLANK = new Set([' ', '\t']);

interface PendingHeredoc {
  delim: string;
  strip: boolean;
  redirect: Redirect;
  cmd: SimpleCommand;
}

class Parser {
  pos = 0;
  private pending: PendingHeredoc[] = [];

  constructor(
    private readonly src: string,
    private readonly offs: number[],
    private readonly depth = 0,
  ) {}

  private off(i: number): number {
    return this.offs[Math.min(i, this.offs.length - 1)] ?? 0;
  }

  /** Parse commands until the end, or until an unmatched `stop` character (`)`) which is consumed. */
  script(stop: ')' | undefined): Script {
    if (this.depth > MAX_DEPTH) {
      this.skipTo(stop);
      return { commands: [] };
    }
    const commands: SimpleCommand[] = [];
    let pipeline = 0;
    let cur = newCommand(pipeline);
    const flush = (next: string): void => {
      cur.next = next;
      finishCommand(cur, this.depth);
      if (cur.words.length || cur.assignments.length || cur.redirects.length) commands.push(cur);
      if (next !== '|' && next !== '|&') pipeline++;
      cur = newCommand(pipeline);
    };
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos];
      if (BLANK.has(c)) {
        this.pos++;
        continue;
      }
      if (c === '\\' && src[this.pos + 1] === '\n') {
        this.pos += 2;
        continue;
      }
      if (c === '\n' || c === '\r') {
        this.pos++;
        if (c === '\r' && src[this.pos] === '\n') this.pos++;
        flush('\n');
        this.readHeredocBodies();
        continue;
      }
      if (c === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n' && src[this.pos] !== '\r') this.pos++;
        continue;
      }
      if (stop && c === stop) {
        this.pos++;
        break;
      }
      // Redirections, possibly with a file-descriptor number (`2>&1`).
      const redir = /^(\d*)(<<<|<<-|<<|<>|<&|>>|>&|>\||&>>|&>|<(?!\()|>(?!\())/.exec(src.slice(this.pos, this.pos + 6));
      if (redir && (redir[1] === '' || this.atWordStart())) {
        const start = this.pos;
        this.pos += redir[0].length;
        const op = redir[2];
        while (BLANK.has(src[this.pos])) this.pos++;
        const r: Redirect = { op, span: { start: this.off(start), end: this.off(this.pos) } };
        if (this.pos < src.length && !OP_CHARS.has(src[this.pos]) && src[this.pos] !== '\n') {
          r.target = this.word();
          r.span.end = r.target.span.end;
        }
        cur.redirects.push(r);
        if ((op === '<<' || op === '<<-') && r.target) this.pending.push({ delim: r.target.value, strip: op === '<<-', redirect: r, cmd: cur });
        continue;
      }
      if (c === '|' || c === '&' || c === ';' || c === '(' || c === ')') {
        const two = src.slice(this.pos, this.pos + 2);
        let op: string = c;
        if (two === '&&' || two === '||' || two === ';;' || two === '|&') op = two;
        this.pos += op.length;
        flush(op);
        continue;
      }
      const w = this.word();
      if (w.span.end === w.span.start && w.value === '') {
        this.pos++; // never loop on a character the word reader did not take
        continue;
      }
      if (cur.words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(w.value)) cur.assignments.push(w);
      else cur.words.push(w);
    }
    flush('');
    // A command list that ends without a newline still owns its heredocs (bodies come after it).
    return { commands };
  }

  /** Too deep to parse: skip to the matching `stop` (counting parentheses) or to the end. */
  private skipTo(stop: ')' | undefined): void {
    if (!stop) {
      this.pos = this.src.length;
      return;
    }
    let depth = 1;
    for (; this.pos < this.src.length; this.pos++) {
      const c = this.src[this.pos];
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        this.pos++;
        return;
      }
    }
  }

  private atWordStart(): boolean {
    const p = this.src[this.pos - 1];
    return p === undefined || BLANK.has(p) || p === '\n' || OP_CHARS.has(p);
  }

  /** After a newline: read the bodies of the heredocs opened on the previous line. */
  private readHeredocBodies(): void {
    const src = this.src;
    while (this.pending.length) {
      const h = this.pending.shift()!;
      const bodyStart = this.pos;
      let bodyEnd = src.length;
      let after = src.length;
      let p = this.pos;
      while (p < src.length) {
        let e = p;
        while (e < src.length && src[e] !== '\n' && src[e] !== '\r') e++;
        const line = src.slice(p, e);
        const cmp = h.strip ? line.replace(/^\t+/, '') : line;
        let next = e;
        if (src[next] === '\r') next++;
        if (src[next] === '\n') next++;
        if (cmp === h.delim) {
          bodyEnd = p;
          after = next;
          break;
        }
        p = next;
      }
      const text = src.slice(bodyStart, bodyEnd);
      const offsets = this.offs.slice(bodyStart, bodyEnd + 1);
      h.redirect.body = { text, offsets: offsets.slice(0, text.length), span: { start: this.off(bodyStart), end: this.off(bodyEnd) } };
      if (heredocIsScript(h.cmd, text)) h.redirect.script = parseShell(text, offsets, this.depth + 1);
      this.pos = after;
    }
  }

  /** Read one word starting at pos. */
  private word(): Word {
    const src = this.src;
    const start = this.pos;
    let value = '';
    const offsets: number[] = [];
    let quoted = false;
    const subs: Word['subs'] = [];
    const add = (s: string, from: number): void => {
      for (let k = 0; k < s.length; k++) {
        value += s[k];
        offsets.push(this.off(from + k));
      }
    };
    // Process substitution `<(...)` / `>(...)` at the start of a word.
    if ((src[this.pos] === '<' || src[this.pos] === '>') && src[this.pos + 1] === '(') {
      const kind = src[this.pos] === '<' ? '<(' : '>(';
      this.pos += 2;
      const inner = new Parser(src, this.offs, this.depth + 1);
      inner.pos = this.pos;
      const script = inner.script(')');
      this.pos = inner.pos;
      subs.push({ kind, script });
      add(src.slice(start, this.pos), start);
    }
    while (this.pos < src.length) {
      const c = src[this.pos];
      if (BLANK.has(c) || c === '\n' || c === '\r') break;
      if (OP_CHARS.has(c)) break;
      if (c === '\\') {
        if (src[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        if (this.pos + 1 < src.length) add(src[this.pos + 1], this.pos + 1);
        this.pos += 2;
        quoted = true;
        continue;
      }
      if (c === "'") {
        quoted = true;
        const end = src.indexOf("'", this.pos + 1);
        const stop = end < 0 ? src.length : end;
        add(src.slice(this.pos + 1, stop), this.pos + 1);
        this.pos = stop + 1;
        continue;
      }
      if (c === '"') {
        quoted = true;
        this.pos++;
        while (this.pos < src.length && src[this.pos] !== '"') {
          const d = src[this.pos];
          if (d === '\\' && '$`"\\\n'.includes(src[this.pos + 1] ?? '')) {
            if (src[this.pos + 1] !== '\n') add(src[this.pos + 1], this.pos + 1);
            this.pos += 2;
            continue;
          }
          if (d === '$' || d === '`') {
            const s0 = this.pos;
            if (this.dollarOrBacktick(subs)) {
              add(src.slice(s0, this.pos), s0);
              continue;
            }
          }
          add(d, this.pos);
          this.pos++;
        }
        this.pos++;
        continue;
      }
      if (c === '$' || c === '`') {
        const s0 = this.pos;
        if (this.dollarOrBacktick(subs)) {
          add(src.slice(s0, this.pos), s0);
          continue;
        }
      }
      add(c, this.pos);
      this.pos++;
    }
    const end = Math.min(this.pos, src.length);
    return { value, offsets, quoted, subs, span: { start: this.off(start), end: end > start ? this.off(end - 1) + 1 : this.off(start) } };
  }

  /** At `$` or a backtick: consume `$(...)`, `$((...))`, `${...}` or `` `...` ``. Returns false for a plain `$`. */
  private dollarOrBacktick(subs: Word['subs']): boolean {
    const src = this.src;
    if (src[this.pos] === '`') {
      let e = this.pos + 1;
      while (e < src.length && src[e] !== '`') e += src[e] === '\\' ? 2 : 1;
      const inner = src.slice(this.pos + 1, Math.min(e, src.length));
      subs.push({ kind: '`', script: parseShell(inner, this.offs.slice(this.pos + 1, Math.min(e, src.length) + 1), this.depth + 1) });
      this.pos = Math.min(e + 1, src.length);
      return true;
    }
    if (src.startsWith('$((', this.pos)) {
      let depth = 0;
      let e = this.pos + 1;
      for (; e < src.length; e++) {
        if (src[e] === '(') depth++;
        else if (src[e] === ')' && --depth === 0) break;
      }
      this.pos = Math.min(e + 1, src.length);
      return true;
    }
    if (src.startsWith('$(', this.pos)) {
      const inner = new Parser(src, this.offs, this.depth + 1);
      inner.pos = this.pos + 2;
      const script = inner.script(')');
      subs.push({ kind: '$(', script });
      this.pos = inner.pos;
      return true;
    }
    if (src.startsWith('${', this.pos)) {
      let depth = 0;
      let e = this.pos + 1;
      for (; e < src.length; e++) {
        if (src[e] === '{') depth++;
        else if (src[e] === '}' && --depth === 0) break;
      }
      this.pos = Math.min(e + 1, src.length);
      return true;
    }
    return false;
  }
}

function newCommand(pipeline: number): SimpleCommand {
  return { assignments: [], words: [], redirects: [], next: '', pipeline };
}

/** Strip reserved words, drop loop headers, and parse `sh -c '...'` scripts. */
function finishCommand(cmd: SimpleCommand, depth: number): void {
  while (cmd.words.length && !cmd.words[0].quoted && RESERVED.has(cmd.words[0].value)) cmd.words.shift();
  if (cmd.words.length && HEADERS.has(cmd.words[0].value)) {
    cmd.words = [];
    return;
  }
  const i = programIndex(cmd);
  if (i < 0) return;
  const name = baseName(cmd.words[i].value);
  if (!isPosixShell(name) && name !== 'su' && name !== 'eval') return;
  if (name === 'eval') {
    const rest = cmd.words.slice(i + 1);
    if (rest.length === 1) cmd.inner = parseWordAsScript(rest[0], depth + 1);
    return;
  }
  for (let k = i + 1; k < cmd.words.length; k++) {
    const v = cmd.words[k].value;
    if (v === '-c' || isCommandStringFlag(v) || v === '--command') {
      const script = cmd.words[k + 1];
      if (script) cmd.inner = parseWordAsScript(script, depth + 1);
      return;
    }
    if (!v.startsWith('-') && name !== 'su') return;
  }
}

/** Whether a heredoc body is run as a script: no command (`RUN <<EOF`) or a shell reading stdin. */
export function heredocIsScript(cmd: SimpleCommand, body: string): boolean {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
  if (shebang) {
    const prog = baseName(shebang[1]) === 'env' && shebang[2] ? shebang[2] : shebang[1];
    if (!isPosixShell(prog)) return false;
  }
  const i = programIndex(cmd);
  if (i < 0) return cmd.words.length === 0;
  if (!isPosixShell(baseName(cmd.words[i].value))) return false;
  return !cmd.words.slice(i + 1).some((w) => w.value === '-c' || isCommandStringFlag(w.value) || !w.value.startsWith('-'));
}
