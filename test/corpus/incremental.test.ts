// Incremental analysis equals a full analysis after every edit of random edit sequences on corpus
// files, the 34k-line argo-cd manifest among them.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { sharedCorpus } from '../helpers';
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
