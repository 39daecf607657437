// Unit tests of the engine's shared parts: line index, edits, config, suppressions, detection.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { mergeConfigs, parseConfig, parseSize, levelInProfile } from '../../server/src/engine/config';
import { kindFromName, looksLikeDockerfile } from '../../server/src/engine/detect';
import { applyEdits, applyFixes } from '../../server/src/engine/fix';
import { analyze, ruleSeverity, type AnalyzeInput } from '../../server/src/engine';

const detect = (input: Omit<AnalyzeInput, 'config'>): { kind: string } => analyze(input);
import { getRule, isRuleId } from '../../server/src/engine/rules';
import { applySuppressions, normalisePeerId, parseDirectives } from '../../server/src/engine/suppress';
import { LineIndex } from '../../server/src/engine/text';
import type { Comment, Finding } from '../../server/src/engine/types';

describe('LineIndex', () => {
  it('maps offsets to positions across LF, CRLF and lone CR', () => {
    const t = 'a\r\nbc\nd\re';
    const li = new LineIndex(t);
    assert.equal(li.lineCount, 4);
    assert.deepEqual(li.position(0), { line: 0, character: 0 });
    assert.deepEqual(li.position(3), { line: 1, character: 0 });
    assert.deepEqual(li.position(5), { line: 1, character: 2 });
    assert.deepEqual(li.position(7), { line: 2, character: 1 });
    assert.deepEqual(li.position(8), { line: 3, character: 0 });
    assert.deepEqual(li.position(99), { line: 3, character: 1 }, 'clamped to the text end');
    assert.equal(li.lineText(1), 'bc');
    assert.equal(li.lineText(0), 'a');
    assert.equal(li.offset({ line: 1, character: 1 }), 4);
    assert.equal(li.offset({ line: 0, character: 99 }), 1, 'clamped to the line end');
    assert.equal(li.eol, '\r\n');
    assert.equal(new LineIndex('x').eol, '\n');
  });
});

describe('applyEdits / applyFixes', () => {
  it('applies non-overlapping edits in any order', () => {
    assert.equal(applyEdits('hello world', [{ start: 6, end: 11, newText: 'there' }, { start: 0, end: 5, newText: 'hi' }]), 'hi there');
    assert.equal(applyEdits('ab', [{ start: 1, end: 1, newText: 'X' }, { start: 1, end: 1, newText: 'Y' }]), 'aXYb');
  });
  it('refuses overlapping edits', () => {
    assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: '' }, { start: 2, end: 4, newText: '' }]));
  });
  it('skips fixes that overlap earlier ones and duplicates', () => {
    const r = applyFixes('abcdef', [
      { title: 'a', safe: true, edits: [{ start: 0, end: 2, newText: 'X' }] },
      { title: 'b', safe: true, edits: [{ start: 1, end: 3, newText: 'Y' }] },
      { title: 'c', safe: true, edits: [{ start: 0, end: 2, newText: 'X' }] },
      { title: 'd', safe: true, edits: [{ start: 4, end: 5, newText: 'Z' }] },
    ]);
    assert.equal(r.text, 'XcdZf');
    assert.deepEqual(r.applied.map((f) => f.title), ['a', 'd']);
  });
});

describe('config', () => {
  it('parses profile, rules, ignore and size', () => {
    const r = parseConfig('profile: strict\nrules:\n  latest-tag: off\n  root-user: warning\nignore: ["vendor/**"]\nmaxFileSize: 2MB\n', isRuleId);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.config, { profile: 'strict', rules: { 'latest-tag': 'off', 'root-user': 'warning' }, ignore: ['vendor/**'], maxFileSize: 2 * 1024 * 1024 });
  });
  it('reports bad keys and values without throwing', () => {
    const r = parseConfig('profile: paranoid\nrules:\n  no-such-rule: error\n  root-user: loud\nextra: 1\n', isRuleId);
    assert.equal(r.errors.length, 4);
    assert.match(parseConfig('a: [', isRuleId).errors[0], /not valid YAML/);
    assert.deepEqual(parseConfig('', isRuleId), { config: {}, errors: [] });
  });
  it('YAML `off` and `false` both turn a rule off', () => {
    assert.deepEqual(parseConfig('rules:\n  root-user: false\n', isRuleId).config.rules, { 'root-user': 'off' });
  });
  it('profiles enable rule levels', () => {
    assert.equal(levelInProfile('B', 'baseline'), true);
    assert.equal(levelInProfile('R', 'baseline'), false);
    assert.equal(levelInProfile('R', 'restricted'), true);
    assert.equal(levelInProfile('S', 'restricted'), false);
    assert.equal(levelInProfile('S', 'strict'), true);
    const rule = getRule('non-root-not-enforced')!;
    assert.equal(ruleSeverity(rule, undefined), 'warning');
    assert.equal(ruleSeverity(rule, { profile: 'baseline' }), 'off');
    assert.equal(ruleSeverity(rule, { profile: 'baseline', rules: { 'non-root-not-enforced': 'error' } }), 'error');
  });
  it('merges configs with later ones winning', () => {
    assert.deepEqual(mergeConfigs({ profile: 'baseline', rules: { a: 'off' } }, { rules: { b: 'info' } }, undefined, { profile: 'strict' }), { profile: 'strict', rules: { a: 'off', b: 'info' } });
    assert.equal(parseSize('512k'), 512 * 1024);
    assert.equal(parseSize('nope'), undefined);
  });
});

describe('detection', () => {
  it('by name', () => {
    for (const n of ['Dockerfile', 'dockerfile', 'Dockerfile.prod', 'api.dockerfile', 'Containerfile', '/a/b/Dockerfile', 'file:///x/Dockerfile.dev'])
      assert.equal(kindFromName(n), 'dockerfile', n);
    for (const n of ['compose.yaml', 'docker-compose.yml', 'docker-compose.override.yml', 'compose.prod.yaml']) assert.equal(kindFromName(n), 'compose', n);
    for (const n of ['deploy.yaml', 'values.yml']) assert.equal(kindFromName(n), 'yaml', n);
    for (const n of ['README.md', 'mydockerfile.txt', 'Dockerfiles/README', 'main.go']) assert.notEqual(kindFromName(n), 'dockerfile', n);
  });
  it('by content', () => {
    assert.equal(looksLikeDockerfile('# syntax=docker/dockerfile:1\n\nARG X=1\nFROM alpine\n'), true);
    assert.equal(looksLikeDockerfile('apiVersion: v1\n'), false);
    const kind = (text: string): string => analyze({ file: 'x.yaml', text }).kind;
    assert.equal(kind('apiVersion: v1\nkind: Pod\nspec:\n  replicas: {{ .Values.replicas }}\n'), 'helm');
    assert.equal(kind('{{- if .Values.x }}\napiVersion: v1\nkind: Pod\n{{- end }}\n'), 'helm');
    assert.equal(kind('apiVersion: v1\nkind: Pod\nspec:\n  image: "repo:{{ .Values.tag }}"\n  x: repo:{{ .Values.tag }}\n'), 'helm');
    assert.equal(kind('services:\n  web:\n    labels:\n      - "fmt={{.Name}}"\n'), 'compose');
    assert.equal(kind('apiVersion: v1\nkind: ConfigMap\ndata:\n  d: "{\\"legend\\": \\"{{ pod\n    }}\\"}"\n  t: |\n    {{ range . }}\n  # {{ comment }}\n  p: --format={{.Name}}\n'), 'kubernetes');
    assert.equal(detect({ file: 'x.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n' }).kind, 'kubernetes');
    assert.equal(detect({ file: 'x.yaml', text: 'services:\n  web:\n    image: nginx\n' }).kind, 'compose');
    assert.equal(detect({ file: 'x.yaml', text: 'a: 1\n' }).kind, 'unknown');
    assert.equal(detect({ file: 'notes', text: 'FROM alpine\n', detectByContent: true }).kind, 'dockerfile');
    assert.equal(detect({ file: 'notes', text: 'FROM alpine\n' }).kind, 'unknown');
    assert.equal(detect({ file: 'a.yaml', text: 'services:\n  web: {image: x}\n', languageId: 'dockercompose' }).kind, 'compose');
  });
});

describe('suppressions', () => {
  const text = [
    'FROM alpine', // 0
    '# harden-ignore root-user -- reviewed', // 1
    'USER root', // 2
    '  # harden-ignore sudo-in-run, latest-tag', // 3
    'RUN sudo x', // 4
    '# hadolint ignore=DL3004', // 5
    'RUN sudo y', // 6
    '# harden-ignore-file privileged', // 7
    '# trivy:ignore:AVD-DS-0002', // 8
    'USER 0', // 9
  ].join('\n');
  const lines = new LineIndex(text);
  const comments: Comment[] = [1, 3, 5, 7, 8].map((l) => {
    const s = lines.lineStart(l) + lines.lineText(l).indexOf('#');
    return { span: { start: s + 0, end: lines.lineEnd(l) }, text: text.slice(s + 1, lines.lineEnd(l)), wholeLine: true };
  });
  const at = (line: number, rule: string): Finding => ({ rule, severity: 'error', message: '', span: { start: lines.lineStart(line) + 1, end: lines.lineEnd(line) }, fixes: [] });
  const peers = new Map<string, string[]>([
    ['DL-3004', ['sudo-in-run']],
    ['DS-2', ['root-user']],
  ]);

  it('parses directives with ids, reasons and targets', () => {
    const ds = parseDirectives(comments, lines);
    assert.equal(ds.length, 5);
    assert.deepEqual(ds[0].ids, ['root-user']);
    assert.equal(ds[0].justification, 'reviewed');
    assert.equal(ds[0].targetLine, 2);
    assert.deepEqual(ds[1].ids, ['sudo-in-run', 'latest-tag']);
    assert.equal(text.slice(ds[1].idSpans[1].start, ds[1].idSpans[1].end), 'latest-tag');
    assert.equal(ds[2].foreign, true);
    assert.equal(ds[3].kind, 'file');
    assert.equal(ds[4].targetLine, 9, 'stacked comments skip to the next code line');
  });

  it('applies next-line, file, foreign directives and reports unused ids', () => {
    const fs: Finding[] = [at(2, 'root-user'), at(4, 'sudo-in-run'), at(6, 'sudo-in-run'), at(9, 'privileged'), at(9, 'root-user'), at(2, 'sudo-in-run')];
    const r = applySuppressions(fs, parseDirectives(comments, lines), [], lines, peers, isRuleId, () => true);
    assert.deepEqual(fs.map((f) => f.suppressed?.kind ?? null), ['comment', 'comment', 'foreign', 'file', 'foreign', null]);
    assert.equal(fs[0].suppressed?.justification, 'reviewed');
    assert.deepEqual(r.unused.map((u) => u.ids), [['latest-tag']]);
  });

  it('does not call a directive unused when its rule is off', () => {
    const r = applySuppressions([], parseDirectives(comments, lines), [], lines, peers, isRuleId, () => false);
    assert.deepEqual(r.unused, []);
  });

  it('scoped (annotation) suppressions cover their object only', () => {
    const fs: Finding[] = [at(2, 'privileged'), at(9, 'privileged')];
    const scope = { start: 0, end: lines.lineEnd(4) };
    const r = applySuppressions(fs, [], [{ scope, ids: ['privileged', 'host-pid'], span: { start: 0, end: 4 }, foreign: false }], lines, peers, isRuleId, () => true);
    assert.equal(fs[0].suppressed?.kind, 'annotation');
    assert.equal(fs[1].suppressed, undefined);
    assert.deepEqual(r.unused.map((u) => u.ids), [['host-pid']]);
  });

  it('normalises peer ids', () => {
    assert.equal(normalisePeerId('AVD-DS-0002'), 'DS-2');
    assert.equal(normalisePeerId('DS002'), 'DS-2');
    assert.equal(normalisePeerId('ksv017'), 'KSV-17');
    assert.equal(normalisePeerId('CKV_K8S_16'), 'CKV_K8S_16');
    assert.equal(normalisePeerId('privileged-container'), 'PRIVILEGED-CONTAINER');
  });
});

describe('detection of Compose by content', () => {
  it('a service with no settings yet (`web:`) still makes a Compose file', () => {
    assert.equal(analyze({ file: 'stack.yml', text: 'services:\n  web:\n  db:\n    image: postgres:16\n' }).kind, 'compose');
    assert.equal(analyze({ file: 'stack.yml', text: 'services:\n  - web\n' }).kind, 'unknown');
  });
});
