// A bounded fuzz run in `npm test`: mutated fixtures and examples plus fast-check generated
// Dockerfiles and YAML; every kept regression input is replayed first.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { checkOne, fuzz } from '../fuzz/harness';
import { regressionSeeds, repoSeeds } from '../fuzz/seeds';

it('kept fuzz regressions still pass', () => {
  const problems = regressionSeeds()
    .map((s) => ({ name: s.name, problem: checkOne(s.name, s.text, 1000).problem }))
    .filter((x) => x.problem);
  assert.deepEqual(problems, []);
});

it('bounded fuzz run: no crash, no rule failure, each input under 1 s', () => {
  const seeds = repoSeeds();
  assert.ok(seeds.length >= 5, `found ${seeds.length} seeds`);
  const count = Number(process.env.HARDEN_FUZZ_COUNT ?? 3000);
  const r = fuzz({
    seeds,
    count,
    timeMs: 90_000,
    seed: Number(process.env.HARDEN_FUZZ_SEED ?? 20261129),
    // Keep each failing input where a developer can replay it (`npm run fuzz` keeps them in the repo).
    onFailure: (f) => fs.writeFileSync(path.join(os.tmpdir(), `harden-fuzz-${f.seed}.${f.name}`), f.text),
  });
  console.log(`fuzz: ${r.inputs} inputs in ${Math.round(r.elapsedMs)} ms, slowest ${Math.round(r.slowest.ms)} ms (${r.slowest.name})`);
  assert.ok(r.inputs >= Math.min(count, 1000), `ran ${r.inputs} inputs`);
  assert.deepEqual(
    r.failures.slice(0, 5).map((f) => `${f.name} seed=${f.seed} [${f.mutations.join(',')}]: ${f.problem}`),
    [],
  );
});
