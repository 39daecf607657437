// The CLI against hostile inputs and file systems: alias bombs, huge files, thousands of
// documents, deep nesting, binary files, symbolic link loops and links out of the folder,
// unreadable entries (dangling links, FIFOs, sockets, folders named Dockerfile). The CLI must
// finish, say clearly what it skipped, never read outside the folders it was given, and exit 2
// only when a path given could not be read or nothing at all could be read.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { BROKEN, cliPath, runCli, runJson, tempTree, UNUSED, type JsonOut } from './cli-helpers';

const files = (j: { findings: Array<{ file: string }> }): string[] => [...new Set(j.findings.map((f) => f.file))].sort();
const posix = process.platform !== 'win32';

/** Nine levels of nine aliases each: 9^9 (387 million) nodes if anything expanded it. */
function aliasBomb(indent: string): string {
  let s = `${indent}a0: &a0 "lol"\n`;
  for (let i = 1; i <= 9; i++) s += `${indent}a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return s;
}

const K8S_BOMB = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: lol\n  annotations:\n${aliasBomb('    ')}spec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      args: *a9\n      env: *a9\n`;
const COMPOSE_BOMB = `x-lol:\n${aliasBomb('  ')}services:\n  web:\n    image: nginx:1.27\n    environment: *a9\n    cap_add: *a9\n    volumes: *a9\n`;

/** A Pod whose one container is privileged (the `privileged` finding, every profile). */
const pod = (i: number): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n`;

/** Random bytes with NULs (deterministic). */
function junk(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  b[10] = 0;
  return b;
}

describe('cli: hostile inputs', () => {
  before(() => {
    cliPath(); // build once, outside the timed tests
  });

  it('alias bombs in a Kubernetes manifest and a Compose file finish fast in bounded memory', () => {
    const cwd = tempTree({ 'pod.yaml': K8S_BOMB, 'compose.yaml': COMPOSE_BOMB });
    const t = Date.now();
    // 128 MB of heap is far below what one expansion of the bomb would need.
    const r = runJson(['--profile', 'strict'], { cwd, env: { NODE_OPTIONS: '--max-old-space-size=128' } });
    const ms = Date.now() - t;
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    assert.deepEqual(files(r.json), ['compose.yaml', 'pod.yaml']);
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.ok(ms < 20_000, `took ${ms} ms`);
  });

  it('skips a 50 MB file and a file of one 10 MB line with a clear message; the limit is a setting', () => {
    const cwd = tempTree({ 'small.yaml': UNUSED });
    const big = path.join(cwd, 'big.yaml');
    const fd = fs.openSync(big, 'w');
    fs.writeSync(fd, UNUSED);
    fs.ftruncateSync(fd, 50 * 1024 * 1024); // sparse: 50 MB without writing them
    fs.closeSync(fd);
    fs.writeFileSync(path.join(cwd, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo ' + 'a'.repeat(10 * 1024 * 1024));
    const t = Date.now();
    const r = runJson([], { cwd });
    assert.ok(Date.now() - t < 20_000);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(files(r.json), ['small.yaml']);
    assert.match(r.stderr, /big\.yaml: skipped: file too large \(52428800 bytes; the limit is 5242880/);
    assert.match(r.stderr, /Dockerfile: skipped: file too large/);
    assert.match(r.stderr, /maxFileSize in \.harden\.yaml or --max-file-size/);

    // .harden.yaml maxFileSize lowers the limit...
    const cfg = tempTree({ '.harden.yaml': 'maxFileSize: 200\n', 'a.yaml': UNUSED, 'b.yaml': UNUSED + '#' + 'x'.repeat(200) + '\n' });
    const low = runJson([], { cwd: cfg });
    assert.deepEqual(files(low.json), ['a.yaml']);
    assert.match(low.stderr, /b\.yaml: skipped: file too large \(\d+ bytes; the limit is 200\b/);
    // ...and --max-file-size overrides the config either way.
    assert.deepEqual(files(runJson(['--max-file-size', '1k'], { cwd: cfg }).json), ['a.yaml', 'b.yaml']);
    assert.deepEqual(files(runJson(['--max-file-size=50'], { cwd: cfg }).json), []);
    const bad = runCli(['--max-file-size', 'lots'], { cwd: cfg });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-file-size expects a size/);
  });

  it('lints a file of one 6 MB line when the limit allows it', () => {
    const cwd = tempTree({ 'one-line.yaml': UNUSED.trimEnd() + ' #' + 'x'.repeat(6 * 1024 * 1024) + '\n' });
    const t = Date.now();
    const r = runJson(['--max-file-size', '7MB'], { cwd });
    const ms = Date.now() - t;
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(files(r.json), ['one-line.yaml']);
    assert.ok(ms < 30_000, `took ${ms} ms`);
  });

  it('10,000 Pods in one stream: every finding, in reasonable time', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => pod(i)).join('---\n');
    const cwd = tempTree({ 'pods.yaml': text });
    const t = Date.now();
    // Spawned here: the JSON (about 5 MB) is over spawnSync's default output buffer.
    const p = spawnSync(process.execPath, [cliPath(), '--format', 'json', '--profile', 'baseline'], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 120_000 });
    const ms = Date.now() - t;
    const r = { code: p.status, stderr: p.stderr, json: JSON.parse(p.stdout) as JsonOut };
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.json.findings.filter((f) => f.rule === 'privileged').length, 10_000);
    assert.equal(new Set(r.json.findings.map((f) => f.object)).size, 10_000);
    assert.ok(ms < 60_000, `took ${ms} ms`);
  });

  it('nesting 10,000 levels deep: a parse error, no crash', () => {
    const N = 10_000;
    const cwd = tempTree({
      // Block maps indent one more space per level: 3,000 levels is 4.5 MB, under the size limit.
      'block-map.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(4 + i) + `k${i}:`).join('\n') + ' v\n',
      'block-seq.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    ' + '- '.repeat(N) + 'x\n',
      'flow-seq.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: ' + '['.repeat(N) + ']'.repeat(N) + '}\n',
      'compose.yaml': 'services: {web: {image: nginx, labels: ' + '{a: '.repeat(N) + '1' + '}'.repeat(N) + '}}\n',
      Dockerfile: 'FROM alpine:3.20\nRUN ' + '$('.repeat(N) + ')'.repeat(N) + '\n',
    });
    const r = runJson(['--fix'], { cwd });
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error|RangeError/);
    const parseErrors = r.json.findings.filter((f) => f.rule === 'parse-error').map((f) => f.file).sort();
    assert.deepEqual(parseErrors, ['block-map.yaml', 'block-seq.yaml', 'compose.yaml', 'flow-seq.yaml']);
    for (const f of r.json.findings.filter((x) => x.rule === 'parse-error')) assert.match(f.message, /nested too deeply/);
  });

  it('skips a binary Dockerfile and a binary .yaml with a clear message', () => {
    const cwd = tempTree({ Dockerfile: junk(4096), 'sub/bin.yaml': junk(4096, 3), 'ok.yaml': BROKEN });
    const r = runJson([], { cwd });
    assert.equal(r.code, 1);
    assert.deepEqual(files(r.json), ['ok.yaml']);
    assert.match(r.stderr, /^harden: Dockerfile: skipped: (binary file|not UTF-8 text)/m);
    assert.match(r.stderr, /^harden: sub\/bin\.yaml: skipped: (binary file|not UTF-8 text)/m);
    // Invalid UTF-8 without NULs.
    const latin = tempTree({ Dockerfile: Buffer.from('FROM alpine:3.20\nLABEL x=caf\xe9\n', 'latin1') });
    assert.match(runCli([], { cwd: latin }).stderr, /Dockerfile: skipped: not UTF-8 text/);
    // Named explicitly: still a skip, not a failure.
    assert.equal(runCli(['Dockerfile'], { cwd }).code, 0);
  });
});

describe('cli: hostile file systems', { skip: posix ? false : 'symbolic links, FIFOs and sockets need a POSIX file system' }, () => {
  it('does not loop on a symbolic link loop, and never follows a link out of the folder', () => {
    const root = tempTree({ 'outside/Dockerfile': 'FROM alpine:3.20\nUSER 0\n', 'outside/deploy/pod.yaml': pod(1), 'repo/Dockerfile': BROKEN_DOCKERFILE, 'repo/app/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' });
    const repo = path.join(root, 'repo');
    fs.symlinkSync('.', path.join(repo, 'loop'));
    fs.symlinkSync('..', path.join(repo, 'app', 'up'));
    fs.symlinkSync('a.yaml', path.join(repo, 'b.yaml'));
    fs.symlinkSync('b.yaml', path.join(repo, 'a.yaml')); // a.yaml -> b.yaml -> a.yaml
    fs.symlinkSync('../outside/Dockerfile', path.join(repo, 'Dockerfile.outside'));
    fs.symlinkSync('../outside/deploy', path.join(repo, 'deploy'));
    fs.symlinkSync('app/compose.yaml', path.join(repo, 'compose.yaml')); // inside: followed
    const t = Date.now();
    const r = runJson(['repo'], { cwd: root });
    assert.ok(Date.now() - t < 20_000);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(files(r.json), ['repo/Dockerfile', 'repo/app/compose.yaml', 'repo/compose.yaml']);
    assert.match(r.stderr, /repo\/Dockerfile\.outside: skipped: symbolic link to a file outside the folder/);
    assert.match(r.stderr, /repo\/a\.yaml: cannot read: symbolic link loop/);
    assert.doesNotMatch(r.stdout + r.stderr, /outside\/|deploy\/pod/);
  });

  it('reports dangling links, FIFOs, sockets and unreadable files on stderr and goes on', async () => {
    const cwd = tempTree({ 'broken.yaml': BROKEN, 'Dockerfile/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' });
    fs.symlinkSync('nowhere', path.join(cwd, 'Dockerfile.dangling'));
    spawnSync('mkfifo', [path.join(cwd, 'compose.fifo.yaml')]);
    const sock = net.createServer();
    await new Promise<void>((resolve) => sock.listen(path.join(cwd, 'Containerfile'), resolve));
    try {
      const t = Date.now();
      const r = runJson([], { cwd });
      assert.ok(Date.now() - t < 20_000, 'a FIFO must not block the walk');
      assert.equal(r.code, 1, r.stderr);
      // A folder named Dockerfile is just a folder: walked.
      assert.deepEqual(files(r.json), ['Dockerfile/compose.yaml', 'broken.yaml']);
      assert.match(r.stderr, /Dockerfile\.dangling: cannot read: no such file/);
      if (fs.existsSync(path.join(cwd, 'compose.fifo.yaml'))) assert.match(r.stderr, /compose\.fifo\.yaml: skipped: not a regular file/);
      assert.match(r.stderr, /Containerfile: skipped: not a regular file/);

      // Named explicitly: the FIFO is refused at once (no blocking open) and the exit code is 2.
      if (fs.existsSync(path.join(cwd, 'compose.fifo.yaml'))) {
        const fifo = runCli(['compose.fifo.yaml', 'broken.yaml'], { cwd });
        assert.equal(fifo.code, 2);
        assert.match(fifo.stderr, /compose\.fifo\.yaml: cannot read: not a regular file/);
        assert.match(fifo.stdout, /broken\.yaml/);
      }
    } finally {
      sock.close();
    }
  });

  it('exits 2 when nothing at all could be read, 0/1 when something could', () => {
    const none = tempTree({ 'README.md': 'hello\n' });
    fs.symlinkSync('nowhere', path.join(none, 'Dockerfile'));
    const r = runCli([], { cwd: none });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Dockerfile: cannot read/);
    // Skipped files (binary, too large) are not failures: nothing to lint is exit 0.
    assert.equal(runCli([], { cwd: tempTree({ Dockerfile: junk(100) }) }).code, 0);
  });

  it('reports a chmod 000 file among readable ones', () => {
    const cwd = tempTree({ 'locked.yaml': UNUSED, 'broken.yaml': BROKEN });
    fs.chmodSync(path.join(cwd, 'locked.yaml'), 0o000);
    const r = runJson([], { cwd });
    assert.equal(r.code, 1);
    if (process.getuid?.() === 0) assert.deepEqual(files(r.json), ['broken.yaml', 'locked.yaml']); // root reads it anyway
    else {
      assert.match(r.stderr, /locked\.yaml: cannot read: permission denied/);
      assert.deepEqual(files(r.json), ['broken.yaml']);
    }
  });
});

const BROKEN_DOCKERFILE = 'FROM alpine:3.20\nUSER 0\n';
