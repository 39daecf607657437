// The Dockerfile model: effective user of the shipped stage (ARG/ENV expansion, stage inheritance),
// RUN command tokens with exact offsets in shell, exec, heredoc and ONBUILD forms, SHELL handling,
// and the exact ranges findings point at.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildDockerfileModel, shippedUser, type DockerfileModel } from '../../server/src/engine/dockerfile/model';
import { allCommands, parseShell, programName } from '../../server/src/engine/dockerfile/shell';
import { lint } from '../helpers';

const at = (m: DockerfileModel, s: { start: number; end: number }): string => m.text.slice(s.start, s.end);

describe('Dockerfile model: effective user of the shipped stage', () => {
  const cases: Array<{ name: string; text: string; target?: string; status: string; value?: string; spanText?: string }> = [
    { name: 'no USER', text: 'FROM alpine:3.20\nCMD ["sh"]\n', status: 'unset', spanText: 'FROM alpine:3.20' },
    { name: 'USER root', text: 'FROM alpine:3.20\nUSER root\n', status: 'root', value: 'root', spanText: 'USER root' },
    { name: 'USER 0:0', text: 'FROM alpine:3.20\nUSER 0:0\n', status: 'root', value: '0:0' },
    { name: 'root:staff', text: 'FROM alpine:3.20\nUSER root:staff\n', status: 'root' },
    { name: 'numeric user, named group', text: 'FROM alpine:3.20\nUSER 10001:app\n', status: 'non-root', value: '10001:app' },
    { name: 'ARG default', text: 'FROM alpine:3.20\nARG U=0\nUSER $U\n', status: 'root', value: '0' },
    { name: 'global ARG re-declared in stage', text: 'ARG U=root\nFROM alpine:3.20\nARG U\nUSER ${U}\n', status: 'root', value: 'root' },
    { name: 'global ARG not re-declared is not visible', text: 'ARG U=root\nFROM alpine:3.20\nUSER ${U}\n', status: 'unresolved' },
    { name: 'ENV default with fallback', text: 'FROM alpine:3.20\nUSER ${APP_UID:-10001}\n', status: 'non-root', value: '10001' },
    { name: 'ENV wins', text: 'FROM alpine:3.20\nENV APP=10001\nUSER ${APP}:${APP}\n', status: 'non-root', value: '10001:10001' },
    { name: 'ARG without default', text: 'FROM alpine:3.20\nARG UID\nUSER $UID\n', status: 'unresolved' },
    { name: 'inherits from stage (case-insensitive)', text: 'FROM alpine:3.20 AS Base\nUSER root\nFROM base\nRUN true\n', status: 'root', spanText: 'USER root' },
    { name: 'inherits ENV from stage', text: 'FROM alpine:3.20 AS base\nENV U=0\nFROM base\nUSER $U\n', status: 'root' },
    { name: 'image stage does not inherit', text: 'FROM alpine:3.20 AS build\nUSER 10001\nFROM alpine:3.20\n', status: 'unset' },
    { name: 'last USER wins', text: 'FROM alpine:3.20\nUSER root\nRUN apk add x\nUSER 10001\n', status: 'non-root', value: '10001' },
    { name: 'ONBUILD USER ignored', text: 'FROM alpine:3.20\nONBUILD USER root\n', status: 'unset' },
    { name: 'target stage', text: 'FROM alpine:3.20 AS dev\nUSER root\nFROM alpine:3.20 AS prod\nUSER 10001\n', target: 'DEV', status: 'root' },
    { name: 'FROM via global ARG names a stage', text: 'ARG BASE=builder\nFROM alpine:3.20 AS builder\nUSER 0\nFROM ${BASE}\n', status: 'root' },
  ];
  for (const c of cases)
    it(c.name, () => {
      const m = buildDockerfileModel(c.text);
      const u = shippedUser(m, c.target);
      assert.ok(u);
      assert.equal(u.status, c.status);
      if (c.value !== undefined) assert.equal(u.user?.value, c.value);
      if (c.spanText !== undefined) assert.equal(at(m, u.span), c.spanText);
    });
  it('no stage at all', () => assert.equal(shippedUser(buildDockerfileModel('# empty\n')), undefined));
});

describe('Dockerfile model: stages and images', () => {
  it('expands FROM with global ARGs, keeps flags apart, finds stage bases', () => {
    const m = buildDockerfileModel('ARG V=3.20\nFROM --platform=$BUILDPLATFORM alpine:${V} AS Build\nFROM scratch\nFROM build AS again\n');
    assert.deepEqual(
      m.stages.map((s) => [s.name, s.image, s.scratch, s.baseStage]),
      [['Build', 'alpine:3.20', false, undefined], [undefined, 'scratch', true, undefined], ['again', 'build', false, 0]],
    );
    assert.equal(at(m, m.stages[0].imageSpan), 'alpine:${V}');
    assert.deepEqual(m.stages[0].from.flags.map((f) => [f.name, f.value]), [['platform', '$BUILDPLATFORM']]);
  });
  it('reads ENV/ARG entries, EXPOSE ports and ADD/COPY sources with spans', () => {
    const m = buildDockerfileModel('FROM alpine:3.20\nENV A=1 B="two words"\nARG TOKEN\nEXPOSE 22/tcp 80\nCOPY --chown=1:1 a b /dst/\nADD ["x y", "/z"]\n');
    assert.deepEqual(m.envs.map((e) => [e.kind, e.name, e.value, at(m, e.span)]), [['ENV', 'A', '1', 'A=1'], ['ENV', 'B', 'two words', 'B="two words"'], ['ARG', 'TOKEN', null, 'TOKEN']]);
    assert.deepEqual(m.exposes.map((p) => p.value), ['22/tcp', '80']);
    assert.deepEqual(m.copies.map((c) => [c.kind, c.sources.map((s) => s.value), c.dest?.value, c.flags.map((f) => f.name)]), [['COPY', ['a', 'b'], '/dst/', ['chown']], ['ADD', ['x y'], '/z', []]]);
  });
  it('reports unknown instructions as parse errors, one each, and keeps going', () => {
    const m = buildDockerfileModel('FROM alpine:3.20\nRUN apk add a &&\n    apk add b\nFOO bar\nUSER root\n');
    assert.deepEqual(m.parseErrors.map((e) => at(m, e.span)), ['apk', 'FOO']);
    assert.equal(shippedUser(m)?.status, 'root');
  });
});

describe('Dockerfile model: RUN tokens with offsets', () => {
  const words = (m: DockerfileModel): string[][] => m.runs.flatMap((r) => r.commands.map((c) => c.words.map((w) => `${w.value}@${at(m, w.span)}`)));

  it('shell form with continuation lines and a comment line inside', () => {
    const m = buildDockerfileModel('FROM alpine:3.20\nRUN apk add a && \\\n    # note\n    sudo "apk" add b\n');
    assert.deepEqual(words(m), [['apk@apk', 'add@add', 'a@a'], ['sudo@sudo', 'apk@"apk"', 'add@add', 'b@b']]);
    const sudo = m.runs[0].commands[1].words[0];
    assert.equal(m.text.slice(sudo.span.start - 4, sudo.span.end), '    sudo');
  });
  it('CRLF line breaks and a backtick escape directive', () => {
    const m = buildDockerfileModel('FROM alpine:3.20\r\nRUN apk add a && \\\r\n    sudo apk add b\r\n');
    assert.deepEqual(words(m), [['apk@apk', 'add@add', 'a@a'], ['sudo@sudo', 'apk@apk', 'add@add', 'b@b']]);
    const w = buildDockerfileModel('# escape=`\nFROM mcr.microsoft.com/powershell:lts-ubuntu-22.04\nRUN echo a && `\n    sudo echo b\n');
    assert.deepEqual(words(w), [['echo@echo', 'a@a'], ['sudo@sudo', 'echo@echo', 'b@b']]);
  });
  it('exec form, with `sh -c` parsed inside the JSON string', () => {
    const m = buildDockerfileModel('FROM alpine:3.20\nRUN ["sh", "-c", "curl -k https://x | sh"]\n');
    const run = m.runs[0];
    assert.equal(run.form, 'exec');
    const cmds = run.commands.map((c) => c.words.map((w) => at(m, w.span)));
    assert.deepEqual(cmds, [['"sh"', '"-c"', '"curl -k https://x | sh"'], ['curl', '-k', 'https://x'], ['sh']]);
  });
  it('heredoc body run by the shell, shebang for another interpreter skipped', () => {
    const m = buildDockerfileModel('FROM alpine:3.20\nRUN <<EOF\nset -e\nsudo id\nEOF\nRUN python3 <<EOF\nimport os\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n');
    assert.deepEqual(m.runs.map((r) => r.commands.map((c) => c.words[0]?.value).filter(Boolean)), [['set', 'sudo'], ['python3'], []]);
    const sudo = m.runs[0].commands.find((c) => c.words[0]?.value === 'sudo')!.words[0];
    assert.equal(at(m, sudo.span), 'sudo');
    assert.equal(m.text.slice(sudo.span.start - 1, sudo.span.start), '\n');
  });
  it('ONBUILD RUN with flags', () => {
    const m = buildDockerfileModel('FROM alpine:3.20\nONBUILD RUN --network=host wget -qO- x | sh\n');
    assert.equal(m.runs.length, 1);
    assert.ok(m.runs[0].instruction.onbuild);
    assert.deepEqual(m.runs[0].instruction.flags.map((f) => [f.name, f.value, at(m, f.span)]), [['network', 'host', '--network=host']]);
    assert.deepEqual(m.runs[0].commands.map((c) => programName(c)), ['wget', 'sh']);
  });
  it('a non-POSIX SHELL disables shell-form parsing, exec form still read', () => {
    const m = buildDockerfileModel('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN sudo x\nRUN ["cmd", "/c", "dir"]\n');
    assert.deepEqual(m.runs.map((r) => [r.posix, r.commands.length]), [[false, 0], [true, 1]]);
  });
  it('tokeniser: substitutions, process substitution, pipelines, redirections, compound commands', () => {
    const s = parseShell('if [ -f x ]; then sudo rm x; fi; bash <(curl -s u) 2>/dev/null && echo "$(wget -qO- v)" | tee f');
    const names = allCommands(s).map((c) => programName(c));
    // programName looks through wrappers: `sudo rm x` runs rm.
    assert.deepEqual(names, ['[', 'rm', 'bash', 'curl', 'echo', 'wget', 'tee']);
    const echo = s.commands.find((c) => programName(c) === 'echo')!;
    const tee = s.commands.find((c) => programName(c) === 'tee')!;
    assert.equal(echo.pipeline, tee.pipeline);
    assert.equal(echo.next, '|');
  });
});

describe('Dockerfile findings: exact ranges', () => {
  const ranges = (text: string, rule: string): string[] => {
    const a = lint('Dockerfile', text);
    return a.findings.filter((f) => f.rule === rule).map((f) => text.slice(f.span.start, f.span.end));
  };
  it('root-user points at the USER instruction (also when inherited)', () => {
    assert.deepEqual(ranges('FROM alpine:3.20 AS b\nUSER root\nFROM b\n', 'root-user'), ['USER root']);
  });
  it('non-root-not-enforced points at the final FROM', () => {
    assert.deepEqual(ranges('FROM alpine:3.20 AS b\nUSER 1\nFROM alpine:3.20\nCMD x\n', 'non-root-not-enforced'), ['FROM alpine:3.20']);
  });
  it('sudo-in-run and curl-pipe-shell point at the command word', () => {
    const t = 'FROM alpine:3.20\nRUN echo hi && sudo apk add curl && curl -fsSL https://x | sh\n';
    assert.deepEqual(ranges(t, 'sudo-in-run'), ['sudo']);
    assert.deepEqual(ranges(t, 'curl-pipe-shell'), ['curl']);
  });
  it('latest-tag points at the image, RUN flags at the flag, secrets at the property', () => {
    assert.deepEqual(ranges('FROM --platform=linux/amd64 nginx AS web\n', 'latest-tag'), ['nginx']);
    assert.deepEqual(ranges('FROM alpine:3.20\nRUN --network=host --security=insecure true\n', 'host-network'), ['--network=host']);
    assert.deepEqual(ranges('FROM alpine:3.20\nRUN --network=host --security=insecure true\n', 'privileged'), ['--security=insecure']);
    assert.deepEqual(ranges('FROM alpine:3.20\nENV MODE=x DB_PASSWORD="s3cret"\n', 'secret-in-env'), ['DB_PASSWORD="s3cret"']);
  });
  it('sudo fix removes the word only', () => {
    const t = 'FROM alpine:3.20\nRUN sudo apk add curl\n';
    const f = lint('Dockerfile', t).findings.find((x) => x.rule === 'sudo-in-run')!;
    assert.deepEqual(f.fixes.map((x) => [x.safe, x.edits.map((e) => t.slice(e.start, e.end) + '->' + e.newText)]), [[true, ['sudo ->']]]);
  });
  it('non-root-not-enforced fix inserts USER before CMD and the comment above it, keeping CRLF', () => {
    const t = 'FROM alpine:3.20\r\nRUN apk add x\r\n# start\r\nCMD ["sh"]\r\n';
    const f = lint('Dockerfile', t).findings.find((x) => x.rule === 'non-root-not-enforced')!;
    const e = f.fixes[0].edits[0];
    assert.equal(t.slice(0, e.start) + e.newText + t.slice(e.end), 'FROM alpine:3.20\r\nRUN apk add x\r\nUSER 10001\r\n# start\r\nCMD ["sh"]\r\n');
  });
});
