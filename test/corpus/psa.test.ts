// Agreement with Pod Security Admission (kubernetes/pod-security-admission, policy v1.37): its
// generated fixtures, read in place from the shared corpus. Each PSA check maps to the Harden rules
// that cover it. A `fail` fixture at a level must get one of the mapped findings when analysed at
// the profile of that level (baseline -> baseline, restricted -> restricted); a `pass` fixture at
// a level must get no finding of any rule that corresponds to a PSA check of that level.
// Runs in `npm run test:corpus` only.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Profile } from '../../server/src/engine';
import { sharedCorpus } from '../helpers';

const PSA = path.join(sharedCorpus, 'peers', 'pod-security-admission');

/** PSA check (without the level prefix) -> Harden rules. */
export const PSA_CHECKS: Readonly<Record<string, readonly string[]>> = {
  // baseline
  apparmorprofile: ['apparmor-unconfined'],
  capabilities_baseline: ['dangerous-capability'],
  hostnamespaces: ['host-network', 'host-pid', 'host-ipc'],
  hostpathvolumes: ['host-path-volume'],
  hostports: ['host-port'],
  privileged: ['privileged'],
  procmount: ['unmasked-proc-mount'],
  seccompprofile_baseline: ['seccomp-unconfined'],
  selinuxoptions: ['selinux-weakened'],
  sysctls: ['unsafe-sysctl'],
  windowshostprocess: ['windows-host-process'],
  // restricted
  allowprivilegeescalation: ['privilege-escalation-allowed'],
  capabilities_restricted: ['capabilities-not-dropped', 'extra-capability', 'capability-spelling', 'dangerous-capability'],
  procmount_restricted: ['unmasked-proc-mount'],
  restrictedvolumes: ['restricted-volume-type', 'host-path-volume'],
  runasnonroot: ['non-root-not-enforced', 'root-user'],
  runasuser: ['root-user'],
  seccompprofile_restricted: ['seccomp-not-set', 'seccomp-unconfined'],
};

/**
 * PSA checks with no Harden rule. `hostprobesandhostlifecycle` (probes and lifecycle handlers
 * with a `host` other than the pod's own) is not in the catalog.
 */
export const UNMAPPED = new Set(['hostprobesandhostlifecycle']);

/** PSA checks of each level (restricted includes baseline). */
const BASELINE_CHECKS = ['apparmorprofile', 'capabilities_baseline', 'hostnamespaces', 'hostpathvolumes', 'hostports', 'privileged', 'procmount', 'seccompprofile_baseline', 'selinuxoptions', 'sysctls', 'windowshostprocess'];
const RESTRICTED_CHECKS = [...BASELINE_CHECKS, 'allowprivilegeescalation', 'capabilities_restricted', 'procmount_restricted', 'restrictedvolumes', 'runasnonroot', 'runasuser', 'seccompprofile_restricted'];

export function rulesOfLevel(level: 'baseline' | 'restricted'): Set<string> {
  const checks = level === 'baseline' ? BASELINE_CHECKS : RESTRICTED_CHECKS;
  return new Set(checks.flatMap((c) => PSA_CHECKS[c] ?? []));
}

/** Where Harden knowingly differs from PSA v1.37: nowhere (kept so a future difference is explicit). */
export const KNOWN_DISAGREEMENTS = new Set<string>();

interface Expectation {
  file: string;
  check_id: string;
  level: 'baseline' | 'restricted';
  expected: 'pass' | 'fail';
}

export interface PsaVerdict {
  file: string;
  check: string;
  level: string;
  expected: string;
  agree: boolean;
  detail: string;
  skipped?: boolean;
}

export function runPsa(): PsaVerdict[] {
  const file = path.join(PSA, 'expectations.json');
  if (!fs.existsSync(file)) return [];
  const exp = JSON.parse(fs.readFileSync(file, 'utf8')) as Expectation[];
  const out: PsaVerdict[] = [];
  for (const e of exp) {
    const check = e.check_id.replace(/^[a-z]+:/, '');
    const text = fs.readFileSync(path.join(PSA, e.file), 'utf8');
    const profile: Profile = e.level;
    const a = analyze({ file: e.file, text, kind: 'kubernetes', config: { profile } });
    const live = a.findings.filter((f) => !f.suppressed);
    const base = { file: e.file, check, level: e.level, expected: e.expected };
    if (a.errors.length) {
      out.push({ ...base, agree: false, detail: `errors: ${a.errors.join('; ')}` });
      continue;
    }
    if (e.expected === 'fail') {
      if (UNMAPPED.has(check)) {
        out.push({ ...base, agree: true, skipped: true, detail: 'no Harden rule for this check' });
        continue;
      }
      const mapped = new Set(PSA_CHECKS[check] ?? []);
      const hits = live.filter((f) => mapped.has(f.rule));
      out.push({ ...base, agree: hits.length > 0, detail: hits.length ? hits.map((f) => f.rule).join(',') : `none of ${[...mapped].join(', ')}; got ${live.map((f) => f.rule).join(',') || 'nothing'}` });
    } else {
      const levelRules = rulesOfLevel(e.level);
      const hits = live.filter((f) => levelRules.has(f.rule));
      out.push({ ...base, agree: hits.length === 0, detail: hits.length ? hits.map((f) => `${f.rule} (${f.message})`).join('; ') : 'clean' });
    }
  }
  return out;
}

describe('Pod Security Admission fixtures (v1.37)', () => {
  const verdicts = runPsa();
  it('finds the fixtures', (t) => {
    if (!verdicts.length) t.skip('shared corpus not present');
    else assert.equal(verdicts.length, 148);
  });
  it('agrees with PSA on every fixture', () => {
    const wrong = verdicts.filter((v) => !v.agree && !KNOWN_DISAGREEMENTS.has(v.file));
    assert.deepEqual(wrong.map((v) => `${v.file} [${v.level}:${v.check} ${v.expected}] ${v.detail}`), []);
  });
  it('the documented disagreements are still disagreements', (t) => {
    if (!verdicts.length) return t.skip('shared corpus not present');
    const stale = [...KNOWN_DISAGREEMENTS].filter((f) => verdicts.find((v) => v.file === f)?.agree !== false);
    assert.deepEqual(stale, []);
  });
  it('prints a summary', () => {
    const by = new Map<string, { agree: number; total: number; skipped: number }>();
    for (const v of verdicts) {
      const k = `${v.level}:${v.check}`;
      const s = by.get(k) ?? { agree: 0, total: 0, skipped: 0 };
      s.total++;
      if (v.agree) s.agree++;
      if (v.skipped) s.skipped++;
      by.set(k, s);
    }
    const lines = [...by.entries()].sort().map(([k, s]) => `${k.padEnd(44)} ${s.agree}/${s.total}${s.skipped ? ` (${s.skipped} without a Harden rule)` : ''}`);
    const agree = verdicts.filter((v) => v.agree).length;
    console.log(`PSA agreement: ${agree}/${verdicts.length}\n${lines.join('\n')}`);
  });
});
