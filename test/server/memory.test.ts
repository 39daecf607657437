// Many open documents: the server keeps the analyses of the documents used last only (about a
// megabyte of text); the others keep their diagnostics, and a code action, hover or edit on them
// analyses them again, with the same answers as before.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol/node';
import { ensureServerBuilt, fileUri, TestClient } from './lsp-client';

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
// About 300 kB of ConfigMap each: four of them push the first document out of the kept set.
const filler = (n: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: f${n}\ndata:\n` + Array.from({ length: 10000 }, (_, i) => `  key${i}: value-${i}-padding-padding\n`).join('');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-mem-'));
before(() => ensureServerBuilt());
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('language server: analyses dropped for documents not used lately', () => {
  for (const pull of [true, false]) {
    it(`${pull ? 'pull' : 'push'}: diagnostics, code actions, hovers and edits of the first document still work`, async () => {
      const c = await TestClient.start({ pull, settings: {} });
      const first = fileUri(path.join(tmp, `a${pull}/compose.yaml`));
      c.open(first, 'dockercompose', COMPOSE);
      const before = pull ? (await c.pullDiagnostics(first)).items : (await c.waitForPush(first, 1)).diagnostics;
      const privileged = before.filter((d) => d.code === 'privileged');
      assert.equal(privileged.length, 1);
      const ask = (): Promise<CodeAction[]> => c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: first }, range: privileged[0].range, context: { diagnostics: privileged } });
      const actionsBefore = (await ask()).map((a) => a.title);
      assert.ok(actionsBefore.length > 0);
      for (let n = 0; n < 5; n++) {
        const u = fileUri(path.join(tmp, `b${pull}${n}/map.yaml`));
        c.open(u, 'yaml', filler(n));
        if (pull) await c.pullDiagnostics(u);
        else await c.waitForPush(u, 1);
      }
      if (pull) {
        const again = await c.pullDiagnostics(first);
        assert.deepEqual(again.items, before);
      }
      assert.deepEqual((await ask()).map((a) => a.title), actionsBefore);
      const h: Hover | null = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: first }, position: { line: 3, character: 6 } });
      assert.match(JSON.stringify(h?.contents ?? ''), /privileged/i);
      const v = c.change(first, [{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 20 } }, text: 'false' }]);
      const after = pull ? (await c.pullDiagnostics(first)).items : (await c.waitForPush(first, v)).diagnostics;
      assert.equal(after.filter((d) => d.code === 'privileged').length, 0);
      assert.equal(await c.shutdown(), 0);
    });
  }
});
