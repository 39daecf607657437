// Every Dockerfile of the shared corpus (real-world files and BuildKit's parser edge cases) is
// analysed without throwing and without internal errors. Runs in `npm run test:corpus` only.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine';
import { sharedCorpus } from '../helpers';
import { corpusDockerfiles } from './dockerfile-files';

describe('Dockerfile corpus', () => {
  const files = corpusDockerfiles();
  it('finds the corpus', (t) => {
    if (!files.length) t.skip('shared corpus not present');
    else assert.ok(files.length >= 550, `found ${files.length} Dockerfiles`);
  });
  it('analyses every Dockerfile without throwing or internal errors', () => {
    const failures: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      try {
        const a = analyze({ file: f, text, kind: 'dockerfile', config: { profile: 'strict' } });
        if (a.errors.length) failures.push(`${path.relative(sharedCorpus, f)}: ${a.errors.join('; ')}`);
        for (const x of a.findings) if (x.span.start < 0 || x.span.end > text.length || x.span.end < x.span.start) failures.push(`${path.relative(sharedCorpus, f)}: bad span for ${x.rule}`);
      } catch (e) {
        failures.push(`${path.relative(sharedCorpus, f)}: threw ${(e as Error).stack}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
