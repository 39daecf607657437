// Exposure facts in the hovers of the keys that decide them: a Kubernetes `seccompProfile`,
// `appArmorProfile` or `seLinuxOptions` (key or value), a Compose `security_opt` seccomp, apparmor
// or label entry, and capability names in `capabilities.add/drop` and `cap_add/cap_drop`. They say what the runtime's default profile
// blocks, what a capability unlocks through it, and where the containers the key applies to stand.
// Pure: the analysis, its exposures and an offset in, Markdown and a span out.
import { normaliseCapability } from '../capabilities';
import { yamlTargetAt, type HoverResult } from '../hover';
import type { Analysis } from '../index';
import type { YamlStream } from '../yaml/parse';
import { capabilitySyscalls, defaultCapabilities, profileAllows, seccompProfileFacts } from './model';
import type { Arch, ContainerExposure, Runtime } from './types';

/** Names listed before "and N more". */
const LIST = 10;

const ARCH_NAME: Record<Arch, string> = { x86_64: 'x86-64', arm64: 'arm64' };
const PROFILE_NAME: Record<Runtime, string> = { containerd: 'the containerd default profile (`RuntimeDefault`)', docker: 'Docker\'s default profile' };

function names(list: readonly string[], max = LIST): string {
  const shown = list.slice(0, max).map((n) => `\`${n}\``).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

function holds(node: unknown, rel: number): boolean {
  const r = rangeOf(node);
  return !!r && rel >= r[0] && rel <= r[1];
}

/**
 * The containers a key at `offset` applies to: the Kubernetes container (or every container of the
 * pod for a pod-level key) or the Compose service written around it.
 */
export function exposuresAround(analysis: Analysis, exposures: readonly ContainerExposure[], offset: number): ContainerExposure[] {
  const part = [...analysis.parts].reverse().find((p) => p.offset <= offset);
  if (!part) return [];
  const rel = offset - part.offset;
  const byStart = (start: number): ContainerExposure | undefined => exposures.find((e) => e.span.start === start + part.offset);
  const m = part.model;
  if (m.format === 'kubernetes') {
    for (const o of m.workloads) {
      if (rel < o.scope.start || rel > o.scope.end) continue;
      const c = o.containers.find((x) => holds(x.node, rel));
      if (c) return [byStart(c.nameSpan.start)].filter((e): e is ContainerExposure => !!e);
      if (o.pod && holds(o.pod.node, rel)) return o.containers.map((x) => byStart(x.nameSpan.start)).filter((e): e is ContainerExposure => !!e);
    }
    return [];
  }
  if (m.format === 'compose') {
    const s = m.services.find((x) => x.local && holds(x.node, rel));
    const e = s && byStart(s.keySpan.start);
    return e ? [e] : [];
  }
  return [];
}

/** What the runtime's default profile blocks on the architecture, as one paragraph. */
export function defaultProfileParagraph(runtime: Runtime, arch: Arch): string {
  const f = seccompProfileFacts(runtime, arch);
  const notable = byImportance(f.blocked);
  const filtered = f.filtered.length ? ` ${f.filtered.length} more pass only with some argument values (${names(f.filtered, 5)}).` : '';
  return `${cap(PROFILE_NAME[runtime])} blocks ${f.total - f.reachable} of the ${f.total} ${ARCH_NAME[arch]} system calls, among them ${names(notable)}.${filtered}`;
}

/** Listed first: the system calls people look for (container escapes and exploit favourites). */
const NOTABLE_FIRST = ['mount', 'umount2', 'unshare', 'setns', 'bpf', 'keyctl', 'add_key', 'ptrace', 'perf_event_open', 'userfaultfd', 'io_uring_setup', 'init_module', 'finit_module', 'kexec_load', 'open_by_handle_at', 'reboot'];

/** System call names, the best-known first, then the rest in their given order. */
export function byImportance(list: readonly string[]): string[] {
  const have = new Set(list);
  return NOTABLE_FIRST.filter((n) => have.has(n)).concat(list.filter((n) => !NOTABLE_FIRST.includes(n)));
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function who(e: ContainerExposure): string {
  return e.object && e.format === 'kubernetes' ? `\`${e.container}\` (${e.object})` : `\`${e.container}\``;
}

/** One line per container: its seccomp state and what it reaches, and what the default profile would take away. */
function seccompLine(e: ContainerExposure): string {
  const s = e.syscalls;
  const head = `${who(e)}: seccomp ${e.seccomp.mode} (${e.seccomp.reason})`;
  if (s.reachable === undefined) return `${head}: not counted.`;
  let line = `${head}: ${s.reachable} of ${s.total} system calls reachable`;
  if (s.notable.length) line += `, including ${names(byImportance(s.notable), 6)}`;
  line += '.';
  if (e.seccomp.mode === 'unconfined' && !e.privileged) {
    const r = profileAllows(e.runtime, e.arch, e.capabilities.held);
    const under = new Set([...r.allowed, ...r.filtered]).size;
    if (under < s.reachable) line += ` The default profile would remove ${s.reachable - under}.`;
  }
  return line;
}

/** Capabilities the container holds beyond the runtime's defaults that open more system calls through the default profile. */
function unlockLines(e: ContainerExposure): string[] {
  if (e.seccomp.mode !== 'default') return [];
  const defaults = new Set(defaultCapabilities(e.runtime));
  const out: string[] = [];
  for (const c of e.capabilities.held) {
    if (defaults.has(c)) continue;
    const calls = capabilitySyscalls(e.runtime, e.arch, c);
    if (calls.length) out.push(`${who(e)} holds \`CAP_${c}\`, which also lets through ${names(calls)}.`);
  }
  return out;
}

function seccompMarkdown(list: ContainerExposure[]): string {
  const first = list[0];
  const out = ['**Kernel exposure**', '', defaultProfileParagraph(first.runtime, first.arch)];
  const other = list.find((e) => e.arch !== first.arch || e.runtime !== first.runtime);
  if (other) out.push('', defaultProfileParagraph(other.runtime, other.arch));
  for (const e of list) out.push('', seccompLine(e), ...unlockLines(e).map((l) => `\n${l}`));
  return out.join('\n');
}

function capabilityExposureMarkdown(name: string, list: ContainerExposure[]): string | undefined {
  const c = normaliseCapability(name);
  if (c === 'ALL') return undefined;
  const first = list[0];
  const calls = capabilitySyscalls(first.runtime, first.arch, c);
  const out = ['**Kernel exposure**', ''];
  out.push(calls.length
    ? `Under ${PROFILE_NAME[first.runtime]} on ${ARCH_NAME[first.arch]}, holding \`CAP_${c}\` also lets through ${calls.length} system call${calls.length === 1 ? '' : 's'}: ${names(calls, 20)}.`
    : `${cap(PROFILE_NAME[first.runtime])} opens no extra system call for \`CAP_${c}\` on ${ARCH_NAME[first.arch]}; the capability still widens what the kernel allows in the calls already reachable.`);
  for (const e of list) {
    const held = e.capabilities.held.includes(c);
    const state = `${who(e)} ${held ? 'holds' : 'does not hold'} \`CAP_${c}\` (${e.capabilities.all ? 'all capabilities' : `${e.capabilities.held.length} capabilities in all`}${e.capabilities.uncertain ? ', count uncertain' : ''})`;
    const seccomp = e.seccomp.mode === 'unconfined' ? '; seccomp is off, so every system call is reachable anyway' : '';
    out.push('', `${state}${seccomp}.`);
  }
  return out.join('\n');
}

/** What each module's default confinement keeps from a container, in short (the hover's first paragraph). */
const LSM_PARAGRAPH = {
  apparmor:
    "The runtime's default AppArmor profile (Docker's `docker-default`, containerd's `cri-containerd.apparmor.d`, both from one template) denies `mount`, writes to most of `/proc` and `/proc/sys`, any access to `/proc/kcore`, `/proc/sysrq-trigger`, `/sys/firmware` and `/sys/kernel/security`, and writes under `/sys` outside the cgroup filesystem; `ptrace` works only between processes of the same profile. It holds for root in the container too, on hosts that run AppArmor.",
  selinux:
    'With SELinux on, the runtime runs the container process as `container_t` with categories of its own, and the policy lets it write only files labelled for that container (`container_file_t` with the same categories): host files, devices and other containers\' data stay out of reach even for root in the container.',
} as const;

const LSM_NAME = { apparmor: 'AppArmor', selinux: 'SELinux' } as const;

function lsmMarkdown(k: 'apparmor' | 'selinux', list: ContainerExposure[]): string {
  const out = ['**Kernel exposure**', '', LSM_PARAGRAPH[k]];
  for (const e of list) {
    const c = e[k];
    const state = c.mode === 'unconfined' ? 'off' : c.mode === 'default' ? "the runtime's default" : c.mode;
    out.push('', `${who(e)}: ${LSM_NAME[k]} ${state} (${c.reason}).`);
  }
  return out.join('\n');
}

export interface ExposureKeyInput {
  analysis: Analysis;
  exposures: readonly ContainerExposure[];
  offset: number;
  /** The parsed YAML under the cursor (the document chunk or the whole text) and where it starts. */
  yaml?: YamlStream;
  yamlBase?: number;
}

/** Exposure facts for the seccomp, AppArmor or SELinux key or value, or the capability name, under the cursor, if any. */
export function exposureKeyHover(input: ExposureKeyInput): HoverResult | undefined {
  const { analysis, offset } = input;
  if (!input.yaml || (analysis.kind !== 'kubernetes' && analysis.kind !== 'compose')) return undefined;
  const base = input.yamlBase ?? 0;
  const t = yamlTargetAt(input.yaml, offset - base);
  if (!t) return undefined;
  const parent = t.path[t.path.length - 1];
  let what: 'seccomp' | 'capability' | 'apparmor' | 'selinux' | undefined;
  if (analysis.kind === 'kubernetes') {
    if ((t.key === 'seccompProfile' && t.onKey) || (parent === 'seccompProfile' && (t.key === 'type' || t.key === 'localhostProfile'))) what = 'seccomp';
    else if ((t.key === 'appArmorProfile' && t.onKey) || (parent === 'appArmorProfile' && (t.key === 'type' || t.key === 'localhostProfile'))) what = 'apparmor';
    else if ((t.key === 'seLinuxOptions' && t.onKey) || (parent === 'seLinuxOptions' && ['type', 'user', 'role', 'level'].includes(t.key ?? ''))) what = 'selinux';
    else if (!t.onKey && t.value !== undefined && t.inSeq && (t.key === 'add' || t.key === 'drop') && parent === 'capabilities') what = 'capability';
  } else {
    const opt = !t.onKey && t.key === 'security_opt' && t.value !== undefined ? t.value.trim().toLowerCase() : '';
    if (/^seccomp[:=]/.test(opt)) what = 'seccomp';
    else if (/^apparmor[:=]/.test(opt)) what = 'apparmor';
    else if (/^label[:=]/.test(opt)) what = 'selinux';
    else if (!t.onKey && t.value !== undefined && (t.key === 'cap_add' || t.key === 'cap_drop') && t.path.length === 2 && t.path[0] === 'services') what = 'capability';
  }
  if (!what) return undefined;
  const list = exposuresAround(analysis, input.exposures, offset);
  if (!list.length) return undefined;
  const markdown = what === 'seccomp' ? seccompMarkdown(list) : what === 'capability' ? capabilityExposureMarkdown(t.value ?? '', list) : lsmMarkdown(what, list);
  return markdown ? { markdown, span: { start: t.span.start + base, end: t.span.end + base } } : undefined;
}
