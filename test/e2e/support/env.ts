// Paths, temp folders, packaging and process handling shared by the real-editor tests.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root, from test/e2e/support (tsx) or out/test/e2e/support (compiled). */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'out') dir = path.dirname(dir);
  return dir;
})();

export const resultsDir = path.join(repoRoot, 'test-results', 'e2e');
export const cacheDir = process.env.HARDEN_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'harden-e2e');
export const codeServerVersion = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const codeServerEntry = path.join(cacheDir, `code-server-${codeServerVersion}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.HARDEN_E2E_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Why a real-editor test cannot run here, or undefined when it can. Under CI a missing tool is a
 * failure (the caller throws); on a developer machine the test is skipped with this reason.
 */
export function missingTools(tools: { codeServer?: boolean; chromium?: boolean; nvim?: boolean }): string | undefined {
  if (tools.codeServer && !fs.existsSync(codeServerEntry)) return `code-server is not installed at ${codeServerEntry}: run scripts/e2e/install-code-server.sh`;
  if (tools.chromium && !fs.existsSync(chromiumPath)) return `${chromiumPath} is missing: run scripts/e2e/apt-deps.sh`;
  if (tools.nvim && !onPath('nvim')) return 'nvim is not on PATH: run scripts/e2e/apt-deps.sh';
  return undefined;
}

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
}

/** Skip (developer machine) or fail (CI) when tools are missing. Returns true when the test must stop. */
export function requireTools(t: { skip(msg?: string): void }, tools: Parameters<typeof missingTools>[0]): boolean {
  const why = missingTools(tools);
  if (!why) return false;
  if (process.env.CI) throw new Error(why);
  t.skip(why);
  return true;
}

/** A fresh temp folder, removed by the returned cleanup unless HARDEN_E2E_KEEP is set. */
export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `harden-${prefix}-`)));
  return { dir, cleanup: () => { if (!process.env.HARDEN_E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** Copy examples/ (what the user sees in the repo) into `dest`; returns the relative file list. */
export function copyExamples(dest: string): string[] {
  const src = path.join(repoRoot, 'examples');
  if (!fs.existsSync(src)) return [];
  fs.cpSync(src, dest, { recursive: true });
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(path.relative(dest, p));
    }
  };
  walk(dest);
  return files.sort();
}

/** Build the production bundles and the .vsix (`npm run package`), unless HARDEN_VSIX names one. */
export function packageVsix(): string {
  if (process.env.HARDEN_VSIX) return path.resolve(process.env.HARDEN_VSIX);
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  return path.join(repoRoot, 'harden.vsix');
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Poll `probe` until it returns a value other than undefined/false, or throw after `ms`. */
export async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined | false> | T | undefined | false, everyMs = 200): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A child started in its own process group, with its output kept for diagnostics. */
export interface Group {
  child: ChildProcess;
  output(): string;
  /** Wait until the output matches, the process exits, or the deadline passes. */
  waitForOutput(re: RegExp, ms: number): Promise<RegExpMatchArray>;
  /** SIGTERM the whole group, then SIGKILL it if it is still there after 5 s. */
  stop(): Promise<void>;
}

export function startGroup(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string }): Group {
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: opts.env, cwd: opts.cwd });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let exited = false;
  const exit = new Promise<void>((r) => child.on('exit', () => { exited = true; r(); }));
  const kill = (sig: NodeJS.Signals): void => {
    try { process.kill(-child.pid!, sig); } catch { /* already gone */ }
  };
  // If the test process dies, take the group with it.
  const onExit = (): void => kill('SIGKILL');
  process.on('exit', onExit);
  return {
    child,
    output: () => out,
    waitForOutput: (re, ms) => waitFor(`${cmd} output ${re}`, ms, () => {
      const m = re.exec(out);
      if (m) return m;
      if (exited) throw new Error(`${path.basename(cmd)} exited early:\n${out.slice(-3000)}`);
      return undefined;
    }, 100),
    stop: async () => {
      process.off('exit', onExit);
      if (!exited) {
        kill('SIGTERM');
        const timer = setTimeout(() => kill('SIGKILL'), 5000);
        await exit;
        clearTimeout(timer);
      }
      kill('SIGKILL'); // helpers (extension host, language server) that outlived the parent
    },
  };
}
