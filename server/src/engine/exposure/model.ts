// The exposure model: for each container (Kubernetes container, Compose service, a Dockerfile's
// final stage) what of the host kernel it can reach, computed from the effective settings the
// format models resolved and from the data in `data/` (syscall tables, the runtimes' default
// seccomp profiles and capability sets). Pure: no analysis of its own beyond reading models.
//
// Runtime semantics followed here (docs/exposure.md cites the sources):
// - Kubernetes runs containers through containerd: an unset seccomp profile is Unconfined (the
//   kubelet's `--seccomp-default` is off by default), `privileged: true` turns seccomp off and
//   grants every capability; capabilities: `add: [ALL]`, then `drop: [ALL]`, then the other adds,
//   then the other drops (containerd's CRI order).
// - Docker (Compose, `docker run` of a Dockerfile): the default profile applies unless
//   `seccomp=unconfined` or a profile file is given, privileged turns it off; capabilities follow
//   moby's TweakCapabilities: `add: [ALL]` keeps all but the named drops, `drop: [ALL]` keeps only
//   the adds, otherwise defaults minus drops plus adds.
import type { Analysis, AnalyzeInput } from '../index';
import { analyze } from '../index';
import { BASELINE_CAPABILITIES, normaliseCapability } from '../capabilities';
import type { ComposeService } from '../compose/model';
import { UNRESOLVED } from '../compose/interpolate';
import { isRootName as isComposeRoot, noNewPrivileges, userParts } from '../compose/support';
import { hardenServiceFix } from '../compose/bundle';
import { shippedStage, shippedUser, stageChain, stageLabel, type DockerfileModel } from '../dockerfile/model';
import { isRuntimeSocket, normaliseHostPath } from '../hostpaths';
import { labelOption, SELINUX_CONTAINER_TYPES, SELINUX_UNCONFINED_TYPES } from '../lsm';
import { restrictedProfileFix } from '../kubernetes/bundle';
import type { Container, K8sObject } from '../kubernetes/model';
import { applyEdits } from '../fix';
import type { Fix, Span } from '../types';
import { getPath, get, scalar, str, type YDoc } from '../yaml/parse';
import { CAPABILITIES, GO_ARCH, SECCOMP_PROFILES, SYSCALL_TABLES } from './data';
import { NOTABLE_SYSCALLS } from './notable';
import type { Arch, Confinement, ContainerExposure, ExposureDelta, HostPathExposure, Runtime, SeccompState } from './types';

export type { Arch, Confinement, ContainerExposure, ExposureDelta, Runtime } from './types';
export { NOTABLE_SYSCALLS } from './notable';
export { exposureHoverMarkdown, exposureSummary } from './describe';

// ---------------------------------------------------------------------------------------------
// Data queries

/** Every capability the kernel knows, in number order (canonical names). */
export function allCapabilities(): readonly string[] {
  return CAPABILITIES.all.capabilities;
}

/** The runtime's default capability set (canonical names, kernel order). */
export function defaultCapabilities(runtime: Runtime): readonly string[] {
  const set = new Set(CAPABILITIES.defaults[runtime].capabilities.map(normaliseCapability));
  return allCapabilities().filter((c) => set.has(c));
}

/** The system calls of an architecture's native table. */
export function syscallNames(arch: Arch): string[] {
  return Object.keys(SYSCALL_TABLES[arch].syscalls);
}

export interface ProfileResult {
  /** Allowed without condition. */
  allowed: Set<string>;
  /** Allowed only for some argument values (and not also allowed without condition). */
  filtered: Set<string>;
}

const profileCache = new Map<string, ProfileResult>();

/**
 * What the runtime's default seccomp profile lets through on `arch` for a container holding the
 * capabilities `held` (canonical names): a rule applies when its `includes` arches contain the
 * architecture and all its `includes` capabilities are held, and no `excludes` entry matches.
 * `minKernel` conditions are taken as met (a current kernel). Names outside the architecture's
 * table are ignored.
 */
export function profileAllows(runtime: Runtime, arch: Arch, held: Iterable<string>): ProfileResult {
  const caps = [...new Set([...held].map(normaliseCapability))].sort();
  const key = `${runtime}|${arch}|${caps.join(',')}`;
  const hit = profileCache.get(key);
  if (hit) return hit;
  const have = new Set(caps);
  const table = SYSCALL_TABLES[arch].syscalls;
  const goArch = GO_ARCH[arch];
  const allowed = new Set<string>();
  const filtered = new Set<string>();
  for (const rule of SECCOMP_PROFILES[runtime].syscalls) {
    if (rule.action !== 'SCMP_ACT_ALLOW' && rule.action !== 'SCMP_ACT_LOG') continue;
    const inc = rule.includes;
    const exc = rule.excludes;
    if (inc?.arches?.length && !inc.arches.includes(goArch)) continue;
    if (inc?.caps?.length && !inc.caps.every((c) => have.has(normaliseCapability(c)))) continue;
    if (exc?.arches?.includes(goArch)) continue;
    if (exc?.caps?.some((c) => have.has(normaliseCapability(c)))) continue;
    const conditional = !!rule.args?.length;
    for (const name of rule.names) {
      if (!Object.prototype.hasOwnProperty.call(table, name)) continue;
      if (!conditional) {
        allowed.add(name);
        filtered.delete(name);
      } else if (!allowed.has(name)) filtered.add(name);
    }
  }
  const result = { allowed, filtered };
  if (profileCache.size > 256) profileCache.clear();
  profileCache.set(key, result);
  return result;
}

/** Reachable under the default profile with `held` = allowed + filtered. */
function reachableUnderDefault(runtime: Runtime, arch: Arch, held: Iterable<string>): { names: Set<string>; filtered: Set<string> } {
  const r = profileAllows(runtime, arch, held);
  return { names: new Set([...r.allowed, ...r.filtered]), filtered: r.filtered };
}

/** Facts about a runtime's default profile on an architecture, with the runtime's default capabilities. */
export function seccompProfileFacts(runtime: Runtime, arch: Arch): { total: number; reachable: number; blocked: string[]; filtered: string[]; source: string; version: string } {
  const names = syscallNames(arch);
  const r = reachableUnderDefault(runtime, arch, defaultCapabilities(runtime));
  return {
    total: names.length,
    reachable: r.names.size,
    blocked: names.filter((n) => !r.names.has(n)).sort(),
    filtered: [...r.filtered].sort(),
    source: SECCOMP_PROFILES[runtime].source,
    version: SECCOMP_PROFILES[runtime].version,
  };
}

/** System calls that the runtime's default profile lets through only when `cap` is held (on top of the default capabilities). */
export function capabilitySyscalls(runtime: Runtime, arch: Arch, cap: string): string[] {
  const c = normaliseCapability(cap);
  const base = defaultCapabilities(runtime).filter((x) => x !== c);
  const without = reachableUnderDefault(runtime, arch, base).names;
  const withCap = reachableUnderDefault(runtime, arch, [...base, c]).names;
  return [...withCap].filter((n) => !without.has(n)).sort();
}


// ---------------------------------------------------------------------------------------------
// Building blocks shared by the formats

function capsFor(runtime: Runtime, privileged: boolean, adds: Array<string | undefined>, drops: Array<string | undefined>): { held: string[]; all: boolean; uncertain: boolean } {
  const all = allCapabilities();
  const uncertain = [...adds, ...drops].some((x) => x === undefined || x.includes(UNRESOLVED) || x.includes('$'));
  const add = adds.filter((x): x is string => !!x).map(normaliseCapability);
  const drop = drops.filter((x): x is string => !!x).map(normaliseCapability);
  if (privileged) return { held: [...all], all: true, uncertain: false };
  let held: Set<string>;
  if (runtime === 'docker') {
    if (add.includes('ALL')) held = new Set(all.filter((c) => !drop.includes(c)));
    else if (drop.includes('ALL')) held = new Set(add);
    else held = new Set([...defaultCapabilities(runtime).filter((c) => !drop.includes(c)), ...add]);
  } else {
    held = new Set(defaultCapabilities(runtime));
    if (add.includes('ALL')) for (const c of all) held.add(c);
    if (drop.includes('ALL')) held.clear();
    for (const c of add) if (c !== 'ALL') held.add(c);
    for (const c of drop) if (c !== 'ALL') held.delete(c);
  }
  // Names that are not capabilities (typos) are left out: the runtime refuses or ignores them.
  const list = all.filter((c) => held.has(c));
  return { held: list, all: list.length === all.length, uncertain };
}

const syscallsCache = new Map<string, ContainerExposure['syscalls']>();

/** The syscall side of an exposure; the same inputs give the same answer, so it is computed once per combination. */
function syscallsFor(runtime: Runtime, arch: Arch, seccomp: SeccompState, held: readonly string[]): ContainerExposure['syscalls'] {
  const key = `${runtime}|${arch}|${seccomp.mode}|${seccomp.mode === 'default' ? held.join(',') : ''}`;
  let hit = syscallsCache.get(key);
  if (!hit) {
    hit = countSyscalls(runtime, arch, seccomp, held);
    if (syscallsCache.size > 256) syscallsCache.clear();
    syscallsCache.set(key, hit);
  }
  // Each container gets its own arrays (callers may sort or extend them).
  return { ...hit, notable: [...hit.notable], filtered: [...hit.filtered] };
}

function countSyscalls(runtime: Runtime, arch: Arch, seccomp: SeccompState, held: readonly string[]): ContainerExposure['syscalls'] {
  const names = syscallNames(arch);
  const notable = (set: Iterable<string>): string[] => [...set].filter((n) => Object.prototype.hasOwnProperty.call(NOTABLE_SYSCALLS, n)).sort();
  if (seccomp.mode === 'unconfined') return { total: names.length, reachable: names.length, notable: notable(names), filtered: [] };
  if (seccomp.mode === 'default') {
    const r = reachableUnderDefault(runtime, arch, held);
    return { total: names.length, reachable: r.names.size, notable: notable(r.names), filtered: [...r.filtered].sort() };
  }
  return { total: names.length, reachable: undefined, notable: [], filtered: [] };
}

/** The syscall and capability sides of an exposure, from the seccomp state and the capabilities held. */
function kernelSide(runtime: Runtime, arch: Arch, seccomp: SeccompState, caps: { held: string[]; all: boolean; uncertain: boolean }): Pick<ContainerExposure, 'syscalls' | 'capabilities'> {
  return {
    syscalls: syscallsFor(runtime, arch, seccomp, caps.held),
    capabilities: { held: caps.held, all: caps.all, notable: caps.held.filter((x) => !BASELINE_CAPABILITIES.has(x)), uncertain: caps.uncertain },
  };
}

function archOf(value: string | undefined): Arch | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  const last = v.split('/')[v.startsWith('linux/') || v.includes('/') ? 1 : 0] ?? v;
  if (last === 'arm64' || last === 'aarch64') return 'arm64';
  if (last === 'amd64' || last === 'x86_64') return 'x86_64';
  return undefined;
}

function shift(s: Span, by: number): Span {
  return by ? { start: s.start + by, end: s.end + by } : s;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

function k8sExposure(o: K8sObject, c: Container, offset: number): ContainerExposure | undefined {
  const pod = o.pod;
  if (!pod || o.windows || c.windowsHostProcess.value === true) return undefined;
  const doc = o.ydoc as YDoc;
  const runtime: Runtime = 'containerd';
  let arch: Arch = 'x86_64';
  let archFrom: string | undefined;
  for (const key of ['kubernetes.io/arch', 'beta.kubernetes.io/arch']) {
    const v = str(getPath(pod.node, ['nodeSelector', key], doc));
    const a = archOf(v);
    if (a) {
      arch = a;
      archFrom = `nodeSelector ${key}: ${v}`;
      break;
    }
  }
  const privileged = c.privileged?.value === true;
  const seccomp: SeccompState = (() => {
    if (privileged) return { mode: 'unconfined', reason: 'privileged: seccomp is off', span: shift(c.privileged!.span, offset) };
    const t = c.seccompType;
    const span = t.field ? shift(t.field.span, offset) : undefined;
    const where = t.origin === 'pod' ? 'pod seccompProfile.type' : 'seccompProfile.type';
    if (t.value === undefined && c.seccompAnnotation) {
      // The deprecated annotation: the API server copies it into the field when the pod is created.
      const a = c.seccompAnnotation;
      const v = a.value.trim();
      const aspan = shift(a.span, offset);
      if (v === 'runtime/default' || v === 'docker/default') return { mode: 'default', reason: `annotation ${a.key}: ${v}`, span: aspan };
      if (v === 'unconfined') return { mode: 'unconfined', reason: `annotation ${a.key}: unconfined`, span: aspan };
      if (v.startsWith('localhost/')) return { mode: 'custom', reason: `annotation ${a.key}: ${v} (a profile on the node, not counted)`, span: aspan };
      return { mode: 'unknown', reason: `annotation ${a.key}: ${v}`, span: aspan };
    }
    if (t.value === undefined) return { mode: 'unconfined', reason: 'not set: Kubernetes runs containers Unconfined unless the kubelet has --seccomp-default' };
    if (t.value === 'RuntimeDefault') return { mode: 'default', reason: `${where}: RuntimeDefault`, span };
    if (t.value === 'Unconfined') return { mode: 'unconfined', reason: `${where}: Unconfined`, span };
    if (t.value === 'Localhost') return { mode: 'custom', reason: `${where}: Localhost (a profile on the node, not counted)`, span };
    return { mode: 'unknown', reason: `${where}: ${t.value}`, span };
  })();
  const caps = capsFor(runtime, privileged, c.capAddItems.map((i) => i.value), c.capDropItems.map((i) => i.value));
  const apparmor: Confinement = (() => {
    const t = c.appArmorType;
    const span = t.field ? shift(t.field.span, offset) : t.annotation ? shift(t.annotation.span, offset) : undefined;
    const where = t.origin === 'annotation' ? `annotation ${t.annotation!.key}` : t.origin === 'pod' ? 'pod appArmorProfile.type' : 'appArmorProfile.type';
    if (t.value === 'Unconfined') return { mode: 'unconfined', reason: `${where}: Unconfined`, span };
    if (t.value === 'Localhost') return { mode: 'custom', reason: `${where}: Localhost (a profile on the node)`, span };
    // containerd (as CRI-O) applies no profile to a privileged container unless one is named.
    if (privileged) return { mode: 'unconfined', reason: 'privileged: no AppArmor profile', span: shift(c.privileged!.span, offset) };
    if (t.value === undefined) return { mode: 'default', reason: "not set: the runtime's default profile" };
    if (t.value === 'RuntimeDefault') return { mode: 'default', reason: `${where}: RuntimeDefault`, span };
    return { mode: 'unknown', reason: `${where}: ${t.value}`, span };
  })();
  const selinux: Confinement = (() => {
    if (privileged) return { mode: 'unconfined', reason: 'privileged: no SELinux confinement (spc_t)', span: shift(c.privileged!.span, offset) };
    const opts = c.seLinuxOptions;
    const span = opts.field ? shift(opts.field.span, offset) : undefined;
    const where = opts.origin === 'pod' ? 'pod seLinuxOptions' : 'seLinuxOptions';
    const read = (k: string): string | undefined => {
      const v = scalar(get(opts.value, k, doc));
      return v === undefined || v === null || v === '' ? undefined : String(v);
    };
    const type = read('type');
    if (type !== undefined && SELINUX_UNCONFINED_TYPES.has(type)) return { mode: 'unconfined', reason: `${where}.type: ${type}`, span };
    if (type !== undefined && !SELINUX_CONTAINER_TYPES.has(type)) return { mode: 'custom', reason: `${where}.type: ${type}`, span };
    const who = ['user', 'role'].filter((k) => read(k) !== undefined);
    if (who.length) return { mode: 'custom', reason: `${where} sets ${who.join(' and ')}`, span };
    return { mode: 'default', reason: type !== undefined ? `${where}.type: ${type}` : "not set: the runtime's container label" };
  })();
  const hostNetwork = pod.hostNetwork?.value === true;
  const hostPaths: HostPathExposure[] = [];
  for (const m of c.volumeMounts) {
    const vol = pod.volumes.find((v) => v.name !== undefined && v.name === m.name);
    if (!vol || vol.type !== 'hostPath') continue;
    const p = vol.hostPathPath;
    const raw = typeof p?.value === 'string' ? p.value : undefined;
    if (raw === undefined) continue;
    const path = normaliseHostPath(raw);
    const ro = scalar(get(m.item.node, 'readOnly', doc)) === true;
    hostPaths.push({ path, readOnly: ro, socket: isRuntimeSocket(path), span: shift(p!.span, offset) });
  }
  const user = c.runAsUser.value;
  const runsAsRoot = user === 0 ? true : c.runAsNonRoot.value === true || (user !== undefined && user > 0) ? false : undefined;
  const escalation = privileged || caps.held.includes('SYS_ADMIN') || c.allowPrivilegeEscalation?.value !== false;
  return {
    format: 'kubernetes',
    object: o.label,
    container: c.name,
    span: shift(c.nameSpan, offset),
    runtime,
    arch,
    archFrom,
    privileged,
    seccomp,
    apparmor,
    selinux,
    ...kernelSide(runtime, arch, seccomp, caps),
    hostNamespaces: { network: hostNetwork, pid: pod.hostPID?.value === true, ipc: pod.hostIPC?.value === true, uts: hostNetwork, user: pod.hostUsers?.value !== false },
    hostPaths,
    runsAsRoot,
    rootFilesystemWritable: c.readOnlyRootFilesystem?.value !== true,
    privilegeEscalation: escalation,
  };
}

// ---------------------------------------------------------------------------------------------
// Compose

function composeExposure(svc: ComposeService, offset: number): ContainerExposure {
  const runtime: Runtime = 'docker';
  let arch: Arch = 'x86_64';
  let archFrom: string | undefined;
  const platform = svc.node ? str(get(svc.node, 'platform', svc.doc)) : undefined;
  const pa = archOf(platform);
  if (pa) {
    arch = pa;
    archFrom = `platform: ${platform}`;
  }
  const privileged = svc.privileged?.value === true;
  const opt = svc.securityOpt.filter((o) => o.key === 'seccomp').pop();
  const seccomp: SeccompState = (() => {
    if (privileged) return { mode: 'unconfined', reason: 'privileged: seccomp is off', span: shift(svc.privileged!.span, offset) };
    if (!opt) return { mode: 'default', reason: 'not set: Docker\'s default profile' };
    const span = shift(opt.item.span, offset);
    const v = opt.value.trim();
    if (opt.item.unresolved || v.includes(UNRESOLVED)) return { mode: 'unknown', reason: 'security_opt seccomp depends on a variable', span };
    if (v === 'unconfined') return { mode: 'unconfined', reason: 'security_opt: seccomp=unconfined', span };
    if (v === 'builtin') return { mode: 'default', reason: 'security_opt: seccomp=builtin', span };
    return { mode: 'custom', reason: `security_opt: seccomp=${v} (a profile of its own, not counted)`, span };
  })();
  const caps = capsFor(runtime, privileged, (svc.capAdd?.items ?? []).map((i) => (i.unresolved ? undefined : i.value)), (svc.capDrop?.items ?? []).map((i) => (i.unresolved ? undefined : i.value)));
  const apparmor: Confinement = (() => {
    const o = svc.securityOpt.filter((x) => x.key === 'apparmor').pop();
    // Docker runs a privileged container unconfined unless a profile is named.
    if (!o) return privileged ? { mode: 'unconfined', reason: 'privileged: no AppArmor profile', span: shift(svc.privileged!.span, offset) } : { mode: 'default', reason: "not set: Docker's default profile (docker-default)" };
    const span = shift(o.item.span, offset);
    const v = o.value.trim();
    if (o.item.unresolved || v.includes(UNRESOLVED)) return { mode: 'unknown', reason: 'security_opt apparmor depends on a variable', span };
    if (v === 'unconfined') return { mode: 'unconfined', reason: 'security_opt: apparmor=unconfined', span };
    if (v === 'docker-default') return { mode: 'default', reason: 'security_opt: apparmor=docker-default', span };
    return { mode: 'custom', reason: `security_opt: apparmor=${v} (a profile of its own)`, span };
  })();
  const selinux: Confinement = (() => {
    // Docker turns labelling off for a privileged container.
    if (privileged) return { mode: 'unconfined', reason: 'privileged: SELinux labelling is off', span: shift(svc.privileged!.span, offset) };
    let out: Confinement = { mode: 'default', reason: "not set: Docker's container label (with SELinux support on)" };
    for (const o of svc.securityOpt.filter((x) => x.key === 'label')) {
      const span = shift(o.item.span, offset);
      if (o.item.unresolved || o.value.includes(UNRESOLVED)) {
        out = { mode: 'unknown', reason: 'security_opt label depends on a variable', span };
        continue;
      }
      const { field, value } = labelOption(o.value);
      if (field === 'disable') return { mode: 'unconfined', reason: `security_opt: label=${o.value.trim()}`, span };
      if (field === 'type' && SELINUX_UNCONFINED_TYPES.has(value)) return { mode: 'unconfined', reason: `security_opt: label=type:${value}`, span };
      if ((field === 'type' && !SELINUX_CONTAINER_TYPES.has(value)) || field === 'user' || field === 'role') out = { mode: 'custom', reason: `security_opt: label=${o.value.trim()}`, span };
    }
    return out;
  })();
  const hostPaths: HostPathExposure[] = [];
  for (const m of svc.mounts) {
    if (m.type !== 'bind' || !m.source || m.unresolved) continue;
    const path = normaliseHostPath(m.source);
    hostPaths.push({ path, readOnly: m.readOnly, socket: isRuntimeSocket(path), span: shift(m.span, offset) });
  }
  if (svc.useApiSocket?.value === true) hostPaths.push({ path: '/var/run/docker.sock', readOnly: false, socket: true, span: shift(svc.useApiSocket.span, offset) });
  const isHost = (s: { value: string } | undefined): boolean => !!s && s.value.trim().toLowerCase() === 'host';
  let runsAsRoot: boolean | undefined;
  if (svc.user && !svc.user.value.includes(UNRESOLVED)) runsAsRoot = isComposeRoot(userParts(svc.user.value).user);
  else if (!svc.user && svc.buildLink?.user !== undefined) runsAsRoot = isComposeRoot(userParts(svc.buildLink.user).user);
  return {
    format: 'compose',
    container: svc.name,
    span: shift(svc.keySpan, offset),
    runtime,
    arch,
    archFrom,
    privileged,
    seccomp,
    apparmor,
    selinux,
    ...kernelSide(runtime, arch, seccomp, caps),
    hostNamespaces: { network: isHost(svc.networkMode), pid: isHost(svc.pid), ipc: isHost(svc.ipc), uts: isHost(svc.uts) || isHost(svc.networkMode), user: true },
    hostPaths,
    runsAsRoot,
    rootFilesystemWritable: svc.readOnly?.value !== true,
    privilegeEscalation: !noNewPrivileges(svc).on,
  };
}

// ---------------------------------------------------------------------------------------------
// Dockerfile: the final stage as `docker run` starts it (Docker's defaults).

function dockerfileExposure(model: DockerfileModel): ContainerExposure | undefined {
  const stage = shippedStage(model);
  if (!stage || stage.windows) return undefined;
  const runtime: Runtime = 'docker';
  const platform = stage.from.flags.find((f) => f.name.toLowerCase() === 'platform')?.value ?? undefined;
  const pa = archOf(platform ?? undefined);
  const arch: Arch = pa ?? 'x86_64';
  const info = shippedUser(model);
  // No USER: the base image decides, except for an image built from scratch (uid 0).
  const fromScratch = stageChain(model, stage).some((s) => s.scratch);
  const runsAsRoot = info?.status === 'root' || (info?.status === 'unset' && fromScratch) ? true : info?.status === 'non-root' ? false : undefined;
  const held = [...defaultCapabilities(runtime)];
  const seccomp: SeccompState = { mode: 'default', reason: 'docker run: Docker\'s default profile' };
  return {
    format: 'dockerfile',
    object: stageLabel(stage),
    container: 'final stage',
    span: stage.from.span,
    runtime,
    arch,
    archFrom: pa ? `FROM --platform=${platform}` : undefined,
    privileged: false,
    seccomp,
    apparmor: { mode: 'default', reason: "docker run: Docker's default profile (docker-default)" },
    selinux: { mode: 'default', reason: "docker run: Docker's container label (with SELinux support on)" },
    ...kernelSide(runtime, arch, seccomp, { held, all: false, uncertain: false }),
    hostNamespaces: { network: false, pid: false, ipc: false, uts: false, user: true },
    hostPaths: [],
    runsAsRoot,
    rootFilesystemWritable: true,
    privilegeEscalation: true,
  };
}

// ---------------------------------------------------------------------------------------------

/** The exposure of every container of an analysed file, in text order. Spans are offsets into the whole file. */
export function exposureOf(analysis: Analysis): ContainerExposure[] {
  const out: ContainerExposure[] = [];
  for (const part of analysis.parts) {
    const m = part.model;
    // A YAML document with a parse error: its model is what could be read, and counts from it
    // would mislead (the parse-error finding says what to fix first).
    if (m.format !== 'dockerfile' && m.parseErrors.length) continue;
    try {
      if (m.format === 'kubernetes') {
        for (const o of m.workloads) for (const c of o.containers) {
          const e = k8sExposure(o, c, part.offset);
          if (e) out.push(e);
        }
      } else if (m.format === 'compose') {
        for (const s of m.services) out.push(composeExposure(s, part.offset));
      } else {
        const e = dockerfileExposure(m);
        if (e) out.push(shiftExposure(e, part.offset));
      }
    } catch (e) {
      analysis.errors.push(`exposure: ${(e as Error).stack ?? String(e)}`);
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function shiftExposure(e: ContainerExposure, by: number): ContainerExposure {
  if (!by) return e;
  const conf = (c: Confinement): Confinement => ({ ...c, span: c.span && shift(c.span, by) });
  return { ...e, span: shift(e.span, by), seccomp: conf(e.seccomp), apparmor: conf(e.apparmor), selinux: conf(e.selinux), hostPaths: e.hostPaths.map((p) => ({ ...p, span: shift(p.span, by) })) };
}

/** The identity of a container across versions of a file: object and container. */
export function exposureKey(e: Pick<ContainerExposure, 'object' | 'container'>): string {
  return `${e.object ?? ''}\u0000${e.container}`;
}

// ---------------------------------------------------------------------------------------------
// What a fix changes

/** The ways `after` is narrower or wider than `before`, as words (`host PID no longer shared`). */
export function exposureChanges(before: ContainerExposure, after: ContainerExposure): { narrower: string[]; wider: string[] } {
  const narrower: string[] = [];
  const wider: string[] = [];
  const flag = (was: boolean, now: boolean, off: string, on: string): void => {
    if (was && !now) narrower.push(off);
    if (!was && now) wider.push(on);
  };
  flag(before.privileged, after.privileged, 'no longer privileged', 'privileged');
  for (const [k, label] of [['network', 'network'], ['pid', 'PID'], ['ipc', 'IPC'], ['uts', 'UTS'], ['user', 'user']] as const)
    flag(before.hostNamespaces[k], after.hostNamespaces[k], `host ${label} namespace no longer shared`, `host ${label} namespace shared`);
  const paths = (e: ContainerExposure): Map<string, boolean> => new Map(e.hostPaths.map((p) => [p.path, p.readOnly]));
  const bp = paths(before);
  const ap = paths(after);
  for (const [p, ro] of bp) {
    if (!ap.has(p)) narrower.push(`${p} no longer mounted`);
    else if (!ro && ap.get(p)) narrower.push(`${p} mounted read-only`);
  }
  for (const [p, ro] of ap) {
    if (!bp.has(p)) wider.push(`${p} mounted${ro ? ' read-only' : ''}`);
    else if (bp.get(p) && !ro) wider.push(`${p} now writable`);
  }
  if (before.runsAsRoot !== false && after.runsAsRoot === false) narrower.push('runs as non-root');
  if (before.runsAsRoot !== true && after.runsAsRoot === true) wider.push('runs as root');
  flag(before.rootFilesystemWritable, after.rootFilesystemWritable, 'root filesystem read-only', 'root filesystem writable');
  flag(before.privilegeEscalation, after.privilegeEscalation, 'no privilege escalation', 'privilege escalation possible');
  for (const [k, label] of [['seccomp', 'seccomp'], ['apparmor', 'AppArmor'], ['selinux', 'SELinux']] as const)
    if (before[k].mode !== after[k].mode) (after[k].mode === 'unconfined' ? wider : narrower).push(`${label} ${before[k].mode} -> ${after[k].mode}`);
  return { narrower, wider };
}

/** The candidate fixes for one container: its findings' fixes and the bundle for its workload or service. */
function candidateFixes(analysis: Analysis, target: ContainerExposure): Array<{ fix: Fix; part: number }> {
  const out: Array<{ fix: Fix; part: number }> = [];
  const partIndex = (offset: number): number => {
    let k = 0;
    analysis.parts.forEach((p, i) => {
      if (p.offset <= offset) k = i;
    });
    return k;
  };
  const home = partIndex(target.span.start);
  const part = analysis.parts[home];
  if (!part) return out;
  for (const f of analysis.findings) {
    if (f.suppressed || f.container !== target.container || (target.format === 'kubernetes' && f.object !== target.object)) continue;
    if (partIndex(f.span.start) !== home) continue;
    for (const fix of f.fixes) out.push({ fix: { ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start - part.offset, end: e.end - part.offset })) }, part: home });
  }
  const m = part.model;
  if (m.format === 'kubernetes') {
    const o = m.workloads.find((w) => w.label === target.object && w.containers.some((c) => c.name === target.container));
    const fix = o && restrictedProfileFix(m, o);
    if (fix?.edits.length) out.unshift({ fix, part: home });
  } else if (m.format === 'compose') {
    const s = m.services.find((x) => x.name === target.container);
    const fix = s && hardenServiceFix(m, s);
    if (fix?.edits.length) out.unshift({ fix, part: home });
  }
  return out;
}

/** One candidate fix's effect, or undefined when it changes nothing (or cannot be applied). */
function deltaOf(input: AnalyzeInput, analysis: Analysis, target: ContainerExposure, fix: Fix, part: number): ExposureDelta | undefined {
  const p = analysis.parts[part];
  const text = applyEditsSafe(p.model.text, fix);
  if (text === undefined) return undefined;
  const again = analyze({ ...input, text, kind: analysis.kind });
  const after = exposureOf(again).find((e) => exposureKey(e) === exposureKey(target));
  if (!after) return undefined;
  const before = target;
  const syscalls = before.syscalls.reachable !== undefined && after.syscalls.reachable !== undefined ? after.syscalls.reachable - before.syscalls.reachable : undefined;
  const capabilities = after.capabilities.held.length - before.capabilities.held.length;
  const { narrower, wider } = exposureChanges(before, after);
  const other = [...narrower, ...wider.map((w) => `but ${w}`)].filter((x) => !x.startsWith('seccomp '));
  if (!syscalls && !capabilities && !other.length && before.seccomp.mode === after.seccomp.mode) return undefined;
  if (syscalls === undefined && before.seccomp.mode !== after.seccomp.mode) other.unshift(`seccomp ${before.seccomp.mode} -> ${after.seccomp.mode}`);
  return { title: fix.title, safe: fix.safe, syscalls, capabilities, other };
}

/** The deltas one at a time: each `next()` applies and re-analyses one candidate fix. */
function* deltaSteps(input: AnalyzeInput, analysis: Analysis, target: ContainerExposure): Generator<ExposureDelta | undefined> {
  const seen = new Set<string>();
  for (const { fix, part } of candidateFixes(analysis, target)) {
    if (seen.has(fix.title) || !fix.edits.length) continue;
    seen.add(fix.title);
    yield deltaOf(input, analysis, target, fix, part);
  }
}

function byEffect(list: ExposureDelta[]): ExposureDelta[] {
  const weight = (d: ExposureDelta): number => (d.syscalls ?? 0) + d.capabilities * 10 - d.other.length;
  return list.sort((a, b) => weight(a) - weight(b));
}

/**
 * How each fix offered for a container changes its exposure: the fix is applied to the text of
 * the container's part (its YAML document, or the whole file), that text is analysed again and
 * the container's exposure compared. Only fixes that change something are listed, largest effect
 * first. Costs one analysis of the part per fix: for hovers, not for lenses. `isCancelled` is
 * asked between fixes (a cancelled computation returns what it has).
 */
export function exposureDeltas(input: AnalyzeInput, analysis: Analysis, target: ContainerExposure, isCancelled: () => boolean = () => false): ExposureDelta[] {
  const out: ExposureDelta[] = [];
  for (const d of deltaSteps(input, analysis, target)) {
    if (isCancelled()) break;
    if (d) out.push(d);
  }
  return byEffect(out);
}

/**
 * The same, yielding to the event loop between fixes so that a host can take a cancellation
 * in the middle; undefined when cancelled.
 */
export async function exposureDeltasAsync(input: AnalyzeInput, analysis: Analysis, target: ContainerExposure, isCancelled: () => boolean): Promise<ExposureDelta[] | undefined> {
  const out: ExposureDelta[] = [];
  const steps = deltaSteps(input, analysis, target);
  for (;;) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (isCancelled()) return undefined;
    const next = steps.next();
    if (next.done) break;
    if (next.value) out.push(next.value);
  }
  return byEffect(out);
}

function applyEditsSafe(text: string, fix: Fix): string | undefined {
  try {
    return applyEdits(text, fix.edits);
  } catch {
    return undefined;
  }
}
