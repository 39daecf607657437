// The Compose model: effective values with the span where each is written, interpolation
// defaults, anchors / merge keys / `x-` extension fields, volume syntaxes, security_opt spellings.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildComposeModel, isPathSource, parseSecurityOpt, splitShortVolume, type ComposeModel, type ComposeService } from '../../server/src/engine/compose/model';
import { interpolate, UNRESOLVED } from '../../server/src/engine/compose/interpolate';
import { parseYamlStream } from '../../server/src/engine/yaml/parse';
import type { Span } from '../../server/src/engine/types';
import { findingKeys, lint } from '../helpers';

function model(text: string): ComposeModel {
  return buildComposeModel(parseYamlStream(text), { file: '/p/compose.yaml' });
}
function svc(m: ComposeModel, name: string): ComposeService {
  const s = m.services.find((x) => x.name === name);
  assert.ok(s, `service ${name}`);
  return s;
}
const at = (text: string, s: Span | undefined): string => (s ? text.slice(s.start, s.end) : '<none>');
const lineOf = (text: string, s: Span): number => text.slice(0, s.start).split('\n').length;

describe('compose interpolation', () => {
  const cases: Array<[string, string, boolean]> = [
    ['plain', 'plain', false],
    ['${A:-x}', 'x', false],
    ['${A-x}', 'x', false],
    ['${A}', UNRESOLVED, true],
    ['$A/b', `${UNRESOLVED}/b`, true],
    ['${A:?must}', UNRESOLVED, true],
    ['${A:+alt}', UNRESOLVED, true],
    ['${A:-}', UNRESOLVED, true],
    ['${A:-${B:-nested}}', 'nested', false],
    ['$$HOME', '$HOME', false],
    ['${HOME}/.ssh', '~/.ssh', false],
    ['$PWD/data', './data', false],
    ['pre-${A:-mid}-post', 'pre-mid-post', false],
    ['${unclosed', '${unclosed', false],
  ];
  for (const [input, value, unresolved] of cases)
    it(input, () => assert.deepEqual(interpolate(input), { value, unresolved }));
});

describe('compose model: effective values with spans', () => {
  const text = [
    'services:',
    '  web:',
    '    image: nginx:${TAG:-1.27}',
    '    user: 0',
    '    privileged: true',
    '    cap_add: [SYS_ADMIN, "CAP_NET_RAW"]',
    '    cap_drop:',
    '      - ALL',
    '    security_opt:',
    '      - no-new-privileges',
    '      - seccomp=unconfined',
    '      - "apparmor:unconfined"',
    '    network_mode: ${NET:-host}',
    '    pid: host',
    '    read_only: "false"',
    '    sysctls:',
    '      net.core.somaxconn: 1024',
    '    environment:',
    '      - PASSWORD=${PW:-changeme}',
    '      - PASS_THROUGH',
    '    mem_limit: 256m',
    '    deploy:',
    '      resources:',
    '        limits:',
    '          pids: 100',
    '    use_api_socket: true',
    '    devices: ["/dev/fuse"]',
    '',
  ].join('\n');
  const m = model(text);
  const s = svc(m, 'web');
  it('user integer 0 reads as "0" and points at its line', () => {
    assert.equal(s.user?.value, '0');
    assert.equal(s.user?.raw, 0);
    assert.equal(at(text, s.user?.span), 'user: 0');
  });
  it('interpolation defaults', () => {
    assert.equal(s.image?.value, 'nginx:1.27');
    assert.equal(s.networkMode?.value, 'host');
    assert.equal(at(text, s.networkMode?.span), 'network_mode: ${NET:-host}');
  });
  it('booleans, including quoted strings', () => {
    assert.equal(s.privileged?.value, true);
    assert.equal(s.readOnly?.value, false);
    assert.equal(s.useApiSocket?.value, true);
  });
  it('capability lists keep each entry span', () => {
    assert.deepEqual(s.capAdd?.items.map((i) => at(text, i.span)), ['SYS_ADMIN', '"CAP_NET_RAW"']);
    assert.deepEqual(s.capAdd?.items.map((i) => i.value), ['SYS_ADMIN', 'CAP_NET_RAW']);
    assert.equal(at(text, s.capDrop?.keySpan), 'cap_drop');
  });
  it('security_opt in every spelling', () => {
    assert.deepEqual(s.securityOpt.map((o) => [o.key, o.value]), [['no-new-privileges', 'true'], ['seccomp', 'unconfined'], ['apparmor', 'unconfined']]);
    assert.deepEqual(parseSecurityOpt('label=type:spc_t'), { key: 'label', value: 'type:spc_t' });
    assert.deepEqual(parseSecurityOpt('label:disable'), { key: 'label', value: 'disable' });
  });
  it('sysctls, environment, limits, devices', () => {
    assert.deepEqual(s.sysctls.map((x) => [x.name, x.value]), [['net.core.somaxconn', '1024']]);
    assert.deepEqual(s.environment.map((e) => [e.name, e.value, e.raw]), [['PASSWORD', 'changeme', '${PW:-changeme}'], ['PASS_THROUGH', undefined, undefined]]);
    assert.equal(s.memLimit?.value, '256m');
    assert.equal(s.pidsLimit?.value, '100');
    assert.equal(at(text, s.pidsLimit?.span), 'pids: 100');
    assert.deepEqual(s.devices?.items.map((i) => i.value), ['/dev/fuse']);
  });
  it('a missing setting points at the service key', () => {
    const a = lint('compose.yaml', text);
    const wr = a.findings.find((f) => f.rule === 'capabilities-not-dropped');
    assert.equal(wr, undefined, 'cap_drop has ALL');
    const limits = a.findings.find((f) => f.rule === 'missing-resource-limits');
    assert.equal(limits, undefined, 'both limits set');
    const nonRoot = a.findings.filter((f) => f.rule === 'non-root-not-enforced');
    assert.deepEqual(nonRoot, [], 'explicit root is root-user only');
    assert.ok(a.findings.some((f) => f.rule === 'root-user' && at(text, f.span) === 'user: 0'));
  });
});

describe('compose model: anchors, merge keys and x- fields', () => {
  const text = [
    'x-base: &base', //                 1
    '  privileged: true', //            2
    '  cap_add: &caps', //              3
    '    - NET_ADMIN', //               4
    '  user: "0"', //                   5
    'x-opts: &opts [seccomp:unconfined]', // 6
    'services:', //                     7
    '  a:', //                          8
    '    <<: *base', //                 9
    '    image: busybox:1.36', //       10
    '    security_opt: *opts', //       11
    '  b:', //                          12
    '    image: busybox:1.36', //       13
    '    cap_add: *caps', //            14
    '    user: "10001"', //             15
    '  x-ignored:', //                  16
    '    privileged: true', //          17
    '',
  ].join('\n');
  const m = model(text);
  it('x- keys under services are not services', () => assert.deepEqual(m.services.map((s) => s.name), ['a', 'b']));
  it('merged values point into the anchor and are not local', () => {
    const a = svc(m, 'a');
    assert.equal(lineOf(text, a.privileged!.span), 2);
    assert.equal(a.privileged!.local, false);
    assert.equal(lineOf(text, a.capAdd!.items[0].span), 4);
    assert.equal(a.user?.value, '0');
  });
  it('aliased lists point at the anchored items', () => {
    const b = svc(m, 'b');
    assert.equal(lineOf(text, b.capAdd!.items[0].span), 4);
    assert.equal(b.capAdd!.local, false);
    assert.equal(svc(m, 'a').securityOpt[0].key, 'seccomp');
    assert.equal(lineOf(text, svc(m, 'a').securityOpt[0].item.span), 6);
  });
  it('own keys win over merged ones', () => assert.equal(svc(m, 'b').user?.value, '10001'));
  it('findings point where the value is written, once per fact, and offer no fix through an alias', () => {
    const a = lint('compose.yaml', text);
    assert.deepEqual(findingKeys(a, new Set(['privileged', 'dangerous-capability', 'root-user', 'seccomp-unconfined'])), ['2:privileged', '4:dangerous-capability', '5:root-user', '6:seccomp-unconfined']);
    const cap = a.findings.find((f) => f.rule === 'dangerous-capability');
    assert.match(cap!.message, /also applies to service b/);
    for (const f of a.findings) if (['privileged', 'dangerous-capability', 'root-user', 'seccomp-unconfined'].includes(f.rule)) assert.deepEqual(f.fixes, [], f.rule);
  });
});

describe('compose model: volumes', () => {
  it('short syntax', () => {
    assert.deepEqual(splitShortVolume('/data'), { target: '/data', options: [] });
    assert.deepEqual(splitShortVolume('./a:/b:ro,rshared'), { source: './a', target: '/b', options: ['ro', 'rshared'] });
    assert.deepEqual(splitShortVolume('C:\\data:/data'), { source: 'C:\\data', target: '/data', options: [] });
    for (const p of ['/abs', './rel', '../up', '.', '~', '~/x', 'C:\\x']) assert.ok(isPathSource(p), p);
    for (const p of ['named', 'my-vol_1']) assert.ok(!isPathSource(p), p);
  });
  const text = [
    'services:',
    '  a:',
    '    image: busybox:1.36',
    '    volumes:',
    '      - /var/lib/data',
    '      - data:/data',
    '      - ./src:/src:ro',
    '      - type: bind',
    '        source: /etc',
    '        target: /host/etc',
    '        bind:',
    '          propagation: rshared',
    '      - type: volume',
    '        target: /anon',
    '      - hostdir:/h',
    'volumes:',
    '  data: {}',
    '  hostdir:',
    '    driver_opts: {type: none, o: bind, device: /var/run}',
    '',
  ].join('\n');
  const a = svc(model(text), 'a');
  it('types, sources and spans', () => {
    assert.deepEqual(a.mounts.map((x) => [x.type, x.source ?? null, x.target ?? null]), [
      ['anonymous', null, '/var/lib/data'],
      ['volume', 'data', '/data'],
      ['bind', './src', '/src'],
      ['bind', '/etc', '/host/etc'],
      ['anonymous', null, '/anon'],
      ['bind', '/var/run', '/h'],
    ]);
    assert.equal(a.mounts[2].readOnly, true);
    assert.equal(at(text, a.mounts[3].span), 'source: /etc');
    assert.equal(a.mounts[3].propagation, 'rshared');
    assert.equal(at(text, a.mounts[3].propagationSpan), 'propagation: rshared');
    assert.equal(a.mounts[5].viaVolume, 'hostdir');
    assert.equal(at(text, a.mounts[5].span), 'device: /var/run');
  });
  it('anonymous volumes are never findings', () => {
    const keys = findingKeys(lint('compose.yaml', 'services:\n  a:\n    image: busybox:1.36\n    volumes:\n      - /var/run/docker.sock\n      - /etc\n'), new Set(['runtime-socket-mount', 'sensitive-host-mount']));
    assert.deepEqual(keys, []);
  });
});

describe('compose model: robustness', () => {
  for (const text of ['', 'services:', 'services: []', 'services:\n  a: 3\n', 'services:\n  a:\n    volumes: {x: 1}\n    cap_add: 5\n    user: [1]\n    security_opt: {}\n', 'services:\n  a: &a\n    <<: *a\n', '\u0000\u0001binary', 'services:\n  a:\n    build: {context: "${CTX}"}\n'])
    it(JSON.stringify(text).slice(0, 40), () => {
      const a = lint('compose.yaml', text, { kind: 'compose' });
      assert.deepEqual(a.errors, []);
    });
});

describe('compose model: extends', () => {
  const text = [
    'services:',
    '  web:',
    '    extends: base',
    '    user: "10001"',
    '  base:',
    '    image: example/app:1.0',
    '    user: root',
    '    cap_drop: [ALL]',
    '  loop-a:',
    '    extends: loop-b',
    '  loop-b:',
    '    extends: {service: loop-a}',
    '  other:',
    '    extends: {file: common.yaml, service: x}',
    '',
  ].join('\n');
  const m = model(text);
  it('inherits keys it does not set; its own keys win', () => {
    const web = svc(m, 'web');
    assert.equal(web.user?.value, '10001');
    assert.equal(web.image?.value, 'example/app:1.0');
    assert.equal(lineOf(text, web.capDrop!.keySpan), 8);
    assert.equal(web.capDrop!.local, false);
  });
  it('cycles terminate and other files are noted', () => {
    assert.ok(m.services.some((s) => s.name === 'loop-a'));
    assert.ok(m.notes.some((n) => /other:|service other/.test(n) && /common\.yaml/.test(n)), m.notes.join('\n'));
  });
});
