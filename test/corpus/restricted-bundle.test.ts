// "Apply the Pod Security restricted profile" (kubernetes/bundle.ts) on every workload of the real
// corpus and of the peer tools' Kubernetes fixtures (Pod Security Admission's own among them),
// read in place. For each workload the bundle offers, it is applied alone and the file analysed
// again:
//   - no new parse error, no rule error, every comment kept;
//   - none of the findings the bundle is documented to settle is left on that workload (the
//     settings it can set without knowing the application: BUNDLE_RULES);
//   - offered again on the result, it has nothing left to do (one application converges).
// Workloads it declines (an alias in the way, a comment it would lose) are counted, not failed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, applyEdits, type Analysis } from '../../server/src/engine';
import { restrictedProfileFix } from '../../server/src/engine/kubernetes/bundle';
import type { KubernetesModel } from '../../server/src/engine/kubernetes/model';
import { parseYamlStream } from '../../server/src/engine/yaml/parse';
import { sharedCorpus, walk } from '../helpers';

/** What the bundle settles (its header comment lists the settings behind each). */
const BUNDLE_RULES = new Set([
  'privileged',
  'host-network',
  'host-pid',
  'host-ipc',
  'privilege-escalation-allowed',
  'capabilities-not-dropped',
  'dangerous-capability',
  'extra-capability',
  'seccomp-not-set',
  'seccomp-unconfined',
  'apparmor-unconfined',
  'selinux-weakened',
]);

interface Totals {
  files: number;
  workloads: number;
  applied: number;
  declined: number;
  nothing: number;
}

function comments(text: string): string[] {
  return parseYamlStream(text)
    .comments.map((c) => text.slice(c.span.start, c.span.end).trim())
    .sort();
}

function check(file: string, text: string, totals: Totals, problems: string[]): void {
  const lint = (t: string): Analysis => analyze({ file, text: t, config: { profile: 'restricted' }, readFile: () => undefined });
  const a = lint(text);
  if (a.kind !== 'kubernetes') return;
  totals.files++;
  const parseErrors = a.findings.filter((f) => f.rule === 'parse-error').length;
  const before = comments(text);
  a.parts.forEach((part, pi) => {
    const m = part.model as KubernetesModel;
    if (m.format !== 'kubernetes' || m.parseErrors.length) return;
    m.workloads.forEach((w, wi) => {
      totals.workloads++;
      const fix = restrictedProfileFix(m, w);
      if (!fix) {
        const open = a.findings.some((f) => !f.suppressed && f.object === w.label && BUNDLE_RULES.has(f.rule) && f.span.start >= part.offset && f.span.start < part.offset + m.text.length);
        if (open) totals.declined++;
        else totals.nothing++;
        return;
      }
      totals.applied++;
      const where = `${path.relative(sharedCorpus, file)} ${w.label}`;
      const out = applyEdits(text, fix.edits.map((e) => ({ ...e, start: e.start + part.offset, end: e.end + part.offset })));
      const b = lint(out);
      if (b.errors.length) problems.push(`${where}: rule errors ${b.errors[0].split('\n')[0]}`);
      if (b.findings.filter((f) => f.rule === 'parse-error').length > parseErrors) problems.push(`${where}: a new parse error`);
      const after = comments(out);
      if (before.join('\n') !== after.join('\n')) problems.push(`${where}: comments changed`);
      const bp = b.parts[pi];
      const bm = bp?.model as KubernetesModel | undefined;
      const bw = bm?.format === 'kubernetes' ? bm.workloads[wi] : undefined;
      if (!bp || !bm || !bw || bw.label !== w.label) {
        problems.push(`${where}: the workload is not where it was after the fix`);
        return;
      }
      const left = b.findings.filter((f) => !f.suppressed && f.object === w.label && BUNDLE_RULES.has(f.rule) && f.span.start >= bp.offset && f.span.start < bp.offset + bm.text.length);
      if (left.length) problems.push(`${where}: left ${[...new Set(left.map((f) => f.rule))].join(', ')}`);
      if (restrictedProfileFix(bm, bw)) problems.push(`${where}: the bundle has more to do after one application`);
    });
  });
}

function run(label: string, files: string[]): void {
  it(`${label}: the bundle settles what it claims, keeps comments and converges`, { skip: files.length === 0 ? 'corpus not found' : false }, () => {
    const totals: Totals = { files: 0, workloads: 0, applied: 0, declined: 0, nothing: 0 };
    const problems: string[] = [];
    const t0 = Date.now();
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      if (text.length > 400_000) continue;
      check(f, text, totals, problems);
    }
    console.log(`restricted bundle, ${label}: ${totals.files} files, ${totals.workloads} workloads: applied to ${totals.applied}, declined ${totals.declined}, nothing to do for ${totals.nothing}; ${problems.length} problems (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    assert.deepEqual(problems.slice(0, 20), []);
  });
}

describe('restricted-profile bundle over the corpus', () => {
  const yaml = (dir: string): string[] => walk(path.join(sharedCorpus, dir)).filter((f) => /\.ya?ml$/i.test(f));
  run('real', yaml('real'));
  run('peers', yaml('peers'));
});
