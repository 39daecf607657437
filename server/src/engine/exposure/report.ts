// The exposure model as the CLI shows it: the JSON `exposure` list (`harden --format json`), the
// `--format exposure` table, and the comparison behind `--fail-on-exposure-increase BASE.json`
// (what a container can reach now that it could not reach in the base run). Pure functions over
// plain data: the CLI reads the base file and prints; everything it decides is decided here.
import { analyze } from '../index';
import type { LineIndex } from '../text';
import type { Format } from '../types';
import { exposureOf, exposureSummary } from './model';
import type { Arch, Confinement, ContainerExposure, Runtime, SeccompState } from './types';

// ---------------------------------------------------------------- JSON

/** One container's exposure in the CLI's JSON (`exposure[]`): public API, read back by a later run. */
export interface JsonExposure {
  file: string;
  /** 1-based position of the container's `name:` entry, the service's key, the final stage's FROM. */
  line: number;
  column: number;
  object?: string;
  container: string;
  format: Format;
  runtime: Runtime;
  arch: Arch;
  privileged: boolean;
  seccomp: { mode: SeccompState['mode']; reason: string };
  /** AppArmor and SELinux (absent from runs written before they were modelled: such a base is not compared on them). */
  apparmor: { mode: Confinement['mode']; reason: string };
  selinux: { mode: Confinement['mode']; reason: string };
  /** `reachable` is null when the profile is custom or unknown (not counted). */
  syscalls: { total: number; reachable: number | null; notable: string[]; filtered: string[] };
  capabilities: { count: number; held: string[]; all: boolean; notable: string[]; uncertain: boolean };
  hostNamespaces: { network: boolean; pid: boolean; ipc: boolean; uts: boolean; user: boolean };
  hostPaths: Array<{ path: string; readOnly: boolean; socket: boolean }>;
  /** null: the image decides. */
  runsAsRoot: boolean | null;
  rootFilesystemWritable: boolean;
  privilegeEscalation: boolean;
}

/** The JSON entries of one file's containers (unsorted; `sortExposure` orders a whole run). */
export function exposureJson(file: string, lines: LineIndex, exposures: readonly ContainerExposure[]): JsonExposure[] {
  return exposures.map((e) => {
    const pos = lines.position(e.span.start);
    // Keys in the documented order (`object` right after `column`, as in findings): the output is stable text.
    return {
      file,
      line: pos.line + 1,
      column: pos.character + 1,
      ...(e.object !== undefined ? { object: e.object } : {}),
      container: e.container,
      format: e.format,
      runtime: e.runtime,
      arch: e.arch,
      privileged: e.privileged,
      seccomp: { mode: e.seccomp.mode, reason: e.seccomp.reason },
      apparmor: { mode: e.apparmor.mode, reason: e.apparmor.reason },
      selinux: { mode: e.selinux.mode, reason: e.selinux.reason },
      syscalls: { total: e.syscalls.total, reachable: e.syscalls.reachable ?? null, notable: [...e.syscalls.notable], filtered: [...e.syscalls.filtered] },
      capabilities: { count: e.capabilities.held.length, held: [...e.capabilities.held], all: e.capabilities.all, notable: [...e.capabilities.notable], uncertain: e.capabilities.uncertain },
      hostNamespaces: { network: e.hostNamespaces.network, pid: e.hostNamespaces.pid, ipc: e.hostNamespaces.ipc, uts: e.hostNamespaces.uts, user: e.hostNamespaces.user },
      hostPaths: e.hostPaths.map((h) => ({ path: h.path, readOnly: h.readOnly, socket: h.socket })),
      runsAsRoot: e.runsAsRoot ?? null,
      rootFilesystemWritable: e.rootFilesystemWritable,
      privilegeEscalation: e.privilegeEscalation,
    };
  });
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted like findings: file, line, column (then object and container, for equal positions). */
export function sortExposure(entries: JsonExposure[]): JsonExposure[] {
  return entries.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.object ?? '', b.object ?? '') || cmp(a.container, b.container));
}

// ---------------------------------------------------------------- reading a base run back

const FORMATS: readonly string[] = ['dockerfile', 'compose', 'kubernetes'];
const CONFINEMENT_MODES: readonly string[] = ['unconfined', 'default', 'custom', 'unknown'];
const NAMESPACES = ['network', 'pid', 'ipc', 'uts', 'user'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** What is wrong with one entry of a base run's `exposure` list, or undefined when it can be compared. */
function entryProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'is not an object';
  if (typeof v.file !== 'string') return 'has no file';
  if (typeof v.container !== 'string') return 'has no container';
  if (v.object !== undefined && typeof v.object !== 'string') return 'object is not a string';
  if (!isCount(v.line) || !isCount(v.column)) return 'line/column are not numbers';
  if (typeof v.format !== 'string' || !FORMATS.includes(v.format)) return 'format is not dockerfile, compose or kubernetes';
  if (typeof v.runtime !== 'string' || typeof v.arch !== 'string') return 'has no runtime or arch';
  if (typeof v.privileged !== 'boolean') return 'privileged is not true/false';
  const confinement = (c: unknown): boolean => isObj(c) && typeof c.mode === 'string' && CONFINEMENT_MODES.includes(c.mode) && typeof c.reason === 'string';
  if (!confinement(v.seccomp)) return 'seccomp is not {mode, reason}';
  for (const k of ['apparmor', 'selinux'] as const) if (v[k] !== undefined && !confinement(v[k])) return `${k} is not {mode, reason}`;
  const s = v.syscalls;
  if (!isObj(s) || !isCount(s.total) || !(s.reachable === null || isCount(s.reachable)) || !isStrings(s.notable) || !isStrings(s.filtered)) return 'syscalls is not {total, reachable, notable, filtered}';
  const c = v.capabilities;
  if (!isObj(c) || !isCount(c.count) || !isStrings(c.held) || typeof c.all !== 'boolean' || !isStrings(c.notable) || typeof c.uncertain !== 'boolean') return 'capabilities is not {count, held, all, notable, uncertain}';
  const ns = v.hostNamespaces;
  if (!isObj(ns) || !NAMESPACES.every((k) => typeof ns[k] === 'boolean')) return 'hostNamespaces is not {network, pid, ipc, uts, user}';
  if (!Array.isArray(v.hostPaths) || !v.hostPaths.every((h) => isObj(h) && typeof h.path === 'string' && typeof h.readOnly === 'boolean' && typeof h.socket === 'boolean')) return 'hostPaths is not a list of {path, readOnly, socket}';
  if (!(v.runsAsRoot === null || typeof v.runsAsRoot === 'boolean')) return 'runsAsRoot is not true/false/null';
  if (typeof v.rootFilesystemWritable !== 'boolean' || typeof v.privilegeEscalation !== 'boolean') return 'rootFilesystemWritable/privilegeEscalation are not true/false';
  return undefined;
}

/**
 * The `exposure` list of a previous `harden --format json` run, or why it cannot be used (one
 * line, without the file name). Extra fields are ignored; missing or mistyped ones are refused,
 * so the comparison never guesses.
 */
export function parseExposureBase(text: string): { ok: true; entries: JsonExposure[] } | { ok: false; error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, error: `not JSON (${String((e as Error)?.message ?? e).split('\n')[0]})` };
  }
  if (!isObj(v) || v.tool !== 'harden') return { ok: false, error: 'not the output of harden --format json' };
  if (!Array.isArray(v.exposure)) return { ok: false, error: 'has no "exposure" list (write it with a harden that has --format exposure, using --format json)' };
  for (let i = 0; i < v.exposure.length; i++) {
    const problem = entryProblem(v.exposure[i]);
    if (problem) return { ok: false, error: `exposure[${i}] ${problem}` };
  }
  return { ok: true, entries: v.exposure as JsonExposure[] };
}

// ---------------------------------------------------------------- comparison

export type ExposureChangeKind = 'privileged' | 'syscalls' | 'apparmor' | 'selinux' | 'capabilities' | 'hostNamespace' | 'hostPath' | 'runsAsRoot' | 'rootFilesystem' | 'privilegeEscalation';

/** One way a container reaches more than before (or, for a new container, more than the runtime defaults). */
export interface ExposureChange {
  kind: ExposureChangeKind;
  message: string;
}

const NAMESPACE_WORDS: Record<(typeof NAMESPACES)[number], string> = {
  network: 'host network namespace shared',
  pid: 'host PID namespace shared',
  ipc: 'host IPC namespace shared',
  uts: 'host UTS namespace shared',
  user: 'no user namespace of its own (uid 0 inside is uid 0 on the host)',
};

/** A list of names, the first few of a long one. */
function names(list: readonly string[], max = 8): string {
  return list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')} and ${list.length - max} more`;
}

/** Every way `after` reaches more than `before`, in a fixed order. Narrowings are not reported. */
export function exposureWidenings(before: JsonExposure, after: JsonExposure): ExposureChange[] {
  const out: ExposureChange[] = [];
  if (after.privileged && !before.privileged) out.push({ kind: 'privileged', message: 'privileged' });

  // System calls. Counts are compared only within one table: the same architecture and the same
  // total (a base written by a Harden with other syscall data is not compared count for count).
  const b = before.syscalls;
  const a = after.syscalls;
  const newlyUnconfined = after.seccomp.mode === 'unconfined' && before.seccomp.mode !== 'unconfined';
  const sameTable = before.arch === after.arch && b.total === a.total;
  const counted = b.reachable !== null && a.reachable !== null && sameTable;
  const beforeNotable = new Set(b.notable);
  const newNotable = sameTable && b.reachable !== null ? a.notable.filter((n) => !beforeNotable.has(n)) : [];
  const parts: string[] = [];
  if (counted && a.reachable! > b.reachable!) parts.push(`reachable system calls ${b.reachable} -> ${a.reachable} (+${a.reachable! - b.reachable!})`);
  if (newlyUnconfined) parts.push(`seccomp unconfined (${after.seccomp.reason}), was ${before.seccomp.mode}`);
  if (newNotable.length && (parts.length || counted)) parts.push(`newly reachable: ${names(newNotable)}`);
  if (parts.length) out.push({ kind: 'syscalls', message: parts.join('; ') });

  // AppArmor and SELinux: turned off. A base without them (an older run) is not compared on them.
  for (const [k, label] of [['apparmor', 'AppArmor'], ['selinux', 'SELinux']] as const) {
    const was = (before as Partial<JsonExposure>)[k];
    if (was && after[k].mode === 'unconfined' && was.mode !== 'unconfined') out.push({ kind: k, message: `${label} unconfined (${after[k].reason}), was ${was.mode}` });
  }

  // Capabilities.
  const bc = before.capabilities;
  const ac = after.capabilities;
  if (ac.all && !bc.all) out.push({ kind: 'capabilities', message: `every capability (${ac.count}), was ${bc.count}` });
  else if (!ac.all) {
    const held = new Set(bc.all ? ac.held : bc.held);
    const added = ac.held.filter((c) => !held.has(c));
    if (added.length) out.push({ kind: 'capabilities', message: `capabilities added: ${added.join(', ')} (${bc.count} -> ${ac.count})` });
  }

  for (const ns of NAMESPACES) if (after.hostNamespaces[ns] && !before.hostNamespaces[ns]) out.push({ kind: 'hostNamespace', message: NAMESPACE_WORDS[ns] });

  // Host paths, by path: a path mounted twice counts as writable when any mount is.
  const mounts = (list: JsonExposure['hostPaths']): Map<string, { writable: boolean; socket: boolean }> => {
    const m = new Map<string, { writable: boolean; socket: boolean }>();
    for (const h of list) {
      const cur = m.get(h.path) ?? { writable: false, socket: false };
      m.set(h.path, { writable: cur.writable || !h.readOnly, socket: cur.socket || h.socket });
    }
    return m;
  };
  const bm = mounts(before.hostPaths);
  for (const [p, am] of mounts(after.hostPaths)) {
    const old = bm.get(p);
    const what = am.socket ? ', a container runtime socket' : '';
    if (!old) out.push({ kind: 'hostPath', message: `host path ${p} mounted ${am.writable ? 'writable' : 'read-only'}${what}` });
    else if (am.writable && !old.writable) out.push({ kind: 'hostPath', message: `host path ${p} now writable (was read-only)${what}` });
  }

  if (after.runsAsRoot === true && before.runsAsRoot !== true) out.push({ kind: 'runsAsRoot', message: `runs as root (was ${before.runsAsRoot === false ? 'non-root' : 'up to the image'})` });
  if (after.rootFilesystemWritable && !before.rootFilesystemWritable) out.push({ kind: 'rootFilesystem', message: 'root filesystem writable (was read-only)' });
  if (after.privilegeEscalation && !before.privilegeEscalation) out.push({ kind: 'privilegeEscalation', message: 'privilege escalation possible (no_new_privs off)' });
  return out;
}

/** One container that reaches more than it did, or a container the base did not have. */
export interface ExposureIncrease extends Pick<JsonExposure, 'file' | 'line' | 'column' | 'object' | 'container' | 'format'> {
  /** `widened`: matched in the base run and wider now. `new`: not in the base; `changes` says what exceeds the runtime defaults. */
  status: 'widened' | 'new';
  /** The base file, when the container was matched in another file (the file was renamed). */
  baseFile?: string;
  changes: ExposureChange[];
  /** Whether this makes the run fail: a widened container always; a new one when wider than the defaults. */
  fails: boolean;
}

export interface ExposureComparison {
  /** Widened containers and every new container, in output order. */
  increases: ExposureIncrease[];
  /** Base containers with no counterpart now (removing a container never fails). */
  removed: number;
  failed: boolean;
}

export interface CompareOptions {
  /**
   * What a container of this format gets when it sets nothing (the runtime's defaults, from the
   * same model): a new container fails only where it reaches more than that. Undefined (or a
   * function answering undefined): new containers are listed and never fail.
   */
  defaults?: (e: JsonExposure) => JsonExposure | undefined;
  /** Files linted in this run: base entries of other files may be matched by files renamed since. */
  linted?: Iterable<string>;
}

/** The smallest file of each format, with the architecture set where it is not the default. */
function defaultsSource(format: Format, arch: Arch): { file: string; text: string } {
  const platform = arch === 'arm64' ? 'linux/arm64' : undefined;
  if (format === 'dockerfile') return { file: 'Dockerfile', text: `FROM ${platform ? `--platform=${platform} ` : ''}image\n` };
  if (format === 'compose') return { file: 'compose.yaml', text: `services:\n  app:\n    image: image\n${platform ? `    platform: ${platform}\n` : ''}` };
  return { file: 'pod.yaml', text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n${platform ? `  nodeSelector:\n    kubernetes.io/arch: arm64\n` : ''}  containers:\n    - name: app\n      image: image\n` };
}

const defaultsCache = new Map<string, JsonExposure | undefined>();

/**
 * What a container of `e`'s format and architecture gets when it sets nothing, from the same
 * model (a one-container file analysed): Docker's defaults for Dockerfiles and Compose, a pod
 * without securityContext under containerd for Kubernetes (which is Unconfined). Named like `e`.
 */
export function runtimeDefaults(e: Pick<JsonExposure, 'format' | 'arch' | 'file' | 'line' | 'column' | 'object' | 'container'>): JsonExposure | undefined {
  const key = `${e.format}|${e.arch}`;
  if (!defaultsCache.has(key)) {
    const src = defaultsSource(e.format, e.arch);
    const analysis = analyze({ ...src, readFile: () => undefined });
    const [d] = exposureOf(analysis);
    defaultsCache.set(key, d && d.arch === e.arch ? exposureJson(src.file, analysis.lines, [d])[0] : undefined);
  }
  const d = defaultsCache.get(key);
  if (!d) return undefined;
  const { object: _object, ...rest } = d;
  return { ...rest, file: e.file, line: e.line, column: e.column, ...(e.object !== undefined ? { object: e.object } : {}), container: e.container };
}

/** A file name as compared: `./deploy//web.yaml` and `deploy/web.yaml` are one file (runs named it differently). */
export function fileKey(file: string): string {
  const parts: string[] = [];
  for (const seg of file.split('/')) {
    if (seg === '.' || (seg === '' && parts.length > 0)) continue;
    parts.push(seg);
  }
  return parts.join('/') || '.';
}

const keyOf = (e: JsonExposure): string => JSON.stringify([fileKey(e.file), e.object ?? null, e.container]);

/**
 * Compare a run with a base run. Containers are matched by file, object and container (in order
 * when a file repeats one); then a Dockerfile's final stage by its file alone (its label changes
 * when stages are added or renamed); then, among base files no longer linted, by format, object
 * and container (a renamed file).
 */
export function compareExposure(base: readonly JsonExposure[], current: readonly JsonExposure[], opts: CompareOptions = {}): ExposureComparison {
  const matched = new Map<JsonExposure, JsonExposure>();
  const free = new Set(base);
  const take = (e: JsonExposure, pick: (b: JsonExposure) => boolean): void => {
    if (matched.has(e)) return;
    for (const b of free)
      if (pick(b)) {
        matched.set(e, b);
        free.delete(b);
        return;
      }
  };
  for (const e of current) take(e, (b) => keyOf(b) === keyOf(e));
  for (const e of current) if (e.format === 'dockerfile') take(e, (b) => b.format === 'dockerfile' && fileKey(b.file) === fileKey(e.file) && b.container === e.container);
  const linted = new Set([...(opts.linted ?? []), ...current.map((e) => e.file)].map(fileKey));
  for (const e of current) take(e, (b) => !linted.has(fileKey(b.file)) && b.format === e.format && (b.object ?? null) === (e.object ?? null) && b.container === e.container);

  const increases: ExposureIncrease[] = [];
  for (const e of sortExposure([...current])) {
    const where = { file: e.file, line: e.line, column: e.column, ...(e.object !== undefined ? { object: e.object } : {}), container: e.container, format: e.format };
    const b = matched.get(e);
    if (b) {
      const changes = exposureWidenings(b, e);
      if (changes.length) increases.push({ ...where, status: 'widened', ...(fileKey(b.file) !== fileKey(e.file) ? { baseFile: b.file } : {}), changes, fails: true });
      continue;
    }
    const d = opts.defaults?.(e);
    const changes = d ? exposureWidenings(d, e) : [];
    increases.push({ ...where, status: 'new', changes, fails: changes.length > 0 });
  }
  return { increases, removed: free.size, failed: increases.some((x) => x.fails) };
}

// ---------------------------------------------------------------- text

/** Colour hooks (the CLI's text style fits). */
export interface TableStyle {
  bold(s: string): string;
  dim(s: string): string;
}

/** Control characters (other than tab) would garble a terminal: show them escaped. */
function printable(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}

/** How a container is named in text: `Deployment/web app`, `web` (Compose), `final stage (runtime)`. */
export function containerLabel(e: Pick<JsonExposure, 'format' | 'object' | 'container'>): string {
  if (e.object === undefined) return printable(e.container);
  return printable(e.format === 'dockerfile' ? `${e.container} (${e.object})` : `${e.object} ${e.container}`);
}

function syscallCell(e: JsonExposure): string {
  if (e.seccomp.mode === 'custom' || e.seccomp.mode === 'unknown' || e.syscalls.reachable === null) return e.seccomp.mode === 'unknown' ? 'unknown' : 'custom';
  return `${e.syscalls.reachable}/${e.syscalls.total}${e.seccomp.mode === 'unconfined' ? ' unconfined' : ''}`;
}

function capabilityCell(e: JsonExposure): string {
  const c = e.capabilities;
  let s = c.all ? `all ${c.count}` : String(c.count);
  if (c.uncertain) s += '?';
  if (e.privileged) s += ' (privileged)';
  else if (!c.all && c.notable.length) s += ` (${c.notable.join(', ')})`;
  return s;
}

/** AppArmor and SELinux where not the runtime's default: `apparmor off`, `selinux custom`; `-` when both are. */
function lsmCell(e: JsonExposure): string {
  const word = (m: Confinement['mode']): string => (m === 'unconfined' ? 'off' : m);
  const out: string[] = [];
  if (e.apparmor.mode !== 'default') out.push(`apparmor ${word(e.apparmor.mode)}`);
  if (e.selinux.mode !== 'default') out.push(`selinux ${word(e.selinux.mode)}`);
  return out.join(', ') || '-';
}

const NS_SHORT: Array<[(typeof NAMESPACES)[number], string]> = [
  ['network', 'net'],
  ['pid', 'pid'],
  ['ipc', 'ipc'],
  ['uts', 'uts'],
];

/** The table's columns. The user namespace is left out (almost every container shares it); the JSON has it. */
const COLUMNS: Array<[string, (e: JsonExposure) => string]> = [
  ['LINE', (e) => String(e.line)],
  ['CONTAINER', containerLabel],
  ['SYSCALLS', syscallCell],
  ['CAPS', capabilityCell],
  ['LSM', lsmCell],
  ['HOST NS', (e) => NS_SHORT.filter(([k]) => e.hostNamespaces[k]).map(([, s]) => s).join(',') || '-'],
  ['HOST PATHS', (e) => e.hostPaths.map((h) => printable(h.path) + (h.socket ? ' (socket)' : '') + (h.readOnly ? ' (ro)' : '')).join(', ') || '-'],
  ['USER', (e) => (e.runsAsRoot === true ? 'root' : e.runsAsRoot === false ? 'non-root' : 'image')],
  ['ROOT FS', (e) => (e.rootFilesystemWritable ? 'writable' : 'read-only')],
  ['ESCALATION', (e) => (e.privilegeEscalation ? 'possible' : 'blocked')],
];

/** One file's table: a header row, then one row per container (entries already sorted). */
export function exposureTable(entries: readonly JsonExposure[], style: TableStyle): string[] {
  const rows = entries.map((e) => COLUMNS.map(([, cell]) => cell(e)));
  const widths = COLUMNS.map(([h], i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [style.dim(line(COLUMNS.map(([h]) => h))), ...rows.map(line)];
}

/** One file of `--format exposure`: the table, then each container's one-line summary (as the editor's code lens says it). */
export function exposureBlock(file: string, lines: LineIndex, exposures: readonly ContainerExposure[], style: TableStyle): string[] {
  const pairs = exposures.map((e) => ({ e, j: exposureJson(file, lines, [e])[0] }));
  pairs.sort((a, b) => a.j.line - b.j.line || a.j.column - b.j.column);
  if (!pairs.length) return [];
  const out = exposureTable(
    pairs.map((p) => p.j),
    style,
  );
  out.push('');
  for (const { e, j } of pairs) out.push(`  ${containerLabel(j)}: ${exposureSummary(e)}`);
  return out;
}

/** The lines telling one increase (for stderr): where, what, and each change. */
export function increaseLines(x: ExposureIncrease): string[] {
  const where = `${x.file}:${x.line}:${x.column}  ${containerLabel(x)}`;
  if (x.status === 'new') {
    if (!x.changes.length) return [`${where}: new container, no wider than the runtime defaults`];
    return [`${where}: new container, wider than the runtime defaults:`, ...x.changes.map((c) => `    ${c.message}`)];
  }
  return [`${where}: exposure widened${x.baseFile !== undefined ? ` (was in ${x.baseFile})` : ''}:`, ...x.changes.map((c) => `    ${c.message}`)];
}
