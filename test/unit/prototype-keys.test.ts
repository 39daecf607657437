// Names that are also Object.prototype keys (`constructor`, `toString`, `__proto__`) are plain
// names: a RUN command, a Compose variable or a YAML key named so neither crashes nor resolves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/engine';

test('a RUN command named constructor / toString / __proto__ is an ordinary command', () => {
  for (const cmd of ['constructor -x foo', 'toString -v', '__proto__ -y bar', 'sudo constructor -x']) {
    const a = analyze({ file: 'Dockerfile', text: `FROM alpine:3.19\nUSER 1000\nRUN ${cmd}\n` });
    assert.equal(a.kind, 'dockerfile', cmd);
    assert.deepEqual(a.errors, [], cmd);
  }
});

test('${constructor} in a Compose file is an unknown variable, not a built-in', () => {
  const a = analyze({ file: 'compose.yaml', text: 'services:\n  web:\n    image: ${constructor}\n    user: $toString\n' });
  assert.equal(a.kind, 'compose');
  assert.deepEqual(a.errors, []);
  for (const f of a.findings) assert.doesNotMatch(f.message, /native code|function|object Object/, f.rule);
});
