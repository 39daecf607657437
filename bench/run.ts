// `npm run bench`: Harden against the parse floor and peer linters on ../shared/corpus, measured
// side by side in one run (medians of alternating runs), plus language-server edit latency and
// memory. Prints a Markdown report; `--write` also saves it to docs/performance.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editLatency, hundredLineManifest, memoryWithFilesOpen, type LatencyResult } from './lsp';

const repo = path.resolve(__dirname, '..');
const corpus = path.resolve(repo, '..', 'shared', 'corpus');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-bench-'));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EDITS = Number(process.env.BENCH_EDITS ?? 200);

if (!fs.existsSync(path.join(corpus, 'index.json'))) {
  console.error(`the benchmark reads ../shared/corpus, which is not here (${corpus})`);
  process.exit(2);
}
if (!fs.existsSync(path.join(repo, 'bench', 'node_modules', 'dclint'))) {
  console.error('installing the peer linters into bench/node_modules (npm ci --prefix bench)...');
  const r = spawnSync('npm', ['ci', '--prefix', path.join(repo, 'bench'), '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(2);
}

interface Entry {
  file: string;
  type: 'dockerfile' | 'compose' | 'k8s';
  bytes: number;
}
const index = (JSON.parse(fs.readFileSync(path.join(corpus, 'index.json'), 'utf8')) as Entry[]).filter((e) => e.file.startsWith('real/') && e.type !== ('helm' as string));
const abs = (e: Entry): string => path.join(corpus, e.file);
const sets = {
  all: index.map(abs),
  k8s: index.filter((e) => e.type === 'k8s').map(abs),
  dockerfile: index.filter((e) => e.type === 'dockerfile').map(abs),
  compose: index.filter((e) => e.type === 'compose').map(abs),
};
const listFile = (name: string, files: string[]): string => {
  const p = path.join(tmp, `${name}.txt`);
  fs.writeFileSync(p, files.join('\n') + '\n');
  return p;
};
const lists = Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, listFile(k, v)])) as Record<keyof typeof sets, string>;

const cli = path.join(repo, 'dist', 'cli.js');
const serverJs = path.join(repo, 'dist', 'server.js');
const rssPreload = path.join(repo, 'bench', 'drivers', 'maxrss.cjs');
const bin = (name: string): string => path.join(repo, 'bench', 'node_modules', '.bin', name);

interface Cmd {
  name: string;
  args: string[];
  cwd?: string;
}
interface Timing {
  ms: number;
  rssMiB: number;
  ok: boolean;
  out: string;
}

/** Run a Node command with the max-RSS preload; wall time measured around the whole process. */
function run(c: Cmd): Timing {
  const rssFile = path.join(tmp, `rss-${process.hrtime.bigint()}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', rssPreload, ...c.args], { cwd: c.cwd ?? tmp, env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1', FORCE_COLOR: '0' }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  const rss = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return { ms, rssMiB: rss, ok: r.status === 0 || r.status === 1, out: `${(r.stdout ?? '').slice(-300)}${(r.stderr ?? '').slice(-300)} (exit ${r.status ?? r.signal})` };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternate the commands RUNS times (side by side under the same machine load); medians. */
function compare(cmds: Cmd[]): Map<string, { ms: number; rssMiB: number; ok: boolean; out: string }> {
  const all = new Map<string, Timing[]>(cmds.map((c) => [c.name, []]));
  for (let i = 0; i < RUNS; i++) for (const c of cmds) all.get(c.name)!.push(run(c));
  return new Map([...all].map(([k, ts]) => [k, { ms: median(ts.map((t) => t.ms)), rssMiB: Math.max(...ts.map((t) => t.rssMiB)), ok: ts.every((t) => t.ok), out: ts[ts.length - 1].out }]));
}

const hardenOn = (list: string): Cmd => ({ name: 'harden', args: [cli, '--format', 'json', '--fail-on', 'never', ...fs.readFileSync(list, 'utf8').split('\n').filter(Boolean)] });
const floorOn = (list: string): Cmd => ({ name: 'parse floor', args: [path.join(repo, 'bench', 'drivers', 'parse-floor.cjs'), list] });
const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const mib = (m: number): string => (Number.isFinite(m) ? `${Math.round(m)} MiB` : 'n/a');

const report: string[] = [];
/** The issue's targets, checked at the end: [what, measured, met]. */
const targets: Array<[string, string, boolean]> = [];
const say = (s = ''): void => {
  report.push(s);
  console.log(s);
};

say(`Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}.`);
say(`Each time is the median of ${RUNS} alternating runs of whole processes (start-up included); memory is the peak RSS.`);
say();
say('## CLI over the corpus against the parse floor');
say();
say('| files | Harden CLI | parse floor | ratio | Harden peak RSS | floor peak RSS |');
say('|---|---|---|---|---|---|');
for (const [name, list] of [['all of real/ (' + sets.all.length + ')', lists.all], ['Kubernetes (' + sets.k8s.length + ')', lists.k8s], ['Dockerfiles (' + sets.dockerfile.length + ')', lists.dockerfile], ['Compose (' + sets.compose.length + ')', lists.compose]] as const) {
  const r = compare([hardenOn(list), floorOn(list)]);
  const h = r.get('harden')!;
  const f = r.get('parse floor')!;
  if (!h.ok) console.error(`harden failed: ${h.out}`);
  say(`| ${name} | ${fmt(h.ms)} | ${fmt(f.ms)} | ${(h.ms / f.ms).toFixed(2)} | ${mib(h.rssMiB)} | ${mib(f.rssMiB)} |`);
  // The issue's target is the whole corpus; the rows per kind show where the time goes.
  if (list === lists.all) targets.push([`CLI at most 1.5x the parse floor: ${name}`, `${(h.ms / f.ms).toFixed(2)}x`, h.ms <= 1.5 * f.ms]);
}
say();
say('## Peers on the same files');
say();
say('| files | tool | time | vs Harden | peak RSS | note |');
say('|---|---|---|---|---|---|');
const peerRuns: Array<[string, string, Cmd[]]> = [
  ['Kubernetes', lists.k8s, [{ name: '@monokle/validation 0.33.0 (PSS, practices, YAML)', args: [path.join(repo, 'bench', 'drivers', 'monokle.mjs'), lists.k8s], cwd: path.join(repo, 'bench') }]],
  [
    'Dockerfiles',
    lists.dockerfile,
    [
      { name: 'dockerfile_lint 0.3.4', args: [path.join(repo, 'bench', 'drivers', 'dockerfile_lint.cjs'), lists.dockerfile] },
      { name: 'dockerfilelint 1.8.0', args: [path.join(repo, 'bench', 'drivers', 'dockerfilelint.cjs'), lists.dockerfile] },
    ],
  ],
  ['Compose', lists.compose, [{ name: 'dclint 3.1.0', args: [bin('dclint'), '-f', 'json', '-o', path.join(tmp, 'dclint.json'), ...sets.compose] }]],
];
for (const [label, list, peers] of peerRuns) {
  const r = compare([hardenOn(list), ...peers]);
  const h = r.get('harden')!;
  say(`| ${label} | Harden | ${fmt(h.ms)} | 1.00 | ${mib(h.rssMiB)} | |`);
  for (const p of peers) {
    const x = r.get(p.name)!;
    const note = x.ok ? x.out.trim().split('\n').pop() ?? '' : `exit != 0: ${x.out.trim().split('\n').pop()}`;
    say(`| ${label} | ${p.name} | ${fmt(x.ms)} | ${(x.ms / h.ms).toFixed(2)}x slower | ${mib(x.rssMiB)} | ${note.replace(/\|/g, '/').slice(0, 80)} |`);
    const need = p.name.startsWith('@monokle') ? 5 : 1;
    targets.push([`${need > 1 ? `at least ${need}x faster than` : 'faster than'} ${p.name} (${label})`, `${(x.ms / h.ms).toFixed(2)}x`, x.ms > need * h.ms]);
  }
}
say();

async function lspPart(): Promise<void> {
  say('## Language server: edit latency');
  say();
  say(`${EDITS} single-character edits (append a character at the end of a random line, then delete it), each timed from \`didChange\` to the diagnostics of that version.`);
  say();
  say('| file | lines | mode | p50 | p95 | max |');
  say('|---|---|---|---|---|---|');
  const big = path.join(corpus, 'real/argoproj__argo-cd/manifests/install.yaml');
  const small = path.join(tmp, 'deployment-100.yaml');
  fs.writeFileSync(small, hundredLineManifest());
  const res: Record<string, LatencyResult> = {};
  for (const [name, file] of [['argo-cd install.yaml', big], ['100-line manifest', small]] as const) {
    for (const pull of [true, false]) {
      const r = await editLatency(serverJs, file, pull, EDITS);
      res[`${name}/${pull ? 'pull' : 'push'}`] = r;
      say(`| ${name} | ${fs.readFileSync(file, 'utf8').split('\n').length} | ${pull ? 'pull' : 'push'} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.max.toFixed(1)} ms |`);
    }
  }
  say();
  for (const mode of ['pull', 'push']) {
    const bigP95 = res[`argo-cd install.yaml/${mode}`].p95;
    const smallP95 = res[`100-line manifest/${mode}`].p95;
    targets.push([`edit p95 at most 20 ms on the 34k-line manifest (${mode})`, `${bigP95.toFixed(1)} ms`, bigP95 <= 20]);
    targets.push([`edit p95 on 34k lines within 3x the 100-line p95 (${mode})`, `${(bigP95 / smallP95).toFixed(2)}x`, bigP95 <= 3 * smallP95]);
  }
  say(`Ratio of p95, 34k-line / 100-line: pull ${(res['argo-cd install.yaml/pull'].p95 / res['100-line manifest/pull'].p95).toFixed(2)}, push ${(res['argo-cd install.yaml/push'].p95 / res['100-line manifest/push'].p95).toFixed(2)}.`);
  say();
  say('## Language server: memory with the whole corpus open');
  say();
  // RSS depends on when V8 collects: the median of RUNS servers, each measured right after the
  // last answer and once idle (after its idle-time collection).
  const ms: Awaited<ReturnType<typeof memoryWithFilesOpen>>[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(await memoryWithFilesOpen(serverJs, sets.all, corpus));
  const med = (f: (x: (typeof ms)[number]) => number): number => median(ms.map(f));
  const m = { files: ms[0].files, ms: med((x) => x.ms), rssMiB: med((x) => x.rssMiB), busyMiB: med((x) => x.busyMiB), peakMiB: med((x) => x.peakMiB) };
  say(`${m.files} files opened and diagnosed in ${fmt(m.ms)}. Server RSS, median of ${RUNS} servers: ${mib(m.busyMiB)} right after the last diagnostic (each: ${ms.map((x) => mib(x.busyMiB)).join(', ')}), ${mib(m.rssMiB)} once idle for 4 s (each: ${ms.map((x) => mib(x.rssMiB)).join(', ')}); peak ${mib(m.peakMiB)}.`);
  targets.push(['server RSS under 300 MB with the whole corpus open (idle)', mib(m.rssMiB), m.rssMiB * 1.048576 < 300]);
  targets.push(['server RSS under 300 MB with the whole corpus open (right after the last diagnostic)', mib(m.busyMiB), m.busyMiB * 1.048576 < 300]);
  say();
  say('## Targets');
  say();
  say('| target | measured | met |');
  say('|---|---|---|');
  for (const [what, value, met] of targets) say(`| ${what} | ${value} | ${met ? 'yes' : '**no**'} |`);
}

const NOTES = `## How it works, and what limits it

- **CLI.** One process for all files; with more than 16 files, cores left idle since start-up and
  4 MB of input per extra thread, the files are shared with worker threads (the CLI bundle starts
  itself as the worker; each thread takes the next file from a shared counter; results are printed
  in file order, so the output is the same byte for byte; \`HARDEN_WORKERS=N\` forces the count).
  A worker costs its start-up (it compiles the bundle and the parsers anew) and, on the two
  virtual cores of the machine above, each thread runs at about 60 % of the speed of one alone:
  the Kubernetes files gain from one (12.7 MB), the Dockerfiles (2 MB) lost with one, so they run
  on one thread. Files read for cross-file rules are read once per run.
- **The parse floor.** Nearly all of the Kubernetes time is the YAML parse (\`yaml\` with source
  tokens kept, as the floor does). For Dockerfiles, Harden parses with dockerfile-ast too, but
  memoises its argument split per instruction (dockerfile-ast re-split an instruction's text on
  every \`getArguments\`/\`getFlags\` call; a test compares every corpus Dockerfile parsed both
  ways), so its parse is about twice as fast as the floor's; the model (stages, users, the shell
  words of every RUN) and the rules are the rest of the Dockerfile and Compose rows.
- **Peers.** \`dockerfile_lint\` and \`dockerfilelint\` read Dockerfiles line by line with regular
  expressions: their whole run takes less than the dockerfile-ast parse of the same files, so no
  linter built on dockerfile-ast (as Harden is, by design) can be faster than they are.
  \`@monokle/validation\` parses with \`yaml\` as Harden does; being five times faster than it would
  mean taking less than half the time of parsing the files once, that is, not parsing every
  document, which an exact \`parse-error\` finding (and every rule) needs.
- **Editor.** The language server keeps one incremental analyzer per open document. An edit
  re-parses and re-checks only the YAML document (between \`---\` markers) it touches, and inside a
  large document that is not a workload (a CustomResourceDefinition, a ConfigMap), only the block
  item around the edit (\`server/src/engine/yaml/blocks.ts\`: the item is parsed alone and spliced
  into an index of block items built from the last full parse; it falls back to a full parse for
  anchors, aliases, templates, tabs and the like). Tests replay random edit sequences on corpus
  files and compare every result with a fresh full analysis. Push diagnostics go out at once when
  the server is idle (changes arriving meanwhile ride along with the next push).
- **Memory.** The analyses (parsed YAML, models) of the documents used last are kept, up to a
  million characters of text; the other open documents keep only their diagnostics and are
  analysed again when a code action or hover needs it. What opening many files allocated beyond
  that stays in V8's heap until its next major collection, which an idle server may not reach:
  so the server runs one (two passes) once it has had no message and done no analysis for 2 s
  after its heap grew by 64 MB (\`server/src/lsp/idle-gc.ts\`). The RSS right after the last
  diagnostic depends on when V8 last collected, hence the median of several servers.
`;

lspPart()
  .then(() => {
    if (process.argv.includes('--write')) {
      const doc = `# Performance\n\nMeasured with \`npm run bench\` (\`bench/run.ts\`). Figures are from one run on a shared machine: compare the ratios, measured side by side in the same run, rather than single times.\n\n${report.join('\n')}\n\n${NOTES}`;
      fs.writeFileSync(path.join(repo, 'docs', 'performance.md'), doc);
      console.log('\nwrote docs/performance.md');
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
