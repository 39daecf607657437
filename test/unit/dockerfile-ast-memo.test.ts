// The memoised argument split of dockerfile-ast (server/src/engine/dockerfile/ast.ts) parses every
// Dockerfile of the repository's fixtures, fuzz regressions and examples, and random mutations of
// them, exactly as dockerfile-ast alone does. test/corpus/dockerfile-ast-memo.test.ts does the same
// over the corpus.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { dumpsWithAndWithoutMemo } from '../dockerfile-ast-dump';
import { repoRoot, walk } from '../helpers';

const files = [
  ...walk(path.join(repoRoot, 'test', 'fixtures')),
  ...walk(path.join(repoRoot, 'examples')),
].filter((f) => /(^|[\\/])(Dockerfile|Containerfile)[^\\/]*$|\.dockerfile$|\.Dockerfile$/i.test(f));

test('the memoised split parses every repository Dockerfile like dockerfile-ast alone', () => {
  assert.ok(files.length > 50, `found ${files.length}`);
  for (const f of files) {
    const [plain, memo] = dumpsWithAndWithoutMemo(fs.readFileSync(f, 'utf8'));
    assert.equal(memo, plain, f);
  }
});

test('and random cuts and splices of them (half-typed instructions, stray escapes, heredocs)', () => {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const bits = ['\\\n', ' ', '\n', '<<EOF\n', 'EOF\n', '--mount=type=cache,target=/x ', '["a", "b"]', '# escape=`\n', '`\n', '$', '"', "'", '--platform=$X '];
  let n = 0;
  for (const f of files.slice(0, 80)) {
    const text = fs.readFileSync(f, 'utf8');
    for (let k = 0; k < 6; k++) {
      const at = rnd(text.length + 1);
      const mutated = text.slice(0, at) + bits[rnd(bits.length)] + text.slice(at + rnd(4));
      const [plain, memo] = dumpsWithAndWithoutMemo(mutated);
      assert.equal(memo, plain, `${f} @${at}`);
      n++;
    }
  }
  assert.ok(n > 100);
});
