// The suppression-comment grammar: its one regular expression (Oniguruma syntax that JavaScript
// also understands) picks out the directive, the rule ids and the reason.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers';

const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes', 'harden-ignore.tmLanguage.json'), 'utf8'));
const rule = grammar.repository.directive;
const re = new RegExp(rule.match);
const idRe = new RegExp(rule.captures['4'].patterns[0].match, 'g');

function parts(line: string): { keyword?: string; ids: string[]; reason?: string } | undefined {
  const m = re.exec(line);
  if (!m) return undefined;
  return { keyword: m[3], ids: (m[4].match(idRe) ?? []) as string[], reason: m[6] };
}

test('directive, ids and reason', () => {
  assert.deepEqual(parts('# harden-ignore sudo-in-run -- legacy build'), { keyword: 'harden-ignore', ids: ['sudo-in-run'], reason: ' legacy build' });
  assert.deepEqual(parts('    #harden-ignore-file privileged,host-pid'), { keyword: 'harden-ignore-file', ids: ['privileged', 'host-pid'], reason: undefined });
  assert.deepEqual(parts('# harden-ignore a, b --'), { keyword: 'harden-ignore', ids: ['a', 'b'], reason: '' });
  assert.deepEqual(parts('# harden-ignore'), { keyword: 'harden-ignore', ids: [], reason: undefined });
});

test('not a directive', () => {
  assert.equal(parts('# harden-ignored privileged'), undefined);
  assert.equal(parts('RUN echo # harden-ignore x'), undefined);
  assert.equal(parts('key: value # harden-ignore x'), undefined);
});

test('injected into Dockerfiles and YAML, outside strings and other comments', () => {
  assert.equal(grammar.injectionSelector, 'L:source.dockerfile -string -comment, L:source.yaml -string -comment');
});
