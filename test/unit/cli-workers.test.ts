// The CLI spread over worker threads gives byte for byte what one thread gives: every format,
// problems on standard error in file order, --fix, an unreadable file and standard input.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { BROKEN, CLEAN_K8S, runCli, SUPPRESSED, tempTree, UNUSED } from './cli-helpers';

const PRIVILEGED = 'services:\n  web:\n    image: nginx\n    privileged: true\n';
const DOCKERFILE = 'FROM ubuntu\nRUN curl -k https://example.com/x | sh\n';

function tree(): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = {};
  const kinds = [UNUSED, CLEAN_K8S, BROKEN, SUPPRESSED];
  for (let i = 0; i < 40; i++) {
    files[`k8s/m${String(i).padStart(2, '0')}.yaml`] = kinds[i % kinds.length];
    files[`c${i}/compose.yaml`] = PRIVILEGED;
    files[`d${i}/Dockerfile`] = DOCKERFILE;
  }
  files['k8s/binary.yaml'] = Buffer.from([0x61, 0, 0x62]);
  return files;
}

describe('cli: worker threads', () => {
  for (const format of ['json', 'text', 'sarif']) {
    it(`${format}: same stdout, stderr and exit code with and without workers`, () => {
      const cwd = tempTree(tree());
      const one = runCli(['--format', format, '.', 'missing.yaml'], { cwd, env: { HARDEN_WORKERS: '0', NO_COLOR: '1' } });
      const many = runCli(['--format', format, '.', 'missing.yaml'], { cwd, env: { HARDEN_WORKERS: '3', NO_COLOR: '1' } });
      assert.ok(one.stdout.length > 1000);
      assert.match(one.stderr, /binary/);
      assert.equal(many.stdout, one.stdout);
      assert.equal(many.stderr, one.stderr);
      assert.equal(many.code, one.code);
    });
  }

  it('--fix writes the same files with and without workers', () => {
    const a = tempTree(tree());
    const b = tempTree(tree());
    const one = runCli(['--format', 'json', '--fix', '--unsafe-fixes'], { cwd: a, env: { HARDEN_WORKERS: '0' } });
    const many = runCli(['--format', 'json', '--fix', '--unsafe-fixes'], { cwd: b, env: { HARDEN_WORKERS: '2' } });
    assert.equal(many.stdout, one.stdout);
    assert.equal(many.code, one.code);
    for (const f of Object.keys(tree())) assert.equal(fs.readFileSync(path.join(b, f), 'latin1'), fs.readFileSync(path.join(a, f), 'latin1'), f);
    assert.notEqual(fs.readFileSync(path.join(a, 'c0/compose.yaml'), 'utf8'), PRIVILEGED);
  });

  it('standard input among many files keeps its place', () => {
    const cwd = tempTree(tree());
    const args = ['--format', 'json', 'k8s', '-', '--stdin-filename', 'in/compose.yaml', 'c1'];
    const one = runCli(args, { cwd, input: PRIVILEGED, env: { HARDEN_WORKERS: '0' } });
    const many = runCli(args, { cwd, input: PRIVILEGED, env: { HARDEN_WORKERS: '2' } });
    assert.match(one.stdout, /in\/compose\.yaml/);
    assert.equal(many.stdout, one.stdout);
    assert.equal(many.stderr, one.stderr);
  });
});
