// Compose variable interpolation, evaluated the way a committed file reads: `${VAR:-default}` and
// `${VAR-default}` take their default (it is written in the file), while `${VAR}`, `$VAR`,
// `${VAR:?msg}`, `${VAR:+alt}` and an empty default are references whose value we cannot know.

export interface Interpolated {
  /** The text with every default applied; an unknown reference becomes `UNRESOLVED`. */
  value: string;
  /** True when some part of the value comes from the environment (no literal default). */
  unresolved: boolean;
}

/** Placeholder for a reference without a literal default (never appears in real YAML scalars). */
export const UNRESOLVED = '\u0000';

/** Variables that stand for a path the file itself implies: `$HOME` is `~`, `$PWD` is `.`. */
const KNOWN: Record<string, string> = { HOME: '~', PWD: '.' };
/** Own keys only (`${constructor}` is not a known variable). */
const known = (name: string): boolean => Object.prototype.hasOwnProperty.call(KNOWN, name);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Evaluate interpolation in one scalar. Never throws; malformed text is kept as written. */
export function interpolate(text: string, depth = 0): Interpolated {
  if (!text.includes('$') || depth > 10) return { value: text, unresolved: false };
  let out = '';
  let unresolved = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(text, i + 1);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const m = NAME.exec(body);
      i = close + 1;
      if (!m) {
        out += UNRESOLVED;
        unresolved = true;
        continue;
      }
      const name = m[0];
      const rest = body.slice(name.length);
      const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
      if (op === ':-' || op === '-') {
        const def = rest.slice(op.length);
        if (def === '') {
          out += UNRESOLVED;
          unresolved = true;
        } else {
          const inner = interpolate(def, depth + 1);
          out += inner.value;
          unresolved ||= inner.unresolved;
        }
      } else if (rest === '' && known(name)) {
        out += KNOWN[name];
      } else {
        out += UNRESOLVED;
        unresolved = true;
      }
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (m) {
      i += 1 + m[0].length;
      if (known(m[0])) out += KNOWN[m[0]];
      else {
        out += UNRESOLVED;
        unresolved = true;
      }
      continue;
    }
    out += c;
    i++;
  }
  return { value: out, unresolved };
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

/** The value with unknown references removed, for messages. */
export function display(v: string): string {
  return v.split(UNRESOLVED).join('${…}');
}
