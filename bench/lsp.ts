// Drives the bundled language server over stdio as an editor would, for the benchmark: edit
// latency (didChange -> diagnostics of that version, pull and push) and memory with many files open.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Server {
  proc: ChildProcess;
  conn: MessageConnection;
  /** Resolves when a push for `uri` at `version` arrives. */
  waitPush(uri: string, version: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(serverJs: string, pull: boolean, rootDir: string): Promise<Server> {
  // BENCH_SERVER_NODE_ARGS: extra Node flags for the server (for example `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters = new Map<string, () => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    const k = `${p.uri}@${p.version}`;
    waiters.get(k)?.();
    waiters.delete(k);
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => undefined);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: `file://${rootDir}`,
    workspaceFolders: [{ uri: `file://${rootDir}`, name: 'bench' }],
    capabilities: {
      workspace: { configuration: true },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    },
  });
  await conn.sendNotification('initialized', {});
  return {
    proc,
    conn,
    waitPush: (uri, version) => new Promise<void>((resolve) => waiters.set(`${uri}@${version}`, resolve)),
    stop: async () => {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification('exit');
        // Let it exit by itself (a --cpu-prof profile is written at exit), then make sure.
        if (proc.exitCode === null) await Promise.race([new Promise((r) => proc.once('exit', r)), new Promise((r) => setTimeout(r, 3000))]);
      } catch {
        /* already gone */
      }
      proc.kill();
    },
  };
}

export function languageId(file: string): string {
  const b = path.basename(file);
  if (/^(dockerfile|containerfile)/i.test(b) || /\.dockerfile$/i.test(b)) return 'dockerfile';
  if (/^(docker-)?compose/i.test(b)) return 'dockercompose';
  return 'yaml';
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export interface LatencyResult {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

/**
 * Open `file`, then make `edits` single-character edits (insert a character, then delete it on the
 * next edit, at random lines), timing each from didChange to that version's diagnostics.
 */
export async function editLatency(serverJs: string, file: string, pull: boolean, edits: number): Promise<LatencyResult> {
  const server = await startServer(serverJs, pull, path.dirname(file));
  const uri = `file://${file}`;
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  let version = 1;
  const opened = pull ? Promise.resolve() : server.waitPush(uri, version);
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: languageId(file), version, text } });
  if (pull) await server.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  else await opened;
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const times: number[] = [];
  let pending: { line: number; character: number } | undefined;
  for (let i = 0; i < edits; i++) {
    version++;
    let change;
    if (pending) {
      change = { range: { start: pending, end: { line: pending.line, character: pending.character + 1 } }, text: '' };
      pending = undefined;
    } else {
      const line = rand(lines.length);
      const character = lines[line].length; // append at the end of a random line
      change = { range: { start: { line, character }, end: { line, character } }, text: 'x' };
      pending = { line, character };
    }
    const pushed = pull ? undefined : server.waitPush(uri, version);
    const t0 = performance.now();
    await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    if (pull) await server.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    else await pushed;
    times.push(performance.now() - t0);
  }
  await server.stop();
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), n: times.length };
}

/** Open every file in one server (pull diagnostics for each), then read the server's memory. */
/**
 * Open every file and pull its diagnostics; then the server's RSS right after the last answer
 * (`busyMiB`), after `settleMs` without messages (`rssMiB`: what the server holds once idle, after
 * its idle-time collection), and its peak.
 */
export async function memoryWithFilesOpen(serverJs: string, files: string[], rootDir: string, settleMs = 4000): Promise<{ rssMiB: number; busyMiB: number; peakMiB: number; files: number; ms: number }> {
  const server = await startServer(serverJs, true, rootDir);
  const t0 = performance.now();
  let v = 0;
  for (const f of files) {
    const uri = `file://${f}`;
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: languageId(f), version: ++v, text: fs.readFileSync(f, 'utf8') } });
    await server.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }
  const ms = performance.now() - t0;
  const kib = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(fs.readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'))?.[1] ?? 0);
  const busyMiB = kib('VmRSS') / 1024;
  await new Promise((r) => setTimeout(r, settleMs));
  const r = { rssMiB: kib('VmRSS') / 1024, busyMiB, peakMiB: kib('VmHWM') / 1024, files: files.length, ms };
  await server.stop();
  return r;
}

/** A Deployment of exactly 100 lines (containers that are mostly hardened already). */
export function hundredLineManifest(): string {
  const c = (n: number): string => `      - name: app${n}\n        image: registry.example/app${n}:1.${n}.0\n        ports:\n        - containerPort: 80${n}\n        securityContext:\n          allowPrivilegeEscalation: false\n          capabilities:\n            drop: ["ALL"]\n        resources:\n          limits: {memory: 128Mi}\n`;
  let s = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      securityContext:\n        runAsNonRoot: true\n        seccompProfile: {type: RuntimeDefault}\n      containers:\n';
  for (let i = 0; s.split('\n').length < 100; i++) s += c(i);
  return s.split('\n').slice(0, 100).join('\n') + '\n';
}
