// Every corpus Dockerfile (real and parser-edge) parses to the same instructions, arguments,
// flags, heredocs, comments and ranges with the engine's memoised dockerfile-ast argument split as
// with dockerfile-ast alone (server/src/engine/dockerfile/ast.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { dumpsWithAndWithoutMemo } from '../dockerfile-ast-dump';
import { corpusDockerfiles } from './dockerfile-files';

const files = corpusDockerfiles();

test('corpus Dockerfiles parse identically with the memoised argument split', { skip: files.length === 0 && 'no corpus' }, () => {
  let n = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    if (text.length > 300_000) continue; // the megabyte parser-edge RUN takes seconds without the memo
    const [plain, memo] = dumpsWithAndWithoutMemo(text);
    assert.equal(memo, plain, f);
    n++;
  }
  assert.ok(n > 500, `${n} files compared`);
});
