// Dockerfile variable expansion (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`) against the
// ARG/ENV values known at an instruction. Unknown variables make the result unresolved.

export interface Expanded {
  value: string;
  /** False when a variable had no known value (a build argument without default, for example). */
  resolved: boolean;
}

/** Expand variables in `text`; `vars` holds the values known at that point (undefined = declared without value). */
export function expandVars(text: string, vars: ReadonlyMap<string, string | undefined>, escape = '\\'): Expanded {
  let out = '';
  let resolved = true;
  let i = 0;
  const lookup = (name: string): string | undefined => (vars.has(name) ? vars.get(name) : undefined);
  while (i < text.length) {
    const c = text[i];
    if (c === escape && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      let depth = 0;
      let e = i + 1;
      for (; e < text.length; e++) {
        if (text[e] === '{') depth++;
        else if (text[e] === '}' && --depth === 0) break;
      }
      const body = text.slice(i + 2, e);
      i = e + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])(.*))?$/s.exec(body);
      if (!m) {
        resolved = false;
        continue;
      }
      const v = lookup(m[1]);
      const op = m[2];
      const set = v !== undefined && (op?.startsWith(':') ? v !== '' : true);
      if (!op) {
        if (v === undefined) resolved = false;
        else out += v;
      } else if (op.endsWith('-')) {
        if (set) out += v;
        else {
          const d = expandVars(m[3] ?? '', vars, escape);
          out += d.value;
          resolved &&= d.resolved;
        }
      } else if (op.endsWith('+')) {
        if (set) {
          const d = expandVars(m[3] ?? '', vars, escape);
          out += d.value;
          resolved &&= d.resolved;
        } else if (v === undefined && !vars.has(m[1])) resolved = false;
      } else {
        if (set) out += v;
        else resolved = false;
      }
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) {
      out += c;
      i++;
      continue;
    }
    const v = lookup(m[0]);
    if (v === undefined) resolved = false;
    else out += v;
    i += 1 + m[0].length;
  }
  return { value: out, resolved };
}
