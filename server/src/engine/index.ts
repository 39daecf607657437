// The engine's public API: text in, findings and fixes out. No transport, no file system: hosts
// (the language server, the CLI) hand in the text, the configuration and a file reader.
import { DEFAULT_PROFILE, levelInProfile, type HardenConfig } from './config';
import { buildComposeModel, type ComposeModel } from './compose/model';
import { classifyYaml, kindFromLanguageId, kindFromName, looksLikeDockerfile, looksLikeTemplate } from './detect';
import { buildDockerfileModel, type DockerfileModel } from './dockerfile/model';
import { buildKubernetesModel, type KubernetesModel } from './kubernetes/model';
import { checkFor, type Rule } from './rule';
import { getRule, isRuleId, RULES } from './rules';
import { unusedSuppressionFindings } from './rules/unused-suppression';
import { applySuppressions, normalisePeerId, parseDirectives } from './suppress';
import { LineIndex } from './text';
import type { CheckContext, FileKind, FileReader, Finding, Format, ModelBase, RawFinding, SeverityOrOff } from './types';
import { parseYamlStream } from './yaml/parse';

export type AnyModel = DockerfileModel | KubernetesModel | ComposeModel;

export interface AnalyzeInput {
  /** The file's path or URI as the host names it (used for detection and related information). */
  file: string;
  text: string;
  /** An editor's language id, when known (`dockerfile`, `dockercompose`, `yaml`). */
  languageId?: string;
  /** Force the kind (for example a file named on the command line and detected by content). */
  kind?: FileKind;
  /** When the host has no other clue, try content detection even if the name says nothing. */
  detectByContent?: boolean;
  config?: HardenConfig;
  /** Reads other files for cross-file rules; the engine never touches the file system itself. */
  readFile?: FileReader;
  /** Resolves a path relative to this file's folder (host path semantics). */
  resolve?: (relative: string) => string;
}

export interface Analysis {
  file: string;
  kind: FileKind;
  lines: LineIndex;
  /** Every finding, suppressed ones included (marked `suppressed`), sorted by position then rule. */
  findings: Finding[];
  model?: AnyModel;
  /** Messages for the user about the file as a whole (skipped template, unknown format...). */
  notes: string[];
  /** Internal errors caught while checking (a rule that threw); the rest of the analysis stands. */
  errors: string[];
}

/** The severity a rule has under a configuration, or `off`. */
export function ruleSeverity(rule: Rule, config: HardenConfig | undefined): SeverityOrOff {
  const override = config?.rules?.[rule.id];
  if (override) return override;
  return levelInProfile(rule.profile, config?.profile ?? DEFAULT_PROFILE) ? rule.severity : 'off';
}

let peerIndexCache: Map<string, string[]> | undefined;
/** Normalised peer id -> Harden rule ids (the foreign-suppression mapping table lives in each rule's `peers`). */
export function peerIndex(): Map<string, string[]> {
  if (peerIndexCache) return peerIndexCache;
  const m = new Map<string, string[]>();
  for (const r of RULES)
    for (const p of r.peers ?? []) {
      const k = normalisePeerId(p);
      const list = m.get(k) ?? [];
      if (!list.includes(r.id)) list.push(r.id);
      m.set(k, list);
    }
  peerIndexCache = m;
  return m;
}

/** Decide the kind of a file from what the host knows and, for YAML, from its content. */
export function detect(input: Pick<AnalyzeInput, 'file' | 'text' | 'languageId' | 'kind' | 'detectByContent'>): { kind: FileKind; yaml?: ReturnType<typeof parseYamlStream> } {
  if (input.kind) return { kind: input.kind };
  const byName = kindFromName(input.file);
  const byLang = kindFromLanguageId(input.languageId);
  let k = byName !== 'unknown' ? byName : byLang ?? 'unknown';
  // An editor calls a Compose file `yaml` (Neovim) or a Dockerfile-named file `dockerfile`: the name decides when it is specific.
  if (byName === 'yaml' && byLang === 'compose') k = 'compose';
  if (k === 'dockerfile') return { kind: 'dockerfile' };
  if (k === 'unknown') {
    if (!input.detectByContent) return { kind: 'unknown' };
    if (looksLikeDockerfile(input.text)) return { kind: 'dockerfile' };
  }
  if (looksLikeTemplate(input.text)) return { kind: 'helm' };
  const yaml = parseYamlStream(input.text);
  const byContent = classifyYaml(yaml);
  if (k === 'compose') return { kind: byContent === 'kubernetes' ? 'kubernetes' : 'compose', yaml };
  return { kind: byContent, yaml };
}

function buildModel(kind: FileKind, input: AnalyzeInput, ctx: CheckContext, yaml?: ReturnType<typeof parseYamlStream>): AnyModel | undefined {
  switch (kind) {
    case 'dockerfile':
      return buildDockerfileModel(input.text);
    case 'kubernetes':
      return buildKubernetesModel(yaml ?? parseYamlStream(input.text), ctx);
    case 'compose':
      return buildComposeModel(yaml ?? parseYamlStream(input.text), ctx);
    default:
      return undefined;
  }
}

/** Analyse one file. Never throws: a failing rule becomes an entry in `errors`. */
export function analyze(input: AnalyzeInput): Analysis {
  const lines = new LineIndex(input.text);
  const notes: string[] = [];
  const errors: string[] = [];
  const ctx: CheckContext = { file: input.file, readFile: input.readFile, resolve: input.resolve };
  let kind: FileKind = 'unknown';
  let model: AnyModel | undefined;
  try {
    const d = detect(input);
    kind = d.kind;
    if (kind === 'helm') notes.push('Helm/Go template: not linted as plain YAML (render it first, for example with `helm template`).');
    model = buildModel(kind, input, ctx, d.yaml);
  } catch (e) {
    errors.push(`could not read the file: ${(e as Error).message}`);
  }
  if (!model) return { file: input.file, kind, lines, findings: [], notes, errors };
  notes.push(...model.notes);
  const findings = runRules(model, lines, input.config, ctx, errors);
  return { file: input.file, kind, lines, findings, model, notes, errors };
}

/** Run every enabled rule over a model, then apply suppressions and report unused ones. */
export function runRules(model: AnyModel, lines: LineIndex, config: HardenConfig | undefined, ctx: CheckContext, errors: string[] = []): Finding[] {
  const format: Format = model.format;
  const findings: Finding[] = [];
  const active = new Set<string>();
  for (const rule of RULES) {
    const sev = ruleSeverity(rule, config);
    if (sev === 'off') continue;
    active.add(rule.id);
    const check = checkFor(rule, format);
    if (!check) continue;
    const userSet = config?.rules?.[rule.id] !== undefined;
    const report = (f: RawFinding): void => {
      findings.push({
        rule: rule.id,
        severity: userSet ? sev : f.severity ?? sev,
        message: f.message,
        span: f.span,
        object: f.object,
        container: f.container,
        fixes: f.fixes ?? [],
        related: f.related,
      });
    };
    try {
      (check as (m: ModelBase, r: { report: typeof report }, c: CheckContext) => void)(model, { report }, ctx);
    } catch (e) {
      errors.push(`rule ${rule.id} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }
  const directives = parseDirectives(model.comments, lines);
  const { unused } = applySuppressions(findings, directives, model.scopedSuppressions, lines, peerIndex(), isRuleId, (id) => active.has(id));
  const unusedRule = getRule('unused-suppression');
  if (unusedRule && active.has('unused-suppression')) {
    const sev = ruleSeverity(unusedRule, config);
    const extra = unusedSuppressionFindings(unused, model, lines).map<Finding>((f) => ({ rule: 'unused-suppression', severity: sev === 'off' ? 'info' : sev, message: f.message, span: f.span, fixes: f.fixes ?? [] }));
    // `unused-suppression` can itself be silenced with a file-level directive.
    applySuppressions(extra, directives.filter((d) => d.kind === 'file' && (d.ids.length === 0 || d.ids.includes('unused-suppression'))), [], lines, peerIndex(), isRuleId, () => false);
    findings.push(...extra);
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return findings;
}

export { LineIndex } from './text';
export { applyEdits, applyFixes } from './fix';
export { RULES, getRule, isRuleId } from './rules';
export type { Rule } from './rule';
export * from './types';
export * from './config';
