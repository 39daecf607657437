// The engine is pure (text in, findings out): no file system, no editor transport, no network,
// no processes. The extension and server may not open sockets or spawn processes either; only the
// CLI (and its worker pool) may use worker_threads.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { repoRoot, walk } from '../helpers';

const IMPORT = /(?:import\s[^'"]*?from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1].replace(/^node:/, ''));
}

const sources = (dir: string): string[] => walk(path.join(repoRoot, dir)).filter((f) => f.endsWith('.ts'));

it('the engine imports no fs, vscode*, network or process modules', () => {
  const banned = /^(fs|fs\/promises|vscode|vscode-.*|child_process|net|http|https|http2|dgram|tls|worker_threads|cluster|dns|os)$/;
  const bad: string[] = [];
  for (const f of sources('server/src/engine')) for (const m of importsOf(f)) if (banned.test(m)) bad.push(`${path.relative(repoRoot, f)}: ${m}`);
  assert.deepEqual(bad, []);
  assert.ok(sources('server/src/engine').length > 40, 'the engine sources were found');
});

it('server and client open no sockets and spawn no processes (worker_threads only in the CLI)', () => {
  const bad: string[] = [];
  for (const f of [...sources('server/src'), ...sources('client/src')]) {
    const rel = path.relative(repoRoot, f).split(path.sep).join('/');
    for (const m of importsOf(f)) {
      if (/^(child_process|net|http|https|http2|dgram|tls|cluster)$/.test(m)) bad.push(`${rel}: ${m}`);
      if (m === 'worker_threads' && !rel.startsWith('server/src/cli/')) bad.push(`${rel}: ${m}`);
    }
  }
  assert.deepEqual(bad, []);
});

it('the import scanner sees imports (self-check)', () => {
  const tmp = path.join(repoRoot, 'test', 'unit', 'engine-purity.test.ts');
  assert.ok(importsOf(tmp).includes('fs'));
});
