/// <reference types="vscode" />
// The extension-host side of `npm run test:electron`: VS Code loads this module and awaits `run()`.
// No mocha: plain node:assert checks, each awaiting what VS Code reports, with a deadline.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'harden.harden';

/** Resolve with the first value `probe` returns, re-checking on every diagnostics change; reject after `ms`. */
function waitForDiagnostics<T>(what: string, ms: number, probe: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const v = probe();
      if (v === undefined) return false;
      cleanup();
      resolve(v);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics(() => check());
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const cleanup = (): void => {
      sub.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

function hardenCodes(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'harden')
    .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
}

async function expectFindings(file: string, languageId: string, mustHave: string[]): Promise<void> {
  const uri = vscode.Uri.file(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, languageId, `language id of ${path.basename(file)}`);
  const codes = await waitForDiagnostics(`${mustHave.join(', ')} in ${file}`, 30_000, () => {
    const c = hardenCodes(uri);
    return mustHave.every((id) => c.includes(id)) ? c : undefined;
  });
  console.log(`  ${path.basename(file)}: ${[...new Set(codes)].sort().join(' ')}`);
}

export async function run(): Promise<void> {
  const workspace = process.env.HARDEN_TEST_WORKSPACE;
  assert.ok(workspace, 'HARDEN_TEST_WORKSPACE is not set (start this suite through test/electron/run)');

  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);

  // Opening a Compose file fires onLanguage:dockercompose, which activates the extension.
  await expectFindings(path.join(workspace, 'compose.yaml'), 'dockercompose', ['privileged', 'host-pid']);
  assert.ok(ext.isActive, 'the extension did not activate');
  await expectFindings(path.join(workspace, 'api', 'Dockerfile'), 'dockerfile', ['root-user']);
  await expectFindings(path.join(workspace, 'k8s', 'deployment.yaml'), 'yaml', ['privilege-escalation-allowed']);

  // A safe fix through the same code action VS Code runs on save.
  const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM debian:12\nRUN sudo apt-get update\nUSER 10001\n' });
  await vscode.window.showTextDocument(doc);
  await waitForDiagnostics('sudo-in-run in an untitled Dockerfile', 30_000, () => (hardenCodes(doc.uri).includes('sudo-in-run') ? true : undefined));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.harden');
  const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.harden');
  assert.ok(fixAll?.edit, `no source.fixAll.harden action: ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
  assert.equal(doc.getText(), 'FROM debian:12\nRUN apt-get update\nUSER 10001\n');
}
