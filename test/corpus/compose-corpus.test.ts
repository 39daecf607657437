// Every Compose file of the shared corpus (index.json type `compose`) is analysed at the strict
// profile without throwing and without internal errors; the findings per rule are printed so a
// change in behaviour shows up in review. Cross-file: the host reader reads the Dockerfiles that
// sit next to the Compose files in the corpus (read in place, never copied). `npm run test:corpus` only.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine';
import { sharedCorpus } from '../helpers';

export function corpusComposeFiles(): string[] {
  const indexFile = path.join(sharedCorpus, 'index.json');
  if (!fs.existsSync(indexFile)) return [];
  const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as Array<{ file: string; type: string }>;
  return index.filter((e) => e.type === 'compose').map((e) => path.join(sharedCorpus, e.file)).sort();
}

function readFile(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

describe('Compose corpus', () => {
  const files = corpusComposeFiles();
  it('finds the corpus', (t) => {
    if (!files.length) t.skip('shared corpus not present');
    else assert.equal(files.length, 185);
  });
  it('analyses every Compose file without throwing or internal errors', () => {
    const failures: string[] = [];
    const perRule = new Map<string, number>();
    let crossFile = 0;
    let notes = 0;
    const started = Date.now();
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      let a: Analysis;
      try {
        a = analyze({ file: f, text, kind: 'compose', config: { profile: 'strict' }, readFile, resolve: (rel) => path.resolve(path.dirname(f), rel) });
      } catch (e) {
        failures.push(`${f}: threw ${(e as Error).message}`);
        continue;
      }
      if (a.errors.length) failures.push(`${f}: ${a.errors.join('; ')}`);
      if (a.kind !== 'compose') failures.push(`${f}: analysed as ${a.kind}`);
      for (const x of a.findings) {
        if (x.suppressed) continue;
        perRule.set(x.rule, (perRule.get(x.rule) ?? 0) + 1);
        if (x.related?.length) crossFile++;
      }
      notes += a.notes.length;
    }
    const table = [...perRule.entries()].sort((x, y) => y[1] - x[1]).map(([r, n]) => `  ${r.padEnd(30)} ${n}`);
    console.log(`Compose corpus: ${files.length} files in ${Date.now() - started} ms; findings per rule:\n${table.join('\n')}\n  (${crossFile} findings related to a built Dockerfile; ${notes} notes)`);
    assert.deepEqual(failures, []);
  });
});
