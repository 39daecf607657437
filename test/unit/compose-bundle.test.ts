// "Harden this service": one unsafe fix with cap_drop ALL, no-new-privileges, read_only and user.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze, applyEdits } from '../../server/src/engine';
import { hardenServiceFix } from '../../server/src/engine/compose/bundle';
import type { ComposeModel } from '../../server/src/engine/compose/model';
import { lint } from '../helpers';

function bundle(text: string, name: string) {
  const a = lint('compose.yaml', text);
  const m = a.model as ComposeModel;
  const s = m.services.find((x) => x.name === name)!;
  return hardenServiceFix(m, s);
}
const HARDENING = ['capabilities-not-dropped', 'privilege-escalation-allowed', 'writable-root-filesystem', 'non-root-not-enforced'];
function remaining(text: string, name: string): string[] {
  return lint('compose.yaml', text).findings.filter((f) => f.container === name && HARDENING.includes(f.rule)).map((f) => f.rule).sort();
}

describe('hardenServiceFix', () => {
  it('adds every missing setting to a bare service, keeping comments', () => {
    const text = 'services:\n  # the web tier\n  web:\n    image: nginx:1.27 # pinned\n    ports:\n      - "8080:80"\n  db:\n    image: postgres:17\n';
    const fix = bundle(text, 'web');
    assert.ok(fix);
    assert.equal(fix.safe, false);
    const out = applyEdits(text, fix.edits);
    assert.deepEqual(remaining(out, 'web'), []);
    assert.ok(out.includes('# the web tier') && out.includes('# pinned'));
    assert.deepEqual(remaining(out, 'db'), remaining(text, 'db'), 'other services untouched');
    assert.match(out, /cap_drop: \[ALL\]/);
    assert.match(out, /read_only: true/);
    assert.match(out, /user: "10001:10001"/);
  });
  it('a service that ends with a block security_opt list: the new item goes into the list, the new keys after it', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['services:', '  web:', '    image: nginx:1.27', '    security_opt:', '      - seccomp=unconfined # why', ''].join(eol);
      const fix = bundle(text, 'web');
      assert.ok(fix, 'offered');
      const out = applyEdits(text, fix.edits);
      assert.equal(analyze({ file: 'compose.yaml', text: out }).findings.filter((f) => f.rule === 'parse-error').length, 0);
      assert.deepEqual(remaining(out, 'web'), []);
      assert.ok(out.includes('# why'));
      assert.match(out, new RegExp(`- seccomp=unconfined # why${eol}      - "?no-new-privileges:true"?${eol}    cap_drop`));
    }
  });
  it('completes partial settings in place', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    user: "1000"\n    cap_drop:\n      - NET_RAW\n    security_opt:\n      - no-new-privileges:false\n    read_only: false\n';
    const fix = bundle(text, 'web')!;
    const out = applyEdits(text, fix.edits);
    assert.deepEqual(remaining(out, 'web'), []);
    assert.match(out, /- ALL/);
    assert.match(out, /no-new-privileges:true/);
    assert.ok(!/user: "10001/.test(out), 'an existing user is kept');
  });
  it('nothing to do: no fix', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    user: "10001"\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges]\n    read_only: true\n';
    assert.equal(bundle(text, 'web'), undefined);
  });
  it('declines when a part would be written through an alias', () => {
    const text = 'x-drop: &drop [NET_RAW]\nservices:\n  web:\n    image: nginx:1.27\n    cap_drop: *drop\n';
    assert.equal(bundle(text, 'web'), undefined);
  });
  it('flow-style services and CRLF files', () => {
    const text = 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    environment:\r\n      A: "1"\r\n';
    const out = applyEdits(text, bundle(text, 'web')!.edits);
    assert.ok(!/[^\r]\n/.test(out), 'CRLF kept');
    assert.deepEqual(remaining(out, 'web'), []);
  });
  it('does not add a user when the built Dockerfile already runs as non-root', () => {
    const text = 'services:\n  app:\n    build: ./app\n';
    const a = analyze({ file: '/p/compose.yaml', text, config: { profile: 'strict' }, readFile: (p) => (p === '/p/app/Dockerfile' ? 'FROM alpine:3.20\nUSER 10001\n' : undefined), resolve: (r) => `/p/${r}` });
    const m = a.model as ComposeModel;
    const fix = hardenServiceFix(m, m.services[0])!;
    assert.ok(!applyEdits(text, fix.edits).includes('user:'));
  });
});
