// The hover knowledge base (pure): what is under the cursor and what we say about it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/engine';
import { capabilityMarkdown, CAPABILITIES, directiveIdAt, dockerfileKnowledgeAt, hoverAt, securityOptMarkdown, yamlTargetAt } from '../../server/src/engine/hover';
import { parseYamlStream } from '../../server/src/engine/yaml/parse';

const at = (text: string, needle: string, delta = 1): number => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return i + delta;
};

function hoverYaml(kind: 'compose' | 'kubernetes', text: string, offset: number): string | undefined {
  return hoverAt({ kind, text, offset, yaml: parseYamlStream(text), findings: [] })?.markdown;
}

test('capabilities: every name in the brief is explained, with its standing', () => {
  for (const c of ['SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'SYS_RAWIO', 'SETUID', 'CHOWN', 'ALL']) assert.ok(CAPABILITIES[c], c);
  assert.match(capabilityMarkdown('cap_sys_module')!, /kernel modules/);
  assert.match(capabilityMarkdown('cap_sys_module')!, /Written `cap_sys_module`/);
  assert.match(capabilityMarkdown('NET_RAW')!, /in Docker's default set/);
  assert.match(capabilityMarkdown('CHOWN')!, /allowed by Pod Security baseline, not restricted/);
  assert.match(capabilityMarkdown('NET_BIND_SERVICE')!, /allowed by every Pod Security level/);
  assert.equal(capabilityMarkdown('NOT_A_CAP'), undefined);
});

test('Kubernetes keys and values, with or without a finding', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n    - name: c\n      securityContext:\n        capabilities:\n          add: ["NET_ADMIN"]\n          drop:\n            - ALL\n        procMount: Unmasked\n  volumes:\n    - name: v\n      hostPath:\n        path: /etc\n';
  assert.match(hoverYaml('kubernetes', pod, at(pod, 'hostPID'))!, /process namespace/);
  assert.match(hoverYaml('kubernetes', pod, at(pod, 'Unconfined'))!, /seccompProfile\.type[\s\S]*no filter/);
  assert.match(hoverYaml('kubernetes', pod, at(pod, 'NET_ADMIN'))!, /Capability `NET_ADMIN`/);
  assert.match(hoverYaml('kubernetes', pod, at(pod, '- ALL', 3))!, /Capability `ALL`/);
  assert.match(hoverYaml('kubernetes', pod, at(pod, 'capabilities'))!, /drop: \["ALL"\]/);
  assert.match(hoverYaml('kubernetes', pod, at(pod, 'Unmasked'))!, /Unmasked/);
  assert.match(hoverYaml('kubernetes', pod, at(pod, '/etc'))!, /hostPath/);
  assert.equal(hoverYaml('kubernetes', pod, at(pod, 'name: c')), undefined);
});

test('Compose keys, security_opt entries and capability names', () => {
  const compose = 'services:\n  web:\n    image: nginx\n    network_mode: host\n    pid: "host"\n    user: root\n    read_only: true\n    cap_add: [SYS_PTRACE]\n    security_opt:\n      - no-new-privileges:true\n      - seccomp=unconfined\n      - apparmor:unconfined\n      - label:disable\n      - systempaths=unconfined\n    devices:\n      - /dev/sda\n';
  assert.match(hoverYaml('compose', compose, at(compose, 'host'))!, /host's network stack/);
  assert.match(hoverYaml('compose', compose, at(compose, '"host"'))!, /every process on the host/);
  assert.match(hoverYaml('compose', compose, at(compose, 'user'))!, /uid/);
  assert.match(hoverYaml('compose', compose, at(compose, 'read_only'))!, /read-only/);
  assert.match(hoverYaml('compose', compose, at(compose, 'SYS_PTRACE'))!, /Capability `SYS_PTRACE`/);
  assert.match(hoverYaml('compose', compose, at(compose, 'no-new'))!, /no_new_privs/);
  assert.match(hoverYaml('compose', compose, at(compose, 'seccomp='))!, /seccomp:unconfined/);
  assert.match(hoverYaml('compose', compose, at(compose, 'apparmor'))!, /AppArmor/);
  assert.match(hoverYaml('compose', compose, at(compose, 'label:'))!, /SELinux/);
  assert.match(hoverYaml('compose', compose, at(compose, 'systempaths'))!, /Unmasks/);
  assert.match(hoverYaml('compose', compose, at(compose, '/dev/sda'))!, /device/);
  // `user` outside a service is not explained.
  assert.equal(hoverYaml('compose', 'x-defaults:\n  user: root\nservices: {}\n', 5), undefined);
  assert.equal(securityOptMarkdown('unknown-opt'), undefined);
});

test('Dockerfile instructions and RUN flags', () => {
  const df = 'FROM debian:12\nRUN --security=insecure make\nonbuild ADD . /app\nUSER app\nEXPOSE 22\n';
  assert.match(dockerfileKnowledgeAt(df, at(df, 'USER'))!.markdown, /^\*\*USER\*\*/);
  assert.match(dockerfileKnowledgeAt(df, at(df, 'ADD'))!.markdown, /^\*\*ADD\*\*/);
  assert.match(dockerfileKnowledgeAt(df, at(df, 'EXPOSE'))!.markdown, /22/);
  assert.match(dockerfileKnowledgeAt(df, at(df, '--security', 4))!.markdown, /privileged/);
  assert.equal(dockerfileKnowledgeAt(df, at(df, 'make')), undefined);
});

test('rule ids inside suppression comments', () => {
  const text = '# harden-ignore sudo-in-run, root-user -- reason sudo-in-run\nRUN sudo x\n';
  assert.deepEqual(directiveIdAt(text, at(text, 'root-user')), { id: 'root-user', span: { start: text.indexOf('root-user'), end: text.indexOf('root-user') + 9 } });
  assert.equal(directiveIdAt(text, text.lastIndexOf('sudo-in-run') + 1), undefined, 'the reason is not an id');
  const h = hoverAt({ kind: 'dockerfile', text, offset: at(text, 'sudo-in-run'), findings: [] });
  assert.match(h!.markdown, /`sudo-in-run`/);
  const bogus = '# harden-ignore no-such-rule\nFROM x\n';
  assert.match(hoverAt({ kind: 'dockerfile', text: bogus, offset: at(bogus, 'no-such'), findings: [] })!.markdown, /not a Harden rule id/);
});

test('a finding under the cursor gives its rule card with the fix safety, then the key knowledge', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
  const a = analyze({ file: 'compose.yaml', text });
  const h = hoverAt({ kind: 'compose', text, offset: at(text, 'privileged'), yaml: parseYamlStream(text), findings: a.findings, docsUri: (r) => `file:///docs/${r}.md` });
  assert.ok(h);
  assert.match(h.markdown, /`privileged` · error/);
  assert.match(h.markdown, /Quick fix \(unsafe\)/);
  assert.match(h.markdown, /\[Rule documentation\]\(file:\/\/\/docs\/privileged\.md\)/);
  assert.match(h.markdown, /---[\s\S]*\*\*privileged\*\*/);
});

test('yamlTargetAt survives deep nesting and odd input', () => {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  assert.equal(yamlTargetAt(parseYamlStream(deep), 2500), undefined);
  assert.equal(yamlTargetAt(parseYamlStream(''), 0), undefined);
  assert.equal(hoverYaml('kubernetes', '\u0000\u0001: [', 1), undefined);
});

test('harden/ignore annotation ids, SELinux options, and an unused suppression shows both cards', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    harden/ignore: "privileged, host-pid"\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n  containers: []\n';
  assert.match(hoverYaml('kubernetes', pod, at(pod, 'host-pid'))!, /`host-pid`/);
  assert.match(hoverYaml('kubernetes', pod, at(pod, 'spc_t'))!, /seLinuxOptions\.type[\s\S]*super privileged/);
  const df = 'FROM debian:12\n# harden-ignore sudo-in-run -- old\nRUN apt-get update\n';
  const a = analyze({ file: 'Dockerfile', text: df });
  const unused = a.findings.find((f) => f.rule === 'unused-suppression');
  assert.ok(unused, 'the directive suppresses nothing');
  const h = hoverAt({ kind: 'dockerfile', text: df, offset: at(df, 'sudo-in-run'), findings: a.findings })!;
  assert.match(h.markdown, /`unused-suppression`/);
  assert.match(h.markdown, /`sudo-in-run`/);
});
