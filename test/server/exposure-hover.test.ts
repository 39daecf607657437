// Exposure facts in key hovers (pure engine part): which containers a key applies to, and what the
// seccomp and capability hovers say, checked against the exposure model's own figures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/engine';
import { byImportance, defaultProfileParagraph, exposureKeyHover, exposuresAround } from '../../server/src/engine/exposure/hover';
import { capabilitySyscalls, exposureOf, seccompProfileFacts } from '../../server/src/engine/exposure/model';
import { parseYamlStream } from '../../server/src/engine/yaml/parse';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  nodeSelector:
    kubernetes.io/arch: arm64
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          add: ["SYS_ADMIN"]
          drop: ["NET_RAW"]
    - name: side
      image: busybox:1.36
`;

function setup(file: string, text: string) {
  const analysis = analyze({ file, text });
  const exposures = exposureOf(analysis);
  const hover = (needle: string, delta = 1): string | undefined => {
    const offset = text.indexOf(needle) + delta;
    assert.ok(offset >= delta, needle);
    return exposureKeyHover({ analysis, exposures, offset, yaml: parseYamlStream(text) })?.markdown;
  };
  return { analysis, exposures, hover };
}

test('a pod-level key applies to every container of the pod, a container key to its container', () => {
  const { analysis, exposures } = setup('pod.yaml', POD);
  assert.deepEqual(exposuresAround(analysis, exposures, POD.indexOf('RuntimeDefault')).map((e) => e.container), ['app', 'side']);
  assert.deepEqual(exposuresAround(analysis, exposures, POD.indexOf('SYS_ADMIN')).map((e) => e.container), ['app']);
  assert.deepEqual(exposuresAround(analysis, exposures, POD.indexOf('busybox')).map((e) => e.container), ['side']);
  assert.deepEqual(exposuresAround(analysis, exposures, POD.indexOf('name: p')), []);
});

test('the seccomp hover gives the default profile figures of the container architecture, and each container', () => {
  const { hover } = setup('pod.yaml', POD);
  const md = hover('RuntimeDefault', 2)!;
  const f = seccompProfileFacts('containerd', 'arm64');
  assert.ok(md.includes(`blocks ${f.total - f.reachable} of the ${f.total} arm64 system calls, among them \`mount\``), md);
  assert.equal(md.split('\n\n')[1], defaultProfileParagraph('containerd', 'arm64'));
  assert.match(md, /`app` \(Pod\/p\): seccomp default \(pod seccompProfile\.type: RuntimeDefault\): \d+ of \d+ system calls reachable, including `mount`/);
  assert.match(md, /`app` \(Pod\/p\) holds `CAP_SYS_ADMIN`, which also lets through /);
  assert.match(md, /`side` \(Pod\/p\): seccomp default/);
  assert.doesNotMatch(md, /`side` \(Pod\/p\) holds/);
  // The key itself gives the same card.
  assert.equal(hover('seccompProfile'), md);
});

test('the capability hover lists what the capability opens through the profile, and who holds it', () => {
  const { hover } = setup('pod.yaml', POD);
  const md = hover('SYS_ADMIN', 2)!;
  const calls = capabilitySyscalls('containerd', 'arm64', 'SYS_ADMIN');
  assert.ok(calls.includes('mount') && calls.includes('setns'), calls.join(' '));
  assert.ok(md.includes(`holding \`CAP_SYS_ADMIN\` also lets through ${calls.length} system calls: \`${calls[0]}\``), md);
  assert.match(md, /`app` \(Pod\/p\) holds `CAP_SYS_ADMIN`/);
  assert.match(hover('NET_RAW', 2)!, /`app` \(Pod\/p\) does not hold `CAP_NET_RAW`/);
  // `ALL` and names that are not under capabilities say nothing here.
  assert.equal(setup('p.yaml', POD.replace('"NET_RAW"', '"ALL"')).hover('"ALL"', 2), undefined);
  assert.equal(hover('nginx'), undefined);
});

test('Compose: security_opt seccomp entries and cap_add names; other entries and files say nothing', () => {
  const compose = 'services:\n  web:\n    image: nginx:1.27\n    platform: linux/arm64\n    cap_add: [SYS_PTRACE]\n    security_opt:\n      - seccomp=unconfined\n      - no-new-privileges:true\n';
  const { hover } = setup('compose.yaml', compose);
  const opt = hover('seccomp=', 2)!;
  assert.match(opt, /Docker's default profile blocks \d+ of the \d+ arm64 system calls/);
  assert.match(opt, /`web`: seccomp unconfined \(security_opt: seccomp=unconfined\): (\d+) of \1 system calls reachable[^\n]*The default profile would remove \d+\./);
  assert.equal(hover('no-new', 2), undefined);
  assert.match(hover('SYS_PTRACE', 2)!, /`web` holds `CAP_SYS_PTRACE` \(15 capabilities in all\); seccomp is off/);
  const df = setup('Dockerfile', 'FROM debian:12\nUSER 10001\n');
  assert.equal(exposureKeyHover({ analysis: df.analysis, exposures: df.exposures, offset: 2 }), undefined);
});

test('AppArmor and SELinux keys and security_opt entries: what the default keeps out, and each container it applies to', () => {
  const pod = POD.replace('    seccompProfile:\n      type: RuntimeDefault\n', '    seccompProfile:\n      type: RuntimeDefault\n    seLinuxOptions:\n      type: spc_t\n').replace('        capabilities:\n', '        appArmorProfile:\n          type: Unconfined\n        capabilities:\n');
  const { hover } = setup('pod.yaml', pod);
  const aa = hover('Unconfined', 2)!;
  assert.match(aa.split('\n\n')[1], /default AppArmor profile .* denies `mount`/);
  assert.match(aa, /`app` \(Pod\/p\): AppArmor off \(appArmorProfile\.type: Unconfined\)\.$/);
  assert.equal(hover('appArmorProfile'), aa, 'the key gives the same card');
  const se = hover('spc_t', 2)!;
  assert.match(se, /`container_t`/);
  assert.match(se, /`app` \(Pod\/p\): SELinux off \(pod seLinuxOptions\.type: spc_t\)\.\n\n`side` \(Pod\/p\): SELinux off/);
  const compose = 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor=my-profile\n      - "label=type:svirt_apache_t"\n';
  const c = setup('compose.yaml', compose);
  assert.match(c.hover('apparmor=', 2)!, /`web`: AppArmor custom \(security_opt: apparmor=my-profile \(a profile of its own\)\)\.$/);
  assert.match(c.hover('label=', 2)!, /`web`: SELinux custom \(security_opt: label=type:svirt_apache_t\)\.$/);
  assert.match(setup('compose.yaml', 'services:\n  web:\n    image: x\n    security_opt: ["label:level:s0:c1,c2"]\n').hover('label', 1)!, /`web`: SELinux the runtime's default/);
});

test('byImportance puts the well-known system calls first and keeps the rest in order', () => {
  assert.deepEqual(byImportance(['acct', 'bpf', 'mount', 'zz', 'unshare']), ['mount', 'unshare', 'bpf', 'acct', 'zz']);
});
