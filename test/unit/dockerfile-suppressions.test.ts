// Suppressions in Dockerfiles: `# harden-ignore` (next line, also inside a continued RUN),
// `# harden-ignore-file`, and other tools' comments mapped through the rules' peer ids
// (`# hadolint ignore=`, `# hadolint global ignore=`, `#checkov:skip=`, `#trivy:ignore:`).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint } from '../helpers';

/** `line:rule` of the findings of some rules, suppressed ones marked with `(s)`. */
function keys(text: string, rules: string[]): string[] {
  const a = lint('Dockerfile', text);
  return a.findings.filter((f) => rules.includes(f.rule)).map((f) => `${a.lines.position(f.span.start).line + 1}:${f.rule}${f.suppressed ? `(${f.suppressed.kind})` : ''}`);
}

describe('Dockerfile suppressions', () => {
  it('harden-ignore covers the next line only, with a reason', () => {
    const t = 'FROM alpine:3.20\n# harden-ignore sudo-in-run -- base image needs it\nRUN sudo true\nRUN sudo false\n';
    assert.deepEqual(keys(t, ['sudo-in-run', 'unused-suppression']), ['3:sudo-in-run(comment)', '4:sudo-in-run']);
    const f = lint('Dockerfile', t).findings.find((x) => x.suppressed);
    assert.equal(f?.suppressed?.justification, 'base image needs it');
  });
  it('harden-ignore inside a continued RUN covers the next physical line', () => {
    const t = 'FROM alpine:3.20\nRUN apk add a && \\\n    # harden-ignore sudo-in-run\n    sudo apk add b && \\\n    sudo apk add c\n';
    assert.deepEqual(keys(t, ['sudo-in-run']), ['4:sudo-in-run(comment)', '5:sudo-in-run']);
  });
  it('harden-ignore works on shell comments in a RUN heredoc, not in COPY heredoc content', () => {
    const t = 'FROM alpine:3.20\nRUN <<EOF\nset -e\n# harden-ignore sudo-in-run\nsudo apk add curl\nEOF\nCOPY <<EOF /etc/motd\n# harden-ignore sudo-in-run\nEOF\nRUN sudo true\n';
    assert.deepEqual(keys(t, ['sudo-in-run', 'unused-suppression']), ['5:sudo-in-run(comment)', '10:sudo-in-run']);
  });
  it('harden-ignore-file covers the whole file; several ids', () => {
    const t = '# harden-ignore-file latest-tag, unpinned-digest\nFROM nginx\nFROM alpine\n';
    assert.deepEqual(keys(t, ['latest-tag', 'unpinned-digest', 'unused-suppression']), [
      '2:latest-tag(file)', '2:unpinned-digest(file)', '3:latest-tag(file)', '3:unpinned-digest(file)',
    ]);
  });
  it('an unused harden-ignore is reported at the comment, naming the unused id', () => {
    const t = 'FROM alpine:3.20\n# harden-ignore sudo-in-run,curl-pipe-shell\nRUN sudo true\n';
    const a = lint('Dockerfile', t);
    const u = a.findings.filter((f) => f.rule === 'unused-suppression');
    assert.equal(u.length, 1);
    assert.equal(a.lines.position(u[0].span.start).line, 1);
    assert.match(u[0].message, /curl-pipe-shell/);
  });
  it('hadolint ignore=DL3002 (next line) silences root-user', () => {
    const t = 'FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER root\n';
    assert.deepEqual(keys(t, ['root-user', 'unused-suppression']), ['3:root-user(foreign)']);
  });
  it('hadolint ignore with several ids, one of them ours', () => {
    const t = 'FROM alpine:3.20\n# hadolint ignore=DL3018,DL3004\nRUN sudo apk add curl\n';
    assert.deepEqual(keys(t, ['sudo-in-run']), ['3:sudo-in-run(foreign)']);
  });
  it('hadolint global ignore covers the file', () => {
    const t = '# hadolint global ignore=DL3006,DL3007\nFROM nginx\nFROM alpine:latest\n';
    assert.deepEqual(keys(t, ['latest-tag']), ['2:latest-tag(foreign)', '3:latest-tag(foreign)']);
  });
  it('checkov:skip covers the file (Checkov skips per resource)', () => {
    const t = 'FROM alpine:3.20\n#checkov:skip=CKV_DOCKER_8:needs root for the agent\nUSER root\n';
    const a = lint('Dockerfile', t);
    const f = a.findings.find((x) => x.rule === 'root-user');
    assert.equal(f?.suppressed?.kind, 'foreign');
    assert.equal(f?.suppressed?.justification, 'needs root for the agent');
  });
  it('trivy:ignore covers the next line, with the AVD- prefix or the short id', () => {
    const t = 'FROM alpine:3.20\n#trivy:ignore:AVD-DS-0004\nEXPOSE 22\n#trivy:ignore:DS010\nRUN sudo true\nEXPOSE 22/tcp\n';
    assert.deepEqual(keys(t, ['ssh-port-exposed', 'sudo-in-run']), ['3:ssh-port-exposed(foreign)', '5:sudo-in-run(foreign)', '6:ssh-port-exposed']);
  });
  it("another tool's suppression that matches nothing is not reported", () => {
    const t = 'FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER 10001\n';
    assert.deepEqual(keys(t, ['unused-suppression']), []);
  });
});
