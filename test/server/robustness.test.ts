// The language server stays up and keeps answering whatever the client sends: malformed JSON,
// wrong Content-Length headers, junk between messages, unknown methods, requests about documents
// never opened, cancelled requests, bad parameters, and hostile documents (alias bombs, nesting
// 10,000 deep, a document over the size limit, binary junk). The framing is written by hand here
// (no JSON-RPC library), so the malformed cases reach the server byte for byte.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../helpers';

const DEADLINE_MS = 15_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-robust-'));
const uri = (name: string): string => pathToFileURL(path.join(tmp, name)).toString();

/**
 * The server bundle to fork: built here from server/src/lsp/main.ts with the options of
 * esbuild.mjs, into a private folder (a stale or half-written dist/server.js must not decide
 * these tests). HARDEN_SERVER names another bundle (for example dist/server.js).
 */
let bundled: string | undefined;
function serverBundle(): string {
  if (process.env.HARDEN_SERVER) return path.resolve(process.env.HARDEN_SERVER);
  if (bundled) return bundled;
  const out = path.join(tmp, 'dist', 'server.js');
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({ entryPoints: [path.join(repoRoot, 'server/src/lsp/main.ts')], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error', legalComments: 'none' });
  bundled = out;
  return out;
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** A JSON-RPC peer over the server's stdio that frames every byte itself. */
class RawClient {
  readonly received: Message[] = [];
  stderr = '';
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiters = new Set<() => void>();

  constructor(readonly proc: ChildProcess) {
    proc.stdout!.on('data', (d: Buffer) => this.onData(d));
    proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    proc.on('exit', () => this.wake());
  }

  static start(bundle: string): RawClient {
    return new RawClient(spawn(process.execPath, [bundle, '--stdio'], { cwd: tmp, stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /Content-Length:\s*(\d+)/i.exec(this.buf.subarray(0, end).toString('latin1'));
      assert.ok(m, `server wrote a header without Content-Length: ${this.buf.subarray(0, end).toString()}`);
      const n = Number(m[1]);
      if (this.buf.length < end + 4 + n) return;
      const msg = JSON.parse(this.buf.subarray(end + 4, end + 4 + n).toString('utf8')) as Message;
      this.buf = this.buf.subarray(end + 4 + n);
      this.received.push(msg);
      // Answer the server's own requests (configuration, registrations, refreshes).
      if (msg.method && msg.id !== undefined && msg.id !== null) {
        const items = (msg.params as { items?: unknown[] } | undefined)?.items;
        this.send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? (items ?? []).map(() => null) : null });
      }
      this.wake();
    }
  }

  raw(bytes: string | Buffer): void {
    this.proc.stdin!.write(bytes);
  }

  frame(body: string | Buffer, length = Buffer.byteLength(body)): void {
    this.raw(Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]));
  }

  send(msg: Message): void {
    this.frame(JSON.stringify(msg));
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  id(): number {
    return this.nextId++;
  }

  /** Wait for the response to request `id`. */
  async response(id: number | string, ms = DEADLINE_MS): Promise<Message> {
    const found = (): Message | undefined => this.received.find((m) => m.id === id && m.method === undefined);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const m = found();
        if (m) done(() => resolve(m));
        else if (!this.alive) done(() => reject(new Error(`server exited (${this.proc.exitCode ?? this.proc.signalCode}) before answering ${id}; stderr: ${this.stderr}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no answer to request ${id} within ${ms} ms`))), ms);
      const done = (f: () => void): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        f();
      };
      this.waiters.add(check);
      check();
    });
  }

  async request(method: string, params?: unknown, ms?: number): Promise<Message> {
    const id = this.id();
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.response(id, ms);
  }
}

const NORMAL = 'FROM debian:12\nRUN sudo apt-get update\nUSER root\n';

/** Nine levels of nine aliases: 387 million nodes if anything expanded it. */
function aliasBomb(indent: string): string {
  let s = `${indent}a0: &a0 "lol"\n`;
  for (let i = 1; i <= 9; i++) s += `${indent}a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return s;
}

describe('language server robustness (raw JSON-RPC over stdio)', () => {
  let c: RawClient;
  let version = 0;

  const open = (name: string, text: string, languageId = name.endsWith('Dockerfile') ? 'dockerfile' : 'yaml'): string => {
    const u = uri(name);
    c.notify('textDocument/didOpen', { textDocument: { uri: u, languageId, version: ++version, text } });
    return u;
  };
  const diagnostics = async (u: string, ms?: number): Promise<Message> => c.request('textDocument/diagnostic', { textDocument: { uri: u } }, ms);
  /** The server is up and answers hover on the normal Dockerfile (line 3, `USER root`). */
  const stillAnswers = async (): Promise<void> => {
    const r = await c.request('textDocument/hover', { textDocument: { uri: uri('Dockerfile') }, position: { line: 2, character: 2 } });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.match(JSON.stringify(r.result), /root-user/);
    assert.ok(c.alive);
  };

  before(async () => {
    c = RawClient.start(serverBundle());
    // A request before initialize gets ServerNotInitialized (-32002), as LSP asks, and a
    // notification before it is dropped; neither breaks the session.
    c.notify('workspace/didChangeConfiguration', { settings: { harden: { enable: false } } });
    const early = await c.request('textDocument/hover', { textDocument: { uri: uri('x') }, position: { line: 0, character: 0 } });
    assert.equal((early.error as { code?: number } | undefined)?.code, -32002, JSON.stringify(early));
    const init = await c.request('initialize', { processId: process.pid, rootUri: pathToFileURL(tmp).toString(), capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { configuration: true } } });
    assert.ok(init.result);
    c.notify('initialized', {});
    open('Dockerfile', NORMAL);
    const d = await diagnostics(uri('Dockerfile'));
    assert.match(JSON.stringify(d.result), /root-user/);
  });

  after(async () => {
    if (c?.alive) {
      await c.request('shutdown').catch(() => undefined);
      c.notify('exit');
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          c.proc.kill();
          resolve();
        }, 5_000);
        c.proc.on('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    assert.doesNotMatch(c.stderr, /uncaught exception|unhandled rejection/i);
  });

  it('malformed JSON bodies', async () => {
    c.frame('{"jsonrpc":"2.0","id":9001,"method":');
    c.frame('not json at all');
    c.frame('');
    c.frame(Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    c.frame('[1, 2, 3]');
    c.frame('{"jsonrpc":"2.0","id":9002}');
    c.frame('null');
    await stillAnswers();
  });

  it('a Content-Length too small, too large, missing or not a number, and junk between messages', async () => {
    const hover = (id: number): string => JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: uri('Dockerfile') }, position: { line: 2, character: 2 } } });
    // Too small: this message is lost, the next ones are not.
    const small = c.id();
    c.frame(hover(small), hover(small).length - 7);
    await stillAnswers();
    // Too large, followed by another message: the server finds the next header inside the
    // declared body and answers both.
    const large = c.id();
    c.frame(hover(large), hover(large).length + 40);
    const next = c.id();
    c.frame(hover(next));
    assert.match(JSON.stringify((await c.response(large)).result), /root-user/);
    assert.match(JSON.stringify((await c.response(next)).result), /root-user/);
    // Headers without a usable length, and bytes that are no header at all.
    c.raw('Content-Type: application/json\r\n\r\n{}');
    c.raw('Content-Length: lots\r\n\r\n{}');
    c.raw('garbage garbage\r\n\r\n');
    c.raw('\u0000\u0001\u0002 more garbage without a header end ');
    c.raw(Buffer.alloc(100_000, 0x41));
    await stillAnswers();
    // A header split across writes still works.
    const split = c.id();
    const body = hover(split);
    c.raw(`Content-Len`);
    c.raw(`gth: ${Buffer.byteLength(body)}\r`);
    c.raw(`\n\r\n${body.slice(0, 10)}`);
    c.raw(body.slice(10));
    assert.match(JSON.stringify((await c.response(split)).result), /root-user/);
  });

  it('unknown methods: a request gets MethodNotFound, a notification is ignored', async () => {
    const r = await c.request('harden/noSuchMethod', { x: 1 });
    assert.equal(r.error?.code, -32601);
    const r2 = await c.request('workspace/noSuchThing');
    assert.equal(r2.error?.code, -32601);
    c.notify('harden/noSuchNotification', { x: 1 });
    c.notify('$/noSuchThing', {});
    c.notify('$/setTrace', { value: 'verbose' });
    await stillAnswers();
  });

  it('requests about documents never opened get an empty answer', async () => {
    const never = uri('never-opened.yaml');
    const h = await c.request('textDocument/hover', { textDocument: { uri: never }, position: { line: 0, character: 0 } });
    assert.equal(h.error, undefined);
    assert.equal(h.result, null);
    const a = await c.request('textDocument/codeAction', { textDocument: { uri: never }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.equal(a.error, undefined);
    assert.ok(a.result === null || (Array.isArray(a.result) && a.result.length === 0), JSON.stringify(a.result));
    const d = await diagnostics(never);
    assert.ok(d.error || (d.result as { items?: unknown[] }).items?.length === 0, JSON.stringify(d));
    // Edits and closes of unknown documents, and a hover far past the end of a real one.
    c.notify('textDocument/didChange', { textDocument: { uri: never, version: 2 }, contentChanges: [{ text: 'x' }] });
    c.notify('textDocument/didClose', { textDocument: { uri: never } });
    c.notify('textDocument/didSave', { textDocument: { uri: never } });
    const far = await c.request('textDocument/hover', { textDocument: { uri: uri('Dockerfile') }, position: { line: 10_000, character: 10_000 } });
    assert.equal(far.error, undefined);
    await stillAnswers();
  });

  it('bad parameters get an error response, not a crash', async () => {
    for (const params of [undefined, null, {}, { textDocument: {} }, { textDocument: { uri: 42 }, position: 'x' }, [1, 2]]) {
      const r = await c.request('textDocument/hover', params);
      assert.ok(r.error || r.result === null, JSON.stringify(r));
      const a = await c.request('textDocument/codeAction', params);
      assert.ok(a.error || a.result === null || Array.isArray(a.result), JSON.stringify(a));
    }
    c.notify('textDocument/didOpen', { textDocument: { uri: uri('bad.yaml') } }); // no text
    c.notify('textDocument/didOpen', {});
    c.notify('workspace/didChangeConfiguration', { settings: { harden: { profile: 42, rules: 'x', maxFileSize: -1 } } });
    await stillAnswers();
  });

  it('cancelled requests answer RequestCancelled or a normal result', async () => {
    const ids = [c.id(), c.id(), c.id()];
    c.send({ jsonrpc: '2.0', id: ids[0], method: 'textDocument/hover', params: { textDocument: { uri: uri('Dockerfile') }, position: { line: 2, character: 2 } } });
    c.send({ jsonrpc: '2.0', id: ids[1], method: 'textDocument/diagnostic', params: { textDocument: { uri: uri('Dockerfile') } } });
    c.send({ jsonrpc: '2.0', id: ids[2], method: 'textDocument/codeAction', params: { textDocument: { uri: uri('Dockerfile') }, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } }, context: { diagnostics: [] } } });
    for (const id of ids) c.notify('$/cancelRequest', { id });
    c.notify('$/cancelRequest', { id: 123_456 }); // never sent
    c.notify('$/cancelRequest', {});
    for (const id of ids) {
      const r = await c.response(id);
      assert.ok(r.error ? r.error.code === -32800 : r.result !== undefined, JSON.stringify(r));
    }
    await stillAnswers();
  });

  it('hostile documents: alias bombs, 10,000-deep nesting, over the size limit, binary junk', async () => {
    const deep = 10_000;
    const docs: Array<[string, string]> = [
      ['bomb.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: lol\n  annotations:\n${aliasBomb('    ')}spec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      args: *a9\n      env: *a9\n`],
      ['compose.yaml', `x-lol:\n${aliasBomb('  ')}services:\n  web:\n    image: nginx:1.27\n    environment: *a9\n    cap_add: *a9\n`],
      ['deep-flow.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: ' + '['.repeat(deep) + ']'.repeat(deep) + '}\n'],
      ['deep-seq.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    ' + '- '.repeat(deep) + 'x\n'],
      ['deep-map.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n' + Array.from({ length: 2000 }, (_, i) => ' '.repeat(4 + i) + `k${i}:`).join('\n') + ' v\n'],
      ['big.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: ' + 'x'.repeat(6 * 1024 * 1024) + '\n'],
      ['junk/Dockerfile', Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256)).toString('latin1')],
      ['deep/Dockerfile', 'FROM alpine:3.20\nRUN ' + '$('.repeat(deep) + ')'.repeat(deep) + '\n'],
    ];
    for (const [name, text] of docs) {
      const u = open(name, text);
      const t = Date.now();
      const d = await diagnostics(u, 60_000);
      assert.ok(d.error === undefined || d.error.code === -32801 || d.error.code === -32802, `${name}: ${JSON.stringify(d.error)}`);
      assert.ok(Date.now() - t < 60_000);
      // Hover and code actions on the hostile document answer too.
      const h = await c.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 5, character: 3 } }, 60_000);
      assert.equal(h.error, undefined, `${name}: hover ${JSON.stringify(h.error)}`);
      const a = await c.request('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } }, context: { diagnostics: [] } }, 60_000);
      assert.equal(a.error, undefined, `${name}: codeAction ${JSON.stringify(a.error)}`);
      await stillAnswers();
      if (name === 'big.yaml') assert.match(JSON.stringify(d.result), /skipped|limit|large/i, 'the size limit is reported');
      if (name.startsWith('deep-') && name !== 'deep-map.yaml') assert.match(JSON.stringify(d.result), /nested too deeply/);
      c.notify('textDocument/didClose', { textDocument: { uri: u } });
    }
  });

  it('an edit storm on one document, each change superseding the last', async () => {
    const u = open('storm/compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n');
    let v = 100;
    for (let i = 0; i < 200; i++) c.notify('textDocument/didChange', { textDocument: { uri: u, version: ++v }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: i % 2 ? '    privileged: true\n' : '  # x\n' }] });
    const d = await diagnostics(u, 60_000);
    assert.ok(d.error === undefined || d.error.code === -32802, JSON.stringify(d.error));
    await stillAnswers();
  });
});

describe('language server lifecycle on stdio', () => {
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('exits when the client closes stdin, and after shutdown + exit with code 0', async () => {
    const waitExit = (c: RawClient): Promise<number | null> =>
      new Promise((resolve, reject) => {
        if (!c.alive) return resolve(c.proc.exitCode);
        const t = setTimeout(() => reject(new Error('the server did not exit')), 10_000);
        c.proc.on('exit', (code) => {
          clearTimeout(t);
          resolve(code);
        });
      });
    const closed = RawClient.start(serverBundle());
    await closed.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    closed.proc.stdin!.end();
    assert.equal(await waitExit(closed), 1);
    const polite = RawClient.start(serverBundle());
    await polite.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    polite.notify('initialized', {});
    await polite.request('shutdown');
    polite.notify('exit');
    assert.equal(await waitExit(polite), 0);
    assert.equal(polite.stderr, '');
  });
});
