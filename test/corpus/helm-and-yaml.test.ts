// The YAML front end over the real corpus (read in place, never copied):
// - every file of corpus/real-helm analyses without throwing, without rule errors and without a
//   `parse-error`: templates (`{{ }}`) are recognised as Helm and skipped with a note; Chart.yaml
//   and values.yaml are not Kubernetes objects (no findings);
// - every Kubernetes and Compose file of corpus/real analyses without throwing and without
//   `errors`, and is detected as what index.json says when the editor calls it `yaml`;
// - the YAML edit toolkit keeps real files sound (see the last block).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isPair, isScalar, isSeq, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import { analyze, applyEdits, type Analysis, type TextEdit } from '../../server/src/engine';
import { addItem, removeItem, removeKey, setKey, setPath } from '../../server/src/engine/yaml/edit';
import { parseYamlStream, type YDoc, type YNode } from '../../server/src/engine/yaml/parse';
import { sharedCorpus, walk } from '../helpers';

interface IndexEntry {
  file: string;
  type: string;
}

const helmRoot = path.join(sharedCorpus, 'real-helm');
const indexPath = path.join(sharedCorpus, 'index.json');
const index: IndexEntry[] = fs.existsSync(indexPath) ? (JSON.parse(fs.readFileSync(indexPath, 'utf8')) as IndexEntry[]) : [];

function run(file: string, text: string, languageId?: string): Analysis | string {
  try {
    return analyze({ file, text, languageId, config: { profile: 'strict' } });
  } catch (e) {
    return `threw: ${(e as Error).stack ?? String(e)}`;
  }
}

describe('Helm charts (corpus/real-helm)', () => {
  const files = walk(helmRoot);
  it('every file: no throw, no rule error, no parse-error; templates skipped with a note; Chart.yaml/values.yaml are not Kubernetes', { skip: files.length === 0 ? 'corpus not found' : false }, () => {
    const problems: string[] = [];
    let templates = 0;
    let plain = 0;
    for (const abs of files) {
      const rel = path.relative(sharedCorpus, abs);
      const text = fs.readFileSync(abs, 'utf8');
      const isTemplate = text.includes('{{');
      for (const languageId of [undefined, 'yaml', 'helm']) {
        const a = run(abs, text, languageId);
        const how = `${rel} (languageId ${languageId ?? 'none'})`;
        if (typeof a === 'string') {
          problems.push(`${how}: ${a}`);
          continue;
        }
        if (a.errors.length) problems.push(`${how}: errors ${a.errors[0]}`);
        if (a.findings.some((f) => f.rule === 'parse-error')) problems.push(`${how}: parse-error ${a.findings.find((f) => f.rule === 'parse-error')?.message}`);
        if (isTemplate) {
          if (a.kind !== 'helm') problems.push(`${how}: template detected as ${a.kind}`);
          else if (a.notes.length === 0) problems.push(`${how}: skipped template without a note`);
          if (a.findings.length) problems.push(`${how}: template has ${a.findings.length} findings`);
        } else {
          if (a.kind === 'kubernetes') problems.push(`${how}: ${path.basename(abs)} detected as Kubernetes`);
          if (a.findings.length) problems.push(`${how}: ${a.findings.length} findings (${a.findings[0].rule}) in a chart file that is not a manifest`);
        }
      }
      if (isTemplate) templates++;
      else plain++;
    }
    console.log(`real-helm: ${files.length} files (${templates} templates, ${plain} chart/values files), ${problems.length} problems`);
    assert.deepEqual(problems, []);
  });
});

describe('Kubernetes and Compose files (corpus/real)', () => {
  const entries = index.filter((e) => e.file.startsWith('real/') && (e.type === 'k8s' || e.type === 'compose'));
  it('every file analyses without throwing, without errors, and is detected as its index type', { skip: entries.length === 0 ? 'corpus not found' : false }, () => {
    const problems: string[] = [];
    let docs = 0;
    let broken = 0;
    const t0 = Date.now();
    for (const e of entries) {
      const abs = path.join(sharedCorpus, e.file);
      if (!fs.existsSync(abs)) continue;
      const text = fs.readFileSync(abs, 'utf8');
      const want = e.type === 'k8s' ? 'kubernetes' : 'compose';
      const a = run(abs, text, 'yaml');
      if (typeof a === 'string') {
        problems.push(`${e.file}: ${a}`);
        continue;
      }
      if (a.errors.length) problems.push(`${e.file}: errors ${a.errors[0].split('\n')[0]}`);
      if (a.kind !== want) problems.push(`${e.file}: detected as ${a.kind}, index says ${want}`);
      const model = a.model as { parseErrors?: unknown[] } | undefined;
      broken += a.findings.filter((f) => f.rule === 'parse-error').length;
      docs += model ? 1 : 0;
    }
    console.log(`real k8s+compose: ${entries.length} files, ${broken} parse-error findings, ${problems.length} problems (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    assert.deepEqual(problems, []);
  });
});

// The edit toolkit on real formatting: in every Kubernetes and Compose file (up to 100 kB), on a
// sample of its maps and sequences, add a nested key, set a key, remove a key, add and remove a
// sequence item. Whenever the toolkit does not decline, the result must parse, hold exactly the
// promised value (checked on plain JS values), keep every comment line and leave the other
// documents alone. Documents with aliases are left out (their expected values are not a plain
// path mutation).
describe('YAML edit toolkit on real files', () => {
  const entries = index.filter((e) => e.file.startsWith('real/') && (e.type === 'k8s' || e.type === 'compose'));
  it('edits parse, hold their value, keep comments and other documents', { skip: entries.length === 0 ? 'corpus not found' : false }, () => {
    const problems: string[] = [];
    let applied = 0;
    let declined = 0;
    const t0 = Date.now();
    for (const e of entries) {
      const abs = path.join(sharedCorpus, e.file);
      if (!fs.existsSync(abs)) continue;
      const text = fs.readFileSync(abs, 'utf8');
      if (text.length > 100_000) continue;
      const s = parseYamlStream(text);
      const comments = commentsOf(text, s);
      let budget = 14;
      s.docs.forEach((d, di) => {
        if (d.error || budget <= 0 || hasAlias(d.doc)) return;
        const before = JSON.stringify(d.doc.toJS());
        const cols = collectionsOf(d.doc).filter((c) => c.path.length > 0);
        const maps = cols.filter((c) => isMap(c.node)).slice(0, 3);
        const seqs = cols.filter((c) => isSeq(c.node)).slice(0, 2);
        const ops: Array<{ what: string; edits: TextEdit[] | undefined; expect: (root: any) => void }> = [];
        for (const m of maps) {
          const keys = (m.node as YAMLMap).items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter(Boolean);
          ops.push({ what: `setPath ${m.path.join('.')}.hardenProbe.x`, edits: setPath(text, d.doc, m.node, ['hardenProbe', 'x'], ['ALL', 1]), expect: (r) => ((at(r, m.path) as any).hardenProbe = { x: ['ALL', 1] }) });
          if (keys.length > 1) ops.push({ what: `removeKey ${m.path.join('.')}.${keys[0]}`, edits: removeKey(text, d.doc, m.node, keys[0]), expect: (r) => delete (at(r, m.path) as any)[keys[0]] });
          if (keys.length) ops.push({ what: `setKey ${m.path.join('.')}.${keys[keys.length - 1]}`, edits: setKey(text, d.doc, m.node, keys[keys.length - 1], 'harden'), expect: (r) => ((at(r, m.path) as any)[keys[keys.length - 1]] = 'harden') });
        }
        for (const q of seqs) {
          const n = (q.node as YAMLSeq).items.length;
          ops.push({ what: `addItem ${q.path.join('.')}`, edits: addItem(text, d.doc, q.node, { name: 'harden', readOnly: true }), expect: (r) => (at(r, q.path) as any[]).push({ name: 'harden', readOnly: true }) });
          if (n > 1) ops.push({ what: `removeItem ${q.path.join('.')}[${n - 1}]`, edits: removeItem(text, d.doc, q.node, n - 1), expect: (r) => (at(r, q.path) as any[]).pop() });
        }
        for (const op of ops) {
          if (budget-- <= 0) break;
          if (!op.edits) {
            declined++;
            continue;
          }
          if (op.edits.length === 0) continue;
          applied++;
          const where = `${e.file} doc ${di}: ${op.what}`;
          let out: string;
          try {
            out = applyEdits(text, op.edits);
          } catch (err) {
            problems.push(`${where}: ${(err as Error).message}`);
            continue;
          }
          const t = parseYamlStream(out);
          if (t.parseErrors.length > s.parseErrors.length || t.docs.length !== s.docs.length) {
            problems.push(`${where}: breaks parsing (${t.parseErrors[0]?.message})`);
            continue;
          }
          const expected = JSON.parse(before);
          op.expect(expected);
          if (JSON.stringify(t.docs[di].doc.toJS()) !== JSON.stringify(expected)) problems.push(`${where}: wrong value`);
          s.docs.forEach((o, oi) => {
            if (oi !== di && !o.error && JSON.stringify(t.docs[oi].doc.toJS()) !== JSON.stringify(o.doc.toJS())) problems.push(`${where}: changed document ${oi}`);
          });
          const left = commentsOf(out, t);
          for (const [c, k] of comments) if ((left.get(c) ?? 0) < k) problems.push(`${where}: loses comment ${c}`);
        }
      });
    }
    console.log(`toolkit on real files: ${applied} edits applied, ${declined} declined, ${problems.length} problems (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    assert.deepEqual(problems.slice(0, 20), []);
  });
});

function hasAlias(doc: YDoc): boolean {
  let found = false;
  visit(doc, { Alias: () => ((found = true), visit.BREAK) });
  return found;
}

function collectionsOf(doc: YDoc): Array<{ node: YNode; path: Array<string | number> }> {
  const out: Array<{ node: YNode; path: Array<string | number> }> = [];
  const stack: Array<{ n: unknown; path: Array<string | number> }> = [{ n: doc.contents, path: [] }];
  while (stack.length) {
    const { n, path: p } = stack.shift()!;
    if (isMap(n)) {
      out.push({ node: n as unknown as YNode, path: p });
      for (const it of n.items) if (isPair(it) && isScalar(it.key)) stack.push({ n: it.value, path: [...p, String(it.key.value)] });
    } else if (isSeq(n)) {
      out.push({ node: n as unknown as YNode, path: p });
      n.items.forEach((it, i) => stack.push({ n: it, path: [...p, i] }));
    }
  }
  return out;
}

function at(root: unknown, p: Array<string | number>): unknown {
  let cur = root;
  for (const k of p) cur = (cur as Record<string | number, unknown>)[k];
  return cur;
}

/** Real comments (from the parser, so `#` lines inside block scalars do not count), as a multiset. */
function commentsOf(text: string, s: ReturnType<typeof parseYamlStream>): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of s.comments) {
    const t = text.slice(c.span.start, c.span.end).trim();
    m.set(t, (m.get(t) ?? 0) + 1);
  }
  return m;
}
