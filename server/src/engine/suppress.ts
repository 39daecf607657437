// Suppressions: `# harden-ignore` (next line), `# harden-ignore-file`, object annotations, and the
// comments of other tools mapped through each rule's peer ids.
import type { Comment, Finding, ScopedSuppression, Span } from './types';
import type { LineIndex } from './text';

export interface Directive {
  kind: 'line' | 'file';
  /** Harden rule ids (or normalised peer ids when foreign); empty = every rule. */
  ids: string[];
  foreign: boolean;
  /** Tool name for foreign directives (hadolint, checkov, trivy). */
  tool?: string;
  justification?: string;
  span: Span;
  /** For `line` directives: the 0-based line the directive covers. */
  targetLine?: number;
  /** Spans of each id inside the comment (same order as ids), for hover and unused reports. */
  idSpans: Span[];
}

const HARDEN = /^#\s*harden-ignore(-file)?(?=\s|$)(.*)$/;
const HADOLINT = /^#\s*hadolint\s+(global\s+)?ignore=([A-Za-z0-9_,\s-]+)$/;
const CHECKOV = /^#\s*checkov:skip=([A-Za-z0-9_]+)(?::(.*))?$/;
const TRIVY = /^#\s*trivy:ignore:([A-Za-z0-9_-]+)/;

/** Normalise a peer id so `DS002`, `DS-0002` and `AVD-DS-0002` compare equal. */
export function normalisePeerId(id: string): string {
  let s = id.trim().toUpperCase();
  if (s.startsWith('AVD-')) s = s.slice(4);
  const m = /^([A-Z]+)-?(\d+)$/.exec(s);
  return m ? `${m[1]}-${m[2].replace(/^0+(?=\d)/, '')}` : s;
}

/** Parse the ids list of a harden directive: `a,b -- reason`. */
function parseHardenArgs(rest: string, restStart: number): { ids: string[]; idSpans: Span[]; justification?: string } {
  let body = rest;
  let justification: string | undefined;
  const dash = rest.indexOf('--');
  if (dash >= 0) {
    body = rest.slice(0, dash);
    justification = rest.slice(dash + 2).trim() || undefined;
  }
  const ids: string[] = [];
  const idSpans: Span[] = [];
  const re = /[^\s,]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    ids.push(m[0]);
    idSpans.push({ start: restStart + m.index, end: restStart + m.index + m[0].length });
  }
  return { ids, idSpans, justification };
}

/** Find the directives among the comments. `lines` gives each directive's target line. */
export function parseDirectives(comments: Comment[], lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  const commentLines = new Set<number>();
  for (const c of comments) if (c.wholeLine) commentLines.add(lines.position(c.span.start).line);
  const nextCodeLine = (line: number): number => {
    let l = line + 1;
    while (commentLines.has(l)) l++;
    return l;
  };
  for (const c of comments) {
    if (!c.wholeLine) continue;
    const raw = '#' + c.text;
    const line = lines.position(c.span.start).line;
    let m = HARDEN.exec(raw.trimEnd());
    if (m) {
      const restStart = c.span.start + raw.indexOf(m[2], raw.indexOf('harden-ignore') + 13);
      const { ids, idSpans, justification } = parseHardenArgs(m[2], restStart);
      const kind = m[1] ? 'file' : 'line';
      out.push({ kind, ids, idSpans, justification, foreign: false, span: c.span, targetLine: kind === 'line' ? nextCodeLine(line) : undefined });
      continue;
    }
    m = HADOLINT.exec(raw.trim());
    if (m) {
      const ids = m[2].split(/[\s,]+/).filter(Boolean).map(normalisePeerId);
      const kind = m[1] ? 'file' : 'line';
      out.push({ kind, ids, idSpans: [], foreign: true, tool: 'hadolint', span: c.span, targetLine: kind === 'line' ? nextCodeLine(line) : undefined });
      continue;
    }
    m = CHECKOV.exec(raw.trim());
    if (m) {
      out.push({ kind: 'file', ids: [normalisePeerId(m[1])], idSpans: [], foreign: true, tool: 'checkov', justification: m[2]?.trim() || undefined, span: c.span });
      continue;
    }
    m = TRIVY.exec(raw.trim());
    if (m) {
      out.push({ kind: 'line', ids: [normalisePeerId(m[1])], idSpans: [], foreign: true, tool: 'trivy', span: c.span, targetLine: nextCodeLine(line) });
    }
  }
  return out;
}

export interface SuppressionResult {
  /** Directives (and scoped suppressions) that suppressed nothing, with the ids that were unused. */
  unused: Array<{ span: Span; ids: string[]; idSpans: Span[]; whole: boolean }>;
}

/**
 * Mark findings suppressed. `peerIndex` maps a normalised peer id to Harden rule ids.
 * `isActive(id)` tells whether a rule ran (a directive naming a rule that is off is not "unused").
 */
export function applySuppressions(
  findings: Finding[],
  directives: Directive[],
  scoped: ScopedSuppression[],
  lines: LineIndex,
  peerIndex: Map<string, string[]>,
  isKnown: (id: string) => boolean,
  isActive: (id: string) => boolean,
): SuppressionResult {
  const expand = (ids: string[], foreign: boolean): Array<string[]> =>
    ids.map((id) => (foreign ? peerIndex.get(normalisePeerId(id)) ?? [] : [id]));

  type Entry = { ids: string[] | null; rulesPerId: Array<string[]>; used: boolean[]; covers: (f: Finding, line: number) => boolean; d: { span: Span; foreign: boolean; justification?: string; kind: 'comment' | 'file' | 'annotation' | 'foreign'; idSpans: Span[] } };
  const entries: Entry[] = [];
  for (const d of directives) {
    const all = d.ids.length === 0;
    entries.push({
      ids: all ? null : d.ids,
      rulesPerId: all ? [] : expand(d.ids, d.foreign),
      used: d.ids.map(() => false),
      covers: d.kind === 'file' ? () => true : (_f, line) => line === d.targetLine,
      d: { span: d.span, foreign: d.foreign, justification: d.justification, kind: d.foreign ? 'foreign' : d.kind === 'file' ? 'file' : 'comment', idSpans: d.idSpans },
    });
  }
  for (const s of scoped) {
    const all = s.ids.includes('*');
    entries.push({
      ids: all ? null : s.ids,
      rulesPerId: all ? [] : expand(s.ids, s.foreign),
      used: s.ids.map(() => false),
      covers: (f) => f.span.start >= s.scope.start && f.span.start < s.scope.end,
      d: { span: s.span, foreign: s.foreign, justification: s.justification, kind: s.foreign ? 'foreign' : 'annotation', idSpans: [] },
    });
  }
  let allUsed = entries.map(() => false);
  for (const f of findings) {
    const line = lines.position(f.span.start).line;
    entries.forEach((e, ei) => {
      if (!e.covers(f, line)) return;
      let hit = false;
      if (e.ids === null) hit = true;
      else
        e.rulesPerId.forEach((rules, i) => {
          if (rules.includes(f.rule)) {
            e.used[i] = true;
            hit = true;
          }
        });
      if (!hit) return;
      allUsed[ei] = true;
      if (!f.suppressed) f.suppressed = { kind: e.d.kind, justification: e.d.justification, span: e.d.span };
    });
  }
  const unused: SuppressionResult['unused'] = [];
  entries.forEach((e, ei) => {
    if (e.d.foreign) return; // other tools' unused suppressions are not ours to report
    if (e.ids === null) {
      if (!allUsed[ei]) unused.push({ span: e.d.span, ids: [], idSpans: [], whole: true });
      return;
    }
    const ids: string[] = [];
    const idSpans: Span[] = [];
    e.ids.forEach((id, i) => {
      if (e.used[i]) return;
      if (isKnown(id) && !isActive(id)) return; // the rule did not run: the directive may matter elsewhere
      ids.push(id);
      if (e.d.idSpans[i]) idSpans.push(e.d.idSpans[i]);
    });
    if (ids.length) unused.push({ span: e.d.span, ids, idSpans, whole: ids.length === e.ids.length });
  });
  allUsed = [];
  return { unused };
}
