// Incremental analysis (per YAML document, reused across versions) equals a full analysis after
// every edit of a random edit sequence. The corpus version runs in `npm run test:corpus`.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { analyze, Analyzer } from '../../server/src/engine';
import { hoverAt } from '../../server/src/engine/hover';
import type { KubernetesModel } from '../../server/src/engine/kubernetes/model';
import { splitYamlDocuments } from '../../server/src/engine/yaml/chunks';
import { repoRoot, fixturesDir, walk } from '../helpers';
import { deepDigest, replayEdits } from '../incremental-edits';
import { replay } from '../incremental-replay';

it('splitting at document markers keeps every character and finds each document', () => {
  const t = 'a: 1\n---\nb: 2\n--- # c\nc: |\n  ---\n%YAML 1.2\n---\nd: 1\r\n---\r\ne\r---x\n---';
  const cs = splitYamlDocuments(t);
  assert.equal(cs.map((c) => c.text).join(''), t);
  assert.deepEqual(
    cs.map((c) => c.start),
    [0, 5, 14, 33, 53, 65],
  );
  assert.ok(cs[3].text.startsWith('%YAML 1.2\n---'), 'directives stay with their document');
});

it('an edit re-analyses only the document it touches', () => {
  const doc = (n: number): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${n}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n`;
  const text = [1, 2, 3].map(doc).join('---\n');
  const inc = new Analyzer();
  const a = inc.analyze({ file: 'x.yaml', text, config: { profile: 'strict' } });
  const edited = text.replace('name: p2', 'name: p22');
  const b = inc.analyze({ file: 'x.yaml', text: edited, config: { profile: 'strict' } });
  assert.equal(a.parts.length, 3);
  assert.strictEqual(b.parts[0].model, a.parts[0].model, 'first document reused');
  assert.strictEqual(b.parts[2].model, a.parts[2].model, 'last document reused');
  assert.notStrictEqual(b.parts[1].model, a.parts[1].model, 'edited document re-parsed');
});

it('random edit sequences: incremental equals full analysis after every edit', () => {
  const files = [...walk(path.join(fixturesDir, 'rules')), ...walk(path.join(repoRoot, 'examples'))].filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length > 5, `${files.length} YAML files`);
  let compared = 0;
  files.slice(0, 40).forEach((f, i) => {
    compared += replay(f, fs.readFileSync(f, 'utf8'), 15, 1000 + i);
  });
  assert.ok(compared > 100);
});

// ---------------------------------------------------------------------------------------------
// Block edits (yaml/blocks.ts): an edit inside one block of a big non-workload document re-parses
// only that block. Same results as a full analysis, after every edit.

/** A CustomResourceDefinition-like document: nested schema properties with every kind of scalar. */
function bigCrd(n: number, eol = '\n'): string {
  const props: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = 14;
    const pad = ' '.repeat(d);
    const kind = i % 5;
    let p = `${pad}field${i}:\n`;
    if (kind === 0) p += `${pad}  description: Field ${i} is a plain scalar that runs on\n${pad}    over a second line, with a colon:inside and a hash#inside # then a comment\n${pad}  type: string\n`;
    else if (kind === 1) p += `${pad}  description: |-\n${pad}    Block scalar ${i}.\n\n${pad}    # not a comment, still text\n${pad}      more indented text\n${pad}  type: object\n${pad}  properties:\n${pad}    inner${i}:\n${pad}      type: integer\n${pad}      format: int32\n`;
    else if (kind === 2) p += `${pad}  description: "Quoted ${i}, with 'single' quotes\n${pad}    and a line break"\n${pad}  enum: ['a', "b", c]\n${pad}  type: string\n`;
    else if (kind === 3) p += `${pad}  items:\n${pad}    - name: item${i}\n${pad}      value: "${i}"\n${pad}    - name: other${i}\n${pad}      value: '${i}' # a trailing comment\n${pad}  type: array\n`;
    else p += `${pad}  # a comment line inside the block\n${pad}  x-kubernetes-preserve-unknown-fields: true\n${pad}  default: {a: 1, b: [x, y]}\n`;
    props.push(p);
  }
  const text =
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n  annotations:\n    harden/ignore: latest-tag\nspec:\n  group: example.com\n  names:\n    kind: Widget\n  versions:\n  - name: v1\n    served: true\n    schema:\n      openAPIV3Schema:\n        properties:\n          spec:\n            properties:\n` +
    props.join('') +
    `            type: object\n        type: object\n    storage: true\n`;
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:latest\n';
const CONFIGMAP = (n: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n${Array.from({ length: n }, (_, i) => `  key${i}: |\n    line one of ${i}\n    line two: ${i}\n`).join('')}`;

it('block edits: random edit sequences on big CRDs and ConfigMaps equal a full analysis after every edit, mostly without a full parse', () => {
  const text = [DEPLOYMENT, bigCrd(60), CONFIGMAP(40), bigCrd(30, '\n')].join('---\n');
  let edits = 0;
  let block = 0;
  let undone = 0;
  for (const seed of [1, 2, 3]) {
    const r = replayEdits('stack.yaml', text, 80, seed, { deep: 9, revertRate: 0.5 });
    edits += r.compared - 1;
    block += r.blockEdits;
    undone += r.undone;
  }
  console.log(`block edits: ${block} of ${edits} random edits re-parsed one block, ${undone} went back to a version kept`);
  assert.ok(block > edits * 0.3, `${block} of ${edits} edits took the block path`);
});

it('block edits: CRLF documents', () => {
  const r = replayEdits('crlf.yaml', [bigCrd(40, '\r\n'), CONFIGMAP(10).replace(/\n/g, '\r\n')].join('---\r\n'), 80, 11, { deep: 5, revertRate: 0.5 });
  assert.ok(r.blockEdits > 15, `${r.blockEdits} block edits`);
});

/** Analyse `text`, then each edited version in turn, comparing with a full analysis; returns the analyzer. */
function sequence(texts: string[]): Analyzer {
  const inc = new Analyzer({ blockIndexMin: 0 });
  const config = { profile: 'strict' as const };
  for (const [i, t] of texts.entries()) {
    const a = inc.analyze({ file: 'crd.yaml', text: t, config });
    const b = analyze({ file: 'crd.yaml', text: t, config });
    assert.deepEqual(deepDigest(a), deepDigest(b), `version ${i}`);
  }
  return inc;
}

it('block edits: targeted cases give the full analysis, on the block path only where it is sound', () => {
  const base = bigCrd(20);
  const at = (s: string): number => {
    const i = base.indexOf(s);
    assert.ok(i > 0, s);
    return i;
  };
  const insert = (s: string, what: string, after = s.length): string => base.slice(0, at(s) + after) + what + base.slice(at(s) + after);
  const taken = (texts: string[]): number => sequence([base, ...texts]).stats.blockEdits;
  // Typing inside a description, a new sibling key, a duplicate key, a comment and a suppression comment: block path.
  assert.equal(taken([insert('Field 5 is a plain', 'x'), insert('Field 5 is a plain', 'xy')]), 2);
  assert.equal(taken([insert('              field7:\n', '                type: string\n')]), 1, 'duplicate sibling key');
  assert.equal(taken([insert('              field3:\n', '                # harden-ignore latest-tag\n')]), 1, 'suppression comment');
  assert.equal(taken([insert('Block scalar 6.', '\n                    deeper line')]), 1, 'block scalar text');
  // A quote opened inside a block that runs past it, then closed again: never a silent block edit.
  const open = insert('Field 5 is a plain', "'", 0);
  assert.equal(taken([open]), 0, 'an open quote swallows the rest of the document');
  const b = sequence([base, open, base]);
  assert.deepEqual(b.stats, { parsed: 2, blockEdits: 0, undone: 1 }, 'undoing it reuses the last sound version');
  // Dedenting a line to the key column or above: never within the block.
  sequence([base, base.replace('                type: integer\n', '              type: integer\n'), base.replace('    line two', 'line two')]);
  // Anchors, aliases, tags, tabs, templates and document markers fall back to a full parse.
  for (const s of ['&a ', '*a ', '!custom ', '\t', '{{ .Values.x }} ']) assert.equal(taken([insert('Field 10 is', s, 0)]), 0, JSON.stringify(s));
  assert.equal(taken([insert('              field9:\n', '---\n')]), 0, 'document marker at column 0');
  // Broken blocks: the first parse error is exact.
  sequence([base, insert('              field10:', 'x'), base, insert('              field11:\n                ', 'x', 0), insert('default: {a: 1', '[')]);
  // CRLF: a new line typed as CRLF stays on the block path; a lone carriage return does not.
  const crlf = bigCrd(20, '\r\n');
  const nl = crlf.indexOf('Field 5 is a plain') + 'Field 5 is a plain'.length;
  const crlfRun = sequence([crlf, crlf.slice(0, nl) + '\r\n                  continued' + crlf.slice(nl), crlf.slice(0, nl) + '\r' + crlf.slice(nl)]);
  assert.equal(crlfRun.stats.blockEdits, 1);
  // apiVersion and kind after the block: valid edits stay on the block path, broken ones do not.
  const late = base.replace('apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n', '') + 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n';
  const lateAt = late.indexOf('Field 5 is a plain');
  const lateRun = sequence([late, late.slice(0, lateAt) + 'x' + late.slice(lateAt), late.slice(0, lateAt) + 'x' + late.slice(lateAt).replace('              field9:', '              field9:x')]);
  assert.deepEqual([lateRun.stats.blockEdits, lateRun.stats.parsed], [1, 2]);
  // Inside metadata (read by the model) and in apiVersion/kind: full parse.
  assert.equal(taken([base.replace('harden/ignore: latest-tag', 'harden/ignore: latest-tagx'), base.replace('kind: CustomResourceDefinition', 'kind: CustomResourceDefinitionx')]), 0);
});

it('block edits: workloads and service accounts are never block-edited; objects and documents are rebuilt on access', () => {
  const big = DEPLOYMENT + Array.from({ length: 200 }, (_, i) => `        env${i}: x\n`).join('');
  const inc = sequence([big, big.replace('env5: x', 'env5: xy')]);
  assert.equal(inc.stats.blockEdits, 0);
  const sa = `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: s\nautomountServiceAccountToken: false\nextra:\n${Array.from({ length: 50 }, (_, i) => `  k${i}: v\n`).join('')}`;
  assert.equal(sequence([sa, sa.replace('k5: v', 'k5: vv')]).stats.blockEdits, 0);
  // A block edit's model: objects and the parsed document come from the new text.
  const crd = bigCrd(10);
  const a = new Analyzer({ blockIndexMin: 0 });
  a.analyze({ file: 'c.yaml', text: crd });
  const edited = crd.replace('Field 0 is', 'Field 0 was');
  const r = a.analyze({ file: 'c.yaml', text: edited });
  assert.equal(a.stats.blockEdits, 1);
  const m = r.model as KubernetesModel;
  assert.equal(m.objects[0].kind, 'CustomResourceDefinition');
  assert.match(JSON.stringify(m.stream.docs[0].doc.toJS()), /Field 0 was/);
  assert.equal(m.stream.text, edited);
});

it('block edits: hover cards read the new document (as the server does, from the part under the cursor)', () => {
  const crd = bigCrd(10).replace('  names:\n', '  names:\n    securityContext:\n      privileged: true\n');
  const inc = new Analyzer({ blockIndexMin: 0 });
  inc.analyze({ file: 'c.yaml', text: crd });
  const edited = crd.replace('Field 0 is', 'Field 0 now is');
  const a = inc.analyze({ file: 'c.yaml', text: edited });
  const b = analyze({ file: 'c.yaml', text: edited });
  assert.equal(inc.stats.blockEdits, 1);
  const hover = (x: typeof a, offset: number): unknown => {
    const part = [...x.parts].reverse().find((p) => p.offset <= offset)!;
    return hoverAt({ kind: 'kubernetes', text: edited, offset, yaml: (part.model as KubernetesModel).stream, yamlBase: part.offset, findings: x.findings });
  };
  let shown = 0;
  for (const key of ['privileged', 'description', 'Field 0 now', 'x-kubernetes-preserve-unknown-fields']) {
    const at = edited.indexOf(key) + 1;
    assert.deepEqual(hover(a, at), hover(b, at), key);
    if (hover(a, at)) shown++;
  }
  assert.ok(shown >= 1, 'a hover card was shown');
});

it('block edits: only chunks from the size threshold get a block index', () => {
  const crd = bigCrd(5);
  const inc = new Analyzer({ blockIndexMin: crd.length + 1 });
  inc.analyze({ file: 'c.yaml', text: crd });
  inc.analyze({ file: 'c.yaml', text: crd.replace('Field 0 is', 'Field 0 was') });
  assert.deepEqual(inc.stats, { parsed: 2, blockEdits: 0, undone: 0 });
});
