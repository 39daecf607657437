// The text reporter's code frames, on fabricated findings (tabs, CRLF, multi-line and empty ranges).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeFrame, PLAIN, textReport } from '../../server/src/cli/text';
import { LineIndex, type Finding } from '../../server/src/engine';
import type { FileResult } from '../../server/src/engine/report';

function result(text: string, findings: Finding[]): FileResult {
  return { file: 'f.yaml', lines: new LineIndex(text), findings };
}
const finding = (start: number, end: number, extra: Partial<Finding> = {}): Finding => ({ rule: 'demo-rule', severity: 'warning', message: 'demo', span: { start, end }, fixes: [], ...extra });

describe('cli: code frames', () => {
  it('puts carets under the range, keeping tabs so they line up', () => {
    const text = 'a: 1\n\tkey: value\nz: 2\n';
    const start = text.indexOf('value');
    const frame = codeFrame(result(text, []), finding(start, start + 5), PLAIN);
    assert.deepEqual(frame, ['    1 | a: 1', '  > 2 | \tkey: value', '      | \t     ^^^^^', '    3 | z: 2']);
  });

  it('marks every line of a multi-line range and carets to the end of the first', () => {
    const text = 'one\r\ntwo three\r\nfour\r\nfive\r\n';
    const start = text.indexOf('three');
    const end = text.indexOf('four') + 4;
    const frame = codeFrame(result(text, []), finding(start, end), PLAIN);
    assert.deepEqual(frame, ['    1 | one', '  > 2 | two three', '      |     ^^^^^', '  > 3 | four', '    4 | five']);
  });

  it('shows one caret for an empty range and escapes control characters', () => {
    const text = 'a: "\x1b[31m"\n';
    const frame = codeFrame(result(text, []), finding(0, 0), PLAIN);
    assert.deepEqual(frame, ['  > 1 | a: "\\x1b[31m"', '      | ^', '    2 | ']);
  });

  it('skips suppressed findings and counts them in the summary', () => {
    const text = 'a: 1\n';
    const out = textReport([result(text, [finding(0, 1), finding(0, 1, { rule: 'other', suppressed: { kind: 'comment' } })])], { quiet: false, style: PLAIN });
    assert.match(out, /f\.yaml:1:1  warning  demo  demo-rule/);
    assert.doesNotMatch(out, /other/);
    assert.match(out, /1 file checked: 0 errors, 1 warning, 0 info \(1 suppressed\)/);
  });
});
