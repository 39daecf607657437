// The exposure report (server/src/engine/exposure/report.ts): the JSON entries, reading a base run
// back, the comparison behind --fail-on-exposure-increase (every kind of widening, narrowings,
// new, removed and moved containers) and the text table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/engine/text';
import { compareExposure, exposureJson, fileKey, runtimeDefaults, exposureTable, exposureWidenings, increaseLines, parseExposureBase, sortExposure, type JsonExposure } from '../../server/src/engine/exposure/report';
import type { ContainerExposure } from '../../server/src/engine/exposure/types';

type Patch = { [K in keyof JsonExposure]?: JsonExposure[K] extends object ? Partial<JsonExposure[K]> | JsonExposure[K] : JsonExposure[K] };

const DOCKER_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'NET_BIND_SERVICE', 'NET_RAW', 'SYS_CHROOT', 'MKNOD', 'AUDIT_WRITE', 'SETFCAP'];

/** A Kubernetes container with what a pod that sets nothing gets, changed by `p`. */
function entry(p: Patch = {}): JsonExposure {
  const base: JsonExposure = {
    file: 'deploy/web.yaml',
    line: 10,
    column: 9,
    object: 'Deployment/web',
    container: 'app',
    format: 'kubernetes',
    runtime: 'containerd',
    arch: 'x86_64',
    privileged: false,
    seccomp: { mode: 'default', reason: 'RuntimeDefault' },
    apparmor: { mode: 'default', reason: 'not set' },
    selinux: { mode: 'default', reason: 'not set' },
    syscalls: { total: 373, reachable: 330, notable: ['ptrace'], filtered: ['clone'] },
    capabilities: { count: DOCKER_CAPS.length, held: DOCKER_CAPS, all: false, notable: ['NET_RAW'], uncertain: false },
    hostNamespaces: { network: false, pid: false, ipc: false, uts: false, user: true },
    hostPaths: [],
    runsAsRoot: null,
    rootFilesystemWritable: true,
    privilegeEscalation: true,
  };
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(p)) {
    const old = (base as unknown as Record<string, unknown>)[k];
    if (v === undefined) delete out[k];
    else out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && typeof old === 'object' && old !== null && !Array.isArray(old) ? { ...old, ...v } : v;
  }
  return out as unknown as JsonExposure;
}

const caps = (held: string[], extra: Partial<JsonExposure['capabilities']> = {}): JsonExposure['capabilities'] => ({ count: held.length, held, all: false, notable: [], uncertain: false, ...extra });
const kinds = (before: JsonExposure, after: JsonExposure): string[] => exposureWidenings(before, after).map((c) => c.kind);

describe('exposure report: widenings', () => {
  it('an identical container has none', () => {
    assert.deepEqual(exposureWidenings(entry(), entry()), []);
  });

  it('more reachable system calls, with the newly reachable notable ones', () => {
    const w = exposureWidenings(entry(), entry({ syscalls: { reachable: 340, notable: ['ptrace', 'mount', 'bpf'] } }));
    assert.deepEqual(
      w.map((c) => c.kind),
      ['syscalls'],
    );
    assert.match(w[0].message, /330 -> 340 \(\+10\)/);
    assert.match(w[0].message, /newly reachable: mount, bpf/);
  });

  it('counted -> unconfined, and custom -> unconfined (not counted before)', () => {
    const unconfined = entry({ seccomp: { mode: 'unconfined', reason: 'seccompProfile.type: Unconfined' }, syscalls: { reachable: 373 } });
    const w = exposureWidenings(entry(), unconfined);
    assert.equal(w.length, 1);
    assert.match(w[0].message, /330 -> 373/);
    assert.match(w[0].message, /seccomp unconfined \(seccompProfile\.type: Unconfined\), was default/);
    const custom = entry({ seccomp: { mode: 'custom', reason: 'Localhost' }, syscalls: { reachable: null } });
    assert.deepEqual(kinds(custom, unconfined), ['syscalls']);
    assert.match(exposureWidenings(custom, unconfined)[0].message, /was custom/);
  });

  it('counted -> custom or unknown is not a widening (not counted); fewer system calls neither', () => {
    assert.deepEqual(kinds(entry(), entry({ seccomp: { mode: 'custom', reason: 'Localhost' }, syscalls: { reachable: null } })), []);
    assert.deepEqual(kinds(entry(), entry({ seccomp: { mode: 'unknown', reason: '${PROFILE}' }, syscalls: { reachable: null } })), []);
    assert.deepEqual(kinds(entry(), entry({ syscalls: { reachable: 300, notable: [] } })), []);
  });

  it('counts of different architectures are not compared', () => {
    assert.deepEqual(kinds(entry(), entry({ arch: 'arm64', syscalls: { total: 400, reachable: 350, notable: ['ptrace', 'mount'] } })), []);
    assert.deepEqual(kinds(entry(), entry({ arch: 'arm64', seccomp: { mode: 'unconfined', reason: 'x' }, syscalls: { total: 400, reachable: 400 } })), ['syscalls']);
    // Another syscall table (a base from a Harden with other data): counts not compared, a newly unconfined mode still is.
    assert.deepEqual(kinds(entry(), entry({ syscalls: { total: 380, reachable: 335, notable: ['ptrace', 'bpf'] } })), []);
    assert.deepEqual(kinds(entry(), entry({ seccomp: { mode: 'unconfined', reason: 'x' }, syscalls: { total: 380, reachable: 380 } })), ['syscalls']);
  });

  it('capabilities added are listed; every capability; dropping is fine', () => {
    const w = exposureWidenings(entry(), entry({ capabilities: caps([...DOCKER_CAPS, 'NET_ADMIN', 'SYS_ADMIN']) }));
    assert.deepEqual(
      w.map((c) => c.message),
      ['capabilities added: NET_ADMIN, SYS_ADMIN (14 -> 16)'],
    );
    assert.deepEqual(kinds(entry(), entry({ capabilities: caps(['CHOWN']) })), []);
    assert.deepEqual(kinds(entry(), entry({ capabilities: caps(['SYS_ADMIN'], {}) })), ['capabilities']);
    const all = exposureWidenings(entry(), entry({ capabilities: caps(new Array(41).fill('X').map((x, i) => x + i), { all: true }) }));
    assert.deepEqual(
      all.map((c) => c.message),
      ['every capability (41), was 14'],
    );
    // From all to a set: narrower.
    assert.deepEqual(kinds(entry({ capabilities: caps(DOCKER_CAPS, { all: true }) }), entry({ capabilities: caps(['CHOWN', 'SYS_ADMIN']) })), []);
  });

  it('a host namespace newly shared, each named', () => {
    const w = exposureWidenings(entry({ hostNamespaces: { user: false } }), entry({ hostNamespaces: { pid: true, network: true, user: true } }));
    assert.deepEqual(
      w.map((c) => c.message),
      ['host network namespace shared', 'host PID namespace shared', 'no user namespace of its own (uid 0 inside is uid 0 on the host)'],
    );
    assert.deepEqual(kinds(entry({ hostNamespaces: { ipc: true, uts: true } }), entry()), []);
    assert.deepEqual(kinds(entry(), entry({ hostNamespaces: { ipc: true, uts: true } })), ['hostNamespace', 'hostNamespace']);
  });

  it('a new host path or socket mount; a read-only mount now writable; an unmount is fine', () => {
    const before = entry({ hostPaths: [{ path: '/data', readOnly: true, socket: false }] });
    const w = exposureWidenings(before, entry({ hostPaths: [{ path: '/data', readOnly: false, socket: false }, { path: '/var/run/docker.sock', readOnly: true, socket: true }] }));
    assert.deepEqual(
      w.map((c) => c.message),
      ['host path /data now writable (was read-only)', 'host path /var/run/docker.sock mounted read-only, a container runtime socket'],
    );
    assert.deepEqual(kinds(before, entry()), []);
    assert.deepEqual(kinds(entry({ hostPaths: [{ path: '/data', readOnly: false, socket: false }] }), before), []);
    // The same path mounted twice, once writable: writable.
    assert.deepEqual(kinds(before, entry({ hostPaths: [{ path: '/data', readOnly: true, socket: false }, { path: '/data', readOnly: false, socket: false }] })), ['hostPath']);
  });

  it('runs as root, root filesystem writable, escalation possible, privileged', () => {
    const tight = entry({ runsAsRoot: false, rootFilesystemWritable: false, privilegeEscalation: false });
    assert.deepEqual(kinds(tight, entry({ runsAsRoot: true })), ['runsAsRoot', 'rootFilesystem', 'privilegeEscalation']);
    assert.deepEqual(
      exposureWidenings(tight, entry({ runsAsRoot: true })).map((c) => c.message),
      ['runs as root (was non-root)', 'root filesystem writable (was read-only)', 'privilege escalation possible (no_new_privs off)'],
    );
    assert.match(exposureWidenings(entry({ runsAsRoot: null }), entry({ runsAsRoot: true }))[0].message, /was up to the image/);
    assert.deepEqual(kinds(entry({ runsAsRoot: true }), entry({ runsAsRoot: null })), []);
    assert.deepEqual(kinds(entry({ runsAsRoot: true }), entry({ runsAsRoot: false })), []);
    assert.deepEqual(kinds(entry(), entry({ privileged: true })), ['privileged']);
    assert.deepEqual(kinds(entry({ privileged: true }), entry()), []);
  });

  it('AppArmor or SELinux turned off; custom or back to default is no widening; a base without them is not compared on them', () => {
    const off = (k: 'apparmor' | 'selinux'): JsonExposure => entry({ [k]: { mode: 'unconfined', reason: k === 'apparmor' ? 'security_opt: apparmor=unconfined' : 'security_opt: label=disable' } });
    assert.deepEqual(kinds(entry(), off('apparmor')), ['apparmor']);
    assert.deepEqual(exposureWidenings(entry(), off('selinux')).map((c) => c.message), ['SELinux unconfined (security_opt: label=disable), was default']);
    assert.deepEqual(kinds(off('apparmor'), entry()), []);
    assert.deepEqual(kinds(entry(), entry({ selinux: { mode: 'custom', reason: 'type' } })), []);
    const older = entry({ apparmor: undefined, selinux: undefined });
    assert.deepEqual(kinds(older, off('apparmor')), []);
    const back = parseExposureBase(JSON.stringify({ tool: 'harden', exposure: [older] }));
    assert.ok(back.ok, 'a base written before AppArmor and SELinux were modelled is read');
  });

  it('a hardened container compared with the open one: nothing widened', () => {
    const open = entry({ privileged: true, seccomp: { mode: 'unconfined', reason: 'privileged' }, syscalls: { reachable: 373, notable: ['ptrace', 'mount', 'bpf'] }, capabilities: caps(['ALL'], { all: true }), hostNamespaces: { pid: true, network: true }, hostPaths: [{ path: '/', readOnly: false, socket: false }], runsAsRoot: true });
    const hardened = entry({ capabilities: caps(['NET_BIND_SERVICE']), runsAsRoot: false, rootFilesystemWritable: false, privilegeEscalation: false, hostNamespaces: { user: false } });
    assert.deepEqual(exposureWidenings(open, hardened), []);
    assert.ok(exposureWidenings(hardened, open).length >= 9);
  });
});

describe('exposure report: comparing runs', () => {
  it('matches by file, object and container; only widened containers are reported', () => {
    const base = [entry(), entry({ container: 'sidecar', line: 20 }), entry({ file: 'compose.yaml', object: undefined, container: 'db', format: 'compose', runtime: 'docker' })];
    const current = [entry({ line: 12 }), entry({ container: 'sidecar', line: 22, capabilities: caps([...DOCKER_CAPS, 'SYS_PTRACE']) }), { ...base[2], runsAsRoot: true }];
    const r = compareExposure(base, current);
    assert.equal(r.failed, true);
    assert.equal(r.removed, 0);
    assert.deepEqual(
      r.increases.map((x) => [x.file, x.object, x.container, x.status, x.fails, x.changes.map((c) => c.kind)]),
      [
        ['compose.yaml', undefined, 'db', 'widened', true, ['runsAsRoot']],
        ['deploy/web.yaml', 'Deployment/web', 'sidecar', 'widened', true, ['capabilities']],
      ],
    );
    assert.equal(r.increases[1].line, 22, 'reported where the container is now');
  });

  it('narrowing passes; removed containers are counted and pass', () => {
    const base = [entry({ privileged: true }), entry({ container: 'gone' })];
    const r = compareExposure(base, [entry({ runsAsRoot: false })]);
    assert.deepEqual(r, { increases: [], removed: 1, failed: false });
    assert.deepEqual(compareExposure(base, []), { increases: [], removed: 2, failed: false });
  });

  it('a new container is listed; it fails only where it is wider than the runtime defaults', () => {
    const defaults = (e: JsonExposure): JsonExposure => ({ ...entry(), file: e.file, object: e.object, container: e.container });
    const plain = entry({ object: 'Deployment/api', container: 'api' });
    const open = entry({ object: 'Deployment/debug', container: 'shell', hostNamespaces: { pid: true }, capabilities: caps([...DOCKER_CAPS, 'SYS_ADMIN']) });
    const r = compareExposure([entry()], [entry(), plain, open], { defaults });
    assert.equal(r.failed, true);
    assert.deepEqual(
      r.increases.map((x) => [x.object, x.status, x.fails, x.changes.map((c) => c.message)]),
      [
        ['Deployment/api', 'new', false, []],
        ['Deployment/debug', 'new', true, ['capabilities added: SYS_ADMIN (14 -> 15)', 'host PID namespace shared']],
      ],
    );
    assert.equal(compareExposure([entry()], [entry(), plain], { defaults }).failed, false);
    // Without defaults a new container never fails.
    assert.equal(compareExposure([], [open]).failed, false);
    assert.equal(compareExposure([], [open]).increases[0].status, 'new');
  });

  it('a file repeating one container name is matched in order', () => {
    const base = [entry({ line: 5 }), entry({ line: 30, runsAsRoot: false })];
    const r = compareExposure(base, [entry({ line: 5 }), entry({ line: 30, runsAsRoot: true })]);
    assert.deepEqual(
      r.increases.map((x) => [x.line, x.changes.map((c) => c.kind)]),
      [[30, ['runsAsRoot']]],
    );
  });

  it("a Dockerfile's final stage is matched by its file when its label changes", () => {
    const df = (label: string, p: Patch = {}): JsonExposure => entry({ file: 'api/Dockerfile', object: label, container: 'final stage', format: 'dockerfile', runtime: 'docker', ...p });
    const r = compareExposure([df('build')], [df('runtime', { runsAsRoot: true })], { defaults: () => entry() });
    assert.deepEqual(
      r.increases.map((x) => [x.status, x.object, x.changes.map((c) => c.kind)]),
      [['widened', 'runtime', ['runsAsRoot']]],
    );
    assert.equal(r.removed, 0);
  });

  it('a renamed file: base containers of files not linted any more match by format, object and container', () => {
    const base = [entry({ file: 'old/web.yaml' })];
    const r = compareExposure(base, [entry({ file: 'new/web.yaml', privileged: true })], { linted: ['new/web.yaml'] });
    assert.deepEqual(
      r.increases.map((x) => [x.status, x.file, x.baseFile, x.changes.map((c) => c.kind)]),
      [['widened', 'new/web.yaml', 'old/web.yaml', ['privileged']]],
    );
    assert.equal(r.removed, 0);
    // The old file still linted: the container in the new file is new, not moved.
    const both = compareExposure(base, [entry({ file: 'old/web.yaml' }), entry({ file: 'new/web.yaml', privileged: true })]);
    assert.deepEqual(
      both.increases.map((x) => [x.status, x.file]),
      [['new', 'new/web.yaml']],
    );
  });

  it('file names are compared normalised (./a//b.yaml is a/b.yaml)', () => {
    const r = compareExposure([entry({ file: './deploy//web.yaml', runsAsRoot: false })], [entry({ runsAsRoot: true })], { linted: ['deploy/web.yaml'] });
    assert.deepEqual(
      r.increases.map((x) => [x.status, x.baseFile, x.changes.map((c) => c.kind)]),
      [['widened', undefined, ['runsAsRoot']]],
    );
    assert.deepEqual(['./a.yaml', 'a//b/./c', '/abs/x', '.', './'].map(fileKey), ['a.yaml', 'a/b/c', '/abs/x', '.', '.']);
  });

  it('increase lines name the place and each change', () => {
    const r = compareExposure([entry({ file: 'old.yaml' })], [entry({ privileged: true }), entry({ object: 'Pod/x', container: 'c' })], { defaults: () => entry(), linted: ['deploy/web.yaml'] });
    assert.deepEqual(r.increases.map(increaseLines), [
      ['deploy/web.yaml:10:9  Deployment/web app: exposure widened (was in old.yaml):', '    privileged'],
      ['deploy/web.yaml:10:9  Pod/x c: new container, no wider than the runtime defaults'],
    ]);
  });
});

describe('exposure report: runtime defaults', () => {
  it('what a container that sets nothing gets, from the model, named like the container asked about', () => {
    const at = { file: 'x', line: 3, column: 4, container: 'c' };
    const compose = runtimeDefaults({ ...at, format: 'compose', arch: 'x86_64' })!;
    const k8s = runtimeDefaults({ ...at, format: 'kubernetes', arch: 'x86_64', object: 'Deployment/d' })!;
    const df = runtimeDefaults({ ...at, format: 'dockerfile', arch: 'x86_64', object: 'runtime' })!;
    const arm = runtimeDefaults({ ...at, format: 'compose', arch: 'arm64' })!;
    assert.deepEqual([compose.file, compose.line, compose.column, compose.container, 'object' in compose], ['x', 3, 4, 'c', false]);
    assert.deepEqual([k8s.object, df.object], ['Deployment/d', 'runtime']);
    assert.deepEqual([compose.runtime, k8s.runtime, df.runtime], ['docker', 'containerd', 'docker']);
    assert.equal(compose.seccomp.mode, 'default');
    assert.equal(df.seccomp.mode, 'default');
    assert.equal(k8s.seccomp.mode, 'unconfined', 'Kubernetes runs containers Unconfined by default');
    assert.ok(compose.syscalls.reachable! < compose.syscalls.total);
    assert.deepEqual(new Set(compose.capabilities.held), new Set(DOCKER_CAPS));
    assert.equal(compose.capabilities.count, 14);
    for (const d of [compose, k8s, df, arm]) {
      assert.deepEqual([d.privileged, d.hostPaths, d.runsAsRoot, d.rootFilesystemWritable, d.privilegeEscalation], [false, [], null, true, true]);
      assert.deepEqual(d.hostNamespaces, { network: false, pid: false, ipc: false, uts: false, user: true });
    }
    assert.equal(arm.arch, 'arm64');
    assert.notEqual(arm.syscalls.total, compose.syscalls.total);
    // Nothing set is no wider than the defaults, in every format.
    for (const d of [compose, k8s, df, arm]) assert.deepEqual(exposureWidenings(d, d), []);
  });
});

describe('exposure report: JSON in and out', () => {
  const exposure: ContainerExposure = {
    format: 'kubernetes',
    object: 'Pod/p',
    container: 'c',
    span: { start: 30, end: 31 },
    runtime: 'containerd',
    arch: 'x86_64',
    privileged: false,
    seccomp: { mode: 'unconfined', reason: 'not set (Kubernetes default)', span: { start: 1, end: 2 } },
    apparmor: { mode: 'unconfined', reason: 'appArmorProfile.type: Unconfined', span: { start: 5, end: 6 } },
    selinux: { mode: 'default', reason: 'not set' },
    syscalls: { total: 373, notable: ['mount'], filtered: [] },
    capabilities: { held: ['CHOWN'], all: false, notable: [], uncertain: true },
    hostNamespaces: { network: true, pid: false, ipc: false, uts: false, user: true },
    hostPaths: [{ path: '/var/run/docker.sock', readOnly: false, socket: true, span: { start: 3, end: 4 } }],
    runsAsRoot: undefined,
    rootFilesystemWritable: true,
    privilegeEscalation: false,
  };

  it('entries have the documented keys in order, 1-based positions and nulls for unknowns', () => {
    const text = 'apiVersion: v1\nkind: Pod\n  - name: c\n';
    const [j] = exposureJson('p.yaml', new LineIndex(text), [exposure]);
    assert.deepEqual(Object.keys(j), ['file', 'line', 'column', 'object', 'container', 'format', 'runtime', 'arch', 'privileged', 'seccomp', 'apparmor', 'selinux', 'syscalls', 'capabilities', 'hostNamespaces', 'hostPaths', 'runsAsRoot', 'rootFilesystemWritable', 'privilegeEscalation']);
    assert.deepEqual([j.line, j.column], [3, 6]);
    assert.deepEqual(j.seccomp, { mode: 'unconfined', reason: 'not set (Kubernetes default)' });
    assert.deepEqual([j.apparmor, j.selinux], [{ mode: 'unconfined', reason: 'appArmorProfile.type: Unconfined' }, { mode: 'default', reason: 'not set' }]);
    assert.deepEqual(j.syscalls, { total: 373, reachable: null, notable: ['mount'], filtered: [] });
    assert.deepEqual(j.capabilities, { count: 1, held: ['CHOWN'], all: false, notable: [], uncertain: true });
    assert.deepEqual(j.hostPaths, [{ path: '/var/run/docker.sock', readOnly: false, socket: true }]);
    assert.equal(j.runsAsRoot, null);
    const [noObject] = exposureJson('compose.yaml', new LineIndex(text), [{ ...exposure, object: undefined }]);
    assert.ok(!('object' in noObject));
  });

  it('a run read back compares equal to itself', () => {
    const entries = sortExposure([entry({ file: 'b.yaml' }), entry({ file: 'a.yaml', line: 40 }), entry({ file: 'a.yaml', line: 4, object: undefined, format: 'compose' })]);
    assert.deepEqual(
      entries.map((e) => [e.file, e.line]),
      [
        ['a.yaml', 4],
        ['a.yaml', 40],
        ['b.yaml', 10],
      ],
    );
    const back = parseExposureBase(JSON.stringify({ tool: 'harden', version: '0.1.0', summary: {}, findings: [], exposure: entries }, null, 2));
    assert.ok(back.ok);
    assert.deepEqual(back.entries, entries);
    assert.deepEqual(compareExposure(back.entries, entries).increases, []);
  });

  it('refuses what is not a harden JSON report with an exposure list, in one line', () => {
    const good = { tool: 'harden', exposure: [entry()] };
    const bad: Array<[string, RegExp]> = [
      ['', /^not JSON/],
      ['{"tool": "harden", "exposure": [', /^not JSON/],
      ['[]', /not the output of harden --format json/],
      ['{"version": "1"}', /not the output/],
      [JSON.stringify({ tool: 'harden', findings: [] }), /no "exposure" list/],
      [JSON.stringify({ ...good, exposure: [entry(), 3] }), /^exposure\[1\] is not an object/],
      [JSON.stringify({ ...good, exposure: [{ ...entry(), capabilities: { ...entry().capabilities, held: 'ALL' } }] }), /^exposure\[0\] capabilities/],
      [JSON.stringify({ ...good, exposure: [{ ...entry(), syscalls: { ...entry().syscalls, reachable: '300' } }] }), /^exposure\[0\] syscalls/],
      [JSON.stringify({ ...good, exposure: [{ ...entry(), hostPaths: [{ path: '/x' }] }] }), /^exposure\[0\] hostPaths/],
      [JSON.stringify({ ...good, exposure: [{ ...entry(), runsAsRoot: 'yes' }] }), /^exposure\[0\] runsAsRoot/],
      [JSON.stringify({ ...good, exposure: [{ ...entry(), format: 'helm' }] }), /^exposure\[0\] format/],
      [JSON.stringify({ ...good, exposure: [{ ...entry(), hostNamespaces: { pid: true } }] }), /^exposure\[0\] hostNamespaces/],
      [JSON.stringify({ ...good, exposure: [{ ...entry(), apparmor: { mode: 'off', reason: '' } }] }), /^exposure\[0\] apparmor is not \{mode, reason\}/],
      [JSON.stringify({ ...good, exposure: [{ ...entry(), selinux: 'disable' }] }), /^exposure\[0\] selinux/],
    ];
    for (const [text, re] of bad) {
      const r = parseExposureBase(text);
      assert.equal(r.ok, false, text);
      if (!r.ok) {
        assert.match(r.error, re, text);
        assert.ok(!r.error.includes('\n'), text);
      }
    }
    assert.ok(parseExposureBase('\ufeff' + JSON.stringify(good)).ok, 'a byte order mark is fine');
  });
});

describe('exposure report: table', () => {
  it('one aligned row per container with every column', () => {
    const rows = exposureTable(
      [
        entry(),
        entry({ line: 30, object: 'Deployment/web', container: 'debug', privileged: true, seccomp: { mode: 'unconfined', reason: 'privileged' }, apparmor: { mode: 'unconfined', reason: 'privileged' }, selinux: { mode: 'unconfined', reason: 'privileged' }, syscalls: { reachable: 373 }, capabilities: caps(new Array(41).fill('C'), { all: true }), hostNamespaces: { pid: true, network: true }, hostPaths: [{ path: '/var/run/docker.sock', readOnly: false, socket: true }, { path: '/etc', readOnly: true, socket: false }], runsAsRoot: true }),
        entry({ line: 50, container: 'x\u001b[31m', seccomp: { mode: 'custom', reason: 'Localhost' }, selinux: { mode: 'custom', reason: 'type: my_t' }, syscalls: { reachable: null }, runsAsRoot: false, rootFilesystemWritable: false, privilegeEscalation: false, capabilities: caps([...DOCKER_CAPS, 'SYS_ADMIN'], { notable: ['SYS_ADMIN'], uncertain: true }) }),
      ],
      { bold: (s) => s, dim: (s) => s },
    );
    assert.equal(rows.length, 4);
    assert.match(rows[0], /^ {2}LINE +CONTAINER +SYSCALLS +CAPS +LSM +HOST NS +HOST PATHS +USER +ROOT FS +ESCALATION$/);
    const col = (h: string): number => rows[0].indexOf(h);
    assert.equal(rows[1].slice(col('SYSCALLS')).split('  ')[0], '330/373');
    assert.match(rows[1], /Deployment\/web app +330\/373 +14 \(NET_RAW\) +- +- +- +image +writable +possible$/);
    assert.match(rows[2], /373\/373 unconfined +all 41 \(privileged\) +apparmor off, selinux off +net,pid +\/var\/run\/docker\.sock \(socket\), \/etc \(ro\) +root +writable +possible$/);
    assert.match(rows[3], /x\\x1b\[31m +custom +15\? \(SYS_ADMIN\) +selinux custom +- +- +non-root +read-only +blocked$/);
    // Aligned: every column starts at the header's offset.
    for (const h of ['CONTAINER', 'SYSCALLS', 'CAPS', 'LSM', 'USER']) for (const r of rows.slice(1)) assert.equal(r[col(h) - 1], ' ', `${h} in ${r}`);
    assert.equal(rows[2].indexOf('373/373'), col('SYSCALLS'));
    assert.equal(rows[3].indexOf('non-root'), col('USER'));
  });
});
