// The CLI and the file system: folder walks, .gitignore, .harden.yaml discovery and --config,
// binary / non-UTF-8 / oversize files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { BROKEN, runCli, runJson, tempTree, UNUSED } from './cli-helpers';

const files = (j: { findings: Array<{ file: string }> }): string[] => [...new Set(j.findings.map((f) => f.file))].sort();

describe('cli: folder walk', () => {
  it('recognises files by name and YAML by content, skipping .git and node_modules', () => {
    const cwd = tempTree({
      'k8s/app.yaml': UNUSED,
      'k8s/app.yml': UNUSED,
      'k8s/values.yaml': 'replicaCount: 2\nimage: {repository: nginx}\n',
      'compose.yaml': 'services:\n  web:\n    image: "nginx\n',
      'notes.md': UNUSED,
      'app.json': UNUSED,
      '.git/config.yaml': UNUSED,
      'node_modules/pkg/deploy.yaml': UNUSED,
      'sub/node_modules/x.yaml': UNUSED,
    });
    const { json } = runJson([], { cwd });
    assert.deepEqual(files(json), ['compose.yaml', 'k8s/app.yaml', 'k8s/app.yml']);
    assert.equal(json.summary.files, 3, 'values.yaml is neither Kubernetes nor Compose: not counted');
  });

  it('skips paths matched by .gitignore files, nested ones for their own subtree', () => {
    const cwd = tempTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'generated/\n*.tmp.yaml\n!keep.tmp.yaml\n',
      'generated/a.yaml': UNUSED,
      'x.tmp.yaml': UNUSED,
      'keep.tmp.yaml': UNUSED,
      'app/.gitignore': 'local.yaml\n/rooted.yaml\n',
      'app/local.yaml': UNUSED,
      'app/rooted.yaml': UNUSED,
      'app/deep/rooted.yaml': UNUSED,
      'local.yaml': UNUSED,
      'other/local.yaml': UNUSED,
    });
    const { json } = runJson([], { cwd });
    assert.deepEqual(files(json), ['app/deep/rooted.yaml', 'keep.tmp.yaml', 'local.yaml', 'other/local.yaml']);
    // .gitignore files above the folder named (up to the repository root) apply too.
    assert.deepEqual(files(runJson(['app'], { cwd }).json), ['app/deep/rooted.yaml']);
    // A file or folder named explicitly is always linted.
    assert.deepEqual(files(runJson(['generated/a.yaml'], { cwd }).json), ['generated/a.yaml']);
    assert.deepEqual(files(runJson(['generated'], { cwd }).json), ['generated/a.yaml']);
  });

  it('names files found under a folder by joining onto the folder as given', () => {
    const cwd = tempTree({ 'deploy/k8s/app.yaml': UNUSED });
    assert.deepEqual(files(runJson(['deploy'], { cwd }).json), ['deploy/k8s/app.yaml']);
    assert.deepEqual(files(runJson(['./deploy/'], { cwd }).json), ['deploy/k8s/app.yaml']);
    assert.deepEqual(files(runJson([], { cwd: path.join(cwd, 'deploy') }).json), ['k8s/app.yaml']);
    assert.deepEqual(files(runJson(['..'], { cwd: path.join(cwd, 'deploy', 'k8s') }).json), ['../k8s/app.yaml']);
  });
});

describe('cli: configuration', () => {
  it('uses the nearest .harden.yaml above each file', () => {
    const cwd = tempTree({
      '.harden.yaml': 'rules:\n  unused-suppression: error\n',
      'top.yaml': UNUSED,
      'sub/.harden.yaml': 'profile: baseline\n',
      'sub/inner.yaml': UNUSED,
      'sub/deeper/inner.yaml': UNUSED,
    });
    const { json, code } = runJson([], { cwd });
    assert.equal(code, 1);
    assert.deepEqual(
      json.findings.map((f) => [f.file, f.severity]),
      [['top.yaml', 'error']],
    );
    // Walking up also works when linting from inside a subfolder.
    assert.equal(runJson(['top.yaml'], { cwd: cwd }).json.findings[0].severity, 'error');
    assert.equal(runJson(['.'], { cwd: path.join(cwd, 'sub', 'deeper') }).json.findings.length, 0);
    // The command line wins over the file.
    assert.equal(runJson(['top.yaml', '--rule', 'unused-suppression=warning'], { cwd }).json.findings[0].severity, 'warning');
    assert.equal(runJson(['sub', '--profile', 'restricted'], { cwd }).json.findings.length, 2);
  });

  it('--config replaces discovery', () => {
    const cwd = tempTree({ '.harden.yaml': 'rules:\n  unused-suppression: error\n', 'conf/strict.yaml': 'rules:\n  unused-suppression: warning\n', 'a.yaml': UNUSED });
    assert.equal(runJson(['--config', 'conf/strict.yaml'], { cwd }).json.findings[0].severity, 'warning');
  });

  it('applies config ignore globs relative to the config folder', () => {
    const cwd = tempTree({
      'proj/.harden.yaml': 'ignore:\n  - generated/\n  - "*.skip.yaml"\n',
      'proj/generated/a.yaml': UNUSED,
      'proj/sub/generated/b.yaml': UNUSED,
      'proj/x.skip.yaml': UNUSED,
      'proj/ok.yaml': UNUSED,
      'generated/c.yaml': UNUSED,
    });
    assert.deepEqual(files(runJson([], { cwd }).json), ['generated/c.yaml', 'proj/ok.yaml']);
  });

  it('reports config errors clearly and exits 2', () => {
    const bad = tempTree({ '.harden.yaml': 'rules:\n  no-such-rule: off\nprofile: paranoid\n', 'a.yaml': UNUSED });
    const r = runCli([], { cwd: bad });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /\.harden\.yaml/);
    assert.match(r.stderr, /unknown rule "no-such-rule"/);
    assert.match(r.stderr, /profile/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    const broken = runCli([], { cwd: tempTree({ '.harden.yaml': 'rules: [\n', 'a.yaml': UNUSED }) });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /not valid YAML/);
    const missing = runCli(['--config', 'nope.yaml'], { cwd: tempTree({ 'a.yaml': UNUSED }) });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml/);
  });
});

describe('cli: files that are not text', () => {
  it('skips binary and non-UTF-8 files with a message and goes on', () => {
    const cwd = tempTree({
      'bin.yaml': Buffer.from([0x61, 0x3a, 0x00, 0x01, 0x0a]),
      'latin1.yaml': Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n', 'latin1'),
      'broken.yaml': BROKEN,
    });
    const r = runJson([], { cwd });
    assert.equal(r.code, 1);
    assert.deepEqual(files(r.json), ['broken.yaml']);
    assert.match(r.stderr, /bin\.yaml: skipped: binary/);
    assert.match(r.stderr, /latin1\.yaml: skipped: not UTF-8/);
    // Named explicitly: still a skip, not a failure.
    assert.equal(runCli(['bin.yaml'], { cwd }).code, 0);
  });

  it('keeps a UTF-8 byte order mark out of the way', () => {
    const cwd = tempTree({ 'bom.yaml': '\ufeff' + UNUSED });
    const { json } = runJson([], { cwd });
    assert.deepEqual(
      json.findings.map((f) => [f.rule, f.line, f.column]),
      [['unused-suppression', 1, 22]],
    );
  });

  it('skips files over the size limit (config maxFileSize, default 5 MB)', () => {
    const big = UNUSED + '#' + 'x'.repeat(5 * 1024 * 1024) + '\n';
    const cwd = tempTree({ 'big.yaml': big, 'small/a.yaml': UNUSED, 'small/.harden.yaml': 'maxFileSize: 200\n', 'small/b.yaml': UNUSED + '#' + 'y'.repeat(300) + '\n' });
    const r = runJson([], { cwd });
    assert.equal(r.code, 0);
    assert.deepEqual(files(r.json), ['small/a.yaml']);
    assert.match(r.stderr, /big\.yaml: skipped: file too large/);
    assert.match(r.stderr, /small\/b\.yaml: skipped: file too large/);
    assert.ok(r.json.notes.some((n) => n.file === 'big.yaml'));
  });

  it('reports an unreadable file among readable ones and goes on', { skip: process.getuid?.() === 0 ? 'running as root: permissions do not stop reads' : false }, () => {
    const cwd = tempTree({ 'locked.yaml': UNUSED, 'broken.yaml': BROKEN });
    fs.chmodSync(path.join(cwd, 'locked.yaml'), 0o000);
    const r = runJson([], { cwd });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /locked\.yaml: cannot read/);
    assert.deepEqual(files(r.json), ['broken.yaml']);
  });
});
