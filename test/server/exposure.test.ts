// The kernel exposure in the language server (issue 8): code lenses, the hover card with what each
// fix removes, exposure facts in the seccomp and capability hovers, the setting that turns the
// lenses off, broken input and cancellation. Expected texts come from the engine itself.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, type CodeLens, type Hover } from 'vscode-languageserver-protocol/node';
import { analyze, DEFAULT_PROFILE } from '../../server/src/engine';
import { exposureDeltas, exposureHoverMarkdown, exposureOf, exposureSummary } from '../../server/src/engine/exposure/model';
import { SHOW_EXPOSURE_CLIENT_COMMAND, SHOW_EXPOSURE_SERVER_COMMAND } from '../../server/src/lsp/exposure';
import { normaliseSettings } from '../../server/src/lsp/settings';
import { ensureServerBuilt, fileUri, TestClient } from './lsp-client';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      hostPID: true
      initContainers:
        - name: setup
          image: busybox:1.36
      containers:
        - name: api
          image: example/api:1.0
          securityContext:
            seccompProfile:
              type: Unconfined
            capabilities:
              add: ["SYS_ADMIN"]
        - name: sidecar
          image: example/log:1.4
          securityContext:
            seccompProfile:
              type: RuntimeDefault
            capabilities:
              drop: ["ALL"]
              add: ["NET_BIND_SERVICE"]
`;

const COMPOSE = `services:
  web:
    image: nginx:1.27
    cap_add: [SYS_PTRACE]
    security_opt:
      - seccomp=unconfined
  db:
    image: postgres:16
    read_only: true
`;

const DOCKERFILE = `FROM golang:1.23 AS build
RUN go build -o /app .
FROM debian:12-slim
COPY --from=build /app /app
USER 10001
`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-exposure-'));
const file = (name: string): string => path.join(tmp, name);
const uri = (name: string): string => fileUri(file(name));

/** What the engine says for a file analysed as the server does (default profile). */
function expected(name: string, text: string) {
  const input = { file: file(name), text, config: { profile: DEFAULT_PROFILE } };
  const analysis = analyze(input);
  const exposures = exposureOf(analysis);
  const line = (offset: number): number => analysis.lines.position(offset).line;
  return { input, analysis, exposures, line };
}

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return text.slice(0, i).split('\n').length - 1;
}

function columnOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  return i - text.lastIndexOf('\n', i) - 1;
}

async function lenses(c: TestClient, docUri: string): Promise<CodeLens[]> {
  return c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: docUri } });
}

async function hoverText(c: TestClient, docUri: string, line: number, character: number): Promise<string> {
  const h: Hover | null = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: docUri }, position: { line, character } });
  if (!h) return '';
  return (h.contents as { value: string }).value;
}

before(() => ensureServerBuilt());
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('kernel exposure: code lenses', () => {
  let c: TestClient;
  before(async () => {
    c = await TestClient.start({ pull: true, settings: {} });
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
  });

  it('advertises code lenses and the server-side lens command', () => {
    const caps = c.initializeResult.capabilities as { codeLensProvider?: unknown; executeCommandProvider?: { commands: string[] } };
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
    assert.ok(caps.executeCommandProvider?.commands.includes(SHOW_EXPOSURE_SERVER_COMMAND));
  });

  it('a Kubernetes manifest: one lens per container (init containers too) on its name line, titled with the engine summary', async () => {
    const u = uri('k8s/deployment.yaml');
    c.open(u, 'yaml', DEPLOYMENT);
    const got = await lenses(c, u);
    const want = expected('k8s/deployment.yaml', DEPLOYMENT);
    assert.equal(want.exposures.length, 3);
    assert.deepEqual(got.map((l) => [l.range.start.line, l.command?.title]), want.exposures.map((e) => [want.line(e.span.start), exposureSummary(e)]));
    assert.deepEqual(got.map((l) => l.range.start.line), [lineOf(DEPLOYMENT, '- name: setup'), lineOf(DEPLOYMENT, '- name: api'), lineOf(DEPLOYMENT, '- name: sidecar')]);
    assert.equal(got[1].range.start.character, columnOf(DEPLOYMENT, '- name: api') + 2);
    // What the issue asks for: counts, capabilities, host PID, the user.
    assert.match(got[1].command!.title, /^kernel: all \d+ syscalls, \d+ capabilities, host PID shared, may run as root$/);
    assert.match(got[2].command!.title, /^kernel: \d+ syscalls, 1 capability, host PID shared/);
    for (const l of got) {
      assert.equal(l.command!.command, SHOW_EXPOSURE_SERVER_COMMAND);
      assert.deepEqual(l.command!.arguments, [u, l.range.start]);
    }
    assert.match(got[1].command!.tooltip!, /^System calls it should not reach: mount, umount2, unshare, setns, bpf, keyctl, add_key, ptrace and \d+ more\./);
    assert.match(got[1].command!.tooltip!, /CAP_SYS_ADMIN/);
  });

  it('a Compose file: one lens per service on its key; a Dockerfile: one on the final FROM', async () => {
    const cu = uri('compose.yaml');
    c.open(cu, 'dockercompose', COMPOSE);
    const cw = expected('compose.yaml', COMPOSE);
    const cl = await lenses(c, cu);
    assert.deepEqual(cl.map((l) => [l.range.start.line, l.command?.title]), cw.exposures.map((e) => [cw.line(e.span.start), exposureSummary(e)]));
    assert.deepEqual(cl.map((l) => l.range.start.line), [1, 6]);
    assert.match(cl[0].command!.title, /^kernel: all \d+ syscalls, 15 capabilities/);

    const du = uri('Dockerfile');
    c.open(du, 'dockerfile', DOCKERFILE);
    const dw = expected('Dockerfile', DOCKERFILE);
    const dl = await lenses(c, du);
    assert.equal(dl.length, 1);
    assert.equal(dl[0].range.start.line, lineOf(DOCKERFILE, 'FROM debian'));
    assert.equal(dl[0].command!.title, exposureSummary(dw.exposures[0]));
    assert.match(dl[0].command!.title, /non-root$/);

    // Their hovers: the service key and the final FROM carry the card; the first FROM does not.
    const web = await hoverText(c, cu, 1, 3);
    assert.match(web, /^\*\*Kernel exposure of service `web`\*\* \(Docker defaults, x86-64\)/);
    assert.match(web, /\n- Remove this `security_opt` entry \(unsafe\): -\d+ syscalls\n/);
    const db = await hoverText(c, cu, 6, 3);
    assert.match(db, /^\*\*Kernel exposure of service `db`\*\*/);
    assert.match(db, /\n- Harden service db [^\n]*\(unsafe\): -1 syscalls, -14 capabilities, runs as non-root, no privilege escalation\n/);
    assert.match(await hoverText(c, du, lineOf(DOCKERFILE, 'FROM debian'), 1), /^\*\*Kernel exposure of final stage/);
    assert.doesNotMatch(await hoverText(c, du, 0, 1), /Kernel exposure/);
  });

  it('the hover on a container name shows the card with what each fix removes, the restricted profile included', async () => {
    const u = uri('k8s/deployment.yaml');
    const want = expected('k8s/deployment.yaml', DEPLOYMENT);
    const api = want.exposures.find((e) => e.container === 'api')!;
    const text = await hoverText(c, u, lineOf(DEPLOYMENT, '- name: api'), columnOf(DEPLOYMENT, '- name: api') + 4);
    const card = exposureHoverMarkdown(api, exposureDeltas(want.input, want.analysis, api));
    assert.ok(text.startsWith(card), `the hover starts with the engine's card:\n${text}`);
    assert.match(text, /\*\*Kernel exposure of container `api` of Deployment\/api\*\*/);
    // The bundle also turns the container's own Unconfined into RuntimeDefault and removes SYS_ADMIN.
    assert.match(text, /\n- Apply the Pod Security restricted profile to Deployment\/api \(unsafe\): -\d+ syscalls, -15 capabilities, host PID namespace no longer shared/);
    assert.match(text, /\n- Use seccompProfile type RuntimeDefault \(unsafe\): -\d+ syscalls/);
    assert.match(text, /`mount`, `umount2`: mounts and unmounts file systems/);
    // A container without a seccomp profile of its own: the restricted profile removes system calls too.
    const setup = await hoverText(c, u, lineOf(DEPLOYMENT, '- name: setup'), columnOf(DEPLOYMENT, '- name: setup') + 4);
    assert.match(setup, /\n- Apply the Pod Security restricted profile to Deployment\/api \(unsafe\): -\d+ syscalls, -14 capabilities/);
    // A second hover answers from the cache with the same text.
    assert.equal(await hoverText(c, u, lineOf(DEPLOYMENT, '- name: api'), columnOf(DEPLOYMENT, '- name: api') + 2), text);
  });

  it('the hover on seccompProfile and on a capability name carries the same data', async () => {
    const u = uri('k8s/deployment.yaml');
    const seccomp = await hoverText(c, u, lineOf(DEPLOYMENT, 'seccompProfile'), columnOf(DEPLOYMENT, 'seccompProfile') + 3);
    assert.match(seccomp, /\*\*seccompProfile\*\*/, 'the key knowledge stays');
    assert.match(seccomp, /The containerd default profile \(`RuntimeDefault`\) blocks \d+ of the \d+ x86-64 system calls, among them `mount`/);
    assert.match(seccomp, /`api` \(Deployment\/api\): seccomp unconfined \(seccompProfile\.type: Unconfined\): (\d+) of \1 system calls reachable/);
    assert.doesNotMatch(seccomp, /`sidecar`/, 'a container-level profile speaks of its container only');
    const unconfined = await hoverText(c, u, lineOf(DEPLOYMENT, 'Unconfined'), columnOf(DEPLOYMENT, 'Unconfined') + 2);
    assert.match(unconfined, /The default profile would remove \d+\./);
    const runtimeDefault = await hoverText(c, u, lineOf(DEPLOYMENT, 'RuntimeDefault'), columnOf(DEPLOYMENT, 'RuntimeDefault') + 2);
    assert.match(runtimeDefault, /`sidecar` \(Deployment\/api\): seccomp default/);

    const cap = await hoverText(c, u, lineOf(DEPLOYMENT, 'SYS_ADMIN'), columnOf(DEPLOYMENT, 'SYS_ADMIN') + 2);
    assert.match(cap, /\*\*Capability `SYS_ADMIN`\*\*/);
    assert.match(cap, /holding `CAP_SYS_ADMIN` also lets through \d+ system calls: [^\n]*`mount`/);
    assert.match(cap, /`api` \(Deployment\/api\) holds `CAP_SYS_ADMIN` \(\d+ capabilities in all\); seccomp is off/);
    const nbs = await hoverText(c, u, lineOf(DEPLOYMENT, 'NET_BIND_SERVICE'), columnOf(DEPLOYMENT, 'NET_BIND_SERVICE') + 2);
    assert.match(nbs, /`sidecar` \(Deployment\/api\) holds `CAP_NET_BIND_SERVICE` \(1 capabilities in all\)\./);

    const cu = uri('compose.yaml');
    const opt = await hoverText(c, cu, lineOf(COMPOSE, 'seccomp=unconfined'), columnOf(COMPOSE, 'seccomp=unconfined') + 2);
    assert.match(opt, /Docker's default profile blocks \d+ of the \d+ x86-64 system calls/);
    assert.match(opt, /`web`: seccomp unconfined \(security_opt: seccomp=unconfined\)/);
    const ptrace = await hoverText(c, cu, lineOf(COMPOSE, 'SYS_PTRACE'), columnOf(COMPOSE, 'SYS_PTRACE') + 2);
    assert.match(ptrace, /holding `CAP_SYS_PTRACE` also lets through \d+ system calls?: /);
  });

  it('a broken YAML document gives no lens for its containers and breaks nothing else', async () => {
    const u = uri('broken/compose.yaml');
    c.open(u, 'dockercompose', 'services:\n  web:\n    image: [nginx\n    privileged: true\n');
    assert.deepEqual(await lenses(c, u), []);
    await hoverText(c, u, 1, 3);
    const two = uri('broken/two.yaml');
    const good = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n';
    c.open(two, 'yaml', `${good}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n    - name: x\n      image: [nginx\n`);
    const got = await lenses(c, two);
    assert.deepEqual(got.map((l) => l.range.start.line), [6], 'only the intact document has a lens');
    assert.deepEqual(await lenses(c, uri('never-opened.yaml')), []);
  });

  it('a cancelled hover answers RequestCancelled; the next one answers', async () => {
    const u = uri('cancel/deployment.yaml');
    c.open(u, 'yaml', DEPLOYMENT);
    const line = lineOf(DEPLOYMENT, '- name: sidecar');
    const source = new CancellationTokenSource();
    const pending = c.conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line, character: 12 } }, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
    assert.match(await hoverText(c, u, line, 12), /Kernel exposure of container `sidecar`/);
  });

  it('the server-side lens command sends the card as a message (clients without the extension)', async () => {
    const messages: string[] = [];
    c.conn.onNotification('window/showMessage', (p: { message: string }) => {
      messages.push(p.message);
    });
    const u = uri('k8s/deployment.yaml');
    const [, lens] = await lenses(c, u);
    await c.conn.sendRequest('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    await c.waitFor('the card as a message', () => (messages.length ? true : undefined));
    assert.match(messages[0], /^Kernel exposure of container api of Deployment\/api/);
    assert.match(messages[0], /Apply the Pod Security restricted profile/);
    assert.doesNotMatch(messages[0], /\*\*|`/);
    // Malformed arguments do nothing.
    for (const args of [undefined, [], [u], [u, { line: -1, character: 0 }], [42, { line: 0, character: 0 }]])
      assert.equal(await c.conn.sendRequest('workspace/executeCommand', { command: SHOW_EXPOSURE_SERVER_COMMAND, arguments: args }), null);
  });

  it('logged no error', () => {
    assert.deepEqual(c.events.filter((e) => e.kind === 'log' && e.params.type === 1), []);
  });
});

describe('kernel exposure: the harden.exposure.codeLens setting and the VS Code command', () => {
  it('reads the nested (VS Code) and the flat spelling', () => {
    assert.equal(normaliseSettings({}).exposureCodeLens, true);
    assert.equal(normaliseSettings({ exposure: { codeLens: false } }).exposureCodeLens, false);
    assert.equal(normaliseSettings({ 'exposure.codeLens': false }).exposureCodeLens, false);
    assert.equal(normaliseSettings({ exposure: { codeLens: 'no' } }).exposureCodeLens, true);
  });

  it('off: no lens (hovers keep the card); switched on: the client is asked to refresh and lenses come back', async () => {
    const c = await TestClient.start({ pull: true, settings: { exposure: { codeLens: false } }, codeLensRefresh: true, initializationOptions: { client: 'harden-vscode' } });
    try {
      const u = uri('setting/deployment.yaml');
      c.open(u, 'yaml', DEPLOYMENT);
      assert.deepEqual(await lenses(c, u), []);
      assert.match(await hoverText(c, u, lineOf(DEPLOYMENT, '- name: api'), columnOf(DEPLOYMENT, '- name: api') + 2), /Kernel exposure of container `api`/);
      const before = c.events.length;
      c.settings = { exposure: { codeLens: true } };
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await c.waitFor('a code lens refresh', (evs) => (evs.slice(before).some((e) => e.kind === 'codeLensRefresh') ? true : undefined));
      const got = await lenses(c, u);
      assert.equal(got.length, 3);
      // Our extension gets its own command, which opens the hover at the lens.
      assert.equal(got[0].command!.command, SHOW_EXPOSURE_CLIENT_COMMAND);
    } finally {
      assert.equal(await c.shutdown(), 0);
    }
  });

  it('harden.enable off: no lens either', async () => {
    const c = await TestClient.start({ pull: true, settings: { enable: false } });
    try {
      const u = uri('disabled/deployment.yaml');
      c.open(u, 'yaml', DEPLOYMENT);
      assert.deepEqual(await lenses(c, u), []);
    } finally {
      assert.equal(await c.shutdown(), 0);
    }
  });
});
