// Random edits inside big YAML documents, replayed through one `Analyzer` and compared after every
// edit with a fresh full analysis: findings, notes, kind, and what each part's model exposes
// (comments, object-level suppressions, parse errors, objects). The edits are the ones that
// stress the block re-parse of yaml/blocks.ts: characters that open quotes, flows, comments,
// anchors, block scalars and keys, indents and dedents, new lines, document markers.
import { strict as assert } from 'node:assert';
import { analyze, Analyzer, type Analysis } from '../server/src/engine';
import type { KubernetesModel } from '../server/src/engine/kubernetes/model';
import type { YDoc } from '../server/src/engine/yaml/parse';
import { digest } from './incremental-replay';
import { rng } from './fuzz/mutate';

const CHARS = ['x', 'x', 'a', ' ', ' ', '\n', ':', '-', '#', '"', "'", '[', ']', '{', '}', '|', '>', '&', '*', '!', ',', '?', '%', '\t', '\r\n', 'x: y', ': ', '- ', ' # harden-ignore privileged', '\n  ', '{{', '---\n'];

function lineBounds(text: string, at: number): [number, number] {
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  const le = text.indexOf('\n', at);
  return [ls, le < 0 ? text.length : le];
}

/** One random edit (mostly small, at a random place; sometimes a whole-line operation). */
export function randomEdit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const k = r();
  const [ls, le] = lineBounds(text, at);
  if (k < 0.35) return text.slice(0, at) + CHARS[Math.floor(r() * CHARS.length)] + text.slice(at);
  if (k < 0.45) return text.slice(0, le) + CHARS[Math.floor(r() * CHARS.length)] + text.slice(le); // append to a line
  if (k < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  if (k < 0.78) {
    // Dedent the line by 1-4 spaces (or as many as it has).
    let n = 0;
    while (n < 4 && text[ls + n] === ' ') n++;
    return text.slice(0, ls) + text.slice(ls + Math.ceil(r() * Math.max(1, n))) ;
  }
  if (k < 0.84) return text.slice(0, ls) + '  ' + text.slice(ls); // indent
  if (k < 0.9) {
    // Duplicate the line (a duplicate key, a second list item).
    return text.slice(0, le) + '\n' + text.slice(ls, le) + text.slice(le);
  }
  if (k < 0.95) return text.slice(0, ls) + (le < text.length ? text.slice(le + 1) : ''); // delete the line
  // Type a new key line with the current line's indentation.
  const indent = /^ */.exec(text.slice(ls, le))![0];
  return text.slice(0, le) + `\n${indent}extra${Math.floor(r() * 10)}: value` + text.slice(le);
}

/** `digest` plus what the parts' models expose (reading `objects` builds them where they are lazy). */
export function deepDigest(a: Analysis): unknown {
  return {
    base: digest(a),
    parts: a.parts.map((p) => {
      const m = p.model as KubernetesModel;
      return {
        offset: p.offset,
        comments: m.comments.map((c) => [c.span.start, c.span.end, c.text, c.wholeLine]),
        scoped: m.scopedSuppressions,
        parseErrors: m.parseErrors,
        notes: m.notes,
        workloads: m.workloads?.length,
        objects: m.objects?.map((o) => [o.kind, o.label, o.scope, o.kindSpan, o.annotations.map((x) => [x.key, x.value, x.span])]),
        docs: m.stream?.docs.map((d) => [d.span, d.error, d.doc.errors.map((e) => [e.pos, e.message]), toJS(d.doc)]),
      };
    }),
  };
}

function toJS(doc: YDoc): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100, mapAsMap: true });
  } catch (e) {
    return `toJS: ${(e as Error).message}`;
  }
}

export interface EditRun {
  compared: number;
  blockEdits: number;
  undone: number;
  parsed: number;
}

/**
 * Apply `edits` random edits to `text`, comparing with a full analysis after each. Edits pile up;
 * with probability `revertRate` (0.8 while the text has a parse error) a step undoes the last edit
 * instead (typing then deleting, as editors do).
 */
export function replayEdits(file: string, text: string, edits: number, seed: number, opts: { deep?: number; blockIndexMin?: number; revertRate?: number } = {}): EditRun {
  const r = rng(seed);
  const inc = new Analyzer({ blockIndexMin: opts.blockIndexMin ?? 0 });
  const config = { profile: 'strict' as const };
  let t = text;
  let compared = 0;
  const history: string[] = [];
  let broken = false;
  for (let i = 0; i <= edits; i++) {
    if (i > 0) {
      // An editor's user undoes or fixes a broken document soon: revert more often then.
      if (history.length && r() < (broken ? 0.8 : (opts.revertRate ?? 0.3))) t = history.pop()!;
      else {
        history.push(t);
        t = randomEdit(t, r);
      }
    }
    const a = inc.analyze({ file, text: t, config });
    const b = analyze({ file, text: t, config });
    broken = b.findings.some((f) => f.rule === 'parse-error');
    const deep = opts.deep !== undefined && i % opts.deep === 0;
    if (deep) assert.deepEqual(deepDigest(a), deepDigest(b), `${file}: incremental and full analyses differ after edit ${i} (seed ${seed})`);
    else assert.deepEqual(digest(a), digest(b), `${file}: incremental and full analyses differ after edit ${i} (seed ${seed})`);
    // The eager fields of every part's model, always (they never build anything lazily).
    assert.deepEqual(
      a.parts.map((p) => [p.offset, p.model.comments, p.model.scopedSuppressions, p.model.parseErrors, p.model.notes]),
      b.parts.map((p) => [p.offset, p.model.comments, p.model.scopedSuppressions, p.model.parseErrors, p.model.notes]),
      `${file}: part models differ after edit ${i} (seed ${seed})`,
    );
    compared++;
  }
  return { compared, ...inc.stats };
}

/**
 * The benchmark's edits: append a character at the end of a random line, then delete it; `pairs`
 * times. Returns every version in order, the original first.
 */
export function lineEndEdits(text: string, pairs: number, seed: number): string[] {
  const r = rng(seed);
  const out = [text];
  for (let i = 0; i < pairs; i++) {
    let at = Math.floor(r() * text.length);
    at = text.indexOf('\n', at);
    if (at < 0) at = text.length;
    if (at > 0 && text[at - 1] === '\r') at--;
    out.push(text.slice(0, at) + 'xa:-#"['[Math.floor(r() * 7)] + text.slice(at), text);
  }
  return out;
}

/** Analyse each version in turn with one `Analyzer`, comparing with a full analysis each time. */
export function replayTexts(file: string, texts: string[], deepEvery = 0): EditRun {
  const inc = new Analyzer();
  const config = { profile: 'strict' as const };
  texts.forEach((t, i) => {
    const a = inc.analyze({ file, text: t, config });
    const b = analyze({ file, text: t, config });
    if (deepEvery && i % deepEvery === 0) assert.deepEqual(deepDigest(a), deepDigest(b), `${file}: version ${i} differs`);
    else assert.deepEqual(digest(a), digest(b), `${file}: version ${i} differs`);
  });
  return { compared: texts.length, ...inc.stats };
}
