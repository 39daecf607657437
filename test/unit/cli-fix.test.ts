// The CLI's --fix / --unsafe-fixes: safe fixes only by default, atomic writes that keep the file
// mode, read-only files reported and left alone, no temporary files left behind.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLEAN_K8S, runCli, runJson, tempTree, UNUSED } from './cli-helpers';

const read = (cwd: string, f: string): string => fs.readFileSync(path.join(cwd, f), 'utf8');
const mode = (cwd: string, f: string): number => fs.statSync(path.join(cwd, f)).mode & 0o7777;

describe('cli: --fix', () => {
  it('applies safe fixes in place, keeps the mode, leaves no temp files', () => {
    const cwd = tempTree({ 'k8s/unused.yaml': UNUSED, 'k8s/clean.yaml': CLEAN_K8S });
    fs.chmodSync(path.join(cwd, 'k8s/unused.yaml'), 0o640);
    const r = runJson(['--fix', '--fail-on', 'info'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(read(cwd, 'k8s/unused.yaml'), UNUSED.split('\n').slice(1).join('\n'));
    assert.equal(read(cwd, 'k8s/clean.yaml'), CLEAN_K8S);
    assert.equal(mode(cwd, 'k8s/unused.yaml'), 0o640);
    assert.deepEqual(fs.readdirSync(path.join(cwd, 'k8s')).sort(), ['clean.yaml', 'unused.yaml']);
    assert.deepEqual(r.json.findings, [], 'the report shows what is left after fixing');
    assert.equal(r.json.summary.fixed, 1);
    // Nothing left to fix: a second run changes nothing.
    const again = runCli(['--fix'], { cwd });
    assert.equal(again.code, 0);
    assert.equal(read(cwd, 'k8s/unused.yaml'), UNUSED.split('\n').slice(1).join('\n'));
  });

  it('says what it fixed in text output', () => {
    const cwd = tempTree({ 'unused.yaml': UNUSED });
    const r = runCli(['--fix'], { cwd });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /fixed 1 problem/);
  });

  it('keeps CRLF line breaks and a byte order mark', () => {
    const crlf = '\ufeff' + UNUSED.replace(/\n/g, '\r\n');
    const cwd = tempTree({ 'crlf.yaml': crlf });
    assert.equal(runCli(['--fix'], { cwd }).code, 0);
    assert.equal(read(cwd, 'crlf.yaml'), '\ufeff' + UNUSED.split('\n').slice(1).join('\r\n'));
  });

  it('reports a read-only file and leaves it untouched', () => {
    const cwd = tempTree({ 'ro.yaml': UNUSED, 'rw.yaml': UNUSED });
    fs.chmodSync(path.join(cwd, 'ro.yaml'), 0o444);
    const r = runCli(['--fix'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /ro\.yaml: cannot write fixes: .*read-only/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.equal(read(cwd, 'ro.yaml'), UNUSED);
    assert.equal(mode(cwd, 'ro.yaml'), 0o444);
    assert.notEqual(read(cwd, 'rw.yaml'), UNUSED, 'the other file is still fixed');
    assert.deepEqual(fs.readdirSync(cwd).sort(), ['ro.yaml', 'rw.yaml']);
    // The unfixed finding is still reported.
    assert.match(r.stdout, /ro\.yaml:1:22/);
  });

  it('writes through a symbolic link and keeps the link', () => {
    const cwd = tempTree({ 'real/target.yaml': UNUSED });
    fs.symlinkSync(path.join('real', 'target.yaml'), path.join(cwd, 'link.yaml'));
    assert.equal(runCli(['--fix', 'link.yaml'], { cwd }).code, 0);
    assert.ok(fs.lstatSync(path.join(cwd, 'link.yaml')).isSymbolicLink());
    assert.equal(read(cwd, 'real/target.yaml'), UNUSED.split('\n').slice(1).join('\n'));
    assert.deepEqual(fs.readdirSync(path.join(cwd, 'real')), ['target.yaml']);
  });

  it('applies unsafe fixes only with --unsafe-fixes', (t) => {
    // Safe fix: the stale suppression comment. Unsafe fixes (if the rules offer them yet):
    // hostNetwork, privileged, runAsNonRoot, ...
    const pod = '# harden-ignore-file foo-bar\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
    const cwd = tempTree({ 'pod.yaml': pod });
    const before = runJson([], { cwd }).json;
    const unsafeBefore = before.findings.filter((f) => f.fixes.some((x) => !x.safe)).length;
    assert.equal(runCli(['--fix'], { cwd }).code === 2, false);
    assert.equal(read(cwd, 'pod.yaml'), pod.split('\n').slice(1).join('\n'), '--fix applies only the safe fix');
    if (unsafeBefore === 0) {
      t.skip('no rule offers an unsafe fix for this pod yet');
      return;
    }
    const r = runJson(['--unsafe-fixes'], { cwd });
    assert.notEqual(r.code, 2, r.stderr);
    const after = read(cwd, 'pod.yaml');
    assert.notEqual(after, pod.split('\n').slice(1).join('\n'));
    assert.ok(!r.json.findings.some((f) => f.rule === 'parse-error'), after);
    assert.ok(r.json.findings.filter((f) => f.fixes.some((x) => !x.safe)).length < unsafeBefore, after);
    assert.ok((r.json.summary.fixed ?? 0) > 0);
    assert.deepEqual(fs.readdirSync(cwd), ['pod.yaml']);
  });
});
