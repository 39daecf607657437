// The text edits behind the ignore and fix-all code actions (pure).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, LineIndex } from '../../server/src/engine';
import { fixAllText, ignoreFileEdit, ignoreLineEdit, wanted } from '../../server/src/lsp/actions';
import { minimalEdit } from '../../server/src/lsp/convert';

function apply(text: string, e: { start: number; end: number; newText: string } | undefined): string {
  assert.ok(e);
  return applyEdits(text, [e]);
}

test('ignore for a line: indentation, line ending, adding to an existing directive', () => {
  const yaml = 'services:\r\n  web:\r\n    privileged: true\r\n';
  assert.equal(apply(yaml, ignoreLineEdit(new LineIndex(yaml), 2, 'privileged')), 'services:\r\n  web:\r\n    # harden-ignore privileged -- \r\n    privileged: true\r\n');
  const withDirective = 'FROM x\n# harden-ignore root-user -- why\nUSER root\n';
  assert.equal(apply(withDirective, ignoreLineEdit(new LineIndex(withDirective), 2, 'non-numeric-user')), 'FROM x\n# harden-ignore root-user,non-numeric-user -- why\nUSER root\n');
  assert.equal(ignoreLineEdit(new LineIndex(withDirective), 2, 'root-user'), undefined);
  const tab = 'FROM x\nRUN a \\\n\tsudo b\n';
  assert.equal(apply(tab, ignoreLineEdit(new LineIndex(tab), 2, 'sudo-in-run')), 'FROM x\nRUN a \\\n\t# harden-ignore sudo-in-run -- \n\tsudo b\n');
});

test('ignore for the file: after shebang, parser directives, YAML directives and ---', () => {
  const df = '# syntax=docker/dockerfile:1\n# escape=`\nFROM x\n';
  assert.equal(apply(df, ignoreFileEdit(new LineIndex(df), 'dockerfile', 'root-user')), '# syntax=docker/dockerfile:1\n# escape=`\n# harden-ignore-file root-user -- \nFROM x\n');
  const y = '%YAML 1.2\n---\napiVersion: v1\n';
  assert.equal(apply(y, ignoreFileEdit(new LineIndex(y), 'kubernetes', 'privileged')), '%YAML 1.2\n---\n# harden-ignore-file privileged -- \napiVersion: v1\n');
  const plain = 'services:\n  web: {}\n';
  assert.equal(apply(plain, ignoreFileEdit(new LineIndex(plain), 'compose', 'privileged')), '# harden-ignore-file privileged -- \nservices:\n  web: {}\n');
  const only = '# syntax=docker/dockerfile:1';
  assert.equal(apply(only, ignoreFileEdit(new LineIndex(only), 'dockerfile', 'root-user')), '# syntax=docker/dockerfile:1\n# harden-ignore-file root-user -- \n');
  const existing = 'FROM x\n# harden-ignore-file sudo-in-run -- legacy\n';
  assert.equal(apply(existing, ignoreFileEdit(new LineIndex(existing), 'dockerfile', 'root-user')), 'FROM x\n# harden-ignore-file sudo-in-run,root-user -- legacy\n');
});

test('fix-all repeats passes until stable and stops after ten', () => {
  let calls = 0;
  const out = fixAllText('aaaa', [{ rule: 'r', severity: 'info', message: '', span: { start: 0, end: 1 }, fixes: [{ title: 't', safe: true, edits: [{ start: 0, end: 1, newText: '' }] }] }], (t) => {
    calls++;
    return t.length ? [{ rule: 'r', severity: 'info', message: '', span: { start: 0, end: 1 }, fixes: [{ title: 't', safe: true, edits: [{ start: 0, end: 1, newText: '' }] }] }] : [];
  });
  assert.equal(out, '');
  assert.equal(calls, 4);
  let loops = 0;
  const endless = fixAllText('x', [], () => [], () => true);
  assert.equal(endless, 'x');
  const grow = fixAllText('', [{ rule: 'r', severity: 'info', message: '', span: { start: 0, end: 0 }, fixes: [{ title: 't', safe: true, edits: [{ start: 0, end: 0, newText: 'x' }] }] }], () => {
    loops++;
    return [{ rule: 'r', severity: 'info', message: '', span: { start: 0, end: 0 }, fixes: [{ title: 't', safe: true, edits: [{ start: 0, end: 0, newText: 'x' }] }] }];
  });
  assert.equal(grow, 'x'.repeat(10));
  assert.equal(loops, 10);
  // Unsafe fixes are never applied.
  assert.equal(fixAllText('ab', [{ rule: 'r', severity: 'info', message: '', span: { start: 0, end: 1 }, fixes: [{ title: 't', safe: false, edits: [{ start: 0, end: 1, newText: '' }] }] }], () => []), 'ab');
});

test('minimal edit keeps CRLF pairs whole', () => {
  assert.deepEqual(minimalEdit('a\r\nb\r\n', 'a\r\nc\r\n'), { start: 3, end: 4, newText: 'c' });
  const e = minimalEdit('x\r\n', 'x\n')!;
  assert.equal(applyEdits('x\r\n', [e]), 'x\n');
  assert.equal(minimalEdit('same', 'same'), undefined);
});

test('code action kinds: quick fixes by default, source actions only on request', () => {
  assert.equal(wanted('quickfix', undefined), true);
  assert.equal(wanted('source.fixAll.harden', undefined), false);
  assert.equal(wanted('source.fixAll.harden', ['source.fixAll']), true);
  assert.equal(wanted('source.fixAll.harden', ['quickfix']), false);
});
