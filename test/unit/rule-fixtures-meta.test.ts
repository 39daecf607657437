// Every rule has a bad and a good fixture for every format it covers.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { it } from 'node:test';
import { RULES } from '../../server/src/engine/rules';
import type { Format } from '../../server/src/engine/types';
import { fixturesDir, walk } from '../helpers';

const SUFFIX: Record<Format, string> = { dockerfile: '.Dockerfile', compose: '.compose.yaml', kubernetes: '.k8s.yaml' };

it('each rule has bad and good fixtures for each of its formats', () => {
  const missing: string[] = [];
  for (const r of RULES) {
    const files = walk(path.join(fixturesDir, 'rules', r.id)).map((f) => path.basename(f));
    for (const fmt of r.formats) {
      for (const kind of ['bad', 'good']) {
        if (!files.some((f) => f.includes(`.${kind}.`) && f.endsWith(SUFFIX[fmt]))) missing.push(`${r.id}: ${kind} ${fmt}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

it('rules whose check exists declare the format, and declared formats have a check', () => {
  const bad: string[] = [];
  for (const r of RULES) {
    if (r.id === 'unused-suppression') continue; // produced by the engine after every other rule
    for (const fmt of ['dockerfile', 'compose', 'kubernetes'] as const) {
      const has = typeof r[fmt] === 'function';
      if (has !== r.formats.includes(fmt)) bad.push(`${r.id}: ${fmt} ${has ? 'check without format' : 'format without check'}`);
    }
  }
  assert.deepEqual(bad, []);
});
