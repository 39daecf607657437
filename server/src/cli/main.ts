// The `harden` command: finds files, reads them, hands them to the engine, writes fixes and
// prints text / JSON / SARIF. Everything about findings themselves lives in the engine.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MAX_FILE_SIZE, type HardenConfig } from '../engine';
import { compareExposure, exposureJson, increaseLines, parseExposureBase, runtimeDefaults, sortExposure, type ExposureComparison, type JsonExposure } from '../engine/exposure/report';
import { failsAt, jsonReport, sarifReport } from '../engine/report';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { ConfigError, ConfigResolver } from './config';
import { decodeText, errorText, readStdin, readText, slash, walk } from './files';
import { lintAll, lintOne, runAsWorker, workerCount, type Job, type Outcome } from './lint';
import { COLOUR, exposureReport, PLAIN, textReport, useColour } from './text';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
  readStdin: () => Promise<Buffer>;
}

/** The package version, from the package.json above this file (dist/cli.js or server/src/cli/main.ts). */
export function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'harden' && pkg.version) return pkg.version;
    } catch {
      /* keep looking */
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

interface Target {
  /** The path as shown (as given, or joined onto what was given). */
  file: string;
  /** Named on the command line (always linted, detected by content). */
  explicit: boolean;
  stdin?: boolean;
}

type Notification = { level: 'error' | 'warning' | 'note'; message: string; file?: string };

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const say = (msg: string): void => void io.stderr.write(`harden: ${msg}\n`);
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      say(`${e.message}`);
      return 2;
    }
    throw e;
  }
  const version = packageVersion();
  if (opts.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (opts.version) {
    io.stdout.write(`${version}\n`);
    return 0;
  }

  // The base run to compare exposure with: read first, so a bad one stops the run before any work.
  let exposureBase: JsonExposure[] | undefined;
  if (opts.exposureBase !== undefined) {
    const name = slash(opts.exposureBase);
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(io.cwd, opts.exposureBase), 'utf8');
    } catch (e) {
      say(`${name}: cannot read: ${errorText(e)}`);
      return 2;
    }
    const base = parseExposureBase(text);
    if (!base.ok) {
      say(`${name}: ${base.error}`);
      return 2;
    }
    exposureBase = base.entries;
  }
  const wantExposure = opts.format === 'json' || opts.format === 'exposure' || exposureBase !== undefined;

  const overrides: HardenConfig = { ...(opts.profile ? { profile: opts.profile } : {}), ...(Object.keys(opts.rules).length ? { rules: opts.rules } : {}), ...(opts.maxFileSize ? { maxFileSize: opts.maxFileSize } : {}) };
  let configs: ConfigResolver;
  try {
    configs = new ConfigResolver(overrides, opts.config);
  } catch (e) {
    if (e instanceof ConfigError) {
      say(e.message);
      return 2;
    }
    throw e;
  }

  let fatal = false; // exit code 2 at the end
  let readable = 0;
  let unreadable = 0;
  const notifications: Notification[] = [];
  const problem = (file: string, message: string, level: Notification['level']): void => {
    say(`${file}: ${message}`);
    notifications.push({ level, message, file });
  };

  // 1. What to lint.
  const targets: Target[] = [];
  const seen = new Set<string>();
  const add = (t: Target): void => {
    const key = t.stdin ? '\0stdin' : path.resolve(io.cwd, t.file);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(t);
  };
  try {
    for (const p of opts.paths) {
      if (p === '-') {
        add({ file: slash(opts.stdinFilename ?? '<stdin>'), explicit: true, stdin: true });
        continue;
      }
      let st: fs.Stats;
      try {
        st = fs.statSync(path.resolve(io.cwd, p));
      } catch (e) {
        problem(slash(p), errorText(e), 'error');
        fatal = true;
        continue;
      }
      if (st.isDirectory()) {
        const absRoot = path.resolve(io.cwd, p);
        const found = walk(absRoot, {
          excluded: (abs, isDir) => configs.ignores(abs, isDir),
          onError: (dir, e) => problem(slash(dir), `cannot read folder: ${errorText(e)}`, 'warning'),
          onSkip: (abs, reason) => problem(slash(path.join(p, path.relative(absRoot, abs))), `skipped: ${reason}`, 'warning'),
        });
        for (const abs of found) add({ file: slash(path.join(p, path.relative(absRoot, abs))), explicit: false });
      } else add({ file: slash(p), explicit: true });
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    say(e.message);
    return 2;
  }

  // 2. Lint (and fix) each file. Configurations are resolved here first; one that cannot be used
  // stops the run after the files before it, as if they had been linted one by one.
  const jobs: Job[] = [];
  let configError: string | undefined;
  for (const t of targets) {
    const abs = path.resolve(io.cwd, t.stdin ? (opts.stdinFilename ?? 'stdin') : t.file);
    try {
      jobs.push({ file: t.file, abs, explicit: t.explicit, stdin: t.stdin === true, config: configs.forPath(abs).config, fix: opts.fix, unsafeFixes: opts.unsafeFixes, cwd: io.cwd, exposure: wantExposure });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      configError = e.message;
      break;
    }
  }
  const stdinJob = jobs.findIndex((j) => j.stdin);
  const stdinRead = stdinJob >= 0 ? await readStdinText(io, jobs[stdinJob].config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) : undefined;
  const fileJobs = jobs.filter((j) => !j.stdin);
  const fileOutcomes = await lintAll(fileJobs, workerCount(fileJobs, io.env));
  const results: Array<NonNullable<Outcome['result']>> = [];
  const fixedCount = new Map<string, number>();
  let totalFixed = 0;
  let k = 0;
  for (const job of jobs) {
    const o = job.stdin ? lintOne(job, stdinRead) : fileOutcomes[k++];
    for (const p of o.problems) problem(job.file, p.message, p.level);
    if (o.readable) readable++;
    if (o.unreadable) unreadable++;
    if (o.fatal) fatal = true;
    if (o.fixed) {
      fixedCount.set(job.file, o.fixed);
      totalFixed += o.fixed;
    }
    if (o.result) results.push(o.result);
  }
  if (configError !== undefined) {
    say(configError);
    return 2;
  }

  // 3. Exposure: every container's, and what widened since the base run.
  const exposure = wantExposure ? sortExposure(results.flatMap((r) => exposureJson(r.file, r.lines, r.exposure ?? []))) : [];
  const comparison: ExposureComparison | undefined = exposureBase && compareExposure(exposureBase, exposure, { defaults: runtimeDefaults, linted: results.map((r) => r.file) });

  // 4. Report.
  const colour = useColour(io.stdout, io.env) ? COLOUR : PLAIN;
  switch (opts.format) {
    case 'json': {
      const report = jsonReport(results, { version, extraNotes: notifications.filter((n) => n.file).map((n) => ({ file: n.file!, message: n.message })), fixed: opts.fix ? totalFixed : undefined });
      io.stdout.write(JSON.stringify({ ...report, exposure, ...(comparison ? { exposureIncrease: comparison.increases } : {}) }, null, 2) + '\n');
      break;
    }
    case 'exposure':
      io.stdout.write(exposureReport(results, { quiet: opts.quiet, style: colour }));
      break;
    case 'sarif': {
      const cwd = io.cwd;
      const artifact = (file: string): { uri: string; uriBaseId?: string } => {
        const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
        if (path.isAbsolute(rel)) return { uri: pathToFileURL(rel).href };
        return { uri: slash(rel).split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
      };
      const log = sarifReport(results, { version, artifact, baseIds: { SRCROOT: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } }, notifications, executionSuccessful: !fatal });
      io.stdout.write(JSON.stringify(log, null, 2) + '\n');
      break;
    }
    default:
      io.stdout.write(textReport(results, { quiet: opts.quiet, fixed: fixedCount, style: colour }));
  }
  // Outside JSON, the comparison is told on stderr (stdout may be SARIF, or a table to read).
  if (comparison && opts.format !== 'json') {
    for (const x of comparison.increases.filter((x) => x.fails || !opts.quiet)) for (const [i, line] of increaseLines(x).entries()) io.stderr.write(i === 0 ? `harden: ${line}\n` : `${line}\n`);
    if (comparison.failed || !opts.quiet) say(comparisonLine(comparison, slash(opts.exposureBase!)));
  }
  if (fatal || (unreadable > 0 && readable === 0)) return 2;
  return failsAt(results, opts.failOn) || comparison?.failed ? 1 : 0;
}

/** `exposure compared with base.json: 1 container widened, 2 new (1 wider than the runtime defaults), 1 removed`. */
function comparisonLine(c: ExposureComparison, base: string): string {
  const widened = c.increases.filter((x) => x.status === 'widened').length;
  const added = c.increases.filter((x) => x.status === 'new');
  const wider = added.filter((x) => x.fails).length;
  const parts = [`${widened} ${widened === 1 ? 'container' : 'containers'} widened`];
  if (added.length) parts.push(`${added.length} new${wider ? ` (${wider} wider than the runtime defaults)` : ''}`);
  if (c.removed) parts.push(`${c.removed} removed`);
  return `exposure compared with ${base}: ${parts.join(', ')}${c.failed ? '' : '; nothing wider'}`;
}

async function readStdinText(io: Io, maxSize: number): Promise<ReturnType<typeof readText>> {
  let buf: Buffer;
  try {
    buf = await io.readStdin();
  } catch (e) {
    return { ok: false, reason: errorText(e), skipped: false };
  }
  if (buf.length > maxSize) return { ok: false, reason: `input too large (over ${maxSize} bytes)`, skipped: true };
  return decodeText(buf);
}

if (runAsWorker()) {
  // A worker thread of `lintAll`: it has already done its share.
} else if (require.main === module) {
  // `harden | head` closes the pipe early: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), readStdin })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((e: unknown) => {
      process.stderr.write(`harden: internal error: ${(e as Error)?.stack?.split('\n')[0] ?? String(e)}\n`);
      process.exitCode = 2;
    });
}
