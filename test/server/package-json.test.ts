// package.json `contributes` is partly generated from the rule registry and must agree with the
// server's defaults. Fix a failure with: npx tsx scripts/sync-package-json.ts
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { rulesSettingProperties } from '../../server/src/lsp/settings-schema';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { repoRoot } from '../helpers';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties;

test('harden.rules has one property per rule id, described by its title (run scripts/sync-package-json.ts when this fails)', () => {
  assert.deepEqual(props['harden.rules'].properties, rulesSettingProperties());
  assert.equal(props['harden.rules'].additionalProperties, false);
});

test('setting defaults agree with the server defaults', () => {
  assert.equal(props['harden.enable'].default, DEFAULT_SETTINGS.enable);
  assert.equal(props['harden.profile'].default, DEFAULT_SETTINGS.profile);
  assert.deepEqual(props['harden.profile'].enum, ['baseline', 'restricted', 'strict']);
  assert.equal(props['harden.unsafeFixes'].default, DEFAULT_SETTINGS.unsafeFixes);
  assert.equal(props['harden.workspaceDiagnostics'].default, DEFAULT_SETTINGS.workspaceDiagnostics);
  assert.equal(props['harden.maxFileSize'].default, DEFAULT_SETTINGS.maxFileSize);
  assert.equal(props['harden.exposure.codeLens'].default, DEFAULT_SETTINGS.exposureCodeLens);
  assert.deepEqual(props['harden.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('commands, grammar and engine constraints', () => {
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(commands, ['harden.lintWorkspace', 'harden.restartServer', 'harden.showOutput', 'harden.showRuleDocs']);
  const client = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'extension.ts'), 'utf8');
  for (const c of commands) assert.ok(client.includes(`registerCommand('${c}'`), `${c} is registered by the client`);
  const [grammar] = pkg.contributes.grammars;
  assert.deepEqual(grammar.injectTo, ['source.dockerfile', 'source.yaml']);
  const g = JSON.parse(fs.readFileSync(path.join(repoRoot, grammar.path), 'utf8'));
  assert.equal(g.scopeName, grammar.scopeName);
  assert.equal(pkg.engines.vscode, '^1.100.0');
  assert.equal(pkg.contributes.languages, undefined, 'VS Code already maps Containerfile and *.dockerfile');
});
