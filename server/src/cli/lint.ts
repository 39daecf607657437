// Linting the files the CLI found: one file at a time (`lintOne`), in this thread or spread over
// worker threads when there are many files and more than one core. The worker is this same
// bundle started again (`dist/cli.js` checks `isMainThread`), so esbuild has nothing extra to
// build. Results come back in the order of the targets, so the output does not depend on which
// thread did what.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyze, DEFAULT_MAX_FILE_SIZE, LineIndex, type AnalyzeInput, type Finding, type HardenConfig } from '../engine';
import { isKnownKind } from '../engine/detect';
import { exposureOf } from '../engine/exposure/model';
import type { ContainerExposure } from '../engine/exposure/types';
import { fixAll } from '../engine/fixall';
import { readText, slash, type ReadResult } from './files';
import { writeAtomic } from './write';

/** One file to lint, with everything a worker needs (plain data: it crosses threads). */
export interface Job {
  /** The path as shown. */
  file: string;
  /** Absolute path (for stdin: where the given --stdin-filename would be). */
  abs: string;
  explicit: boolean;
  stdin: boolean;
  config: HardenConfig;
  fix: boolean;
  unsafeFixes: boolean;
  cwd: string;
  /** Compute each container's exposure (for `--format json`/`exposure` and `--fail-on-exposure-increase`). */
  exposure: boolean;
}

/** What linting one file gave, in the order the sequential CLI would have reported it. */
export interface Outcome {
  problems: Array<{ message: string; level: 'error' | 'warning' | 'note' }>;
  readable: boolean;
  unreadable: boolean;
  fatal: boolean;
  /** Present when the file is reported. */
  result?: { file: string; lines: LineIndex; findings: Finding[]; notes: string[]; exposure?: ContainerExposure[] };
  fixed?: number;
}

/** Lint one file. `read` is given for standard input (read beforehand); files are read here. */
export function lintOne(job: Job, read?: ReadResult): Outcome {
  const out: Outcome = { problems: [], readable: false, unreadable: false, fatal: false };
  const maxSize = job.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const r = read ?? readText(job.abs, maxSize);
  if (!r.ok) {
    if (r.skipped) out.problems.push({ message: `skipped: ${r.reason}`, level: 'warning' });
    else {
      out.problems.push({ message: `cannot read: ${r.reason}`, level: 'error' });
      out.unreadable = true;
      if (job.explicit) out.fatal = true;
    }
    return out;
  }
  out.readable = true;
  const dir = path.dirname(job.file);
  const input: AnalyzeInput = {
    file: job.file,
    text: r.text,
    detectByContent: job.explicit,
    config: job.config,
    readFile: (p) => readOther(path.resolve(job.cwd, p), maxSize, !job.fix),
    resolve: (rel) => slash(path.isAbsolute(rel) ? path.normalize(rel) : path.join(dir, rel)),
  };
  let analysis = analyze(input);
  // An engine failure is said even when it left the kind unknown (it is not "not recognised").
  if (!isKnownKind(analysis.kind) && analysis.kind !== 'helm' && analysis.errors.length) {
    for (const err of analysis.errors) out.problems.push({ message: `internal error: ${err.split('\n')[0]}`, level: 'error' });
    out.fatal = true;
    return out;
  }
  if (!isKnownKind(analysis.kind) && analysis.kind !== 'helm') {
    if (job.explicit) out.problems.push({ message: 'not recognised as a Dockerfile, Compose file or Kubernetes manifest; skipped', level: 'note' });
    return out;
  }
  if (job.fix && isKnownKind(analysis.kind) && !job.stdin) {
    const fixed = fixAll({ ...input, kind: analysis.kind }, { unsafe: job.unsafeFixes });
    if (fixed.applied > 0 && fixed.text !== r.text) {
      const err = writeAtomic(job.abs, (r.bom ? '\ufeff' : '') + fixed.text);
      if (err) out.problems.push({ message: `cannot write fixes: ${err}; file left unchanged`, level: 'error' });
      else {
        analysis = fixed.analysis;
        out.fixed = fixed.applied;
      }
    }
  }
  // After fixing: the exposure of what is on disk now. A failure here is an internal error like a rule's.
  const exposure = job.exposure && isKnownKind(analysis.kind) ? exposureOf(analysis) : undefined;
  for (const err of analysis.errors) {
    out.problems.push({ message: `internal error: ${err.split('\n')[0]}`, level: 'error' });
    out.fatal = true;
  }
  out.result = { file: job.file, lines: analysis.lines, findings: analysis.findings, notes: analysis.notes, ...(exposure ? { exposure } : {}) };
  return out;
}

/** Files read for cross-file rules (the Dockerfile a Compose build names, the kustomization next to a manifest, asked once per YAML document): read once per run unless fixing (a fix may rewrite them). */
const others = new Map<string, string | undefined>();

function readOther(abs: string, maxSize: number, cache: boolean): string | undefined {
  const key = `${maxSize}\0${abs}`;
  if (cache && others.has(key)) return others.get(key);
  const x = readText(abs, maxSize);
  const text = x.ok ? x.text : undefined;
  if (cache) others.set(key, text);
  return text;
}

/** An outcome as it crosses threads: the line index travels as its text and is rebuilt. */
type WireOutcome = Omit<Outcome, 'result'> & { result?: Omit<NonNullable<Outcome['result']>, 'lines'> & { text: string } };

function toWire(o: Outcome): WireOutcome {
  if (!o.result) return o as WireOutcome;
  const { lines, ...rest } = o.result;
  return { ...o, result: { ...rest, text: lines.text } };
}

function fromWire(w: WireOutcome): Outcome {
  if (!w.result) return w as Outcome;
  const { text, ...rest } = w.result;
  return { ...w, result: { ...rest, lines: new LineIndex(text) } };
}

// A worker costs its start-up (it compiles the bundle and the parsers anew, ~150 ms) and, on a
// machine whose second core is a busy sibling, runs at ~60 % of one thread alone. Measured on the
// corpus (docs/performance.md): 2 MB of Dockerfiles took 1.30 s with a worker and 1.12 s without;
// 12.7 MB of Kubernetes YAML 2.9 s with one and 3.5 s without. One worker per 4 MB of input.
const WORKER_BYTES = 4 * 1024 * 1024;

function cpuTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const c of os.cpus()) {
    idle += c.times.idle;
    total += c.times.idle + c.times.user + c.times.nice + c.times.sys + c.times.irq;
  }
  return { idle, total };
}

/** CPU times when the CLI was loaded: compared with now, how many cores sat idle meanwhile. */
const startTimes = isMainThread ? cpuTimes() : undefined;

/** Cores idle since start-up (this process keeps one busy), or undefined when too little time passed to tell. */
function idleCores(): number | undefined {
  if (!startTimes) return undefined;
  const now = cpuTimes();
  const total = now.total - startTimes.total;
  if (total < 40) return undefined;
  return ((now.idle - startTimes.idle) / total) * os.cpus().length;
}

/** Worker threads to add to this one for `jobs`: none for few files, one core, or HARDEN_WORKERS=0. */
export function workerCount(jobs: readonly Job[], env: NodeJS.ProcessEnv): number {
  const forced = env.HARDEN_WORKERS;
  if (forced !== undefined && forced !== '' && Number.isInteger(Number(forced))) return Math.max(0, Math.min(Number(forced), 16, jobs.length));
  if (jobs.length < 16) return 0;
  // Fixing stays on one thread: a file one thread rewrites may be read by another (a Compose build's Dockerfile).
  if (jobs.some((j) => j.fix)) return 0;
  // Workers can only start from the bundle (dist/cli.js), not from sources run through a loader.
  if (!__filename.endsWith('.js')) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // Only cores left idle since this process started count: on a machine other processes keep
  // busy, workers would only share the same cores and cost their start-up.
  const idle = Math.min(cores - 1, Math.round(idleCores() ?? cores - 1));
  if (cores < 2 || idle < 1) return 0;
  // One worker per WORKER_BYTES of input (see there).
  let bytes = 0;
  for (const j of jobs) bytes += fs.statSync(j.abs, { throwIfNoEntry: false })?.size ?? 0;
  return Math.max(0, Math.min(idle, 7, Math.floor(jobs.length / 8), Math.floor(bytes / WORKER_BYTES)));
}

interface Init {
  hardenLintWorker: true;
  jobs: Job[];
  /** Shared counter: the next job index to take (every thread takes jobs from it). */
  next: SharedArrayBuffer;
}

/**
 * Lint every job, this thread and `workers` worker threads taking the next job from a shared
 * counter (so a thread that drew big files takes fewer of them). Outcomes in job order.
 */
export async function lintAll(jobs: Job[], workers: number): Promise<Outcome[]> {
  const outcomes: Array<Outcome | undefined> = new Array(jobs.length);
  if (workers <= 0) {
    for (let i = 0; i < jobs.length; i++) outcomes[i] = lintOne(jobs[i]);
    return outcomes as Outcome[];
  }
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);
  const init: Init = { hardenLintWorker: true, jobs, next };
  const done: Array<Promise<void>> = [];
  for (let w = 0; w < workers; w++) {
    const worker = new Worker(__filename, { workerData: init, stdout: false, stderr: false });
    done.push(
      new Promise<void>((resolve) => {
        worker.on('message', (m: { i: number; o: WireOutcome }) => {
          outcomes[m.i] = fromWire(m.o);
        });
        // A worker that dies leaves its jobs undone: they are linted here below.
        worker.on('error', () => resolve());
        worker.on('exit', () => resolve());
      }),
    );
  }
  for (let i = Atomics.add(counter, 0, 1); i < jobs.length; i = Atomics.add(counter, 0, 1)) outcomes[i] = lintOne(jobs[i]);
  await Promise.all(done);
  for (let i = 0; i < jobs.length; i++) if (!outcomes[i]) outcomes[i] = lintOne(jobs[i]);
  return outcomes as Outcome[];
}

/** The worker side: take jobs until none is left, post each outcome. */
function workerMain(init: Init): void {
  const counter = new Int32Array(init.next);
  for (let i = Atomics.add(counter, 0, 1); i < init.jobs.length; i = Atomics.add(counter, 0, 1)) {
    let o: Outcome;
    try {
      o = lintOne(init.jobs[i]);
    } catch (e) {
      o = { problems: [{ message: `internal error: ${(e as Error)?.message ?? String(e)}`, level: 'error' }], readable: true, unreadable: false, fatal: true };
    }
    parentPort!.postMessage({ i, o: toWire(o) });
  }
}

/** True (and the worker runs) when this thread was started by `lintAll`. */
export function runAsWorker(): boolean {
  if (isMainThread || !(workerData as Partial<Init> | undefined)?.hardenLintWorker) return false;
  workerMain(workerData as Init);
  return true;
}
