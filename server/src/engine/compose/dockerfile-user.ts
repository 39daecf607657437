// The user a Dockerfile's shipped stage runs as, read with a small line scanner (the Compose side
// only needs `FROM`, `ARG`, `ENV` and `USER`). Stages inherit the user of the stage they start
// from; `ARG`/`ENV` defaults resolve `$VAR` in `USER` and `FROM`.
import type { Span } from '../types';

export interface ShippedUser {
  user?: string;
  userSpan?: Span;
  fromSpan: Span;
  image: string;
  runsAsRoot: boolean;
}

interface Instr {
  keyword: string;
  args: string;
  span: Span;
}

/** Logical instructions: comments skipped, `\` continuations joined, heredoc bodies skipped. */
function instructions(text: string): Instr[] {
  const out: Instr[] = [];
  const re = /[^\r\n]*(\r\n|\n|\r|$)/g;
  const lines: Array<{ text: string; start: number; end: number }> = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0].length) {
    lines.push({ text: m[0].replace(/\r\n|\n|\r$/, ''), start: m.index, end: m.index + m[0].replace(/\r\n|\n|\r$/, '').length });
    if (re.lastIndex >= text.length) break;
  }
  let escape = '\\';
  let i = 0;
  let sawInstr = false;
  while (i < lines.length) {
    const l = lines[i];
    const t = l.text.trim();
    if (!sawInstr) {
      const d = /^#\s*escape\s*=\s*(\S)/i.exec(t);
      if (d) escape = d[1];
    }
    if (!t || t.startsWith('#')) {
      i++;
      continue;
    }
    sawInstr = true;
    let body = t;
    let end = l.end;
    while (body.endsWith(escape) && i + 1 < lines.length) {
      body = body.slice(0, -1);
      i++;
      const n = lines[i].text.trim();
      if (n.startsWith('#')) continue;
      body += ' ' + n;
      end = lines[i].end;
    }
    const kw = /^(\S+)\s*(.*)$/s.exec(body);
    if (kw) out.push({ keyword: kw[1].toUpperCase(), args: kw[2].trim(), span: { start: l.start + l.text.indexOf(t[0]), end } });
    // Skip heredoc bodies (`<<EOF` ... `EOF`).
    const hd = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/.exec(body);
    if (hd && /^(RUN|COPY|ADD)$/.test(kw?.[1].toUpperCase() ?? '')) {
      i++;
      while (i < lines.length && lines[i].text.trim() !== hd[1]) i++;
    }
    i++;
  }
  return out;
}

function expand(s: string, vars: Map<string, string>): string {
  return s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_all, n1: string, op: string | undefined, def: string | undefined, n2: string) => {
    const name = n1 ?? n2;
    const v = vars.get(name);
    if (op === ':-' || op === '-') return v !== undefined && (op === '-' || v !== '') ? v : def ?? '';
    if (op === ':+' || op === '+') return v ? def ?? '' : '';
    return v ?? '\u0000';
  });
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

/** Parse `ARG a=b` / `ENV a=b c=d` / legacy `ENV a b` into pairs. */
function pairs(args: string, legacy: boolean): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  if (legacy && !/^[^\s=]+=/.test(args)) {
    const m = /^(\S+)\s+(.*)$/.exec(args);
    if (m) out.push([m[1], unquote(m[2].trim())]);
    return out;
  }
  for (const tok of args.match(/[^\s=]+(=("[^"]*"|'[^']*'|\S*))?/g) ?? []) {
    const eq = tok.indexOf('=');
    if (eq < 0) out.push([tok, undefined]);
    else out.push([tok.slice(0, eq), unquote(tok.slice(eq + 1))]);
  }
  return out;
}

interface Stage {
  name?: string;
  image: string;
  fromSpan: Span;
  user?: string;
  userSpan?: Span;
}

/** The effective user of the shipped stage (the last, or `target`), or undefined without a FROM. */
export function shippedUser(text: string, target?: string): ShippedUser | undefined {
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  let vars = new Map<string, string>();
  for (const ins of instructions(text)) {
    const cur = stages[stages.length - 1];
    switch (ins.keyword) {
      case 'FROM': {
        const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
        const image = expand(words[0] ?? '', globals);
        const name = words.length >= 3 && words[1].toLowerCase() === 'as' ? words[2] : undefined;
        const parent = stages.find((s) => s.name && s.name.toLowerCase() === image.toLowerCase());
        stages.push({ name, image, fromSpan: ins.span, user: parent?.user, userSpan: parent?.userSpan });
        vars = new Map(globals);
        break;
      }
      case 'ARG':
        for (const [k, v] of pairs(ins.args, false)) {
          const target = cur ? vars : globals;
          if (v !== undefined) target.set(k, expand(v, cur ? vars : globals));
          else if (cur && globals.has(k)) vars.set(k, globals.get(k) as string);
        }
        break;
      case 'ENV':
        if (cur) for (const [k, v] of pairs(ins.args, true)) if (v !== undefined) vars.set(k, expand(v, vars));
        break;
      case 'USER':
        if (cur) {
          cur.user = expand(unquote(ins.args.trim()), vars);
          cur.userSpan = ins.span;
        }
        break;
    }
  }
  if (!stages.length) return undefined;
  const stage = target ? stages.find((s) => s.name?.toLowerCase() === target.toLowerCase()) : stages[stages.length - 1];
  if (!stage) return undefined;
  const user = stage.user;
  let runsAsRoot = true;
  if (user !== undefined) {
    const name = user.split(':')[0].trim();
    runsAsRoot = name === 'root' || name === '0' || name === '';
    if (name.includes('\u0000')) runsAsRoot = false; // a user we cannot resolve: not judged as root
  }
  return { user: user?.replace(/\u0000/g, '${…}'), userSpan: stage.userSpan, fromSpan: stage.fromSpan, image: stage.image, runsAsRoot };
}
