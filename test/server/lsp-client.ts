// A small LSP client for server tests: forks the bundled server (dist/server.js --stdio) and speaks
// JSON-RPC to it. Every wait has a deadline; nothing sleeps.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers';

export const serverPath = path.join(repoRoot, 'dist', 'server.js');

/** Build the bundles once when dist/server.js is missing (`npm test` builds before running). */
export function ensureServerBuilt(): void {
  if (fs.existsSync(serverPath)) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}

export function fileUri(p: string): string {
  return pathToFileURL(p).toString();
}

export interface StartOptions {
  /** Advertise pull diagnostics (`textDocument/diagnostic`). */
  pull?: boolean;
  /** Advertise `workspace/configuration` (the server then asks for settings). */
  configuration?: boolean;
  /** The `harden` settings section the client answers with. */
  settings?: Record<string, unknown>;
  workspaceFolders?: string[];
  initializationOptions?: Record<string, unknown>;
  /** Advertise `workspace/codeLens/refresh`. */
  codeLensRefresh?: boolean;
}

type Event = { kind: 'diagnostics'; params: PublishDiagnosticsParams } | { kind: 'status'; params: { uri: string; profile: string; ms: number } } | { kind: 'log'; params: { type: number; message: string } } | { kind: 'refresh' } | { kind: 'codeLensRefresh' } | { kind: 'configuration'; items: unknown[] } | { kind: 'progress'; params: { token: unknown; value: unknown } } | { kind: 'showDocument'; params: { uri: string } };

const DEADLINE_MS = 10_000;

export class TestClient {
  readonly events: Event[] = [];
  settings: Record<string, unknown>;
  stderr = '';
  /** The server's answer to `initialize`. */
  initializeResult: { capabilities: Record<string, unknown> } = { capabilities: {} };
  private readonly listeners = new Set<() => void>();
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(opts: StartOptions = {}): Promise<TestClient> {
    ensureServerBuilt();
    const proc = spawn(process.execPath, [serverPath, '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestClient(proc, conn, opts.settings ?? {});
    proc.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.push({ kind: 'diagnostics', params: p }));
    conn.onNotification('harden/status', (p: { uri: string; profile: string; ms: number }) => client.push({ kind: 'status', params: p }));
    conn.onNotification('window/logMessage', (p: { type: number; message: string }) => client.push({ kind: 'log', params: p }));
    conn.onNotification('$/progress', (p: { token: unknown; value: unknown }) => client.push({ kind: 'progress', params: p }));
    conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => {
      client.push({ kind: 'configuration', items: p.items });
      return p.items.map((i) => (i.section === 'harden' ? client.settings : null));
    });
    conn.onRequest('workspace/diagnostic/refresh', () => {
      client.push({ kind: 'refresh' });
      return null;
    });
    conn.onRequest('workspace/codeLens/refresh', () => {
      client.push({ kind: 'codeLensRefresh' });
      return null;
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('window/showDocument', (p: { uri: string }) => {
      client.push({ kind: 'showDocument', params: p });
      return { success: true };
    });
    conn.listen();
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: opts.configuration ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        diagnostics: opts.pull ? { refreshSupport: true } : undefined,
        codeLens: opts.codeLensRefresh ? { refreshSupport: true } : undefined,
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        diagnostic: opts.pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
      window: { workDoneProgress: true, showDocument: { support: true } },
    };
    client.initializeResult = await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: opts.workspaceFolders?.[0] ?? null,
      workspaceFolders: opts.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
      capabilities,
      initializationOptions: opts.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  private push(e: Event): void {
    this.events.push(e);
    for (const l of [...this.listeners]) l();
  }

  /** Wait until `find` returns something for the events seen so far (or arriving later). */
  waitFor<T>(what: string, find: (events: Event[]) => T | undefined, ms = DEADLINE_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const r = find(this.events);
        if (r === undefined) return false;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(r);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`));
      }, ms);
      this.listeners.add(check);
      check();
    });
  }

  /** The first push of diagnostics for `uri` at `version` (or any version) after event index `from`. */
  waitForPush(uri: string, version?: number, from = 0): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}@${version ?? '*'}`, (evs) => {
      for (let i = from; i < evs.length; i++) {
        const e = evs[i];
        if (e.kind === 'diagnostics' && e.params.uri === uri && (version === undefined || e.params.version === version)) return e.params;
      }
      return undefined;
    });
  }

  open(uri: string, languageId: string, text: string): void {
    this.versions.set(uri, 1);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async pullDiagnostics(uri: string, previousResultId?: string): Promise<{ kind: string; resultId?: string; items: Diagnostic[] }> {
    return this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.proc.exitCode !== null) resolve(this.proc.exitCode);
      else this.proc.once('exit', (code) => resolve(code));
    });
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      /* the server may already be gone */
    }
    const timer = setTimeout(() => this.proc.kill(), DEADLINE_MS);
    const code = await exited;
    clearTimeout(timer);
    this.conn.dispose();
    return code;
  }
}

/** Apply LSP text edits (non-overlapping) to a text. */
export function applyLspEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }): number => (p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, text.length));
  const sorted = edits.map((e) => ({ s: off(e.range.start), e: off(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  for (const x of sorted) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}
