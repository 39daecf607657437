// The Kubernetes model: effective settings resolved once (container over pod, annotations, defaults),
// objects of every kind and every document, insert points, Windows pods, Kustomize patches and the
// suppression annotations. Table-driven.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildKubernetesModel, type Container, type KubernetesModel } from '../../server/src/engine/kubernetes/model';
import { parseYamlStream } from '../../server/src/engine/yaml/parse';

function model(text: string, ctx: Parameters<typeof buildKubernetesModel>[1] = { file: 'x.yaml' }): KubernetesModel {
  return buildKubernetesModel(parseYamlStream(text), ctx);
}

/** A Pod with a pod securityContext and one container securityContext (flow maps for brevity). */
function pod(podSc: string, containerSc: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${extra}spec:\n  securityContext: ${podSc}\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext: ${containerSc}\n`;
}

function only(m: KubernetesModel): Container {
  assert.equal(m.workloads.length, 1);
  assert.equal(m.workloads[0].containers.length, 1);
  return m.workloads[0].containers[0];
}

describe('kubernetes model: effective values', () => {
  const cases: Array<{ name: string; pod: string; c: string; field: keyof Container; value: unknown; origin: string }> = [
    { name: 'runAsNonRoot: pod true, container unset -> pod', pod: '{runAsNonRoot: true}', c: '{}', field: 'runAsNonRoot', value: true, origin: 'pod' },
    { name: 'runAsNonRoot: pod true, container false -> container', pod: '{runAsNonRoot: true}', c: '{runAsNonRoot: false}', field: 'runAsNonRoot', value: false, origin: 'container' },
    { name: 'runAsNonRoot: unset anywhere -> default', pod: '{}', c: '{}', field: 'runAsNonRoot', value: undefined, origin: 'default' },
    { name: 'runAsUser: container overrides pod 0', pod: '{runAsUser: 0}', c: '{runAsUser: 10001}', field: 'runAsUser', value: 10001, origin: 'container' },
    { name: 'runAsUser: pod 0 inherited', pod: '{runAsUser: 0}', c: '{}', field: 'runAsUser', value: 0, origin: 'pod' },
    { name: 'runAsUser: quoted number', pod: '{}', c: '{runAsUser: "1000"}', field: 'runAsUser', value: 1000, origin: 'container' },
    { name: 'runAsGroup: pod inherited', pod: '{runAsGroup: 0}', c: '{}', field: 'runAsGroup', value: 0, origin: 'pod' },
    { name: 'seccomp: pod RuntimeDefault inherited', pod: '{seccompProfile: {type: RuntimeDefault}}', c: '{}', field: 'seccompType', value: 'RuntimeDefault', origin: 'pod' },
    { name: 'seccomp: container Localhost over pod Unconfined', pod: '{seccompProfile: {type: Unconfined}}', c: '{seccompProfile: {type: Localhost}}', field: 'seccompType', value: 'Localhost', origin: 'container' },
    { name: 'seccomp: profile without type -> pod value', pod: '{seccompProfile: {type: RuntimeDefault}}', c: '{seccompProfile: {}}', field: 'seccompType', value: 'RuntimeDefault', origin: 'pod' },
    { name: 'appArmor: pod field inherited', pod: '{appArmorProfile: {type: Unconfined}}', c: '{}', field: 'appArmorType', value: 'Unconfined', origin: 'pod' },
    { name: 'windows hostProcess: container over pod', pod: '{windowsOptions: {hostProcess: true}}', c: '{windowsOptions: {hostProcess: false}}', field: 'windowsHostProcess', value: false, origin: 'container' },
  ];
  for (const t of cases)
    it(t.name, () => {
      const c = only(model(pod(t.pod, t.c)));
      const e = c[t.field] as { value: unknown; origin: string };
      assert.equal(e.value, t.value);
      assert.equal(e.origin, t.origin);
    });

  it('container-only fields have no pod fallback (and are recorded as misplaced)', () => {
    const m = model(pod('{privileged: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}', '{}'));
    const c = only(m);
    assert.equal(c.privileged, undefined);
    assert.equal(c.allowPrivilegeEscalation, undefined);
    assert.equal(c.readOnlyRootFilesystem, undefined);
    assert.deepEqual(m.workloads[0].pod!.misplaced.map((f) => m.text.slice(f.span.start, f.span.end)), ['privileged: true', 'allowPrivilegeEscalation: false', 'readOnlyRootFilesystem: true']);
  });

  it('AppArmor annotation applies to its container, between the container field and the pod field', () => {
    const ann = '  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: localhost/prof\n';
    const c1 = only(model(pod('{appArmorProfile: {type: Unconfined}}', '{}', ann)));
    assert.equal(c1.appArmorType.value, 'Localhost');
    assert.equal(c1.appArmorType.origin, 'annotation');
    const c2 = only(model(pod('{}', '{appArmorProfile: {type: RuntimeDefault}}', ann)));
    assert.equal(c2.appArmorType.origin, 'container');
  });

  it('seccomp annotations: container annotation before the pod annotation; never the effective type', () => {
    const ann = '  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\n    container.seccomp.security.alpha.kubernetes.io/app: unconfined\n';
    const c = only(model(pod('{}', '{}', ann)));
    assert.equal(c.seccompAnnotation?.value, 'unconfined');
    assert.equal(c.seccompType.origin, 'default');
  });

  it('records spans of explicit values and the name line of each container', () => {
    const m = model(pod('{runAsUser: 0}', '{runAsNonRoot: false}'));
    const c = only(m);
    assert.equal(m.text.slice(c.nameSpan.start, c.nameSpan.end), 'name: app');
    assert.equal(m.text.slice(c.runAsNonRoot.field!.span.start, c.runAsNonRoot.field!.span.end), 'runAsNonRoot: false');
    assert.equal(m.text.slice(c.runAsUser.field!.span.start, c.runAsUser.field!.span.end), 'runAsUser: 0');
  });

  it('insert points: the deepest existing map and the keys still missing', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: x:1\n    - name: b\n      image: x:1\n      securityContext:\n        privileged: false\n';
    const m = model(text);
    const [a, b] = m.workloads[0].containers;
    assert.deepEqual(a.insertSecurityContext.path, ['securityContext']);
    assert.deepEqual(b.insertSecurityContext.path, []);
    assert.deepEqual(m.workloads[0].pod!.insertSecurityContext.path, ['securityContext']);
  });
});

describe('kubernetes model: objects', () => {
  const kinds: Array<[string, string]> = [
    ['Pod', 'spec:\n  containers: [{name: c, image: x:1}]'],
    ['Deployment', 'spec:\n  template:\n    spec:\n      containers: [{name: c, image: x:1}]'],
    ['StatefulSet', 'spec:\n  template:\n    spec:\n      containers: [{name: c, image: x:1}]'],
    ['DaemonSet', 'spec:\n  template:\n    spec:\n      containers: [{name: c, image: x:1}]'],
    ['ReplicaSet', 'spec:\n  template:\n    spec:\n      containers: [{name: c, image: x:1}]'],
    ['ReplicationController', 'spec:\n  template:\n    spec:\n      containers: [{name: c, image: x:1}]'],
    ['Job', 'spec:\n  template:\n    spec:\n      containers: [{name: c, image: x:1}]'],
    ['CronJob', 'spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c, image: x:1}]'],
    ['PodTemplate', 'template:\n  spec:\n    containers: [{name: c, image: x:1}]'],
    ['DeploymentConfig', 'spec:\n  template:\n    spec:\n      containers: [{name: c, image: x:1}]'],
  ];
  for (const [kind, body] of kinds)
    it(`${kind}: finds the pod spec and its container`, () => {
      const m = model(`apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: w\n${body}\n`);
      assert.equal(m.workloads.length, 1);
      assert.equal(m.workloads[0].label, `${kind}/w`);
      assert.deepEqual(m.workloads[0].containers.map((c) => c.name), ['c']);
      assert.equal(m.text.slice(m.workloads[0].kindSpan.start, m.workloads[0].kindSpan.end), `kind: ${kind}`);
    });

  it('reads init, regular and ephemeral containers, in text order', () => {
    const m = model('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n  initContainers: [{name: i}]\n  ephemeralContainers: [{name: e}]\n');
    assert.deepEqual(m.workloads[0].containers.map((c) => `${c.type}:${c.name}`), ['container:a', 'initContainer:i', 'ephemeralContainer:e']);
  });

  it('reads List and *List items and every document; skips a broken document', () => {
    const text = [
      'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {containers: [{name: c}]}}\n  - {apiVersion: v1, kind: Pod, metadata: {name: b}, spec: {containers: [{name: c}]}}\n',
      'apiVersion: v1\nkind: PodList\nitems:\n  - {apiVersion: v1, kind: Pod, metadata: {name: c}, spec: {containers: [{name: c}]}}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: broken\nspec: {}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: d}\nspec: {containers: [{name: c}]}\n',
    ].join('---\n');
    const m = model(text);
    assert.deepEqual(m.workloads.map((o) => o.label), ['Pod/a', 'Pod/b', 'Pod/c', 'Pod/d']);
    assert.equal(m.parseErrors.length, 1);
  });

  it('Windows pods are marked', () => {
    const m = model('apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os: {name: windows}\n  containers: [{name: c}]\n');
    assert.equal(m.workloads[0].windows, true);
  });

  it('marks a container reached through an alias (fixes must not edit it)', () => {
    const m = model('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - &c {name: a, image: x:1}\n  containers:\n    - *c\n');
    assert.deepEqual(m.workloads[0].containers.map((c) => `${c.name}:${c.viaAlias}`), ['a:false', 'a:true']);
  });
});

describe('kubernetes model: suppression annotations', () => {
  it('harden/ignore, kube-linter and checkov annotations become scoped suppressions over the object', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    harden/ignore: "privileged, host-pid -- agent"\n    ignore-check.kube-linter.io/privileged-container: "ok"\n    kube-linter.io/ignore-all: "vendor"\n    checkov.io/skip1: CKV_K8S_16=needs devices\nspec:\n  containers: [{name: c}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\n';
    const m = model(text);
    const s = m.scopedSuppressions.map((x) => ({ ids: x.ids, foreign: x.foreign, key: text.slice(x.span.start, x.span.end), j: x.justification, scopeEnd: x.scope.end <= text.indexOf('---') + 4 }));
    assert.deepEqual(s, [
      { ids: ['privileged', 'host-pid'], foreign: false, key: 'harden/ignore', j: 'agent', scopeEnd: true },
      { ids: ['privileged-container'], foreign: true, key: 'ignore-check.kube-linter.io/privileged-container', j: 'ok', scopeEnd: true },
      { ids: ['*'], foreign: true, key: 'kube-linter.io/ignore-all', j: 'vendor', scopeEnd: true },
      { ids: ['CKV_K8S_16'], foreign: true, key: 'checkov.io/skip1', j: 'needs devices', scopeEnd: true },
    ]);
  });
});

describe('kubernetes model: Kustomize patches', () => {
  const files: Record<string, string> = {
    '/k/kustomization.yaml': 'resources: [base.yaml]\npatches:\n  - path: patch.yaml\n  - target: {kind: Deployment}\n    patch: |-\n      - op: add\npatchesStrategicMerge:\n  - ./smp.yaml\n',
  };
  const ctx = (file: string) => ({ file, readFile: (p: string) => files[p], resolve: (r: string) => `/k/${r.replace(/^\.\//, '')}` });
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: app}]\n';
  for (const [file, fragment] of [['/k/patch.yaml', true], ['/k/smp.yaml', true], ['/k/base.yaml', false]] as const)
    it(`${file} is ${fragment ? '' : 'not '}a patch`, () => {
      const m = model(text, ctx(file));
      assert.equal(m.workloads[0].fragment, fragment);
    });
  it('without a file reader nothing is a patch', () => {
    assert.equal(model(text, { file: '/k/patch.yaml' }).workloads[0].fragment, false);
  });
});
