// Incremental analysis equals a full analysis after every edit of random edit sequences on corpus
// files, the 34k-line argo-cd manifest among them.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { sharedCorpus } from '../helpers';
import { lineEndEdits, replayEdits, replayTexts } from '../incremental-edits';
import { replay } from '../incremental-replay';

interface IndexEntry {
  file: string;
  type: string;
  lines: number;
}

it('random edits on corpus manifests: incremental equals full after every edit', () => {
  const index = JSON.parse(fs.readFileSync(path.join(sharedCorpus, 'index.json'), 'utf8')) as IndexEntry[];
  const multi = index.filter((e) => e.type === 'k8s' || e.type === 'compose').filter((e) => e.lines > 40);
  // A deterministic spread over the corpus: every n-th file.
  const step = Math.max(1, Math.floor(multi.length / 40));
  const picked = multi.filter((_, i) => i % step === 0).slice(0, 40);
  let compared = 0;
  picked.forEach((e, i) => {
    compared += replay(e.file, fs.readFileSync(path.join(sharedCorpus, e.file), 'utf8'), 12, 7000 + i);
  });
  const big = 'real/argoproj__argo-cd/manifests/install.yaml';
  compared += replay(big, fs.readFileSync(path.join(sharedCorpus, big), 'utf8'), 8, 99);
  console.log(`incremental: ${compared} analyses compared on ${picked.length + 1} files`);
  assert.ok(compared > 300);
});

// Block edits (yaml/blocks.ts) on the corpus's big CRDs and ConfigMaps: the benchmark's edits
// (a character appended at a line end, then deleted) and random edits (quotes, flows, anchors,
// tabs, dedents, new keys, undo), compared with a full analysis after every edit.
it('block edits on big CRDs and ConfigMaps of the corpus: incremental equals full after every edit', () => {
  const files = [
    'real/argoproj__argo-cd/manifests/install.yaml',
    'real/rook__rook/deploy/examples/crds.yaml',
    'real/cert-manager__cert-manager/deploy/crds/cert-manager.io_clusterissuers.yaml',
    'real/istio__istio/samples/addons/grafana.yaml',
    'real/longhorn__longhorn/deploy/longhorn.yaml',
    'real/prometheus-operator__kube-prometheus/manifests/setup/0servicemonitorCustomResourceDefinition.yaml',
  ];
  let edits = 0;
  let block = 0;
  let undone = 0;
  files.forEach((f, i) => {
    const text = fs.readFileSync(path.join(sharedCorpus, f), 'utf8');
    const big = i === 0;
    const a = replayTexts(f, lineEndEdits(text, big ? 15 : 8, 500 + i), 6);
    const b = replayEdits(f, text, big ? 12 : 16, 600 + i, { deep: 5, blockIndexMin: 16384, revertRate: 0.4 });
    edits += a.compared - 1 + b.compared - 1;
    block += a.blockEdits + b.blockEdits;
    undone += a.undone + b.undone;
  });
  console.log(`block edits: ${edits} edits on ${files.length} files, ${block} re-parsed one block, ${undone} went back to a version kept`);
  assert.ok(block > edits * 0.3, `${block} of ${edits}`);
});
