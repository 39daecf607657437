// Seeds for the fuzzer: in-repo fixtures and examples, kept regressions, and (for `npm run fuzz`)
// the shared corpus when it is there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir, repoRoot, sharedCorpus, walk } from '../helpers';
import type { Seed } from './harness';

export const regressionsDir = path.join(fixturesDir, 'fuzz-regressions');

/** A seed's file name: keeps what detection needs (Dockerfile / compose / yaml). */
export function seedName(file: string): string {
  const b = path.basename(file);
  if (/dockerfile|containerfile/i.test(b)) return 'Dockerfile';
  if (/compose/i.test(b)) return 'compose.yaml';
  return 'seed.yaml';
}

function read(files: string[]): Seed[] {
  return files
    .filter((f) => /(dockerfile|containerfile|\.ya?ml)$/i.test(f) && fs.statSync(f).size < 512 * 1024)
    .map((f) => ({ name: seedName(f), text: fs.readFileSync(f, 'utf8') }));
}

export function repoSeeds(): Seed[] {
  return read([...walk(path.join(fixturesDir, 'rules')), ...walk(path.join(repoRoot, 'examples'))]);
}

/** Kept failures: `<id>.<Dockerfile|compose.yaml|seed.yaml>`, replayed as they are. */
export function regressionSeeds(): Seed[] {
  return walk(regressionsDir).map((f) => ({ name: path.basename(f).replace(/^[^.]+\./, ''), text: fs.readFileSync(f, 'utf8') }));
}

export function corpusSeeds(): Seed[] {
  return read([...walk(path.join(sharedCorpus, 'real')), ...walk(path.join(sharedCorpus, 'parser-edge'))]);
}
