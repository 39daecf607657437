// Server tests: fork the bundled language server and speak JSON-RPC to it over stdio.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, type CodeAction, type Diagnostic, type Hover, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { applyLspEdits, ensureServerBuilt, fileUri, TestClient } from './lsp-client';

const DOCKERFILE = 'FROM debian:12\nRUN sudo apt-get update\nUSER root\n';
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const BROKEN_COMPOSE = 'services:\n  web:\n    image: [nginx\n';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-'));
const uri = (name: string): string => fileUri(path.join(tmp, name));

function byRule(items: Diagnostic[], rule: string): Diagnostic[] {
  return items.filter((d) => d.code === rule);
}

function editsOf(edit: WorkspaceEdit | undefined, docUri: string): Array<{ range: Diagnostic['range']; newText: string }> {
  if (!edit) return [];
  if (edit.documentChanges) {
    const out: Array<{ range: Diagnostic['range']; newText: string }> = [];
    for (const c of edit.documentChanges) if ('textDocument' in c && c.textDocument.uri === docUri) out.push(...(c.edits as Array<{ range: Diagnostic['range']; newText: string }>));
    return out;
  }
  return edit.changes?.[docUri] ?? [];
}

async function codeActions(c: TestClient, docUri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: docUri }, range, context: { diagnostics, only } });
}

async function hover(c: TestClient, docUri: string, line: number, character: number): Promise<string> {
  const h: Hover | null = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: docUri }, position: { line, character } });
  if (!h) return '';
  const contents = h.contents as { value?: string };
  return typeof contents.value === 'string' ? contents.value : JSON.stringify(h.contents);
}

before(() => ensureServerBuilt());
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('language server: pull diagnostics', () => {
  let c: TestClient;
  before(async () => {
    c = await TestClient.start({ pull: true, settings: {} });
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
  });

  it('reports a parse error with code, source, docs link and a precise range', async () => {
    const u = uri('broken/compose.yaml');
    c.open(u, 'dockercompose', BROKEN_COMPOSE);
    const r = await c.pullDiagnostics(u);
    assert.equal(r.kind, 'full');
    const pe = byRule(r.items, 'parse-error');
    assert.equal(pe.length, 1);
    assert.equal(pe[0].source, 'harden');
    assert.match(pe[0].codeDescription!.href, /^file:.*\/docs\/rules\/parse-error\.md$/);
    assert.equal(pe[0].severity, 1);
    assert.ok(pe[0].range.start.line >= 2, JSON.stringify(pe[0].range));
    // The same version again: unchanged.
    const again = await c.pullDiagnostics(u, r.resultId);
    assert.equal(again.kind, 'unchanged');
    // Incremental change that closes the bracket: the parse error goes away.
    c.change(u, [{ range: { start: { line: 2, character: 17 }, end: { line: 2, character: 17 } }, text: ']' }]);
    const fixed = await c.pullDiagnostics(u, r.resultId);
    assert.equal(fixed.kind, 'full');
    assert.equal(byRule(fixed.items, 'parse-error').length, 0);
  });

  it('reports Dockerfile findings at the offending token and sends a status notification', async () => {
    const u = uri('app/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    const r = await c.pullDiagnostics(u);
    const sudo = byRule(r.items, 'sudo-in-run');
    assert.equal(sudo.length, 1);
    assert.deepEqual(sudo[0].range, { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } });
    assert.equal(byRule(r.items, 'root-user').length, 1);
    const status = await c.waitFor('status', (evs) => evs.find((e) => e.kind === 'status' && e.params.uri === u));
    assert.equal(status.kind === 'status' && status.params.profile, 'restricted');
  });

  it('offers the safe fix (preferred), ignore-line, ignore-file, docs; the fix removes the finding', async () => {
    const u = uri('fix/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    const r = await c.pullDiagnostics(u);
    const sudo = byRule(r.items, 'sudo-in-run');
    const actions = await codeActions(c, u, sudo);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Remove `sudo`');
    assert.ok(fix, titles.join(' | '));
    assert.equal(fix.isPreferred, true);
    assert.ok(!titles.includes('Fix all sudo-in-run problems in this file'), 'one fixable finding: no separate fix-all');
    assert.ok(titles.includes('Show documentation for sudo-in-run'));
    const docs = actions.find((a) => a.title === 'Show documentation for sudo-in-run')!;
    assert.equal(docs.command?.command, 'harden.server.showRuleDocs');
    assert.deepEqual(docs.command?.arguments, ['sudo-in-run']);
    const ignore = actions.find((a) => a.title === 'Ignore sudo-in-run for this line')!;
    assert.equal(applyLspEdits(DOCKERFILE, editsOf(ignore.edit, u)), 'FROM debian:12\n# harden-ignore sudo-in-run -- \nRUN sudo apt-get update\nUSER root\n');
    const ignoreFile = actions.find((a) => a.title === 'Ignore sudo-in-run for this file')!;
    assert.equal(applyLspEdits(DOCKERFILE, editsOf(ignoreFile.edit, u)), '# harden-ignore-file sudo-in-run -- \n' + DOCKERFILE);
    // Apply the fix as the editor would (incremental change) and check again.
    const edits = editsOf(fix.edit, u);
    const after = applyLspEdits(DOCKERFILE, edits);
    assert.equal(after, 'FROM debian:12\nRUN apt-get update\nUSER root\n');
    c.change(u, edits.map((e) => ({ range: e.range, text: e.newText })));
    const r2 = await c.pullDiagnostics(u);
    assert.equal(byRule(r2.items, 'sudo-in-run').length, 0);
    assert.equal(byRule(r2.items, 'root-user').length, 1);
  });

  it('inserting the ignore comment suppresses the finding and the comment is then used', async () => {
    const u = uri('ignored/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    const r = await c.pullDiagnostics(u);
    const actions = await codeActions(c, u, byRule(r.items, 'sudo-in-run'));
    const ignore = actions.find((a) => a.title === 'Ignore sudo-in-run for this line')!;
    const edits = editsOf(ignore.edit, u);
    c.change(u, edits.map((e) => ({ range: e.range, text: e.newText })));
    const r2 = await c.pullDiagnostics(u);
    assert.equal(byRule(r2.items, 'sudo-in-run').length, 0);
    assert.equal(byRule(r2.items, 'unused-suppression').length, 0);
  });

  it('labels unsafe fixes, never prefers them, and keeps the ignore comment at the YAML indentation (CRLF kept)', async () => {
    const text = COMPOSE.replace(/\n/g, '\r\n');
    const u = uri('crlf/compose.yaml');
    c.open(u, 'dockercompose', text);
    const r = await c.pullDiagnostics(u);
    const priv = byRule(r.items, 'privileged');
    assert.equal(priv.length, 1);
    assert.equal(priv[0].range.start.line, 3);
    const actions = await codeActions(c, u, priv);
    const unsafe = actions.filter((a) => a.title.endsWith('(unsafe)'));
    assert.ok(unsafe.length >= 1, actions.map((a) => a.title).join(' | '));
    assert.ok(unsafe.every((a) => !a.isPreferred));
    const ignore = actions.find((a) => a.title === 'Ignore privileged for this line')!;
    const edits = editsOf(ignore.edit, u);
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, '    # harden-ignore privileged -- \r\n');
    assert.deepEqual(edits[0].range.start, { line: 3, character: 0 });
    // Fix-all for an unsafe-only rule offers nothing.
    assert.ok(!actions.some((a) => a.title === 'Fix all privileged problems in this file'));
  });

  it('source.fixAll.harden applies every safe fix (repeatedly) and no unsafe one', async () => {
    const text = 'FROM debian:12\nRUN sudo apt-get update\nRUN sudo apt-get install -y curl\nUSER root\n';
    const u = uri('fixall/Dockerfile');
    c.open(u, 'dockerfile', text);
    const actions = await codeActions(c, u, [], ['source.fixAll.harden']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.harden');
    const after = applyLspEdits(text, editsOf(actions[0].edit, u));
    assert.equal(after, 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\nUSER root\n');
    // Two fixable findings of one rule: "Fix all sudo-in-run problems in this file".
    const r = await c.pullDiagnostics(u);
    const perRule = (await codeActions(c, u, byRule(r.items, 'sudo-in-run').slice(0, 1))).find((a) => a.title === 'Fix all sudo-in-run problems in this file');
    assert.ok(perRule);
    assert.equal(applyLspEdits(text, editsOf(perRule.edit, u)), after);
    // Quick-fix requests do not carry the source action; `only: ["source"]` does.
    assert.ok(!(await codeActions(c, u, [])).some((a) => a.kind === 'source.fixAll.harden'));
    assert.equal((await codeActions(c, u, [], ['source'])).filter((a) => a.kind === 'source.fixAll.harden').length, 1);
  });

  it('offers one bundle fix per workload and per service under the cursor (unsafe)', async () => {
    const k = uri('bundle/deploy.yaml');
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n';
    c.open(k, 'yaml', deploy);
    await c.pullDiagnostics(k);
    const ka: CodeAction[] = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: k }, range: { start: { line: 9, character: 12 }, end: { line: 9, character: 12 } }, context: { diagnostics: [] } });
    const bundle = ka.find((a) => a.title.startsWith('Apply the Pod Security restricted profile to Deployment/web'));
    assert.ok(bundle, ka.map((a) => a.title).join(' | '));
    assert.ok(bundle.title.endsWith('(unsafe)'));
    const after = applyLspEdits(deploy, editsOf(bundle.edit, k));
    assert.match(after, /runAsNonRoot: true/);
    assert.match(after, /allowPrivilegeEscalation: false/);
    const cu = uri('bundle/compose.yaml');
    c.open(cu, 'dockercompose', COMPOSE);
    await c.pullDiagnostics(cu);
    const ca: CodeAction[] = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: cu }, range: { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } }, context: { diagnostics: [] } });
    assert.ok(ca.some((a) => a.title.startsWith('Harden service web') && a.title.endsWith('(unsafe)')), ca.map((a) => a.title).join(' | '));
  });

  it('reports problems in an open .harden.yaml at the word they name', async () => {
    const u = uri('cfg/.harden.yaml');
    c.open(u, 'yaml', 'profile: paranoid\nrules:\n  no-such-rule: off\n');
    const r = await c.pullDiagnostics(u);
    assert.equal(r.items.length, 2, JSON.stringify(r.items));
    const unknown = r.items.find((d) => String(d.message).includes('no-such-rule'))!;
    assert.deepEqual(unknown.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 14 } });
    const profile = r.items.find((d) => String(d.message).includes('profile'))!;
    assert.deepEqual(profile.range.start, { line: 0, character: 0 });
  });

  it('gives no action for a diagnostic of an older version', async () => {
    const u = uri('stale/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    const r = await c.pullDiagnostics(u);
    const sudo = byRule(r.items, 'sudo-in-run');
    c.change(u, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# hello\n' }]);
    const actions = await codeActions(c, u, sudo);
    assert.deepEqual(actions, []);
  });

  it('hovers: a finding card, a rule id in an ignore comment, and key knowledge without a finding', async () => {
    const u = uri('hover/compose.yaml');
    c.open(u, 'dockercompose', COMPOSE);
    await c.pullDiagnostics(u);
    const card = await hover(c, u, 3, 6);
    assert.match(card, /`privileged`/);
    assert.match(card, /unsafe/i);
    const d = uri('hover/Dockerfile');
    c.open(d, 'dockerfile', 'FROM debian:12\n# harden-ignore sudo-in-run -- needed for the build\nRUN sudo apt-get update\n');
    const idCard = await hover(c, d, 1, 20);
    assert.match(idCard, /`sudo-in-run`/);
    const user = await hover(c, d, 0, 1);
    assert.match(user, /FROM/);
    const k = uri('hover/pod.yaml');
    c.open(k, 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: false\n        capabilities:\n          drop: [ALL]\n          add: [SYS_ADMIN]\n');
    const r = await c.pullDiagnostics(k);
    assert.equal(r.items.filter((x) => x.range.start.line === 9).length, 0, 'no finding on privileged: false');
    assert.match(await hover(c, k, 9, 10), /privileged container/i);
    const sys = await hover(c, k, 12, 17);
    assert.match(sys, /SYS_ADMIN/);
    assert.match(sys, /mount/);
  });
});

describe('language server: push diagnostics and settings', () => {
  let c: TestClient;
  before(async () => {
    c = await TestClient.start({ pull: false, settings: { rules: { 'dangerous-capability': 'off' } } });
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
  });

  it('pushes diagnostics with the document version, again after an incremental change', async () => {
    const u = uri('push/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    const p1 = await c.waitForPush(u, 1);
    assert.equal(byRule(p1.diagnostics, 'sudo-in-run').length, 1);
    const v2 = c.change(u, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } }, text: '' }]);
    const p2 = await c.waitForPush(u, v2);
    assert.equal(byRule(p2.diagnostics, 'sudo-in-run').length, 0);
    assert.equal(byRule(p2.diagnostics, 'root-user').length, 1);
  });

  it('asks for settings per document and re-publishes when they change', async () => {
    const u = uri('settings/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    await c.waitForPush(u, 1);
    const asked = await c.waitFor('configuration request', (evs) => evs.find((e) => e.kind === 'configuration' && JSON.stringify(e.items).includes(u)));
    assert.ok(asked);
    const mark = c.events.length;
    c.settings = { rules: { 'sudo-in-run': 'off' } };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await c.waitForPush(u, 1, mark);
    assert.equal(byRule(p.diagnostics, 'sudo-in-run').length, 0);
    assert.equal(byRule(p.diagnostics, 'root-user').length, 1);
    c.settings = { rules: { 'dangerous-capability': 'off' } };
  });

  it('hides unsafe quick fixes when harden.unsafeFixes is false', async () => {
    const mark = c.events.length;
    c.settings = { unsafeFixes: false };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const u = uri('unsafe/compose.yaml');
    c.open(u, 'dockercompose', COMPOSE);
    const p = await c.waitForPush(u, 1, mark);
    const actions = await codeActions(c, u, byRule(p.diagnostics, 'privileged'));
    assert.ok(actions.length > 0);
    assert.ok(!actions.some((a) => a.title.endsWith('(unsafe)')), actions.map((a) => a.title).join(' | '));
    c.settings = {};
  });

  it('skips files over harden.maxFileSize with one informational diagnostic', async () => {
    const mark = c.events.length;
    c.settings = { maxFileSize: 20 };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const u = uri('big/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    const p = await c.waitForPush(u, 1, mark);
    assert.equal(p.diagnostics.length, 1);
    assert.equal(p.diagnostics[0].severity, 3);
    assert.match(String(p.diagnostics[0].message), /skipped/);
    c.settings = {};
  });

  it('harden.enable false publishes nothing; the server-side docs command shows the rule page', async () => {
    const mark = c.events.length;
    c.settings = { enable: false };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const u = uri('disabled/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    const p = await c.waitForPush(u, 1, mark);
    assert.deepEqual(p.diagnostics, []);
    c.settings = {};
    await c.conn.sendRequest('workspace/executeCommand', { command: 'harden.server.showRuleDocs', arguments: ['root-user'] });
    const shown = await c.waitFor('showDocument', (evs) => evs.find((e) => e.kind === 'showDocument'));
    assert.match(shown.kind === 'showDocument' ? shown.params.uri : '', /\/docs\/rules\/root-user\.md$/);
  });

  it('clears diagnostics when a document closes', async () => {
    const u = uri('closing/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    await c.waitForPush(u, 1);
    const mark = c.events.length;
    c.close(u);
    const p = await c.waitForPush(u, undefined, mark);
    assert.deepEqual(p.diagnostics, []);
  });
});

describe('language server: project configuration and workspace diagnostics', () => {
  const root = path.join(tmp, 'ws');
  let c: TestClient;
  before(async () => {
    fs.mkdirSync(path.join(root, 'svc'), { recursive: true });
    fs.mkdirSync(path.join(root, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(root, '.harden.yaml'), 'rules:\n  sudo-in-run: off\n');
    fs.writeFileSync(path.join(root, 'svc', 'Dockerfile'), DOCKERFILE);
    fs.writeFileSync(path.join(root, 'svc', 'compose.yaml'), COMPOSE);
    fs.writeFileSync(path.join(root, 'node_modules', 'dep', 'Dockerfile'), DOCKERFILE);
    c = await TestClient.start({ pull: true, settings: {}, workspaceFolders: [fileUri(root)] });
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
  });

  it('reads the nearest .harden.yaml and re-reads it when it changes', async () => {
    const u = fileUri(path.join(root, 'svc', 'Dockerfile'));
    c.open(u, 'dockerfile', DOCKERFILE);
    const r = await c.pullDiagnostics(u);
    assert.equal(byRule(r.items, 'sudo-in-run').length, 0);
    assert.equal(byRule(r.items, 'root-user').length, 1);
    fs.writeFileSync(path.join(root, '.harden.yaml'), 'profile: restricted\n');
    const mark = c.events.length;
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(root, '.harden.yaml')), type: 2 }] });
    await c.waitFor('refresh', (evs) => evs.slice(mark).find((e) => e.kind === 'refresh'));
    const r2 = await c.pullDiagnostics(u);
    assert.equal(byRule(r2.items, 'sudo-in-run').length, 1);
    c.close(u);
  });

  it('harden/lintWorkspace reports closed files once, skipping node_modules, even with the setting off', async () => {
    const report: { items: Array<{ uri: string; kind: string; items: Diagnostic[] }> } = await c.conn.sendRequest('harden/lintWorkspace', {});
    const uris = report.items.map((i) => i.uri).sort();
    assert.deepEqual(uris, [fileUri(path.join(root, 'svc', 'Dockerfile')), fileUri(path.join(root, 'svc', 'compose.yaml'))].sort());
    const compose = report.items.find((i) => i.uri.endsWith('compose.yaml'))!;
    assert.equal(byRule(compose.items, 'privileged').length, 1);
  });

  it('workspace/diagnostic streams partial results when harden.workspaceDiagnostics is on', async () => {
    c.settings = { workspaceDiagnostics: true };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const mark = c.events.length;
    const result: { items: unknown[] } = await c.conn.sendRequest('workspace/diagnostic', { previousResultIds: [], partialResultToken: 'p1', workDoneToken: 'w1' });
    const partial = c.events.slice(mark).filter((e) => e.kind === 'progress' && e.params.token === 'p1');
    const streamed = partial.flatMap((e) => (e.kind === 'progress' ? (e.params.value as { items: Array<{ uri: string }> }).items : []));
    assert.equal(streamed.length + result.items.length, 2);
    assert.ok(c.events.slice(mark).some((e) => e.kind === 'progress' && e.params.token === 'w1'), 'work done progress');
  });
});

describe('language server: capabilities, cross-file findings, robustness, cancellation', () => {
  const root = path.join(tmp, 'xf');
  let c: TestClient;
  before(async () => {
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM debian:12\nUSER root\n');
    fs.writeFileSync(path.join(root, 'compose.yaml'), 'services:\n  web:\n    build: .\n');
    c = await TestClient.start({ pull: true, settings: {}, workspaceFolders: [fileUri(root)] });
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
  });

  it('announces pull diagnostics only to clients that support them', async () => {
    assert.ok(c.initializeResult.capabilities.diagnosticProvider);
    const push = await TestClient.start({ pull: false });
    assert.equal(push.initializeResult.capabilities.diagnosticProvider, undefined);
    assert.equal((push.initializeResult.capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
    assert.equal(await push.shutdown(), 0);
  });

  it('points a Compose finding at the Dockerfile it builds, and follows edits of that Dockerfile', async () => {
    const cu = fileUri(path.join(root, 'compose.yaml'));
    const du = fileUri(path.join(root, 'Dockerfile'));
    c.open(cu, 'dockercompose', fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'));
    const r = await c.pullDiagnostics(cu);
    const nonRoot = byRule(r.items, 'non-root-not-enforced');
    assert.equal(nonRoot.length, 1);
    assert.equal(nonRoot[0].relatedInformation?.[0].location.uri, du);
    assert.equal(nonRoot[0].relatedInformation?.[0].location.range.start.line, 1);
    // Edit the (open) Dockerfile: the Compose analysis is invalidated and the client asked to pull again.
    c.open(du, 'dockerfile', 'FROM debian:12\nUSER root\n');
    const mark = c.events.length;
    c.change(du, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } }, text: '10001' }]);
    await c.waitFor('refresh', (evs) => evs.slice(mark).find((e) => e.kind === 'refresh'));
    const r2 = await c.pullDiagnostics(cu);
    assert.equal(byRule(r2.items, 'non-root-not-enforced').length, 0);
  });

  it('takes settings from initializationOptions and didChangeConfiguration when the client has no workspace/configuration', async () => {
    const n = await TestClient.start({ pull: false, configuration: false, initializationOptions: { settings: { rules: { 'sudo-in-run': 'off' } } } });
    const u = uri('noconfig/Dockerfile');
    n.open(u, 'dockerfile', DOCKERFILE);
    const p1 = await n.waitForPush(u, 1);
    assert.equal(byRule(p1.diagnostics, 'sudo-in-run').length, 0);
    assert.equal(byRule(p1.diagnostics, 'root-user').length, 1);
    assert.ok(!n.events.some((e) => e.kind === 'configuration'));
    const mark = n.events.length;
    void n.conn.sendNotification('workspace/didChangeConfiguration', { settings: { harden: { rules: { 'root-user': 'info' } } } });
    const p2 = await n.waitForPush(u, 1, mark);
    assert.equal(byRule(p2.diagnostics, 'sudo-in-run').length, 1);
    assert.equal(byRule(p2.diagnostics, 'root-user')[0].severity, 3, 'severity from harden.rules');
    assert.equal(await n.shutdown(), 0);
  });

  it('reads a Compose file that the editor calls yaml (Neovim)', async () => {
    const u = uri('nvim/docker-compose.yml');
    c.open(u, 'yaml', COMPOSE);
    const r = await c.pullDiagnostics(u);
    assert.equal(byRule(r.items, 'privileged').length, 1);
  });

  it('survives junk, deep nesting and half-typed files, and keeps answering', async () => {
    const junk = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    const cases: Array<[string, string, string]> = [
      ['junk/Dockerfile', 'dockerfile', junk],
      ['junk/compose.yaml', 'dockercompose', junk],
      ['junk/pod.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nspec: ' + '['.repeat(20000)],
      ['junk/deep.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nspec:\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i + 1) + 'a:').join('\n')],
      ['junk/half/Dockerfile', 'dockerfile', 'FROM\nRUN --mount=\nUSER\n'],
    ];
    for (const [name, lang, text] of cases) {
      const u = uri(name);
      c.open(u, lang, text);
      const r = await c.pullDiagnostics(u);
      assert.ok(Array.isArray(r.items), name);
      await hover(c, u, 1, 2);
      await codeActions(c, u, r.items, ['quickfix', 'source.fixAll.harden']);
    }
    const u = uri('junk/after/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    assert.equal(byRule((await c.pullDiagnostics(u)).items, 'sudo-in-run').length, 1);
  });

  it('logged no error for well-formed traffic', () => {
    const errors = c.events.filter((e) => e.kind === 'log' && e.params.type === 1 && !/junk/.test(e.params.message));
    assert.deepEqual(errors, []);
  });

  it('a cancelled document pull asks the client to pull again (VS Code drops the document otherwise)', async () => {
    const u = uri('cancel/Dockerfile');
    c.open(u, 'dockerfile', DOCKERFILE);
    const source = new CancellationTokenSource();
    const pending = c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } }, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number; data?: { retriggerRequest?: boolean } }) => e.code === -32800 && e.data?.retriggerRequest === true);
  });

  it('honours cancellation of a waiting workspace diagnostic request', async () => {
    const source = new CancellationTokenSource();
    const pending = c.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] }, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
  });
});
