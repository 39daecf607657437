// Cross-file: a Compose service that builds a Dockerfile is judged with that Dockerfile's user
// (decision 11). The engine reads other files only through the host's `readFile`.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine';
import { joinPath } from '../../server/src/engine/compose/build';

const files: Record<string, string> = {
  '/proj/app/Dockerfile': 'FROM node:22-alpine\nWORKDIR /app\nUSER node\nCMD ["node", "server.js"]\n',
  '/proj/rootful/Dockerfile': 'FROM nginx:1.27\nUSER root\nCMD ["nginx"]\n',
  '/proj/nouser/Dockerfile': '# builds as root\nFROM python:3.13-slim\nRUN pip install flask\nCMD ["flask", "run"]\n',
  '/proj/multi/docker/Prod.Dockerfile': 'ARG BASE=alpine:3.20\nFROM ${BASE} AS build\nRUN make\nFROM build AS debug\nUSER 0\nFROM alpine:3.20 AS runtime\nARG APP_UID=10001\nUSER ${APP_UID}\nCMD ["/app"]\n',
};
const reads: string[] = [];
function run(compose: string, readFile: ((p: string) => string | undefined) | undefined = (p) => (reads.push(p), files[p])): Analysis {
  return analyze({ file: '/proj/compose.yaml', text: compose, config: { profile: 'strict' }, readFile, resolve: (rel) => joinPath('/proj', rel) });
}
const rule = (a: Analysis, id: string) => a.findings.filter((f) => f.rule === id);
const line = (a: Analysis, offset: number) => a.lines.position(offset).line + 1;

describe('compose cross-file: the built Dockerfile decides non-root-not-enforced', () => {
  it('shipped stage runs as a non-root user: no finding', () => {
    const a = run('services:\n  app:\n    build: ./app\n');
    assert.deepEqual(rule(a, 'non-root-not-enforced'), []);
    assert.ok(reads.includes('/proj/app/Dockerfile'));
  });
  it('USER root: finding at the service key, related to the USER line', () => {
    const a = run('services:\n  web:\n    build:\n      context: rootful\n');
    const [f] = rule(a, 'non-root-not-enforced');
    assert.ok(f);
    assert.equal(line(a, f.span.start), 2);
    assert.equal(f.related?.length, 1);
    assert.equal(f.related![0].file, '/proj/rootful/Dockerfile');
    assert.equal(f.related![0].line, 1, 'USER root is on the second line (0-based 1)');
    assert.deepEqual(rule(a, 'root-user'), [], 'the Compose file itself sets no root user');
  });
  it('no USER: related to the shipped FROM', () => {
    const a = run('services:\n  api:\n    build: nouser\n');
    const [f] = rule(a, 'non-root-not-enforced');
    assert.equal(f.related![0].line, 1);
    assert.match(f.related![0].message, /No USER/);
  });
  it('build.target picks the stage; dockerfile is relative to the context', () => {
    const base = 'services:\n  svc:\n    build:\n      context: ./multi\n      dockerfile: docker/Prod.Dockerfile\n';
    assert.deepEqual(rule(run(base), 'non-root-not-enforced'), [], 'last stage runs as ${APP_UID} = 10001');
    assert.deepEqual(rule(run(base + '      target: runtime\n'), 'non-root-not-enforced'), []);
    const debug = run(base + '      target: debug\n');
    const [f] = rule(debug, 'non-root-not-enforced');
    assert.ok(f, 'debug stage runs as 0');
    assert.equal(f.related![0].line, 4);
    const build = run(base + '      target: build\n');
    assert.equal(rule(build, 'non-root-not-enforced')[0].related![0].line, 1, 'build stage: no USER, its FROM');
  });
  it('a Compose user wins over the Dockerfile', () => {
    assert.deepEqual(rule(run('services:\n  web:\n    build: rootful\n    user: "10001"\n'), 'non-root-not-enforced'), []);
    const a = run('services:\n  app:\n    build: app\n    user: root\n');
    assert.equal(rule(a, 'root-user').length, 1);
    assert.deepEqual(rule(a, 'non-root-not-enforced'), []);
  });
  it('a missing Dockerfile is a note, judged as if there were none, no crash', () => {
    const a = run('services:\n  gone:\n    build: ./missing\n');
    assert.deepEqual(a.errors, []);
    assert.ok(a.notes.some((n) => /cannot read missing\/Dockerfile/.test(n)), a.notes.join('\n'));
    const [f] = rule(a, 'non-root-not-enforced');
    assert.ok(f);
    assert.equal(f.related, undefined);
  });
  it('a target stage that does not exist is a note', () => {
    const a = run('services:\n  s:\n    build: {context: app, target: nope}\n');
    assert.ok(a.notes.some((n) => /no stage named nope/.test(n)));
    assert.equal(rule(a, 'non-root-not-enforced').length, 1);
  });
  it('a reader that throws, or no reader at all, never breaks the analysis', () => {
    const a = run('services:\n  s:\n    build: app\n', () => {
      throw new Error('EACCES');
    });
    assert.deepEqual(a.errors, []);
    assert.equal(rule(a, 'non-root-not-enforced').length, 1);
    const b = analyze({ file: 'compose.yaml', text: 'services:\n  s:\n    build: app\n', config: { profile: 'strict' } });
    assert.deepEqual(b.errors, []);
    assert.equal(rule(b, 'non-root-not-enforced').length, 1);
  });
  it('remote contexts are not fetched', () => {
    const a = run('services:\n  s:\n    build: https://github.com/example/app.git#main\n');
    assert.ok(a.notes.some((n) => /remote/.test(n)));
  });
  it('dockerfile_inline is judged too, without related information', () => {
    const a = run('services:\n  s:\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n        USER 10001\n');
    assert.deepEqual(rule(a, 'non-root-not-enforced'), []);
    const b = run('services:\n  s:\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n');
    assert.equal(rule(b, 'non-root-not-enforced')[0].related, undefined);
  });
  it('with both build and image, Compose image rules skip the service (the FROM is judged)', () => {
    const a = run('services:\n  s:\n    build: app\n    image: example/app\n');
    assert.deepEqual(rule(a, 'latest-tag'), []);
    assert.deepEqual(rule(a, 'unpinned-digest'), []);
  });
});

describe('joinPath', () => {
  const cases: Array<[string[], string]> = [
    [['.', 'Dockerfile'], 'Dockerfile'],
    [['./app', 'Dockerfile'], 'app/Dockerfile'],
    [['../other', 'docker/Dockerfile'], '../other/docker/Dockerfile'],
    [['app', '../Dockerfile.prod'], 'Dockerfile.prod'],
    [['app', '/abs/Dockerfile'], '/abs/Dockerfile'],
    [['/proj', 'app/./Dockerfile'], '/proj/app/Dockerfile'],
    [['app\\sub', 'Dockerfile'], 'app/sub/Dockerfile'],
  ];
  for (const [parts, out] of cases) it(parts.join(' + '), () => assert.equal(joinPath(...parts), out));
});
