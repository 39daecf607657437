// The CLI's exposure features end to end (issue 8): the JSON `exposure` list, `--format
// exposure`, and `--fail-on-exposure-increase BASE.json` with its exit codes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ExposureIncrease, JsonExposure } from '../../server/src/engine/exposure/report';
import { CLEAN_K8S, runCli, runJson, tempTree } from './cli-helpers';

type WithExposure = { exposure: JsonExposure[]; exposureIncrease?: ExposureIncrease[] };

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: busybox
  containers:
    - name: app
      image: nginx
      securityContext:
        runAsNonRoot: true
        readOnlyRootFilesystem: true
        allowPrivilegeEscalation: false
        seccompProfile: { type: RuntimeDefault }
        capabilities: { drop: [ALL] }
  ephemeralContainers:
    - name: debug
      image: busybox
`;

const COMPOSE = `services:
  db:
    image: postgres
    read_only: true
  cache:
    image: redis
`;

const DOCKERFILE = 'FROM alpine AS build\nRUN true\nFROM alpine AS runtime\nUSER 1000\n';

/** Replace `from` by `to` in a file of the tree (the replacement must happen). */
function edit(dir: string, file: string, from: string, to: string): void {
  const p = path.join(dir, file);
  const text = fs.readFileSync(p, 'utf8');
  assert.ok(text.includes(from), `${file} holds ${from}`);
  fs.writeFileSync(p, text.replace(from, to));
}

function exposureOf(stdout: string): WithExposure {
  return JSON.parse(stdout) as WithExposure;
}

describe('cli exposure: JSON', () => {
  it('one entry per container (init and ephemeral too, Compose services, the final stage), sorted like findings', () => {
    const cwd = tempTree({ 'k8s/pod.yaml': POD, 'compose.yaml': COMPOSE, 'api/Dockerfile': DOCKERFILE, 'settings.yaml': CLEAN_K8S });
    const r = runJson(['--fail-on', 'never'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(r.json), ['tool', 'version', 'summary', 'findings', 'notes', 'exposure']);
    const list = (r.json as unknown as WithExposure).exposure;
    assert.deepEqual(
      list.map((e) => [e.file, e.line, e.column, e.object, e.container, e.format, e.runtime]),
      [
        ['api/Dockerfile', 3, 1, 'runtime', 'final stage', 'dockerfile', 'docker'],
        ['compose.yaml', 2, 3, undefined, 'db', 'compose', 'docker'],
        ['compose.yaml', 5, 3, undefined, 'cache', 'compose', 'docker'],
        ['k8s/pod.yaml', 7, 7, 'Pod/web', 'init', 'kubernetes', 'containerd'],
        ['k8s/pod.yaml', 10, 7, 'Pod/web', 'app', 'kubernetes', 'containerd'],
        ['k8s/pod.yaml', 19, 7, 'Pod/web', 'debug', 'kubernetes', 'containerd'],
      ],
    );
    const [df, db, cache, init, app] = list;
    assert.equal(df.runsAsRoot, false);
    assert.equal(db.rootFilesystemWritable, false);
    assert.equal(cache.rootFilesystemWritable, true);
    assert.equal(cache.runsAsRoot, null);
    // A pod that sets nothing runs Unconfined; the hardened container has the default profile and no capabilities.
    assert.deepEqual([init.seccomp.mode, init.syscalls.reachable === init.syscalls.total, init.capabilities.count > 0], ['unconfined', true, true]);
    assert.equal(app.seccomp.mode, 'default');
    assert.ok(app.syscalls.reachable! < app.syscalls.total);
    assert.deepEqual([app.capabilities.count, app.capabilities.held, app.runsAsRoot, app.privilegeEscalation], [0, [], false, false]);
    for (const e of list) assert.deepEqual(Object.keys(e.hostNamespaces), ['network', 'pid', 'ipc', 'uts', 'user']);
  });

  it('a file without containers gives none; findings are unchanged by the addition', () => {
    const cwd = tempTree({ 'settings.yaml': CLEAN_K8S });
    const r = runJson([], { cwd });
    assert.deepEqual((r.json as unknown as WithExposure).exposure, []);
    assert.deepEqual(r.json.findings, []);
    assert.ok(!('exposureIncrease' in r.json));
  });

  it('standard input is named by --stdin-filename', () => {
    const cwd = tempTree({});
    const r = runJson(['--fail-on', 'never', '--stdin-filename', 'deploy/compose.yaml', '-'], { cwd, input: COMPOSE });
    assert.deepEqual(
      (r.json as unknown as WithExposure).exposure.map((e) => [e.file, e.container]),
      [
        ['deploy/compose.yaml', 'db'],
        ['deploy/compose.yaml', 'cache'],
      ],
    );
  });
});

describe('cli exposure: --format exposure', () => {
  it('a plain table per file with each summary, and a closing line', () => {
    const cwd = tempTree({ 'pod.yaml': POD, 'compose.yaml': COMPOSE, 'settings.yaml': CLEAN_K8S });
    const r = runCli(['--format', 'exposure', '--fail-on', 'never'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('\x1b['), 'no colour on a pipe');
    const lines = r.stdout.split('\n');
    const at = (s: string): number => lines.indexOf(s);
    assert.ok(at('compose.yaml') >= 0 && at('pod.yaml') > at('compose.yaml'), r.stdout);
    assert.match(lines[at('compose.yaml') + 1], /^ {2}LINE +CONTAINER +SYSCALLS +CAPS +LSM +HOST NS +HOST PATHS +USER +ROOT FS +ESCALATION$/);
    assert.match(lines[at('compose.yaml') + 2], /^ {2}2 +db +\d+\/\d+ +14 \(NET_RAW\) +- +- +- +image +read-only +possible$/);
    assert.match(r.stdout, /^ {2}\d+ +Pod\/web init +(\d+)\/\1 unconfined +14 /m);
    assert.match(r.stdout, /^ {2}\d+ +Pod\/web app +\d+\/\d+ +0 +- +- +- +non-root +read-only +blocked$/m);
    assert.match(r.stdout, /^ {2}Pod\/web app: kernel: \d+ syscalls, no capabilities, non-root$/m);
    assert.match(r.stdout, /^settings\.yaml no containers$/m);
    assert.match(lines[lines.length - 2], /^3 files, 5 containers; findings: \d+ errors?, \d+ warnings?, \d+ info/);
    assert.equal(lines[lines.length - 1], '');
  });

  it('findings decide the exit code; --quiet leaves out files without containers; colour when forced', () => {
    const cwd = tempTree({ 'pod.yaml': POD, 'settings.yaml': CLEAN_K8S });
    const plain = runCli(['--format', 'exposure'], { cwd });
    const json = runJson([], { cwd });
    assert.equal(plain.code, json.code);
    assert.equal(plain.code, json.json.summary.error > 0 ? 1 : 0);
    assert.equal(runCli(['--format', 'exposure', 'settings.yaml'], { cwd }).code, 0);
    assert.equal(runCli(['--format', 'exposure', '--fail-on', 'info', 'pod.yaml'], { cwd }).code, 1);
    const quiet = runCli(['--format', 'exposure', '--quiet', '--fail-on', 'never'], { cwd });
    assert.ok(!quiet.stdout.includes('settings.yaml'));
    assert.ok(quiet.stdout.includes('pod.yaml'));
    assert.equal(runCli(['--format', 'exposure', '--quiet', 'settings.yaml'], { cwd }).stdout, '');
    const colour = runCli(['--format', 'exposure', '--fail-on', 'never'], { cwd, env: { FORCE_COLOR: '1' } });
    assert.ok(colour.stdout.includes('\x1b[1mpod.yaml\x1b[22m'), colour.stdout);
  });

  it('is listed in --help with the new flag', () => {
    const h = runCli(['--help'], { cwd: tempTree({}) });
    assert.match(h.stdout, /--format text\|json\|sarif\|exposure/);
    assert.match(h.stdout, /--fail-on-exposure-increase BASE\.json/);
  });
});

describe('cli exposure: --fail-on-exposure-increase', () => {
  /** A tree with a base run written by the CLI itself. */
  function withBase(files: Record<string, string>): string {
    const cwd = tempTree(files);
    const base = runCli(['--format', 'json', '--fail-on', 'never'], { cwd });
    assert.equal(base.code, 0, base.stderr);
    fs.writeFileSync(path.join(cwd, 'base.json'), base.stdout);
    return cwd;
  }
  const FILES = { 'pod.yaml': POD, 'compose.yaml': COMPOSE, 'Dockerfile': DOCKERFILE };
  const cmp = ['--fail-on-exposure-increase', 'base.json', '--fail-on', 'never'];

  it('an unchanged tree passes in every format, and the run reads its own JSON back', () => {
    const cwd = withBase(FILES);
    for (const format of ['text', 'json', 'sarif', 'exposure']) {
      const r = runCli([...cmp, '--format', format], { cwd });
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
    }
    const text = runCli(cmp, { cwd });
    assert.equal(text.stderr, 'harden: exposure compared with base.json: 0 containers widened; nothing wider\n');
    assert.equal(runCli([...cmp, '--quiet'], { cwd }).stderr, '');
    const json = runCli([...cmp, '--format', 'json'], { cwd });
    assert.equal(json.stderr, '');
    assert.deepEqual(exposureOf(json.stdout).exposureIncrease, []);
  });

  it('a widened container exits 1 and names each widening (stderr in text, exposureIncrease in JSON)', () => {
    const cwd = withBase(FILES);
    edit(cwd, 'pod.yaml', 'capabilities: { drop: [ALL] }', 'capabilities: { drop: [ALL], add: [NET_ADMIN, SYS_PTRACE] }');
    edit(cwd, 'pod.yaml', 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false');
    edit(cwd, 'compose.yaml', '    read_only: true\n', '    read_only: true\n    pid: host\n    privileged: true\n');
    const text = runCli(cmp, { cwd });
    assert.equal(text.code, 1, text.stderr);
    const err = text.stderr;
    assert.match(err, /^harden: compose\.yaml:2:3 {2}db: exposure widened:\n {4}privileged\n {4}reachable system calls \d+ -> \d+ \(\+\d+\); seccomp unconfined \(privileged: seccomp is off\), was default; newly reachable: .+\n {4}AppArmor unconfined \(privileged: no AppArmor profile\), was default\n {4}SELinux unconfined \(privileged: SELinux labelling is off\), was default\n {4}every capability \(\d+\), was 14\n {4}host PID namespace shared\n/m);
    // SYS_PTRACE also opens system calls the default profile keeps for it (kcmp...).
    assert.match(err, /^harden: pod\.yaml:10:7 {2}Pod\/web app: exposure widened:\n {4}reachable system calls (\d+) -> (\d+) \(\+\d+\); newly reachable: kcmp\n {4}capabilities added: NET_ADMIN, SYS_PTRACE \(0 -> 2\)\n {4}root filesystem writable \(was read-only\)\n/m);
    assert.match(err, /^harden: exposure compared with base\.json: 2 containers widened$/m);
    const json = runCli([...cmp, '--format', 'json'], { cwd });
    assert.equal(json.code, 1);
    const inc = exposureOf(json.stdout).exposureIncrease!;
    assert.deepEqual(
      inc.map((x) => [x.file, x.object, x.container, x.status, x.fails, x.changes.map((c) => c.kind)]),
      [
        ['compose.yaml', undefined, 'db', 'widened', true, ['privileged', 'syscalls', 'apparmor', 'selinux', 'capabilities', 'hostNamespace']],
        ['pod.yaml', 'Pod/web', 'app', 'widened', true, ['syscalls', 'capabilities', 'rootFilesystem']],
      ],
    );
    // SARIF on stdout stays SARIF; the widenings go to stderr.
    const sarif = runCli([...cmp, '--format', 'sarif'], { cwd });
    assert.equal(sarif.code, 1);
    assert.equal((JSON.parse(sarif.stdout) as { version: string }).version, '2.1.0');
    assert.match(sarif.stderr, /Pod\/web app: exposure widened/);
    // Findings and exposure both count: a clean run of findings still fails on the widening.
    assert.equal(runCli(['--fail-on-exposure-increase', 'base.json', '--fail-on', 'never', 'Dockerfile'], { cwd }).code, 0);
  });

  it('narrowing and removing pass', () => {
    const cwd = withBase(FILES);
    edit(cwd, 'compose.yaml', '  cache:\n    image: redis\n', '');
    edit(cwd, 'pod.yaml', '  initContainers:\n    - name: init\n      image: busybox\n', '  securityContext:\n    seccompProfile: { type: RuntimeDefault }\n');
    fs.rmSync(path.join(cwd, 'Dockerfile'));
    const r = runCli(cmp, { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'harden: exposure compared with base.json: 0 containers widened, 3 removed; nothing wider\n');
  });

  it('new containers are listed; only those wider than the runtime defaults fail', () => {
    const cwd = withBase(FILES);
    edit(cwd, 'compose.yaml', '  cache:\n', '  worker:\n    image: worker\n  cache:\n');
    const plainNew = runCli(cmp, { cwd });
    assert.equal(plainNew.code, 0, plainNew.stderr);
    assert.match(plainNew.stderr, /^harden: compose\.yaml:5:3 {2}worker: new container, no wider than the runtime defaults$/m);
    assert.match(plainNew.stderr, /1 new; nothing wider$/m);
    assert.equal(runCli([...cmp, '--quiet'], { cwd }).stderr, '', 'with --quiet only what fails is printed');
    edit(cwd, 'compose.yaml', '    image: worker\n', '    image: worker\n    network_mode: host\n    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]\n');
    const wide = runCli(cmp, { cwd });
    assert.equal(wide.code, 1);
    assert.match(wide.stderr, /worker: new container, wider than the runtime defaults:\n {4}host network namespace shared\n {4}host UTS namespace shared\n {4}host path \/var\/run\/docker\.sock mounted writable, a container runtime socket\n/);
    assert.match(wide.stderr, /1 new \(1 wider than the runtime defaults\)$/m);
    assert.match(runCli([...cmp, '--quiet'], { cwd }).stderr, /^harden: compose\.yaml:5:3 {2}worker: new container, wider than the runtime defaults:\n[^]*\nharden: exposure compared with base\.json: 0 containers widened, 1 new \(1 wider than the runtime defaults\)\n$/);
    const json = exposureOf(runCli([...cmp, '--format', 'json'], { cwd }).stdout);
    assert.deepEqual(
      json.exposureIncrease!.map((x) => [x.container, x.status, x.fails]),
      [['worker', 'new', true]],
    );
  });

  it('a new Kubernetes container that sets nothing is no wider than the defaults (Unconfined there)', () => {
    const cwd = withBase({ 'pod.yaml': POD });
    edit(cwd, 'pod.yaml', '  ephemeralContainers:', '    - name: extra\n      image: x\n  ephemeralContainers:');
    const r = runCli(cmp, { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Pod\/web extra: new container, no wider than the runtime defaults/);
  });

  it('a broken, missing or foreign BASE.json exits 2 with one line and prints no report', () => {
    const cwd = tempTree({ 'compose.yaml': COMPOSE, 'broken.json': '{"tool": "harden", "exposure": [', 'old.json': '{"tool":"harden","version":"0.1.0","summary":{},"findings":[]}', 'bad.json': '{"tool":"harden","exposure":[{"file":"x"}]}', 'other.json': '{"version": 1}' });
    const cases: Array<[string, RegExp]> = [
      ['broken.json', /^harden: broken\.json: not JSON \(/],
      ['missing.json', /^harden: missing\.json: cannot read: /],
      ['old.json', /^harden: old\.json: has no "exposure" list/],
      ['bad.json', /^harden: bad\.json: exposure\[0\] has no container\n$/],
      ['other.json', /^harden: other\.json: not the output of harden --format json\n$/],
    ];
    for (const [file, re] of cases)
      for (const format of ['text', 'json']) {
        const r = runCli(['--fail-on-exposure-increase', file, '--format', format], { cwd });
        assert.equal(r.code, 2, `${file} ${format}`);
        assert.equal(r.stdout, '', `${file} ${format}`);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, re);
      }
    const usage = runCli(['--fail-on-exposure-increase'], { cwd });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--fail-on-exposure-increase needs a value/);
  });
});
