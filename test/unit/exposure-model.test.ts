// The exposure model on every combination that matters: seccomp modes (unset, RuntimeDefault at
// pod or container level, Unconfined, Localhost, privileged), capabilities dropped and added in
// each runtime's order, each host namespace, host paths and sockets, users, architectures, and
// what fixes remove. Expected numbers are derived from the data files (the table sizes straight
// from the data; profile counts through `profileAllows`, which scripts/check-exposure-data.ts
// checks against its own evaluator), never written in.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/engine';
import { CAPABILITIES, SYSCALL_TABLES } from '../../server/src/engine/exposure/data';
import { defaultCapabilities, exposureDeltas, exposureDeltasAsync, exposureHoverMarkdown, exposureOf, exposureSummary, profileAllows, seccompProfileFacts, type ContainerExposure } from '../../server/src/engine/exposure/model';
import { repoRoot } from '../helpers';

const X86 = Object.keys(SYSCALL_TABLES.x86_64.syscalls).length;
const ARM = Object.keys(SYSCALL_TABLES.arm64.syscalls).length;
const ALL_CAPS = CAPABILITIES.all.capabilities.length;
const DOCKER_DEFAULT = CAPABILITIES.defaults.docker.capabilities;
const CONTAINERD_DEFAULT = CAPABILITIES.defaults.containerd.capabilities;

function reach(runtime: 'docker' | 'containerd', arch: 'x86_64' | 'arm64', caps: readonly string[]): number {
  const r = profileAllows(runtime, arch, caps);
  return r.allowed.size + r.filtered.size;
}

function exposures(file: string, text: string): ContainerExposure[] {
  return exposureOf(analyze({ file, text }));
}

function one(file: string, text: string): ContainerExposure {
  const e = exposures(file, text);
  assert.equal(e.length, 1, `one container expected, got ${e.length}`);
  return e[0];
}

/** A Pod with one container: `pod` lines go under spec (2 spaces), `sc` under the container's securityContext. */
function pod(opts: { pod?: string[]; podSc?: string[]; sc?: string[]; container?: string[] } = {}): string {
  const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:'];
  for (const l of opts.pod ?? []) lines.push(`  ${l}`);
  if (opts.podSc?.length) lines.push('  securityContext:', ...opts.podSc.map((l) => `    ${l}`));
  lines.push('  containers:', '    - name: app', '      image: nginx:1.25');
  for (const l of opts.container ?? []) lines.push(`      ${l}`);
  if (opts.sc?.length) lines.push('      securityContext:', ...opts.sc.map((l) => `        ${l}`));
  return lines.join('\n') + '\n';
}

test('data: tables and default sets are what the data files hold', () => {
  assert.ok(X86 > 300 && ARM > 250);
  assert.deepEqual([...defaultCapabilities('docker')].sort(), [...DOCKER_DEFAULT].sort());
  assert.deepEqual([...defaultCapabilities('containerd')].sort(), [...CONTAINERD_DEFAULT].sort());
  const f = seccompProfileFacts('containerd', 'x86_64');
  assert.equal(f.total, X86);
  assert.equal(f.reachable + f.blocked.length, X86);
  assert.equal(f.reachable, reach('containerd', 'x86_64', CONTAINERD_DEFAULT));
});

test('Kubernetes: seccomp not set is Unconfined (every syscall), with the 14 default capabilities', () => {
  const e = one('p.yaml', pod());
  assert.equal(e.seccomp.mode, 'unconfined');
  assert.equal(e.syscalls.reachable, X86);
  assert.equal(e.syscalls.total, X86);
  assert.equal(e.runtime, 'containerd');
  assert.deepEqual(e.capabilities.held.slice().sort(), [...CONTAINERD_DEFAULT].sort());
  assert.ok(e.syscalls.notable.includes('mount') && e.syscalls.notable.includes('bpf') && e.syscalls.notable.includes('keyctl'));
  assert.deepEqual(e.capabilities.notable, ['NET_RAW']);
  assert.equal(e.runsAsRoot, undefined);
  assert.equal(e.rootFilesystemWritable, true);
  assert.equal(e.privilegeEscalation, true);
  assert.deepEqual(e.hostNamespaces, { network: false, pid: false, ipc: false, uts: false, user: true });
});

test('Kubernetes: RuntimeDefault at pod level is inherited; container Unconfined overrides it', () => {
  const inherited = one('p.yaml', pod({ podSc: ['seccompProfile:', '  type: RuntimeDefault'] }));
  assert.equal(inherited.seccomp.mode, 'default');
  assert.match(inherited.seccomp.reason, /pod seccompProfile/);
  assert.equal(inherited.syscalls.reachable, reach('containerd', 'x86_64', CONTAINERD_DEFAULT));
  assert.ok(inherited.syscalls.reachable! < X86);
  assert.ok(!inherited.syscalls.notable.includes('mount'));
  assert.deepEqual(inherited.syscalls.filtered, [...profileAllows('containerd', 'x86_64', CONTAINERD_DEFAULT).filtered].sort());
  const overridden = one('p.yaml', pod({ podSc: ['seccompProfile:', '  type: RuntimeDefault'], sc: ['seccompProfile:', '  type: Unconfined'] }));
  assert.equal(overridden.seccomp.mode, 'unconfined');
  assert.equal(overridden.syscalls.reachable, X86);
});

test('Kubernetes: the deprecated seccomp annotations count where no field is set (the API server copies them into it)', () => {
  const annotated = (key: string, value: string, sc: string[] = []): ContainerExposure => one('p.yaml', pod({ sc }).replace('  name: p\n', `  name: p\n  annotations:\n    ${key}: ${value}\n`));
  const pd = annotated('seccomp.security.alpha.kubernetes.io/pod', 'runtime/default');
  assert.equal(pd.seccomp.mode, 'default');
  assert.equal(pd.syscalls.reachable, reach('containerd', 'x86_64', CONTAINERD_DEFAULT));
  assert.match(pd.seccomp.reason, /^annotation seccomp\.security\.alpha\.kubernetes\.io\/pod: runtime\/default$/);
  assert.equal(annotated('container.seccomp.security.alpha.kubernetes.io/app', 'unconfined').seccomp.mode, 'unconfined');
  assert.equal(annotated('container.seccomp.security.alpha.kubernetes.io/app', 'localhost/my.json').seccomp.mode, 'custom');
  assert.equal(annotated('container.seccomp.security.alpha.kubernetes.io/other', 'runtime/default').seccomp.mode, 'unconfined', 'another container\'s annotation');
  assert.equal(annotated('seccomp.security.alpha.kubernetes.io/pod', 'unconfined', ['seccompProfile:', '  type: RuntimeDefault']).seccomp.mode, 'default', 'the field wins');
});

test('Kubernetes: Localhost is custom and not counted; an unknown type is unknown', () => {
  const local = one('p.yaml', pod({ sc: ['seccompProfile:', '  type: Localhost', '  localhostProfile: my.json'] }));
  assert.equal(local.seccomp.mode, 'custom');
  assert.equal(local.syscalls.reachable, undefined);
  assert.match(exposureSummary(local), /custom seccomp profile/);
  const odd = one('p.yaml', pod({ sc: ['seccompProfile:', '  type: Strict'] }));
  assert.equal(odd.seccomp.mode, 'unknown');
  assert.equal(odd.syscalls.reachable, undefined);
});

test('Kubernetes: privileged turns seccomp off, holds every capability and can always escalate', () => {
  const e = one('p.yaml', pod({ podSc: ['seccompProfile:', '  type: RuntimeDefault'], sc: ['privileged: true', 'allowPrivilegeEscalation: false', 'capabilities:', '  drop: [ALL]'] }));
  assert.equal(e.privileged, true);
  assert.equal(e.seccomp.mode, 'unconfined');
  assert.equal(e.syscalls.reachable, X86);
  assert.equal(e.capabilities.held.length, ALL_CAPS);
  assert.equal(e.capabilities.all, true);
  assert.equal(e.privilegeEscalation, true);
  assert.match(exposureSummary(e), new RegExp(`^kernel: all ${X86} syscalls, all ${ALL_CAPS} capabilities, privileged`));
});

test('Kubernetes (containerd order): drop ALL then add one; add ALL then drop one; add and drop the same', () => {
  const rd = ['seccompProfile:', '  type: RuntimeDefault'];
  const minimal = one('p.yaml', pod({ podSc: rd, sc: ['capabilities:', '  drop: [ALL]', '  add: [NET_BIND_SERVICE]'] }));
  assert.deepEqual(minimal.capabilities.held, ['NET_BIND_SERVICE']);
  assert.equal(minimal.syscalls.reachable, reach('containerd', 'x86_64', ['NET_BIND_SERVICE']));
  const allButOne = one('p.yaml', pod({ podSc: rd, sc: ['capabilities:', '  add: [ALL]', '  drop: [CHOWN]'] }));
  assert.equal(allButOne.capabilities.held.length, ALL_CAPS - 1);
  assert.ok(!allButOne.capabilities.held.includes('CHOWN'));
  assert.equal(allButOne.syscalls.reachable, reach('containerd', 'x86_64', allButOne.capabilities.held));
  const addAllDropAll = one('p.yaml', pod({ sc: ['capabilities:', '  add: [ALL]', '  drop: [ALL]'] }));
  assert.deepEqual(addAllDropAll.capabilities.held, []);
  const both = one('p.yaml', pod({ sc: ['capabilities:', '  add: [SYS_TIME]', '  drop: [SYS_TIME]'] }));
  assert.ok(!both.capabilities.held.includes('SYS_TIME'));
  const spelled = one('p.yaml', pod({ sc: ['capabilities:', '  drop: [all]', '  add: [cap_net_raw, NOT_A_CAP]'] }));
  assert.deepEqual(spelled.capabilities.held, ['NET_RAW']);
});

test('Kubernetes: CAP_SYS_ADMIN opens syscalls under RuntimeDefault and forces escalation', () => {
  const rd = ['seccompProfile:', '  type: RuntimeDefault'];
  const e = one('p.yaml', pod({ podSc: rd, sc: ['allowPrivilegeEscalation: false', 'capabilities:', '  add: [SYS_ADMIN]'] }));
  const base = reach('containerd', 'x86_64', CONTAINERD_DEFAULT);
  assert.equal(e.syscalls.reachable, reach('containerd', 'x86_64', [...CONTAINERD_DEFAULT, 'SYS_ADMIN']));
  assert.ok(e.syscalls.reachable! > base);
  assert.ok(e.syscalls.notable.includes('mount') && e.syscalls.notable.includes('unshare'));
  assert.ok(e.capabilities.notable.includes('SYS_ADMIN'));
  assert.equal(e.privilegeEscalation, true);
  const no = one('p.yaml', pod({ podSc: rd, sc: ['allowPrivilegeEscalation: false'] }));
  assert.equal(no.privilegeEscalation, false);
});

test('Kubernetes: each host namespace; hostNetwork brings the host UTS namespace; hostUsers: false gives an own user namespace', () => {
  const net = one('p.yaml', pod({ pod: ['hostNetwork: true'] }));
  assert.deepEqual(net.hostNamespaces, { network: true, pid: false, ipc: false, uts: true, user: true });
  assert.match(exposureSummary(net), /host network shared/);
  const pid = one('p.yaml', pod({ pod: ['hostPID: true'] }));
  assert.deepEqual(pid.hostNamespaces, { network: false, pid: true, ipc: false, uts: false, user: true });
  assert.match(exposureSummary(pid), /host PID shared/);
  const ipc = one('p.yaml', pod({ pod: ['hostIPC: true', 'hostPID: true'] }));
  assert.equal(ipc.hostNamespaces.ipc, true);
  assert.match(exposureSummary(ipc), /host PID and IPC shared/);
  const users = one('p.yaml', pod({ pod: ['hostUsers: false'] }));
  assert.equal(users.hostNamespaces.user, false);
  const off = one('p.yaml', pod({ pod: ['hostNetwork: false', 'hostPID: false'] }));
  assert.deepEqual(off.hostNamespaces, { network: false, pid: false, ipc: false, uts: false, user: true });
});

test('Kubernetes: host paths the container mounts, read-only or not, sockets marked; unmounted volumes do not count', () => {
  const text = pod({
    container: ['volumeMounts:', '  - name: sock', '    mountPath: /var/run/docker.sock', '  - name: logs', '    mountPath: /logs', '    readOnly: true'],
    pod: ['volumes:', '  - name: sock', '    hostPath:', '      path: /var/run/docker.sock', '  - name: logs', '    hostPath:', '      path: /var/log/', '  - name: unused', '    hostPath:', '      path: /etc'],
  });
  const e = one('p.yaml', text);
  assert.deepEqual(e.hostPaths.map((p) => [p.path, p.readOnly, p.socket]), [['/var/run/docker.sock', false, true], ['/var/log', true, false]]);
  assert.equal(text.slice(e.hostPaths[0].span.start, e.hostPaths[0].span.end), 'path: /var/run/docker.sock');
  assert.match(exposureSummary(e), /docker\.sock mounted, 1 host path/);
});

test('Kubernetes: the user (runAsUser 0, runAsNonRoot, a uid, container over pod)', () => {
  assert.equal(one('p.yaml', pod({ podSc: ['runAsUser: 0'] })).runsAsRoot, true);
  assert.equal(one('p.yaml', pod({ podSc: ['runAsNonRoot: true'] })).runsAsRoot, false);
  assert.equal(one('p.yaml', pod({ sc: ['runAsUser: 1000'] })).runsAsRoot, false);
  assert.equal(one('p.yaml', pod({ podSc: ['runAsUser: 1000'], sc: ['runAsUser: 0'] })).runsAsRoot, true);
  assert.equal(one('p.yaml', pod({ sc: ['readOnlyRootFilesystem: true'] })).rootFilesystemWritable, false);
});

test('Kubernetes: arm64 by nodeSelector; Windows pods are skipped; every container of a workload, init ones included', () => {
  const arm = one('p.yaml', pod({ pod: ['nodeSelector:', '  kubernetes.io/arch: arm64'] }));
  assert.equal(arm.arch, 'arm64');
  assert.equal(arm.syscalls.total, ARM);
  assert.equal(arm.syscalls.reachable, ARM);
  assert.match(arm.archFrom ?? '', /nodeSelector/);
  assert.deepEqual(exposures('p.yaml', pod({ pod: ['os:', '  name: windows'] })), []);
  const deploy = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:',
    '      initContainers:', '        - name: init', '          image: busybox', '      containers:', '        - name: a', '          image: x', '        - name: b', '          image: y', ''].join('\n');
  const doc2 = `---\n${deploy}`;
  const text = `${pod()}${doc2}`;
  const all = exposures('m.yaml', text);
  assert.deepEqual(all.map((e) => `${e.object}/${e.container}`), ['Pod/p/app', 'Deployment/web/init', 'Deployment/web/a', 'Deployment/web/b']);
  // Spans are offsets into the whole file, in the second document too.
  assert.equal(text.slice(all[3].span.start, all[3].span.end), 'name: b');
});

test('Compose (Docker semantics): default profile, unconfined, custom file, builtin, privileged', () => {
  const svc = (lines: string[]): string => ['services:', '  web:', '    image: nginx:1.25', ...lines.map((l) => `    ${l}`), ''].join('\n');
  const d = one('compose.yaml', svc([]));
  assert.equal(d.runtime, 'docker');
  assert.equal(d.seccomp.mode, 'default');
  assert.equal(d.syscalls.reachable, reach('docker', 'x86_64', DOCKER_DEFAULT));
  assert.equal(d.privilegeEscalation, true);
  assert.equal(d.runsAsRoot, undefined);
  assert.equal(one('compose.yaml', svc(['security_opt: [seccomp=unconfined]'])).syscalls.reachable, X86);
  const custom = one('compose.yaml', svc(['security_opt:', '  - seccomp=./profile.json']));
  assert.equal(custom.seccomp.mode, 'custom');
  assert.equal(custom.syscalls.reachable, undefined);
  assert.equal(one('compose.yaml', svc(['security_opt: ["seccomp=builtin"]'])).seccomp.mode, 'default');
  const priv = one('compose.yaml', svc(['privileged: true']));
  assert.equal(priv.seccomp.mode, 'unconfined');
  assert.equal(priv.capabilities.held.length, ALL_CAPS);
  const nnp = one('compose.yaml', svc(['security_opt: ["no-new-privileges:true"]', 'read_only: true', 'user: "1000"']));
  assert.equal(nnp.privilegeEscalation, false);
  assert.equal(nnp.rootFilesystemWritable, false);
  assert.equal(nnp.runsAsRoot, false);
  assert.equal(one('compose.yaml', svc(['user: root'])).runsAsRoot, true);
  const arm = one('compose.yaml', svc(['platform: linux/arm64']));
  assert.equal(arm.arch, 'arm64');
  assert.equal(arm.syscalls.reachable, reach('docker', 'arm64', DOCKER_DEFAULT));
});

test('Compose (moby TweakCapabilities): add ALL wins over drop ALL; drop ALL keeps the adds; add and drop the same keeps it', () => {
  const svc = (lines: string[]): string => ['services:', '  web:', '    image: nginx:1.25', ...lines.map((l) => `    ${l}`), ''].join('\n');
  assert.equal(one('compose.yaml', svc(['cap_add: [ALL]', 'cap_drop: [ALL, CHOWN]'])).capabilities.held.length, ALL_CAPS - 1);
  assert.deepEqual(one('compose.yaml', svc(['cap_drop: [ALL]', 'cap_add: [NET_BIND_SERVICE]'])).capabilities.held, ['NET_BIND_SERVICE']);
  assert.ok(one('compose.yaml', svc(['cap_add: [SYS_TIME]', 'cap_drop: [SYS_TIME]'])).capabilities.held.includes('SYS_TIME'));
  const dropped = one('compose.yaml', svc(['cap_drop: [NET_RAW]']));
  assert.equal(dropped.capabilities.held.length, DOCKER_DEFAULT.length - 1);
  const admin = one('compose.yaml', svc(['cap_add: [SYS_ADMIN]']));
  assert.equal(admin.syscalls.reachable, reach('docker', 'x86_64', [...DOCKER_DEFAULT, 'SYS_ADMIN']));
  assert.ok(admin.syscalls.notable.includes('mount'));
  const unresolved = one('compose.yaml', svc(['cap_add: ["${EXTRA_CAP}"]']));
  assert.equal(unresolved.capabilities.uncertain, true);
});

test('Compose: host namespaces, bind mounts, sockets, use_api_socket', () => {
  const text = ['services:', '  web:', '    image: nginx', '    network_mode: host', '    pid: host', '    ipc: host', '    userns_mode: host',
    '    use_api_socket: true', '    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock', '      - ./data:/data:ro', '      - named:/named', 'volumes:', '  named: {}', ''].join('\n');
  const e = one('compose.yaml', text);
  assert.deepEqual(e.hostNamespaces, { network: true, pid: true, ipc: true, uts: true, user: true });
  assert.deepEqual(e.hostPaths.map((p) => [p.path, p.readOnly, p.socket]), [['/var/run/docker.sock', false, true], ['data', true, false], ['/var/run/docker.sock', false, true]]);
  const uts = one('compose.yaml', 'services:\n  web:\n    image: x\n    uts: host\n');
  assert.deepEqual(uts.hostNamespaces, { network: false, pid: false, ipc: false, uts: true, user: true });
  assert.match(exposureSummary(uts), /host UTS shared/);
});

test('Dockerfile: the final stage under docker run defaults; the user; --platform', () => {
  const root = one('Dockerfile', 'FROM golang:1.22 AS build\nUSER 1000\nFROM debian:12\nUSER root\n');
  assert.equal(root.format, 'dockerfile');
  assert.equal(root.runsAsRoot, true);
  assert.equal(root.seccomp.mode, 'default');
  assert.equal(root.syscalls.reachable, reach('docker', 'x86_64', DOCKER_DEFAULT));
  assert.equal(root.capabilities.held.length, DOCKER_DEFAULT.length);
  assert.match(exposureSummary(root), /runs as root$/);
  assert.equal(one('Dockerfile', 'FROM debian:12\nUSER app\n').runsAsRoot, false);
  assert.equal(one('Dockerfile', 'FROM debian:12\n').runsAsRoot, undefined);
  assert.equal(one('Dockerfile', 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n').runsAsRoot, true, 'scratch and no USER: uid 0');
  const arm = one('Dockerfile', 'FROM --platform=linux/arm64 debian:12\n');
  assert.equal(arm.arch, 'arm64');
  assert.deepEqual(exposures('Dockerfile', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n'), []);
  assert.deepEqual(exposures('Dockerfile', '# no stage\n'), []);
});

test('AppArmor and SELinux: not set is the runtime default; Unconfined, spc_t, label=disable and privileged are off; own profiles and types are custom', () => {
  const mode = (e: ContainerExposure): [string, string] => [e.apparmor.mode, e.selinux.mode];
  // Kubernetes: the field (container over pod), the beta annotation, privileged.
  assert.deepEqual(mode(one('p.yaml', pod())), ['default', 'default']);
  const podUnconfined = one('p.yaml', pod({ podSc: ['appArmorProfile:', '  type: Unconfined'] }));
  assert.deepEqual(mode(podUnconfined), ['unconfined', 'default']);
  assert.match(podUnconfined.apparmor.reason, /^pod appArmorProfile\.type: Unconfined$/);
  assert.match(exposureSummary(podUnconfined), /, AppArmor off, /);
  assert.equal(one('p.yaml', pod({ podSc: ['appArmorProfile:', '  type: Unconfined'], sc: ['appArmorProfile:', '  type: RuntimeDefault'] })).apparmor.mode, 'default');
  assert.equal(one('p.yaml', pod({ sc: ['appArmorProfile:', '  type: Localhost', '  localhostProfile: k8s-nginx'] })).apparmor.mode, 'custom');
  const annotated = pod().replace('  name: p\n', '  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: unconfined\n');
  const ann = one('p.yaml', annotated);
  assert.equal(ann.apparmor.mode, 'unconfined');
  assert.equal(annotated.slice(ann.apparmor.span!.start, ann.apparmor.span!.end).split(':')[0], 'container.apparmor.security.beta.kubernetes.io/app');
  const priv = one('p.yaml', pod({ sc: ['privileged: true'] }));
  assert.deepEqual(mode(priv), ['unconfined', 'unconfined']);
  assert.doesNotMatch(exposureSummary(priv), /AppArmor/, 'privileged says it');
  assert.equal(one('p.yaml', pod({ sc: ['privileged: true', 'appArmorProfile:', '  type: Localhost', '  localhostProfile: x'] })).apparmor.mode, 'custom', 'a named profile still applies');
  assert.deepEqual(mode(one('p.yaml', pod({ podSc: ['seLinuxOptions:', '  type: spc_t'] }))), ['default', 'unconfined']);
  assert.equal(one('p.yaml', pod({ sc: ['seLinuxOptions:', '  type: my_app_t'] })).selinux.mode, 'custom');
  assert.equal(one('p.yaml', pod({ sc: ['seLinuxOptions:', '  user: system_u'] })).selinux.mode, 'custom');
  assert.equal(one('p.yaml', pod({ sc: ['seLinuxOptions:', '  type: container_t', '  level: "s0:c1,c2"'] })).selinux.mode, 'default');
  // Compose: security_opt in both spellings, privileged, a variable.
  const svc = (lines: string[]): string => ['services:', '  web:', '    image: nginx:1.25', ...lines.map((l) => `    ${l}`), ''].join('\n');
  assert.deepEqual(mode(one('compose.yaml', svc([]))), ['default', 'default']);
  const off = one('compose.yaml', svc(['security_opt: ["apparmor:unconfined", "label=disable"]']));
  assert.deepEqual(mode(off), ['unconfined', 'unconfined']);
  assert.match(exposureSummary(off), /, AppArmor and SELinux off, /);
  assert.deepEqual(mode(one('compose.yaml', svc(['security_opt: ["apparmor=my-profile", "label=type:spc_t"]']))), ['custom', 'unconfined']);
  assert.deepEqual(mode(one('compose.yaml', svc(['security_opt: ["apparmor=docker-default", "label=level:s0:c100,c200"]']))), ['default', 'default']);
  assert.deepEqual(mode(one('compose.yaml', svc(['security_opt: ["label=type:svirt_apache_t"]']))), ['default', 'custom']);
  assert.deepEqual(mode(one('compose.yaml', svc(['privileged: true']))), ['unconfined', 'unconfined']);
  assert.deepEqual(mode(one('compose.yaml', svc(['security_opt: ["apparmor=${PROFILE}"]']))), ['unknown', 'default']);
  // Dockerfile: docker run's defaults.
  assert.deepEqual(mode(one('Dockerfile', 'FROM debian:12\n')), ['default', 'default']);
});

test('A YAML document with a parse error gives no exposure; the other documents of the file still do', () => {
  const text = `${pod()}---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  containers:\n    - name: broken\n      image: [x\n`;
  assert.deepEqual(exposures('m.yaml', text).map((e) => e.container), ['app']);
});

test('The async deltas equal the sync ones, and stop between fixes when cancelled', async () => {
  const text = pod({ pod: ['hostPID: true'], sc: ['capabilities:', '  add: [SYS_ADMIN]'] });
  const input = { file: 'p.yaml', text };
  const a = analyze(input);
  const [e] = exposureOf(a);
  assert.deepEqual(await exposureDeltasAsync(input, a, e, () => false), exposureDeltas(input, a, e));
  let asked = 0;
  assert.equal(await exposureDeltasAsync(input, a, e, () => ++asked > 2), undefined);
  assert.equal(asked, 3, 'asked before each fix, stopped at the third');
});

test('Broken and odd input: no exposure, no throw', () => {
  assert.deepEqual(exposures('p.yaml', 'apiVersion: v1\nkind: Pod\nspec: [\n'), []);
  assert.deepEqual(exposures('p.yaml', '\u0000\u0001binary'), []);
  assert.deepEqual(exposures('compose.yaml', 'services:\n  web:\n'), exposures('compose.yaml', 'services:\n  web:\n'));
});

test('Fix deltas: each fix applied and re-analysed; the restricted profile removes what the two exposures differ by', () => {
  const text = pod({ pod: ['hostPID: true'], sc: ['capabilities:', '  add: [SYS_ADMIN]'] });
  const input = { file: 'p.yaml', text };
  const a = analyze(input);
  const [e] = exposureOf(a);
  const deltas = exposureDeltas(input, a, e);
  const bundle = deltas.find((d) => /restricted profile/.test(d.title));
  assert.ok(bundle, deltas.map((d) => d.title).join('; '));
  // Independently: the bundle sets RuntimeDefault, drops ALL and removes the SYS_ADMIN add.
  assert.equal(bundle.syscalls, reach('containerd', 'x86_64', []) - X86);
  assert.equal(bundle.capabilities, -e.capabilities.held.length);
  assert.ok(bundle.other.includes('host PID namespace no longer shared'));
  const seccomp = deltas.find((d) => /RuntimeDefault/.test(d.title));
  assert.ok(seccomp);
  assert.equal(seccomp.syscalls, reach('containerd', 'x86_64', e.capabilities.held) - X86);
  assert.equal(seccomp.capabilities, 0);
  // Largest effect first; every listed fix changes something.
  assert.equal(deltas[0], bundle);
  for (const d of deltas) assert.ok(d.syscalls || d.capabilities || d.other.length, d.title);
  const card = exposureHoverMarkdown(e, deltas);
  assert.match(card, /Reachable but should not be/);
  assert.match(card, /`mount`, `umount2`/);
  assert.match(card, /CAP_SYS_ADMIN/);
  assert.ok(card.includes(`${bundle.title} (unsafe): ${bundle.syscalls} syscalls, ${bundle.capabilities} capabilities`));
  // A cancelled request computes nothing.
  assert.deepEqual(exposureDeltas(input, a, e, () => true), []);
});

test('docs/exposure.md states the figures the data gives', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'exposure.md'), 'utf8');
  assert.ok(doc.includes(`| system calls in the table | ${X86} | ${ARM} |`));
  for (const [runtime, caps] of [['docker', DOCKER_DEFAULT], ['containerd', CONTAINERD_DEFAULT]] as const) {
    const x = reach(runtime, 'x86_64', caps);
    const r = reach(runtime, 'arm64', caps);
    assert.ok(doc.includes(`| ${x} (${X86 - x} blocked) | ${r} (${ARM - r} blocked) |`), `${runtime}: ${x}/${r}`);
  }
  const restricted = X86 - reach('containerd', 'x86_64', []);
  assert.ok(doc.includes(`-${restricted} syscalls, -${CONTAINERD_DEFAULT.length} capabilities`));
  assert.ok(doc.includes(`reaches ${X86 - reach('containerd', 'x86_64', CONTAINERD_DEFAULT)} more system calls`));
});
