// The kernel attack surface data (syscall tables, default seccomp profiles, capability sets) is
// internally consistent and yields the independently counted figures; and the checks catch the
// mistakes they are meant to catch (each is run on a deliberately damaged copy).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  deriveFigures,
  evaluateProfile,
  EXPECTED_FIGURES,
  runExposureDataChecks,
  SHIPPED_DATA,
  type ExposureData,
} from '../exposure-data-checks';
import type { SeccompProfileData } from '../../server/src/engine/exposure/data';

/** Names of the checks that report a problem. */
function failing(data: ExposureData): string[] {
  return runExposureDataChecks(data).filter((c) => c.problems.length > 0).map((c) => c.name);
}

/** A deep copy of the shipped data, changed by `edit`. */
function damaged(edit: (d: ExposureData) => void): ExposureData {
  const copy = JSON.parse(JSON.stringify(SHIPPED_DATA)) as ExposureData;
  edit(copy);
  return copy;
}

function dockerProfile(d: ExposureData): SeccompProfileData {
  return d.profiles.docker;
}

describe('exposure data', () => {
  for (const check of runExposureDataChecks()) {
    it(check.name, () => assert.deepEqual(check.problems, []));
  }

  it('figures are derived for both arches, both runtimes, default and all capabilities', () => {
    const figures = deriveFigures();
    assert.equal(figures.length, 8);
    assert.deepEqual(figures, EXPECTED_FIGURES);
    for (const f of figures) assert.equal(f.allowed + f.conditional + f.blocked, f.syscalls);
  });

  it('evaluator: includes.caps needs every capability, excludes.caps drops the rule when any is held', () => {
    const profile: SeccompProfileData = {
      source: 'test',
      version: 'test',
      defaultAction: 'SCMP_ACT_ERRNO',
      syscalls: [
        { names: ['a'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_X', 'CAP_Y'] } },
        { names: ['b'], action: 'SCMP_ACT_ALLOW', excludes: { caps: ['CAP_X'] }, args: [{ index: 0, value: 1, op: 'SCMP_CMP_EQ' }] },
        { names: ['c'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['arm64'] } },
        { names: ['d'], action: 'SCMP_ACT_ALLOW', excludes: { arches: ['amd64'] } },
        { names: ['e'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: '99.0' } },
        { names: ['f'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 },
      ],
    };
    const onlyX = evaluateProfile(profile, 'amd64', new Set(['CAP_X']));
    const both = evaluateProfile(profile, 'arm64', new Set(['CAP_X', 'CAP_Y']));
    const none = evaluateProfile(profile, 'arm64', new Set());
    assert.equal(onlyX('a').kind, 'blocked');
    assert.equal(both('a').kind, 'allowed');
    assert.equal(onlyX('b').kind, 'blocked');
    assert.equal(none('b').kind, 'conditional');
    assert.equal(onlyX('c').kind, 'blocked');
    assert.equal(none('c').kind, 'allowed');
    assert.equal(onlyX('d').kind, 'blocked');
    assert.equal(none('d').kind, 'allowed');
    assert.equal(none('e').kind, 'blocked');
    assert.deepEqual(none('f'), { kind: 'blocked', errno: 38 });
    assert.deepEqual(none('zzz'), { kind: 'blocked', errno: 1 });
  });
});

describe('the exposure data checks catch damage', () => {
  it('a misspelt syscall name in a profile', () => {
    const d = damaged((x) => {
      const names = dockerProfile(x).syscalls[0].names;
      names[names.indexOf('epoll_wait')] = 'epol_wait';
    });
    assert.ok(failing(d).includes('seccomp profile docker'));
  });

  it('two syscalls with one number, or a missing syscall', () => {
    const dup = damaged((x) => { x.tables.x86_64.syscalls.write = 0; });
    assert.ok(failing(dup).includes('syscall table x86_64'));
    const missing = damaged((x) => { delete x.tables.arm64.syscalls.renameat; });
    assert.ok(failing(missing).includes('syscall table arm64'));
  });

  it('a syscall moved out of the capability-gated rules', () => {
    const d = damaged((x) => { dockerProfile(x).syscalls[0].names.push('mount'); });
    const f = failing(d);
    assert.ok(f.includes('well-known facts, docker'), f.join());
    assert.ok(f.includes('derived figures match the independent count'));
  });

  it('clone without its argument filter, clone3 without its ENOSYS', () => {
    const clone = damaged((x) => {
      for (const r of dockerProfile(x).syscalls) if (r.names.includes('clone') && r.args) delete r.args;
    });
    assert.ok(failing(clone).includes('well-known facts, docker'));
    const clone3 = damaged((x) => {
      for (const r of x.profiles.containerd.syscalls) if (r.action === 'SCMP_ACT_ERRNO') delete r.errnoRet;
    });
    assert.ok(failing(clone3).includes('well-known facts, containerd'));
  });

  it('a capability name without the CAP_ prefix in a profile, an unknown arch', () => {
    const d = damaged((x) => {
      const r = x.profiles.containerd.syscalls.find((s) => s.includes?.caps?.includes('CAP_SYS_BOOT'));
      assert.ok(r?.includes?.caps);
      r.includes.caps = ['SYS_BOOT'];
      const a = x.profiles.containerd.syscalls.find((s) => s.includes?.arches?.includes('amd64'));
      assert.ok(a?.includes?.arches);
      a.includes.arches = ['x86_64'];
    });
    assert.ok(failing(d).includes('seccomp profile containerd'));
  });

  it('a capability outside the kernel list in a default set, or a duplicate', () => {
    const d = damaged((x) => { x.capabilities.defaults.docker.capabilities.push('CAP_CHOWN'); });
    assert.ok(failing(d).includes('capabilities'));
    const dup = damaged((x) => { x.capabilities.defaults.containerd.capabilities.push('CHOWN'); });
    assert.ok(failing(dup).includes('capabilities'));
  });

  it('the undamaged copy passes', () => {
    assert.deepEqual(failing(damaged(() => undefined)), []);
  });
});
