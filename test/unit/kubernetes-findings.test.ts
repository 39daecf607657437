// Kubernetes findings: exact ranges (the text each finding covers), messages that name the object
// and the container, suppressions by annotation, Kustomize fragments, and the fixes (applied and
// re-checked), including the restricted-profile bundle.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze, applyEdits, type Analysis } from '../../server/src/engine';
import { restrictedProfileFix } from '../../server/src/engine/kubernetes/bundle';
import type { KubernetesModel } from '../../server/src/engine/kubernetes/model';
import { lint } from '../helpers';

/** `rule @ "covered text"` for the unsuppressed findings of the given rules. */
function covered(a: Analysis, rules: string[]): string[] {
  return a.findings.filter((f) => !f.suppressed && rules.includes(f.rule)).map((f) => `${f.rule} @ ${a.lines.text.slice(f.span.start, f.span.end)}`);
}

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsUser: 0
        seccompProfile:
          type: Unconfined
      initContainers:
        - name: setup
          image: busybox:1.36
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
            allowPrivilegeEscalation: true
            runAsUser: 10001
            capabilities:
              add: ["CAP_SYS_ADMIN", NET_BIND_SERVICE]
              drop: [NET_RAW]
`;

describe('kubernetes findings: ranges and messages', () => {
  const a = lint('deploy.yaml', DEPLOY);
  const table: Array<[string, string[]]> = [
    ['privileged', ['privileged @ privileged: true']],
    ['root-user', ['root-user @ runAsUser: 0']],
    ['non-root-not-enforced', ['non-root-not-enforced @ name: app']],
    ['privilege-escalation-allowed', ['privilege-escalation-allowed @ name: setup', 'privilege-escalation-allowed @ allowPrivilegeEscalation: true']],
    ['capabilities-not-dropped', ['capabilities-not-dropped @ name: setup', 'capabilities-not-dropped @ drop']],
    ['dangerous-capability', ['dangerous-capability @ "CAP_SYS_ADMIN"']],
    ['capability-spelling', ['capability-spelling @ "CAP_SYS_ADMIN"']],
    ['seccomp-unconfined', ['seccomp-unconfined @ type: Unconfined']],
    ['seccomp-not-set', []],
    ['service-account-token-mounted', ['service-account-token-mounted @ kind: Deployment']],
  ];
  for (const [rule, want] of table) it(rule, () => assert.deepEqual(covered(a, [rule]), want));

  it('non-root-not-enforced skips the init container that inherits runAsUser: 0 (root-user wins)', () => {
    assert.ok(!covered(a, ['non-root-not-enforced']).includes('non-root-not-enforced @ name: setup'));
  });

  it('messages name the object and the container', () => {
    const msg = (rule: string) => a.findings.find((f) => f.rule === rule)!;
    assert.match(msg('privileged').message, /^Deployment\/web, container app: /);
    assert.equal(msg('privileged').object, 'Deployment/web');
    assert.equal(msg('privileged').container, 'app');
    assert.match(a.findings.find((f) => f.rule === 'privilege-escalation-allowed')!.message, /^Deployment\/web, init container setup: /);
    assert.match(msg('root-user').message, /^Deployment\/web: the pod securityContext sets runAsUser: 0/);
  });

  it('explicit allowPrivilegeEscalation: true is an error, a missing one a warning', () => {
    const sev = a.findings.filter((f) => f.rule === 'privilege-escalation-allowed').map((f) => f.severity);
    assert.deepEqual(sev, ['warning', 'error']);
  });
});

describe('kubernetes findings: suppressions and fragments', () => {
  it('harden/ignore covers only its own object; an id that suppresses nothing is unused-suppression at the key', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    harden/ignore: privileged,host-ipc\nspec:\n  containers:\n    - name: c\n      image: x:1\n      securityContext: {privileged: true}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers:\n    - name: c\n      image: x:1\n      securityContext: {privileged: true}\n';
    const a = lint('p.yaml', text);
    const priv = a.findings.filter((f) => f.rule === 'privileged');
    assert.deepEqual(priv.map((f) => [f.object, f.suppressed?.kind]), [['Pod/a', 'annotation'], ['Pod/b', undefined]]);
    assert.deepEqual(covered(a, ['unused-suppression']), ['unused-suppression @ harden/ignore']);
  });

  it('kube-linter and checkov annotations suppress the mapped rules and are never unused', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    ignore-check.kube-linter.io/privileged-container: x\n    checkov.io/skip1: CKV_K8S_17=y\n    ignore-check.kube-linter.io/host-network: unused\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      image: x:1\n      securityContext: {privileged: true}\n';
    const a = lint('p.yaml', text);
    assert.deepEqual(a.findings.filter((f) => ['privileged', 'host-pid'].includes(f.rule)).map((f) => f.suppressed?.kind), ['foreign', 'foreign']);
    assert.deepEqual(covered(a, ['unused-suppression']), []);
  });

  it('a Kustomize patch gets explicit bad values but no missing-setting findings', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: true\n';
    const files: Record<string, string> = { '/k/kustomization.yaml': 'patches:\n  - path: patch.yaml\n' };
    const a = lint('/k/patch.yaml', text, { readFile: (p) => files[p], resolve: (r) => `/k/${r}` });
    const rules = new Set(a.findings.map((f) => f.rule));
    assert.ok(rules.has('privileged'));
    for (const r of ['non-root-not-enforced', 'seccomp-not-set', 'capabilities-not-dropped', 'privilege-escalation-allowed', 'writable-root-filesystem', 'missing-resource-limits', 'service-account-token-mounted']) assert.ok(!rules.has(r), r);
  });
});

describe('kubernetes fixes', () => {
  /** Apply the first fix of the first finding of `rule`, return the new text. */
  function fixed(text: string, rule: string): string | undefined {
    const a = lint('f.yaml', text);
    const f = a.findings.find((x) => x.rule === rule && x.fixes.length);
    return f ? applyEdits(text, f.fixes[0].edits) : undefined;
  }
  const POD = (sc: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${extra}  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n${sc}`;

  it('privileged: sets false, keeping the comment', () => {
    assert.equal(fixed(POD('        privileged: true # why\n'), 'privileged'), POD('        privileged: false # why\n'));
  });
  it('unmasked-proc-mount: removes the key', () => {
    assert.equal(fixed(POD('        readOnlyRootFilesystem: true\n        procMount: Unmasked\n'), 'unmasked-proc-mount'), POD('        readOnlyRootFilesystem: true\n'));
  });
  it('capabilities-not-dropped: appends ALL to an existing block list', () => {
    assert.equal(fixed(POD('        capabilities:\n          drop:\n            - NET_RAW\n'), 'capabilities-not-dropped'), POD('        capabilities:\n          drop:\n            - NET_RAW\n            - ALL\n'));
  });
  it('capability-spelling: rewrites keeping the quotes (safe)', () => {
    const a = lint('f.yaml', POD('        capabilities:\n          drop: ["all"]\n'));
    const f = a.findings.find((x) => x.rule === 'capability-spelling')!;
    assert.equal(f.fixes[0].safe, true);
    assert.equal(applyEdits(a.lines.text, f.fixes[0].edits), POD('        capabilities:\n          drop: ["ALL"]\n'));
  });
  it('runtime-socket-mount: removes the volume and its mounts', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: x:1\n      volumeMounts:\n        - name: sock\n          mountPath: /var/run/docker.sock\n        - name: data\n          mountPath: /data\n  volumes:\n    - name: sock\n      hostPath:\n        path: /var/run/docker.sock\n    - name: data\n      emptyDir: {}\n';
    const want = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: x:1\n      volumeMounts:\n        - name: data\n          mountPath: /data\n  volumes:\n    - name: data\n      emptyDir: {}\n';
    assert.equal(fixed(text, 'runtime-socket-mount'), want);
  });
  it('deprecated-seccomp-annotation: moves the pod annotation to the field (safe)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\n    team: web\nspec:\n  containers:\n    - name: app\n      image: x:1\n';
    const out = fixed(text, 'deprecated-seccomp-annotation')!;
    assert.equal(out, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    team: web\nspec:\n  containers:\n    - name: app\n      image: x:1\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n');
  });
  it('declines to edit through an alias', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - &c\n      name: a\n      image: x:1\n      securityContext:\n        privileged: true\n  containers:\n    - *c\n';
    const a = lint('f.yaml', text);
    const priv = a.findings.filter((f) => f.rule === 'privileged');
    assert.equal(priv.length, 2);
    assert.ok(priv.every((f) => f.fixes.length === 0));
  });

  it('restrictedProfileFix brings a workload to the restricted profile in one unsafe fix', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      hostPID: true # debugging\n      containers:\n        - name: app\n          image: nginx:1.27\n          securityContext:\n            privileged: true\n        - name: side\n          image: envoy:1.30\n          securityContext:\n            capabilities:\n              drop: [NET_RAW]\n';
    const a = lint('d.yaml', text, { config: { profile: 'restricted' } });
    const m = a.model as KubernetesModel;
    const fix = restrictedProfileFix(m, m.workloads[0])!;
    assert.equal(fix.safe, false);
    assert.equal(fix.title, 'Apply the Pod Security restricted profile to Deployment/web');
    const out = applyEdits(text, fix.edits);
    assert.ok(out.includes('hostPID: false # debugging'));
    const b = lint('d.yaml', out, { config: { profile: 'restricted' } });
    const left = new Set(b.findings.filter((f) => !f.suppressed).map((f) => f.rule));
    for (const r of ['privileged', 'host-pid', 'non-root-not-enforced', 'seccomp-not-set', 'privilege-escalation-allowed', 'capabilities-not-dropped', 'parse-error']) assert.ok(!left.has(r), `${r} left:\n${out}`);
    assert.equal(restrictedProfileFix(b.model as KubernetesModel, (b.model as KubernetesModel).workloads[0]), undefined, 'nothing left to do');
  });

  it('restrictedProfileFix also removes added capabilities beyond NET_BIND_SERVICE and a container\'s own Unconfined / runAsNonRoot: false', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        runAsNonRoot: false # legacy\n        seccompProfile:\n          type: Unconfined\n        capabilities:\n          add:\n            - SYS_ADMIN\n            - NET_BIND_SERVICE\n            - NET_ADMIN\n    - name: side\n      image: envoy:1.30\n      securityContext:\n        capabilities:\n          add: [SYS_PTRACE]\n';
    const a = lint('p.yaml', text, { config: { profile: 'restricted' } });
    const m = a.model as KubernetesModel;
    const out = applyEdits(text, restrictedProfileFix(m, m.workloads[0])!.edits);
    const b = lint('p.yaml', out, { config: { profile: 'restricted' } });
    const left = new Set(b.findings.filter((f) => !f.suppressed).map((f) => f.rule));
    for (const r of ['seccomp-unconfined', 'seccomp-not-set', 'dangerous-capability', 'extra-capability', 'non-root-not-enforced', 'capabilities-not-dropped', 'parse-error']) assert.ok(!left.has(r), `${r} left:\n${out}`);
    assert.match(out, /- NET_BIND_SERVICE/);
    assert.ok(!out.includes('SYS_ADMIN') && !out.includes('NET_ADMIN') && !out.includes('SYS_PTRACE'), out);
    assert.ok(out.includes('runAsNonRoot: true # legacy'), out);
    assert.match(out, /type: RuntimeDefault/);
    assert.equal(restrictedProfileFix(b.model as KubernetesModel, (b.model as KubernetesModel).workloads[0]), undefined, 'nothing left to do');
  });
});

describe('kubernetes: the restricted-profile bundle and AppArmor / SELinux', () => {
  it('AppArmor Unconfined (pod field, container field, beta annotation) becomes the runtime default; forbidden SELinux keys go, allowed ones stay; an unconfined seccomp annotation follows the field', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      '  annotations:',
      '    container.apparmor.security.beta.kubernetes.io/b: unconfined # legacy',
      '    seccomp.security.alpha.kubernetes.io/pod: unconfined',
      'spec:',
      '  securityContext:',
      '    appArmorProfile:',
      '      type: Unconfined',
      '    seLinuxOptions:',
      '      type: spc_t',
      '      level: "s0:c1,c2" # keep',
      '  containers:',
      '    - name: a',
      '      image: nginx:1.27',
      '      securityContext:',
      '        appArmorProfile:',
      '          type: Unconfined',
      '        seLinuxOptions:',
      '          user: system_u',
      '          role: system_r',
      '          type: container_t',
      '    - name: b',
      '      image: nginx:1.27',
      '',
    ].join('\n');
    const a = lint('p.yaml', text, { config: { profile: 'restricted' } });
    const before = a.findings.filter((f) => f.rule === 'apparmor-unconfined' || f.rule === 'selinux-weakened').length;
    assert.ok(before >= 5, `${before} AppArmor/SELinux findings before`);
    const m = a.model as KubernetesModel;
    const out = applyEdits(text, restrictedProfileFix(m, m.workloads[0])!.edits);
    const b = lint('p.yaml', out, { config: { profile: 'restricted' } });
    const left = b.findings.filter((f) => !f.suppressed).map((f) => f.rule);
    for (const r of ['apparmor-unconfined', 'selinux-weakened', 'seccomp-unconfined', 'parse-error']) assert.ok(!left.includes(r), `${r} left:\n${out}`);
    assert.ok(out.includes('seccomp.security.alpha.kubernetes.io/pod: runtime/default'), 'the deprecated annotation follows the field (the API server refuses a mismatch)');
    assert.ok(out.includes('container.apparmor.security.beta.kubernetes.io/b: runtime/default # legacy'), out);
    assert.ok(out.includes('level: "s0:c1,c2" # keep') && out.includes('type: container_t'), out);
    assert.ok(!/spc_t|system_u|system_r|Unconfined/.test(out), out);
    assert.equal(restrictedProfileFix(b.model as KubernetesModel, (b.model as KubernetesModel).workloads[0]), undefined, 'nothing left to do');
  });
});

describe('kubernetes: odd input', () => {
  const junk = [
    'apiVersion: v1\nkind: Pod\nmetadata: 5\nspec:\n  containers: 5\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: [a]}\nspec:\n  securityContext: [1]\n  containers:\n    - 7\n    - null\n    - {name: {x: 1}, securityContext: {capabilities: {add: 7, drop: {a: 1}}, runAsUser: [0]}, ports: 3, env: [1, {name: 5}], volumeMounts: x}\n  volumes: [1, {name: a}, {hostPath: 5}, {hostPath: {path: [1]}}]\n',
    'apiVersion: v1\nkind: List\nitems: [1, {kind: Pod}, {kind: Deployment, spec: {template: null}}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {harden/ignore: 5, checkov.io/skip1: "", container.apparmor.security.beta.kubernetes.io/x: null}\nspec:\n  containers:\n    - &a {name: a, securityContext: &s {privileged: true}}\n    - {<<: *a, name: b}\n    - {name: c, securityContext: *s}\n',
  ];
  junk.forEach((text, i) =>
    it(`never throws and every fix applies (case ${i + 1})`, () => {
      const a = lint('j.yaml', text);
      assert.equal(a.kind, 'kubernetes');
      assert.deepEqual(a.errors, []);
      for (const f of a.findings) for (const x of f.fixes) assert.doesNotThrow(() => applyEdits(text, x.edits));
    }),
  );

  it('fixes keep CRLF line endings', () => {
    const text = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n    - name: app\r\n      image: nginx:1.27\r\n      securityContext:\r\n        privileged: true\r\n';
    const a = lint('c.yaml', text);
    for (const f of a.findings)
      for (const x of f.fixes) {
        const out = applyEdits(text, x.edits);
        assert.ok(!/[^\r]\n/.test(out), `${f.rule}: ${JSON.stringify(out)}`);
      }
    const m = a.model as KubernetesModel;
    const out = applyEdits(text, restrictedProfileFix(m, m.workloads[0])!.edits);
    assert.ok(!/[^\r]\n/.test(out), JSON.stringify(out));
  });
});

describe('procMount in a user-namespaced pod follows Pod Security Admission by profile', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  containers:\n  - name: c\n    image: x:1\n    securityContext:\n      procMount: Unmasked\n';
  const rules = (profile: 'baseline' | 'restricted' | 'strict'): string[] => analyze({ file: 'p.yaml', text, config: { profile } }).findings.filter((f) => f.rule === 'unmasked-proc-mount').map((f) => f.rule);
  it('baseline allows it, restricted and strict do not', () => {
    assert.deepEqual(rules('baseline'), []);
    assert.deepEqual(rules('restricted'), ['unmasked-proc-mount']);
    assert.deepEqual(rules('strict'), ['unmasked-proc-mount']);
    const hostUsers = analyze({ file: 'p.yaml', text: text.replace('hostUsers: false', 'hostUsers: true'), config: { profile: 'baseline' } });
    assert.equal(hostUsers.findings.filter((f) => f.rule === 'unmasked-proc-mount').length, 1);
  });
});
