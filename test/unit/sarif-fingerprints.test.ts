// SARIF partialFingerprints: one per result, unique within a run, unchanged when lines are added
// above the finding (code scanning matches alerts across commits by them), different when the
// flagged text, rule, object or container changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/engine';
import { FINGERPRINT_KEY, sarifReport, type FileResult } from '../../server/src/engine/report';

function fingerprints(file: string, text: string): Array<{ rule: string; line: number; fp: string }> {
  const a = analyze({ file, text, config: { profile: 'strict' } });
  const results: FileResult[] = [{ file, lines: a.lines, findings: a.findings }];
  const log = sarifReport(results, { version: '0.0.0', artifact: (f) => ({ uri: f }) }) as { runs: Array<{ results: Array<{ ruleId: string; partialFingerprints: Record<string, string>; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
  return log.runs[0].results.map((r) => ({ rule: r.ruleId, line: r.locations[0].physicalLocation.region.startLine, fp: r.partialFingerprints[FINGERPRINT_KEY] }));
}

const pod = (extra = ''): string => `${extra}apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: nginx:1.25
      securityContext:
        privileged: true
    - name: b
      image: nginx:1.25
      securityContext:
        privileged: true
`;

test('every result has a fingerprint, unique within the run', () => {
  const fps = fingerprints('p.yaml', pod());
  assert.ok(fps.length > 5);
  for (const f of fps) assert.match(f.fp, /^[0-9a-f]{16}$/);
  assert.equal(new Set(fps.map((f) => f.fp)).size, fps.length);
});

test('lines added above do not change them; the same text in two containers gives two fingerprints', () => {
  const before = fingerprints('p.yaml', pod());
  const after = fingerprints('p.yaml', pod('# a comment\n# and another\n'));
  assert.deepEqual(after.map((f) => [f.rule, f.fp]), before.map((f) => [f.rule, f.fp]));
  assert.deepEqual(after.map((f) => f.line), before.map((f) => f.line + 2));
  const priv = before.filter((f) => f.rule === 'privileged');
  assert.equal(priv.length, 2);
  assert.notEqual(priv[0].fp, priv[1].fp);
});

test('another file or another flagged value gives another fingerprint', () => {
  const a = fingerprints('p.yaml', pod()).find((f) => f.rule === 'privileged')!;
  const b = fingerprints('q.yaml', pod()).find((f) => f.rule === 'privileged')!;
  assert.notEqual(a.fp, b.fp);
  const c = fingerprints('p.yaml', pod().replace('- name: a', '- name: z')).find((f) => f.rule === 'privileged')!;
  assert.notEqual(a.fp, c.fp);
});
