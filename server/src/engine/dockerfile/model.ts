// The Dockerfile model: parsed once with dockerfile-ast, then read into stages (with their base
// image or base stage, effective USER, SHELL and ENV), RUN commands tokenised with offsets, ENV/ARG
// entries, EXPOSE ports and ADD/COPY sources. Rules read this record; none of them re-parse.
import type { Instruction } from 'dockerfile-ast';
import { parseDockerfileAst } from './ast';
import { LineIndex } from '../text';
import type { Comment, ModelBase, Span } from '../types';
import { expandVars } from './expand';
import { isCommandStringFlag, allCommands, isPosixShell, parseShell, type Script, type SimpleCommand, type Word } from './shell';

export type { Script, SimpleCommand, Word } from './shell';

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export interface DfFlag {
  name: string;
  value: string | null;
  span: Span;
}

/** A plain instruction argument (as written, quotes kept) with its span. */
export interface DfArg {
  value: string;
  span: Span;
}

export interface DfInstruction {
  /** Upper-case keyword (`RUN`); for an ONBUILD trigger, the trigger's keyword. */
  keyword: string;
  span: Span;
  keywordSpan: Span;
  flags: DfFlag[];
  /** Arguments after the flags, on the instruction's own lines (heredoc bodies excluded). */
  args: DfArg[];
  /** Stage index, -1 for instructions before the first FROM. */
  stage: number;
  /** True for the trigger of an `ONBUILD` instruction. */
  onbuild: boolean;
  /** Heredocs of the instruction (`RUN <<EOF`, `COPY <<EOF`). */
  heredocs: Array<{ name: string; content: Span }>;
}

export interface EffectiveUser {
  /** The USER argument as written. */
  raw: string;
  /** After ARG/ENV expansion. */
  value: string;
  resolved: boolean;
  user: string;
  group?: string;
  /** The USER instruction that set it (possibly in an earlier stage). */
  span: Span;
  /** Span of the USER argument (where a fix rewrites). */
  argSpan: Span;
  stage: number;
  root: boolean;
  numeric: boolean;
}

export interface DfStage {
  index: number;
  /** The `AS` name as written. */
  name?: string;
  from: DfInstruction;
  /** The image after ARG expansion (as written when unresolved). */
  image: string;
  imageRaw: string;
  /** Span of the image argument of FROM. */
  imageSpan: Span;
  imageResolved: boolean;
  /** Index of the earlier stage this one starts from (`FROM <stage>`). */
  baseStage?: number;
  scratch: boolean;
  /** A Windows base image (directly or through the stage it builds on): no uids, `cmd` as default shell. */
  windows: boolean;
  instructions: DfInstruction[];
  /** Effective user at the end of the stage (inherited from the base stage), if any USER applies. */
  user?: EffectiveUser;
  /** SHELL in effect at the end of the stage. */
  shell: string[];
  /** ENV values at the end of the stage (inherited by stages built from it). */
  env: Map<string, string | undefined>;
}

export interface RunCommand {
  instruction: DfInstruction;
  stage: number;
  form: 'shell' | 'exec';
  /** False when a non-POSIX SHELL runs this shell-form RUN: no commands are read then. */
  posix: boolean;
  script: Script;
  /** Every simple command, nested ones included. */
  commands: SimpleCommand[];
}

export interface EnvEntry {
  kind: 'ENV' | 'ARG';
  name: string;
  /** The value with quotes removed; null when none is given (`ARG NAME`). */
  value: string | null;
  /** The property `NAME=value` as written. */
  span: Span;
  nameSpan: Span;
  stage: number;
  instruction: DfInstruction;
}

export interface ExposedPort {
  raw: string;
  /** After expansion. */
  value: string;
  span: Span;
  stage: number;
}

export interface CopyInstruction {
  kind: 'ADD' | 'COPY';
  instruction: DfInstruction;
  stage: number;
  /** Sources (quotes removed), heredoc sources as `<<NAME`. */
  sources: DfArg[];
  dest?: DfArg;
  flags: DfFlag[];
}

export interface DockerfileModel extends ModelBase {
  format: 'dockerfile';
  escape: string;
  instructions: DfInstruction[];
  stages: DfStage[];
  runs: RunCommand[];
  envs: EnvEntry[];
  exposes: ExposedPort[];
  copies: CopyInstruction[];
}

const DEFAULT_SHELL = ['/bin/sh', '-c'];
/** Windows images run shell-form commands with `cmd /S /C`, not a POSIX shell. */
const WINDOWS_SHELL = ['cmd', '/S', '/C'];

/** Windows base images (`mcr.microsoft.com/windows/servercore`, `...:8.0-nanoserver-ltsc2022`). */
function windowsImage(image: string): boolean {
  return /(^|\/)windows(\/|:|$)|nanoserver|servercore|windowsservercore/i.test(image);
}

export function buildDockerfileModel(text: string): DockerfileModel {
  const model: DockerfileModel = {
    format: 'dockerfile', text, comments: [], scopedSuppressions: [], parseErrors: [], notes: [],
    escape: '\\', instructions: [], stages: [], runs: [], envs: [], exposes: [], copies: [],
  };
  const lines = LineIndex.of(text);
  const span = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): Span => ({ start: lines.offset(r.start), end: lines.offset(r.end) });
  let ast;
  try {
    ast = parseDockerfileAst(text);
  } catch (e) {
    model.parseErrors.push({ span: { start: 0, end: Math.min(text.length, 1) }, message: `The Dockerfile could not be read: ${(e as Error).message}` });
    return model;
  }
  model.escape = ast.getEscapeCharacter() || '\\';
  // Comments are read line by line: dockerfile-ast hides leading comments that look like parser
  // directives (`# hadolint global ignore=...`). Shell comments in a RUN heredoc count (so a
  // `# harden-ignore` can sit above a command there); COPY/ADD heredoc bodies are file content.
  const heredocBodies: Span[] = [];
  for (const node of ast.getInstructions()) {
    if (node.getKeyword().toUpperCase() === 'RUN') continue;
    const hs = heredocsOf(node, text, span);
    for (const h of hs) {
      const r = h.getContentRange();
      if (r) heredocBodies.push(span(r));
    }
  }
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    let k = start;
    while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
    if (text[k] !== '#') continue;
    if (heredocBodies.some((b) => k >= b.start && k <= b.end)) continue;
    model.comments.push({ span: { start: k, end }, text: text.slice(k + 1, end), wholeLine: true } satisfies Comment);
  }

  const globalArgs = new Map<string, string | undefined>();
  let stage: DfStage | undefined;
  let vars = new Map<string, string | undefined>();

  for (const node of ast.getInstructions()) {
    let ins: DfInstruction;
    try {
      ins = readInstruction(node, text, span, model.stages.length - 1, false);
    } catch {
      continue;
    }
    model.instructions.push(ins);
    if (!KNOWN_INSTRUCTIONS.has(ins.keyword)) {
      model.parseErrors.push({ span: ins.keywordSpan, message: `Unknown instruction \`${text.slice(ins.keywordSpan.start, ins.keywordSpan.end)}\`: Docker stops the build here. A continuation line that lost its trailing \`${model.escape}\` looks like this.` });
      continue;
    }
    if (ins.keyword === 'FROM') {
      stage = startStage(model, ins, globalArgs);
      vars = new Map(stage.baseStage !== undefined ? model.stages[stage.baseStage].env : []);
      continue;
    }
    if (stage) stage.instructions.push(ins);
    switch (ins.keyword) {
      case 'ARG':
      case 'ENV': {
        const props = readProperties(node, span);
        for (const p of props) {
          model.envs.push({ kind: ins.keyword, name: p.name, value: p.value, span: p.span, nameSpan: p.nameSpan, stage: ins.stage, instruction: ins });
          if (!stage) {
            if (ins.keyword === 'ARG') globalArgs.set(p.name, p.value === null ? undefined : expandVars(p.value, globalArgs).value);
            continue;
          }
          let v: string | undefined;
          if (p.value === null) v = ins.keyword === 'ARG' && globalArgs.has(p.name) ? globalArgs.get(p.name) : vars.get(p.name);
          else {
            const x = expandVars(p.value, vars, model.escape);
            v = x.resolved ? x.value : undefined;
          }
          if (ins.keyword === 'ARG' && vars.has(p.name) && stage.env.has(p.name)) continue; // ENV wins over ARG
          vars.set(p.name, v);
          if (ins.keyword === 'ENV') stage.env.set(p.name, v);
        }
        break;
      }
      case 'USER': {
        if (!stage || ins.args.length === 0) break;
        const a = ins.args[0];
        const raw = unquote(a.value);
        const x = expandVars(raw, vars, model.escape);
        const [user, group] = splitUser(x.value);
        stage.user = {
          raw, value: x.value, resolved: x.resolved, user, group, span: ins.span, argSpan: { start: a.span.start, end: ins.args[ins.args.length - 1].span.end },
          stage: stage.index, root: x.resolved && isRootName(user), numeric: x.resolved && /^\d+$/.test(user),
        };
        break;
      }
      case 'SHELL': {
        const arr = jsonArray(text.slice(ins.args[0]?.span.start ?? ins.span.end, ins.span.end));
        if (stage && arr && arr.length) stage.shell = arr;
        break;
      }
      case 'RUN':
        model.runs.push(readRun(model, ins, text, stage));
        break;
      case 'ONBUILD': {
        const trig = (node as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction?.();
        if (!trig) break;
        const t = readInstruction(trig, text, span, ins.stage, true);
        if (!KNOWN_INSTRUCTIONS.has(t.keyword) || t.keyword === 'ONBUILD' || t.keyword === 'FROM') {
          if (!KNOWN_INSTRUCTIONS.has(t.keyword)) model.parseErrors.push({ span: t.keywordSpan, message: `Unknown ONBUILD trigger instruction \`${text.slice(t.keywordSpan.start, t.keywordSpan.end)}\`.` });
          break;
        }
        model.instructions.push(t);
        if (t.keyword === 'RUN') model.runs.push(readRun(model, t, text, stage));
        break;
      }
      case 'EXPOSE':
        for (const a of ins.args) {
          const raw = unquote(a.value);
          model.exposes.push({ raw, value: expandVars(raw, vars, model.escape).value, span: a.span, stage: ins.stage });
        }
        break;
      case 'ADD':
      case 'COPY': {
        const args = jsonArgs(text, ins) ?? ins.args.map((a) => ({ value: unquote(a.value), span: a.span }));
        model.copies.push({ kind: ins.keyword, instruction: ins, stage: ins.stage, flags: ins.flags, sources: args.slice(0, -1), dest: args[args.length - 1] });
        break;
      }
    }
  }
  return model;
}

function startStage(model: DockerfileModel, ins: DfInstruction, globalArgs: Map<string, string | undefined>): DfStage {
  const index = model.stages.length;
  ins.stage = index;
  const imageArg = ins.args[0];
  const imageRaw = imageArg ? imageArg.value : '';
  const x = expandVars(imageRaw, globalArgs, model.escape);
  const image = x.resolved ? x.value : imageRaw;
  let name: string | undefined;
  if (ins.args.length >= 3 && ins.args[1].value.toLowerCase() === 'as') name = ins.args[2].value;
  const lower = image.toLowerCase();
  let baseStage: number | undefined;
  if (x.resolved) {
    for (let k = model.stages.length - 1; k >= 0; k--) {
      if (model.stages[k].name?.toLowerCase() === lower) {
        baseStage = k;
        break;
      }
    }
  }
  const base = baseStage !== undefined ? model.stages[baseStage] : undefined;
  const stage: DfStage = {
    index, name, from: ins, image, imageRaw, imageSpan: imageArg ? imageArg.span : ins.keywordSpan, imageResolved: x.resolved, baseStage,
    scratch: x.resolved && lower === 'scratch', windows: base ? base.windows : windowsImage(image), instructions: [ins], user: base?.user, shell: base ? base.shell : windowsImage(image) ? WINDOWS_SHELL : DEFAULT_SHELL,
    env: new Map(base ? base.env : []),
  };
  model.stages.push(stage);
  return stage;
}

type SpanOf = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => Span;

type AstHeredoc = { getName(): string; getContentRange(): Parameters<SpanOf>[0] | null; getStartRange(): Parameters<SpanOf>[0] };

/**
 * dockerfile-ast's heredocs of an instruction; none when it throws on them (it does on some `\` +
 * CR line ends, found by fuzzing). An instruction without `<<` has none, and asking costs another
 * split of its arguments (dockerfile-ast does not keep them): most instructions are not asked.
 */
function heredocsOf(node: Instruction, text: string, span: SpanOf): AstHeredoc[] {
  const whole = span(node.getRange());
  if (!text.substring(whole.start, whole.end).includes('<<')) return [];
  try {
    return (node as unknown as { getHeredocs?: () => AstHeredoc[] }).getHeredocs?.() ?? [];
  } catch {
    return [];
  }
}

function readInstruction(node: Instruction, text: string, span: SpanOf, stage: number, onbuild: boolean): DfInstruction {
  const whole = span(node.getRange());
  const keywordSpan = span(node.getInstructionRange());
  const keyword = node.getKeyword().toUpperCase();
  if (keyword === 'RUN') return readRunInstruction(node, text, span, whole, keywordSpan, stage, onbuild);
  const flagNodes = (node as unknown as { getFlags?: () => Array<{ getName(): string; getValue(): string | null; getRange(): Parameters<SpanOf>[0] }> }).getFlags?.() ?? [];
  const flags: DfFlag[] = flagNodes.map((f) => ({ name: f.getName(), value: f.getValue(), span: span(f.getRange()) }));
  const heredocNodes = heredocsOf(node, text, span);
  const heredocs = heredocNodes.map((h) => {
    const c = h.getContentRange();
    const s = c ? span(c) : span(h.getStartRange());
    return { name: h.getName(), content: c ? s : { start: s.end, end: s.end } };
  });
  const firstBody = heredocs.length ? Math.min(...heredocs.map((h) => h.content.start)) : Infinity;
  const args = node
    .getArguments()
    .map((a) => ({ value: a.getValue(), span: span(a.getRange()) }))
    .filter((a) => a.span.start < firstBody && !flags.some((f) => a.span.start >= f.span.start && a.span.start < f.span.end));
  return { keyword, span: whole, keywordSpan, flags, args, stage, onbuild, heredocs };
}

/**
 * RUN is read without dockerfile-ast's argument split (slow on very large RUNs): flags are the
 * leading `--name[=value]` words; the command itself is read by the shell tokeniser.
 */
function readRunInstruction(node: Instruction, text: string, span: SpanOf, whole: Span, keywordSpan: Span, stage: number, onbuild: boolean): DfInstruction {
  const heredocNodes = heredocsOf(node, text, span);
  const heredocs = heredocNodes.map((h) => {
    const c = h.getContentRange();
    const s = c ? span(c) : span(h.getStartRange());
    return { name: h.getName(), content: c ? s : { start: s.end, end: s.end } };
  });
  const flags: DfFlag[] = [];
  let i = keywordSpan.end;
  const end = whole.end;
  for (;;) {
    // Skip blanks and line continuations between flags.
    while (i < end && /[ \t\\`\r\n]/.test(text[i])) i++;
    if (!text.startsWith('--', i)) break;
    let e = i;
    while (e < end && !/[ \t\r\n]/.test(text[e])) e++;
    const word = text.slice(i + 2, e);
    const eq = word.indexOf('=');
    flags.push({ name: eq < 0 ? word : word.slice(0, eq), value: eq < 0 ? null : word.slice(eq + 1), span: { start: i, end: e } });
    i = e;
  }
  return { keyword: 'RUN', span: whole, keywordSpan, flags, args: [], stage, onbuild, heredocs };
}

function readProperties(node: Instruction, span: SpanOf): Array<{ name: string; value: string | null; span: Span; nameSpan: Span }> {
  const n = node as unknown as {
    getProperties?: () => Array<{ getName(): string; getValue(): string | null; getRange(): Parameters<SpanOf>[0]; getNameRange(): Parameters<SpanOf>[0] }>;
    getProperty?: () => { getName(): string; getValue(): string | null; getRange(): Parameters<SpanOf>[0]; getNameRange(): Parameters<SpanOf>[0] } | null;
  };
  const props = n.getProperties?.() ?? (n.getProperty?.() ? [n.getProperty()!] : []);
  return props.map((p) => ({ name: p.getName(), value: p.getValue(), span: span(p.getRange()), nameSpan: span(p.getNameRange()) }));
}

function unquote(s: string): string {
  if (s.length >= 2 && ((s[0] === '"' && s[s.length - 1] === '"') || (s[0] === "'" && s[s.length - 1] === "'"))) return s.slice(1, -1);
  return s;
}

function splitUser(v: string): [string, string | undefined] {
  const i = v.indexOf(':');
  return i < 0 ? [v, undefined] : [v.slice(0, i), v.slice(i + 1)];
}

/** `root`, `0` (or `00`...) name the root user. */
export function isRootName(user: string): boolean {
  return user === 'root' || /^0+$/.test(user);
}

function jsonArray(s: string): string[] | undefined {
  const t = s.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    /* not JSON: shell form */
  }
  return undefined;
}

/** Decode JSON-array arguments with the offset of every decoded character. */
function jsonWords(text: string, start: number, end: number): Word[] | undefined {
  const region = text.slice(start, end);
  if (!jsonArray(region)) return undefined;
  const words: Word[] = [];
  let i = start;
  while (i < end) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    const s = i;
    i++;
    let value = '';
    const offsets: number[] = [];
    while (i < end && text[i] !== '"') {
      if (text[i] === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/', '\\': '\\', '"': '"' };
        if (e === 'u') {
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          offsets.push(i);
          i += 6;
        } else {
          value += map[e] ?? e;
          offsets.push(i);
          i += 2;
        }
        continue;
      }
      value += text[i];
      offsets.push(i);
      i++;
    }
    i++;
    words.push({ value, offsets, quoted: true, subs: [], span: { start: s, end: i } });
  }
  return words;
}

function jsonArgs(text: string, ins: DfInstruction): DfArg[] | undefined {
  if (!ins.args.length) return undefined;
  const w = jsonWords(text, ins.args[0].span.start, ins.args[ins.args.length - 1].span.end);
  return w?.map((x) => ({ value: x.value, span: x.span }));
}

/** Where a line's continuation (the escape character, then only blanks) starts, or -1. */
function continuationAt(line: string, escape: string): number {
  let k = line.length;
  while (k > 0 && (line[k - 1] === ' ' || line[k - 1] === '\t')) k--;
  return k > 0 && line[k - 1] === escape ? k - 1 : -1;
}

/**
 * The shell source of a shell-form RUN with offsets: continuation lines joined (escape + newline
 * removed, comment and empty lines inside the continuation skipped), heredoc bodies kept as written
 * after the first logical line.
 */
function runSource(text: string, start: number, end: number, escape: string, hasHeredoc: boolean): { src: string; offsets: number[] } {
  let src = '';
  const offsets: number[] = [];
  let i = start;
  const lineEndAt = (p: number): number => {
    let e = p;
    while (e < end && text[e] !== '\n' && text[e] !== '\r') e++;
    return e;
  };
  const nextLine = (e: number): number => (text[e] === '\r' && text[e + 1] === '\n' ? e + 2 : e + 1);
  while (i < end) {
    const e = lineEndAt(i);
    const line = text.slice(i, e);
    const cont = continuationAt(line, escape);
    const m = cont >= 0 ? { index: cont } : null;
    const contentEnd = m ? i + m.index : e;
    for (let k = i; k < contentEnd; k++) {
      src += text[k];
      offsets.push(k);
    }
    if (e >= end) break;
    if (m) {
      i = nextLine(e);
      // Docker drops comment lines and empty lines inside a continued instruction.
      while (i < end) {
        const e2 = lineEndAt(i);
        const t = text.slice(i, e2).trim();
        if (t === '' || t.startsWith('#')) {
          if (e2 >= end) {
            i = end;
            break;
          }
          i = nextLine(e2);
        } else break;
      }
      continue;
    }
    if (!hasHeredoc) break;
    // The rest is heredoc bodies: keep them as written, line breaks included.
    for (let k = e; k < end; k++) {
      src += text[k];
      offsets.push(k);
    }
    break;
  }
  offsets.push(offsets.length ? offsets[offsets.length - 1] + 1 : start);
  return { src, offsets };
}

function readRun(model: DockerfileModel, ins: DfInstruction, text: string, stage: DfStage | undefined): RunCommand {
  const text0 = ins.flags.length ? ins.flags[ins.flags.length - 1].span.end : ins.keywordSpan.end;
  let start = text0;
  while (start < ins.span.end && /\s/.test(text[start])) start++;
  const end = ins.span.end;
  const exec = ins.heredocs.length === 0 ? jsonWords(text, start, end) : undefined;
  const run: RunCommand = { instruction: ins, stage: ins.stage, form: exec ? 'exec' : 'shell', posix: true, script: { commands: [] }, commands: [] };
  if (exec) {
    if (exec.length) {
      // Reuse the tokeniser's `sh -c` handling by parsing a synthetic command from the JSON words.
      const cmd: SimpleCommand = { assignments: [], words: exec, redirects: [], next: '', pipeline: 0 };
      const shellIdx = exec.findIndex((w, k) => k > 0 && (w.value === '-c' || isCommandStringFlag(w.value)));
      if (isPosixShell(exec[0].value) && shellIdx > 0 && exec[shellIdx + 1]) {
        const w = exec[shellIdx + 1];
        cmd.inner = parseShell(w.value, [...w.offsets, w.span.end - 1]);
      }
      run.script = { commands: [cmd] };
    }
  } else {
    const shell = stage?.shell ?? DEFAULT_SHELL;
    if (!isPosixShell(shell[0] ?? '')) run.posix = false;
    else {
      const { src, offsets } = runSource(text, start, end, model.escape, ins.heredocs.length > 0);
      run.script = parseShell(src, offsets);
    }
  }
  run.commands = allCommands(run.script);
  return run;
}

// ---------------------------------------------------------------------------------------------
// Helpers for rules and for the Compose side.

/** A label for findings: the stage name, or `stage N`. */
export function stageLabel(stage: DfStage): string {
  return stage.name ?? `stage ${stage.index}`;
}

/** The stage shipped for a target (its name, case-insensitive), or the last stage. */
export function shippedStage(model: DockerfileModel, target?: string): DfStage | undefined {
  if (target) {
    const t = target.toLowerCase();
    const s = model.stages.find((x) => x.name?.toLowerCase() === t);
    if (s) return s;
  }
  return model.stages[model.stages.length - 1];
}

/** The stages whose instructions end up in a stage's image: itself and the stages it builds on. */
export function stageChain(model: DockerfileModel, stage: DfStage): DfStage[] {
  const out: DfStage[] = [];
  let s: DfStage | undefined = stage;
  while (s && !out.includes(s)) {
    out.push(s);
    s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined;
  }
  return out;
}

export interface ShippedUserInfo {
  stage: DfStage;
  /** The effective USER, when one applies (set in the stage or inherited from its base stage). */
  user?: EffectiveUser;
  /** `root`: explicitly root; `non-root`: a USER that is not root; `unset`: no USER; `unresolved`: USER uses an unknown variable. */
  status: 'root' | 'non-root' | 'unset' | 'unresolved';
  /** Where to point: the USER instruction, or the stage's FROM when no USER applies. */
  span: Span;
}

/**
 * The effective user of the shipped stage (the last one, or `target`), after ARG/ENV expansion and
 * stage inheritance. Undefined when the Dockerfile has no stage.
 */
export function shippedUser(model: DockerfileModel, target?: string): ShippedUserInfo | undefined {
  const stage = shippedStage(model, target);
  if (!stage) return undefined;
  const u = stage.user;
  if (!u) return { stage, status: 'unset', span: stage.from.span };
  const status = !u.resolved ? 'unresolved' : u.root ? 'root' : 'non-root';
  return { stage, user: u, status, span: u.span };
}

/** Where to insert a line such as `USER 10001` in a stage: before its first CMD/ENTRYPOINT after the last RUN (and the comments just above it), else at the end of the stage. */
export function userInsertionPoint(model: DockerfileModel, stage: DfStage): { offset: number; newText: (line: string) => string } {
  const text = model.text;
  const lines = LineIndex.of(text);
  const eol = lines.eol;
  const ins = stage.instructions.filter((i) => !i.onbuild);
  let lastRun = -1;
  ins.forEach((i, k) => {
    if (i.keyword === 'RUN' || i.keyword === 'USER') lastRun = k;
  });
  const target = ins.find((i, k) => k > lastRun && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
  if (target) {
    let line = lines.position(target.span.start).line;
    const commentLines = new Set(model.comments.map((c) => lines.position(c.span.start).line));
    while (line > 0 && commentLines.has(line - 1)) line--;
    const prevEnd = line > 0 ? ins[ins.indexOf(target) - 1] : undefined;
    if (prevEnd && lines.position(prevEnd.span.end).line >= line) line = lines.position(target.span.start).line;
    return { offset: lines.lineStart(line), newText: (l) => l + eol };
  }
  const last = ins[ins.length - 1] ?? stage.from;
  const end = last.span.end;
  const lineEnd = lines.lineEnd(lines.position(end).line);
  return { offset: lineEnd, newText: (l) => eol + l };
}

/** The `object` label of a finding in a stage (undefined for instructions before the first FROM). */
export function stageObject(model: DockerfileModel, stageIndex: number): string | undefined {
  const s = model.stages[stageIndex];
  return s ? stageLabel(s) : undefined;
}

/** Stages whose content ends up in the shipped image (the last stage and the stages it builds on). */
export function shippedStages(model: DockerfileModel, target?: string): Set<number> {
  const s = shippedStage(model, target);
  return new Set(s ? stageChain(model, s).map((x) => x.index) : []);
}
