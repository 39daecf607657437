// `npx tsx bench/lsp-only.ts [edits]`: only the language-server part of the benchmark (edit
// latency on the argo-cd manifest and on a 100-line one, pull and push), for quick before/after checks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editLatency, hundredLineManifest, memoryWithFilesOpen } from './lsp';

const repo = path.resolve(__dirname, '..');
const corpus = path.resolve(repo, '..', 'shared', 'corpus');
const serverJs = path.join(repo, 'dist', 'server.js');
const edits = Number(process.argv[2] ?? 100);

async function main(): Promise<void> {
  const big = path.join(corpus, 'real/argoproj__argo-cd/manifests/install.yaml');
  const small = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-')), 'deployment.yaml');
  fs.writeFileSync(small, hundredLineManifest());
  const p95: Record<string, number> = {};
  for (const file of [big, small])
    for (const pull of [true, false]) {
      const r = await editLatency(serverJs, file, pull, edits);
      p95[`${file === big ? 'big' : 'small'} ${pull ? 'pull' : 'push'}`] = r.p95;
      console.log(`${path.basename(file)} ${pull ? 'pull' : 'push'}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);
    }
  // The targets: argo-cd's p95 at most 20 ms and at most 3x the 100-line manifest's.
  for (const mode of ['pull', 'push']) console.log(`p95 ratio ${mode}: ${(p95[`big ${mode}`] / p95[`small ${mode}`]).toFixed(2)}x`);
  if (process.argv.includes('--memory')) {
    const index = JSON.parse(fs.readFileSync(path.join(corpus, 'index.json'), 'utf8')) as Array<{ file: string; type: string }>;
    const files = index.filter((e) => e.file.startsWith('real/') && e.type !== 'helm').map((e) => path.join(corpus, e.file));
    const m = await memoryWithFilesOpen(serverJs, files, corpus);
    console.log(`memory: ${m.files} files in ${Math.round(m.ms)} ms, RSS ${Math.round(m.rssMiB)} MiB, peak ${Math.round(m.peakMiB)} MiB`);
  }
}
void main();
