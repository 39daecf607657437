// Fix soundness over the real-world corpus (read in place from /work/shared/corpus/real, never
// copied). For every Kubernetes, Compose and Dockerfile file, at the strict profile, every fix
// (safe or unsafe) of every unsuppressed finding is applied alone and the result is checked:
//   - it changes the text, and the edits apply (no overlap, in range);
//   - the result analyses without rule errors and without a new parse error;
//   - every original comment line is still there (except for `unused-suppression`, which deletes one);
//   - the fixed finding is gone: fewer findings of the same identity (rule, object, container);
//   - no new finding appears, except the ones a fix is documented to cause (ALLOWED below);
//   - it is idempotent: on the fixed text, no fix of the same identity makes the same change again.
// Then "apply every fix" is iterated over each file and must converge within 5 passes.
// Large files are sampled (a few fixes per rule) to keep the run short; counts are printed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, applyEdits, applyFixes, type Analysis, type FileKind, type Finding, type Fix } from '../../server/src/engine';
import { parseYamlStream } from '../../server/src/engine/yaml/parse';
import { sharedCorpus, walk } from '../helpers';

interface IndexEntry {
  file: string;
  type: string;
}

const KIND: Record<string, FileKind> = { k8s: 'kubernetes', compose: 'compose', dockerfile: 'dockerfile' };

/**
 * New findings a fix is documented to cause (fixed rule -> rules that may appear). Each entry is a
 * fact of the catalog, not a tolerance:
 * - `root-user` -> `non-root-not-enforced`: a non-root uid without `runAsNonRoot` (Kubernetes) or a
 *   removed `USER root` still leaves nothing that enforces non-root (decision 1: one of the two).
 * - `seccomp-unconfined` -> `seccomp-not-set`: removing an `Unconfined` entry leaves no profile
 *   (decision 1).
 * - `misplaced-security-field` -> the rule of the moved field: moving it to the containers makes the
 *   value effective, which is what the (unsafe) fix is documented to do.
 * - `dangerous-capability` -> `extra-capability`: respelling `chown` or `CAP_CHOWN` as `CHOWN` makes it
 *   a name the baseline allows, which restricted still forbids.
 * - `deprecated-seccomp-annotation` -> `seccomp-unconfined`: migrating an `unconfined` annotation to
 *   the field keeps the same (bad) value; the finding moves from the annotation to the container.
 */
const ALLOWED: Record<string, string[]> = {
  'root-user': ['non-root-not-enforced'],
  'seccomp-unconfined': ['seccomp-not-set'],
  'dangerous-capability': ['extra-capability'],
  'deprecated-seccomp-annotation': ['seccomp-unconfined'],
  'misplaced-security-field': ['privileged', 'privilege-escalation-allowed', 'dangerous-capability', 'extra-capability', 'capability-spelling', 'unmasked-proc-mount'],
};

/** Fixes checked per (file, rule): all in small files, a sample in large ones. */
const PER_RULE = 16;
const PER_RULE_LARGE = 2;
const LARGE = 200_000;
const PASSES = 5;

interface Failure {
  file: string;
  rule: string;
  identity: string;
  what: string;
}

const identity = (f: Finding): string => `${f.rule}|${f.object ?? ''}|${f.container ?? ''}`;

function counts(a: Analysis): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of a.findings) if (!f.suppressed) m.set(identity(f), (m.get(identity(f)) ?? 0) + 1);
  return m;
}

/** Comments as a multiset: for YAML the parser's (a `#` line inside a block scalar is not one), for Dockerfiles every line starting with `#`. */
function commentLines(text: string, kind: FileKind): Map<string, number> {
  const m = new Map<string, number>();
  const add = (t: string): void => void m.set(t, (m.get(t) ?? 0) + 1);
  if (kind === 'dockerfile') {
    for (const l of text.split(/\r\n|\n|\r/)) if (l.trim().startsWith('#')) add(l.trim());
  } else for (const c of parseYamlStream(text).comments) add(text.slice(c.span.start, c.span.end).trim());
  return m;
}

interface Change {
  start: number;
  end: number;
  removed: string;
  inserted: string;
}

/** What a fix does to a text, edit by edit; an edit that rewrites a character as itself plus text is an insertion. */
function changes(text: string, fix: Fix): Change[] {
  return [...fix.edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((e) => {
      const removed = text.slice(e.start, e.end);
      if (removed && e.newText.startsWith(removed)) return { start: e.end, end: e.end, removed: '', inserted: e.newText.slice(removed.length) };
      return { start: e.start, end: e.end, removed, inserted: e.newText };
    });
}

/** Maps an offset of the fixed text back to the original (text inserted by the fix maps to its insertion point). */
function backMapper(text: string, fix: Fix): (x: number) => number {
  const cs = changes(text, fix);
  return (x: number): number => {
    let delta = 0;
    for (const c of cs) {
      const s = c.start + delta;
      const e = s + c.inserted.length;
      if (x < s) return x - delta;
      if (x <= e) return x === e ? c.end : c.start;
      delta += c.inserted.length - (c.end - c.start);
    }
    return x - delta;
  };
}

/** True when `again` (offered on the fixed text) makes the same change, at the same place, as `fix` did. */
function sameChange(text: string, fix: Fix, fixed: string, again: Fix): boolean {
  const a = changes(text, fix);
  const b = changes(fixed, again);
  if (a.length !== b.length) return false;
  const back = backMapper(text, fix);
  return a.every((x, i) => x.removed === b[i].removed && x.inserted === b[i].inserted && back(b[i].start) === x.start && back(b[i].end) === x.end);
}

const parseErrors = (a: Analysis): number => a.findings.filter((f) => f.rule === 'parse-error').length;

function loadIndex(): Array<{ abs: string; rel: string; kind: FileKind }> {
  const p = path.join(sharedCorpus, 'index.json');
  if (!fs.existsSync(p)) return [];
  const entries = JSON.parse(fs.readFileSync(p, 'utf8')) as IndexEntry[];
  return entries
    .filter((e) => e.file.startsWith('real/') && KIND[e.type])
    .map((e) => ({ abs: path.join(sharedCorpus, e.file), rel: e.file, kind: KIND[e.type] }))
    .filter((e) => fs.existsSync(e.abs));
}

function lintAs(abs: string, kind: FileKind, text: string): Analysis {
  return analyze({
    file: abs,
    text,
    kind,
    config: { profile: 'strict' },
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    resolve: (rel) => path.resolve(path.dirname(abs), rel),
  });
}

interface Stats {
  files: number;
  findingsWithFixes: number;
  fixesChecked: number;
  fixesSkipped: number;
  converged: number;
  failures: Failure[];
}

function checkFile(abs: string, rel: string, kind: FileKind, st: Stats): void {
  const text = fs.readFileSync(abs, 'utf8');
  const fail = (rule: string, id: string, what: string): void => void st.failures.push({ file: rel, rule, identity: id, what });
  const a = lintAs(abs, kind, text);
  st.files++;
  if (a.errors.length) fail('-', '-', `analysis errors: ${a.errors[0].split('\n')[0]}`);
  const before = counts(a);
  const beforeParse = parseErrors(a);
  const comments = commentLines(text, kind);
  const perRule = new Map<string, number>();
  const cap = text.length > LARGE ? PER_RULE_LARGE : PER_RULE;
  for (const f of a.findings) {
    if (f.suppressed || f.fixes.length === 0) continue;
    st.findingsWithFixes++;
    const id = identity(f);
    for (const fix of f.fixes) {
      const n = perRule.get(f.rule) ?? 0;
      if (n >= cap) {
        st.fixesSkipped++;
        continue;
      }
      perRule.set(f.rule, n + 1);
      st.fixesChecked++;
      const where = `fix "${fix.title}"`;
      if (fix.edits.length === 0) {
        fail(f.rule, id, `${where} has no edits`);
        continue;
      }
      let fixed: string;
      try {
        fixed = applyEdits(text, fix.edits);
      } catch (e) {
        fail(f.rule, id, `${where}: ${(e as Error).message}`);
        continue;
      }
      if (fixed === text) {
        fail(f.rule, id, `${where} changes nothing`);
        continue;
      }
      const b = lintAs(abs, kind, fixed);
      if (b.errors.length) fail(f.rule, id, `${where}: analysis errors after the fix: ${b.errors[0].split('\n')[0]}`);
      if (parseErrors(b) > beforeParse) {
        const pe = b.findings.find((g) => g.rule === 'parse-error');
        fail(f.rule, id, `${where} breaks parsing: ${pe?.message} at line ${pe ? b.lines.position(pe.span.start).line + 1 : '?'}`);
        continue;
      }
      if (f.rule !== 'unused-suppression') {
        const left = commentLines(fixed, kind);
        for (const [c, k] of comments) if ((left.get(c) ?? 0) < k) fail(f.rule, id, `${where} loses the comment ${JSON.stringify(c)}`);
      }
      const after = counts(b);
      if ((after.get(id) ?? 0) >= (before.get(id) ?? 0)) fail(f.rule, id, `${where} leaves the finding (${before.get(id)} before, ${after.get(id) ?? 0} after)`);
      for (const [k, v] of after) {
        if (k === id || v <= (before.get(k) ?? 0)) continue;
        const rule = k.split('|')[0];
        if (ALLOWED[f.rule]?.includes(rule)) continue;
        fail(f.rule, id, `${where} adds ${k}`);
      }
      for (const g of b.findings) {
        if (g.suppressed || identity(g) !== id) continue;
        for (const h of g.fixes) {
          if (h.edits.length === 0 || !sameChange(text, fix, fixed, h)) continue;
          let again: string;
          try {
            again = applyEdits(fixed, h.edits);
          } catch {
            continue;
          }
          if (again !== fixed) fail(f.rule, id, `${where} is not idempotent: the fixed text offers the same change again`);
        }
      }
    }
  }
  // Apply everything, repeatedly: must settle within PASSES passes.
  let cur = text;
  let settled = false;
  let last: string[] = [];
  for (let pass = 0; pass <= PASSES; pass++) {
    const c = pass === 0 ? a : lintAs(abs, kind, cur);
    if (c.errors.length) {
      fail('-', '-', `fix-all pass ${pass}: analysis errors: ${c.errors[0].split('\n')[0]}`);
      return;
    }
    if (parseErrors(c) > beforeParse) {
      fail('-', '-', `fix-all pass ${pass} broke parsing; it applied together: ${last.join(' + ')}`);
      return;
    }
    const fixes = c.findings.filter((f) => !f.suppressed).flatMap((f) => f.fixes);
    let next: string;
    try {
      const r = applyFixes(cur, fixes);
      next = r.text;
      last = r.applied.map((f) => `"${f.title}"`);
    } catch (e) {
      fail('-', '-', `fix-all pass ${pass + 1}: ${(e as Error).message}`);
      return;
    }
    if (next === cur) {
      settled = true;
      break;
    }
    cur = next;
  }
  if (settled) st.converged++;
  else fail('-', '-', `applying every fix does not converge within ${PASSES} passes`);
}

function report(label: string, st: Stats): string {
  const groups = new Map<string, Failure[]>();
  for (const f of st.failures) {
    const key = `${f.rule}: ${f.what.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const lines = [
    `${label}: ${st.files} files, ${st.findingsWithFixes} findings with fixes, ${st.fixesChecked} fixes checked (${st.fixesSkipped} sampled out), ${st.converged} files converge, ${st.failures.length} failures`,
  ];
  for (const [k, list] of [...groups].sort((x, y) => y[1].length - x[1].length)) {
    lines.push(`  ${list.length} x ${k}`);
    for (const f of list.slice(0, 3)) lines.push(`      ${f.file} [${f.identity}] ${f.what}`);
  }
  return lines.join('\n');
}

const all = loadIndex();

/** Peer tools' labelled fixtures (corpus/peers): small files, many of them bad on purpose. */
function loadPeers(): Array<{ abs: string; rel: string; kind: FileKind }> {
  const out: Array<{ abs: string; rel: string; kind: FileKind }> = [];
  for (const abs of walk(path.join(sharedCorpus, 'peers'))) {
    if (!/\.ya?ml$|Dockerfile|\.dockerfile$/i.test(path.basename(abs))) continue;
    const a = analyze({ file: abs, text: fs.readFileSync(abs, 'utf8'), detectByContent: true });
    if (a.kind === 'kubernetes' || a.kind === 'compose' || a.kind === 'dockerfile') out.push({ abs, rel: path.relative(sharedCorpus, abs), kind: a.kind });
  }
  return out;
}

function runAll(label: string, files: Array<{ abs: string; rel: string; kind: FileKind }>, kind: FileKind): void {
  const st: Stats = { files: 0, findingsWithFixes: 0, fixesChecked: 0, fixesSkipped: 0, converged: 0, failures: [] };
  const t0 = Date.now();
  for (const e of files) {
    try {
      checkFile(e.abs, e.rel, kind, st);
    } catch (err) {
      st.failures.push({ file: e.rel, rule: '-', identity: '-', what: `threw: ${(err as Error).stack?.split('\n').slice(0, 3).join(' ')}` });
    }
  }
  const msg = `${report(label, st)}\n  (${((Date.now() - t0) / 1000).toFixed(1)} s)`;
  console.log(msg);
  assert.equal(st.failures.length, 0, msg);
}

describe('fix soundness over corpus/peers', () => {
  const peers = loadPeers();
  for (const kind of ['kubernetes', 'compose', 'dockerfile'] as FileKind[]) {
    const files = peers.filter((e) => e.kind === kind);
    it(`peers ${kind}: the same checks on the peer tools' fixtures`, { skip: files.length === 0 ? 'no peer fixtures of this kind' : false }, () => runAll(`peers ${kind}`, files, kind));
  }
});

describe('fix soundness over corpus/real', () => {
  for (const kind of ['kubernetes', 'compose', 'dockerfile'] as FileKind[]) {
    const files = all.filter((e) => e.kind === kind);
    it(`${kind}: every fix applies cleanly, removes its finding, adds nothing unexpected, is idempotent, and fix-all converges`, { skip: files.length === 0 ? 'corpus not found' : false }, () => runAll(kind, files, kind));
  }
});
