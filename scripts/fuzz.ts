// `npm run fuzz -- [--count N] [--time SECONDS] [--seed N]`: fuzz the engine with mutated corpus
// files (when ../shared/corpus is there) and in-repo seeds. Failures are kept as regression
// fixtures in test/fixtures/fuzz-regressions/ and replayed by `npm test`.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fuzz } from '../test/fuzz/harness';
import { corpusSeeds, regressionsDir, repoSeeds } from '../test/fuzz/seeds';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

const count = arg('count', 20000);
const timeMs = arg('time', 300) * 1000;
const seed = arg('seed', Date.now() % 1_000_000);
const seeds = [...repoSeeds(), ...corpusSeeds()];
console.log(`fuzz: ${seeds.length} seeds, up to ${count} inputs or ${timeMs / 1000} s, seed ${seed}`);
let kept = 0;
const r = fuzz({
  seeds,
  count,
  timeMs,
  seed,
  onFailure: (f) => {
    const id = createHash('sha256').update(f.text).digest('hex').slice(0, 12);
    fs.mkdirSync(regressionsDir, { recursive: true });
    const file = path.join(regressionsDir, `${id}.${f.name}`);
    if (!fs.existsSync(file)) {
      fs.writeFileSync(file, f.text);
      kept++;
    }
    console.log(`FAIL ${f.name} seed=${f.seed} [${f.mutations.join(',')}]: ${f.problem} -> ${path.relative(process.cwd(), file)}`);
  },
});
console.log(`fuzz: ${r.inputs} inputs in ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.failures.length} failures (${kept} new regression files), slowest ${Math.round(r.slowest.ms)} ms: ${r.slowest.name}`);
process.exit(r.failures.length ? 1 : 0);
