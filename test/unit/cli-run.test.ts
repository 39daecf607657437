// The CLI end to end: flags, exit codes, JSON shape and order, text code frames, stdin.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers';
import { BROKEN, CLEAN_K8S, cliPath, runCli, runJson, SUPPRESSED, tempTree, UNUSED } from './cli-helpers';

const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

describe('cli: usage and exit codes', () => {
  it('prints the version and the help', () => {
    const cwd = tempTree({});
    const v = runCli(['--version'], { cwd });
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), version);
    const h = runCli(['--help'], { cwd });
    assert.equal(h.code, 0);
    assert.match(h.stdout, /^Usage: harden/);
    for (const flag of ['--format', '--profile', '--rule', '--config', '--fail-on', '--fix', '--unsafe-fixes', '--quiet', '--stdin-filename']) assert.ok(h.stdout.includes(flag), flag);
  });

  it('exits 2 with one line on stderr for usage errors', () => {
    const cwd = tempTree({ 'a.yaml': CLEAN_K8S });
    for (const args of [['--bogus'], ['--format', 'xml'], ['--profile', 'paranoid'], ['--rule', 'no-such-rule=off'], ['--rule', 'parse-error=loud'], ['--rule', 'parse-error'], ['--fail-on', 'sometimes'], ['--format'], ['--quiet=yes'], ['--stdin-filename', 'x.yaml', 'a.yaml']]) {
      const r = runCli(args, { cwd });
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^harden: /);
    }
    assert.match(runCli(['--rule', 'no-such-rule=off'], { cwd }).stderr, /unknown rule "no-such-rule"/);
  });

  it('exits 2 for a missing path but still lints the others', () => {
    const cwd = tempTree({ 'broken.yaml': BROKEN });
    const alone = runCli(['missing.yaml'], { cwd });
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /missing\.yaml: no such file/);
    const mixed = runJson(['missing-dir', 'broken.yaml'], { cwd });
    assert.equal(mixed.code, 2);
    assert.deepEqual(
      mixed.json.findings.map((f) => f.rule),
      ['parse-error'],
    );
  });

  it('exit code follows --fail-on and --rule severities', () => {
    const cwd = tempTree({ 'broken.yaml': BROKEN, 'unused.yaml': UNUSED, 'clean.yaml': CLEAN_K8S });
    assert.equal(runCli(['broken.yaml'], { cwd }).code, 1);
    assert.equal(runCli(['broken.yaml', '--fail-on', 'never'], { cwd }).code, 0);
    assert.equal(runCli(['clean.yaml'], { cwd }).code, 0);
    // unused-suppression is info: only --fail-on info fails on it.
    assert.equal(runCli(['unused.yaml'], { cwd }).code, 0);
    assert.equal(runCli(['unused.yaml', '--fail-on', 'warning'], { cwd }).code, 0);
    assert.equal(runCli(['unused.yaml', '--fail-on', 'info'], { cwd }).code, 1);
    assert.equal(runCli(['unused.yaml', '--rule', 'unused-suppression=error'], { cwd }).code, 1);
    assert.equal(runCli(['unused.yaml', '--rule=unused-suppression=warning', '--fail-on=warning'], { cwd }).code, 1);
    // parse-error lowered to a warning no longer fails at the default --fail-on error.
    const lowered = runJson(['broken.yaml', '--rule', 'parse-error=warning'], { cwd });
    assert.equal(lowered.code, 0);
    assert.equal(lowered.json.findings[0].severity, 'warning');
    const off = runJson(['broken.yaml', '--rule', 'parse-error=off'], { cwd });
    assert.equal(off.code, 0);
    assert.equal(off.json.findings.length, 0);
  });

  it('--profile selects the rule set (unused-suppression is off in baseline)', () => {
    const cwd = tempTree({ 'unused.yaml': UNUSED });
    assert.equal(runJson([], { cwd }).json.findings.length, 1);
    assert.equal(runJson(['--profile', 'strict'], { cwd }).json.findings.length, 1);
    assert.equal(runJson(['--profile', 'baseline'], { cwd }).json.findings.length, 0);
    assert.equal(runJson(['--profile', 'baseline', '--rule', 'unused-suppression=info'], { cwd }).json.findings.length, 1);
  });
});

describe('cli: JSON output', () => {
  it('has the documented shape, 1-based ranges and / separators', () => {
    const cwd = tempTree({ 'deploy/sub/unused.yaml': UNUSED, 'deploy/broken.yaml': BROKEN });
    const r = runJson(['deploy'], { cwd });
    assert.equal(r.code, 1);
    const j = r.json;
    assert.equal(j.tool, 'harden');
    assert.equal(j.version, version);
    assert.deepEqual(j.summary, { files: 2, error: 1, warning: 0, info: 1, suppressed: 0 });
    const u = j.findings.find((f) => f.rule === 'unused-suppression')!;
    assert.equal(u.file, 'deploy/sub/unused.yaml');
    assert.equal(u.severity, 'info');
    // `# harden-ignore-file foo-bar`: the finding covers `foo-bar`, columns 22..29 (end is just past).
    assert.deepEqual([u.line, u.column, u.endLine, u.endColumn], [1, 22, 1, 29]);
    assert.deepEqual(u.fixes, [{ title: u.fixes[0].title, safe: true }]);
    assert.deepEqual(u.related, []);
    assert.ok(!('object' in u) && !('container' in u));
    assert.deepEqual(Object.keys(u).sort(), ['column', 'endColumn', 'endLine', 'file', 'fixes', 'line', 'message', 'related', 'rule', 'severity']);
    const p = j.findings.find((f) => f.rule === 'parse-error')!;
    assert.equal(p.file, 'deploy/broken.yaml');
    assert.equal(p.line, 4);
  });

  it('sorts findings by file, line, column, rule', () => {
    const two = '# harden-ignore-file foo-bar\n# harden-ignore-file baz-qux\n' + CLEAN_K8S;
    const cwd = tempTree({ 'b.yaml': UNUSED, 'a.yaml': two, 'c/a.yaml': BROKEN });
    const { json } = runJson(['c', 'b.yaml', '.'], { cwd });
    const keys = json.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.rule}`);
    assert.deepEqual(keys, ['a.yaml:1:22:unused-suppression', 'a.yaml:2:22:unused-suppression', 'b.yaml:1:22:unused-suppression', 'c/a.yaml:4:9:parse-error']);
    assert.equal(json.summary.files, 3, 'each file once, even when named twice');
  });

  it('omits suppressed findings and counts them', () => {
    const cwd = tempTree({ 's.yaml': SUPPRESSED });
    const { json, code } = runJson(['--fail-on', 'info'], { cwd });
    assert.equal(code, 0);
    assert.deepEqual(json.findings, []);
    assert.equal(json.summary.suppressed, 1);
  });
});

describe('cli: cross-file (Compose build -> Dockerfile)', () => {
  it('hands the engine a file reader and resolver: related information names the Dockerfile as found', () => {
    const cwd = tempTree({ 'app/compose.yaml': 'services:\n  api:\n    build: ./api\n', 'app/api/Dockerfile': 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n' });
    const { json } = runJson(['app'], { cwd });
    const related = json.findings.filter((f) => f.file === 'app/compose.yaml').flatMap((f) => f.related);
    assert.ok(related.length > 0, JSON.stringify(json.findings, null, 1));
    for (const r of related) {
      assert.equal(r.file, 'app/api/Dockerfile');
      assert.equal(r.line, 2);
      assert.ok(r.message);
    }
    const text = runCli(['app'], { cwd }).stdout;
    assert.match(text, /related: app\/api\/Dockerfile:2: /);
  });
});

describe('cli: text output', () => {
  it('shows a code frame with line numbers and carets under the range, and a summary', () => {
    const cwd = tempTree({ 'unused.yaml': UNUSED });
    const r = runCli([], { cwd });
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when not a TTY');
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => l.includes('unused.yaml:1:22') && l.includes('info') && l.includes('unused-suppression'));
    assert.ok(head >= 0, r.stdout);
    const src = lines.findIndex((l) => /^\s*>\s*1 \| # harden-ignore-file foo-bar$/.test(l));
    assert.ok(src > head, r.stdout);
    const caret = lines[src + 1];
    const bar = caret.indexOf('|');
    assert.equal(bar, lines[src].indexOf('|'));
    assert.equal(caret.slice(bar + 2), ' '.repeat(21) + '^'.repeat(7));
    assert.match(lines[src + 2], /^\s+2 \| apiVersion: v1$/);
    assert.match(r.stdout, /1 file checked: 0 errors, 0 warnings, 1 info/);
  });

  it('uses colour only when forced on a pipe, never with NO_COLOR', () => {
    const cwd = tempTree({ 'unused.yaml': UNUSED });
    assert.match(runCli([], { cwd, env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[/);
    assert.doesNotMatch(runCli([], { cwd, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\x1b\[/);
  });

  const script = ['/usr/bin/script', '/bin/script'].find((p) => fs.existsSync(p));
  it('uses colour on a terminal unless NO_COLOR is set', { skip: process.platform !== 'linux' || !script ? 'needs util-linux script(1) to fake a terminal' : false }, () => {
    const cwd = tempTree({ 'unused.yaml': UNUSED });
    const cmd = [process.execPath, cliPath(), 'unused.yaml'].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const tty = (env: Record<string, string>): string => {
      const e: NodeJS.ProcessEnv = { ...process.env, ...env };
      delete e.FORCE_COLOR;
      if (!('NO_COLOR' in env)) delete e.NO_COLOR;
      const r = spawnSync(script!, ['-qec', cmd, '/dev/null'], { cwd, env: e, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    assert.match(tty({}), /\x1b\[/);
    assert.doesNotMatch(tty({ NO_COLOR: '1' }), /\x1b\[/);
  });

  it('--quiet prints nothing for clean files', () => {
    const cwd = tempTree({ 'clean.yaml': CLEAN_K8S });
    const loud = runCli([], { cwd });
    assert.match(loud.stdout, /clean\.yaml/);
    const quiet = runCli(['--quiet'], { cwd });
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stdout, '');
    const mixed = runCli(['--quiet'], { cwd: tempTree({ 'clean.yaml': CLEAN_K8S, 'unused.yaml': UNUSED }) });
    assert.doesNotMatch(mixed.stdout, /clean\.yaml/);
    assert.match(mixed.stdout, /unused\.yaml/);
  });

  it('prints engine notes as note lines (Helm templates)', () => {
    const cwd = tempTree({ 'templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n' });
    const r = runCli([], { cwd });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /note: .*[Tt]emplate/);
    const j = runJson([], { cwd }).json;
    assert.ok(j.notes.some((n) => n.file === 'templates/deploy.yaml'));
  });
});

describe('cli: standard input and explicit files', () => {
  it('reads - with --stdin-filename for detection and output', () => {
    const cwd = tempTree({});
    const r = runJson(['-', '--stdin-filename', 'k8s/app.yaml'], { cwd, input: BROKEN });
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.json.findings.map((f) => [f.file, f.rule]),
      [['k8s/app.yaml', 'parse-error']],
    );
    const anonymous = runJson(['-', '--fail-on', 'info'], { cwd, input: UNUSED });
    assert.equal(anonymous.code, 1);
    assert.equal(anonymous.json.findings[0].file, '<stdin>');
  });

  it('lints a file named explicitly by content, but skips it in a folder walk', () => {
    const cwd = tempTree({ 'manifest.txt': UNUSED });
    assert.equal(runJson(['manifest.txt'], { cwd }).json.findings.length, 1);
    assert.equal(runJson(['.'], { cwd }).json.summary.files, 0);
    const other = tempTree({ 'notes.txt': 'hello\n' });
    const r = runCli(['notes.txt'], { cwd: other });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /notes\.txt: not recognised/);
  });

  it('refuses --fix on standard input', () => {
    const r = runCli(['-', '--fix'], { cwd: tempTree({}), input: UNUSED });
    assert.equal(r.code, 2);
  });
});
