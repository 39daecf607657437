// Neovim (Debian's 0.7.2) as a second LSP client: push diagnostics only, and Compose files arrive
// with the language id `yaml`. The server (dist/server.js over stdio) must serve both.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { exposureSummary } from '../../server/src/engine/exposure/describe';
import { analyzeFile, exposureFile, keys } from './support/engine';
import { copyExamples, repoRoot, requireTools, startGroup, tempDir } from './support/env';

interface NvimDiagnostic {
  line: number;
  col: number;
  code?: string;
  source?: string;
  severity: number;
  message: string;
}
interface NvimResult {
  done: boolean;
  lenses_done: boolean;
  /** window/showMessage texts (the card the server sends when a lens is run). */
  messages: string[];
  log: string[];
  files: Array<{ file: string; filetype: string; diagnostics: NvimDiagnostic[]; lenses: Array<{ line: number; title: string }> }>;
}

const FILES = [
  { file: 'api/Dockerfile', filetype: 'dockerfile' },
  { file: 'compose.yaml', filetype: 'yaml' },
  { file: 'k8s/deployment.yaml', filetype: 'yaml' },
];

test('Neovim receives push diagnostics for a Dockerfile, a Compose file and a Kubernetes manifest', { timeout: 60_000 }, async (t) => {
  if (requireTools(t, { nvim: true })) return;
  const server = path.join(repoRoot, 'dist', 'server.js');
  assert.ok(fs.existsSync(server), `${server} is missing: run npm run build`);

  const scratch = tempDir('neovim');
  try {
    const ws = path.join(scratch.dir, 'workspace');
    const copied = copyExamples(ws);
    for (const f of FILES) assert.ok(copied.includes(f.file), `examples/${f.file} is missing`);
    const out = path.join(scratch.dir, 'result.json');
    const nvim = startGroup('nvim', ['--headless', '--clean', '-u', path.join(repoRoot, 'test', 'e2e', 'neovim.lua')], {
      cwd: ws,
      env: {
        ...process.env,
        HOME: scratch.dir, // Neovim's state and log files stay in the scratch folder
        XDG_CONFIG_HOME: path.join(scratch.dir, 'config'),
        XDG_DATA_HOME: path.join(scratch.dir, 'data'),
        XDG_STATE_HOME: path.join(scratch.dir, 'state'),
        XDG_CACHE_HOME: path.join(scratch.dir, 'cache'),
        HARDEN_FILES: FILES.map((f) => path.join(ws, f.file)).join('\n'),
        HARDEN_SERVER: server,
        HARDEN_ROOT: ws,
        HARDEN_OUT: out,
        HARDEN_TIMEOUT_MS: '20000',
        HARDEN_RUN_LENS: path.join(ws, 'k8s/deployment.yaml'),
      },
    });
    const exited = await new Promise<number | null>((resolve) => nvim.child.on('exit', (code) => resolve(code)));
    await nvim.stop();
    assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${exited}):\n${nvim.output().slice(-3000)}`);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as NvimResult;
    t.diagnostic(`Neovim log: ${result.log.join('; ') || '(empty)'}`);
    assert.ok(result.done, `not every buffer got diagnostics within 20 s: ${JSON.stringify(result, null, 1)}`);

    for (const f of FILES) {
      const abs = path.join(ws, f.file);
      const got = result.files.find((r) => r.file === abs);
      assert.ok(got, `no result for ${f.file}`);
      assert.equal(got.filetype, f.filetype, `Neovim's filetype for ${f.file}`);
      for (const d of got.diagnostics) assert.equal(d.source, 'harden', `source of ${JSON.stringify(d)}`);
      const shown = [...new Set(got.diagnostics.map((d) => `${d.line + 1}:${d.code}`))].sort();
      assert.deepEqual(shown, keys(analyzeFile(abs)), `diagnostics for ${f.file} (line:rule)`);
      t.diagnostic(`${f.file} (${got.filetype}): ${shown.join(' ')}`);
      // The kernel exposure lenses: one per container, service or final stage, with the engine's summary.
      const text = fs.readFileSync(abs, 'utf8');
      const want = exposureFile(abs, text).exposures.map((e) => ({ line: text.slice(0, e.span.start).split('\n').length - 1, title: exposureSummary(e) }));
      assert.ok(want.length > 0, `the engine finds no container in ${f.file}`);
      assert.deepEqual([...got.lenses].sort((a, b) => a.line - b.line), want, `code lenses for ${f.file}`);
      t.diagnostic(`${f.file} lenses: ${want.map((l) => `${l.line + 1}: ${l.title}`).join(' | ')}`);
    }
    assert.ok(result.lenses_done, 'every buffer got code lenses');
    // Running the first lens of the manifest (no client command in Neovim): the server sends the card.
    assert.equal(result.messages.length, 1, `messages: ${JSON.stringify(result.messages)}`);
    assert.match(result.messages[0], /^Kernel exposure of container api of Deployment\/api/);
    assert.match(result.messages[0], /Fixes:\n- Apply the Pod Security restricted profile to Deployment\/api/);
  } finally {
    scratch.cleanup();
  }
});
