// The suppression-comment grammar: its regular expressions (Oniguruma syntax that JavaScript also
// understands) pick out the directive, the rule ids and the reason. Checked in a real VS Code with
// "Developer: Inspect Editor Tokens and Scopes" (code-server 4.100.3): Dockerfile and Compose.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers';

const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes', 'harden-ignore.tmLanguage.json'), 'utf8'));
const line = new RegExp(grammar.repository.line.match);
const afterHash = new RegExp(grammar.repository['after-hash'].match);
const idRe = new RegExp(grammar.repository.ids.patterns[0].match, 'g');

function parts(text: string): { keyword?: string; ids: string[]; reason?: string } | undefined {
  const m = line.exec(text);
  if (!m) return undefined;
  return { keyword: m[3], ids: (m[4].match(idRe) ?? []) as string[], reason: m[6] };
}

/** What the YAML pattern sees: the comment's text after its `#`, matched from the `#`. */
function yamlParts(comment: string): { keyword?: string; ids: string[]; reason?: string } | undefined {
  const hash = comment.indexOf('#');
  const re = new RegExp(afterHash.source, 'y');
  re.lastIndex = hash + 1;
  const m = re.exec(comment);
  if (!m) return undefined;
  return { keyword: m[1], ids: (m[2].match(idRe) ?? []) as string[], reason: m[4] };
}

test('Dockerfile line: directive, ids and reason', () => {
  assert.deepEqual(parts('# harden-ignore sudo-in-run -- legacy build'), { keyword: 'harden-ignore', ids: ['sudo-in-run'], reason: ' legacy build' });
  assert.deepEqual(parts('    #harden-ignore-file privileged,host-pid'), { keyword: 'harden-ignore-file', ids: ['privileged', 'host-pid'], reason: undefined });
  assert.deepEqual(parts('# harden-ignore a, b --'), { keyword: 'harden-ignore', ids: ['a', 'b'], reason: '' });
  assert.deepEqual(parts('# harden-ignore'), { keyword: 'harden-ignore', ids: [], reason: undefined });
  assert.equal(parts('# harden-ignored privileged'), undefined);
  assert.equal(parts('RUN echo # harden-ignore x'), undefined);
});

test('YAML comment: the directive after the #', () => {
  assert.deepEqual(yamlParts('    # harden-ignore privileged -- needed'), { keyword: 'harden-ignore', ids: ['privileged'], reason: ' needed' });
  assert.deepEqual(yamlParts('# harden-ignore-file a,b'), { keyword: 'harden-ignore-file', ids: ['a', 'b'], reason: undefined });
  assert.equal(yamlParts('# harden-ignored x'), undefined);
  assert.equal(yamlParts('# see harden-ignore x'), undefined);
});

test('injected into Dockerfiles outside strings and comments, and into YAML comments', () => {
  assert.equal(grammar.injectionSelector, 'L:source.dockerfile -string -comment, L:comment.line.number-sign.yaml');
});
