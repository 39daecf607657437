// Checks of the kernel attack surface data (server/src/engine/exposure/data/*.json) and the
// numbers derived from it. Shared by `scripts/check-exposure-data.ts` (prints the figures) and
// `test/unit/exposure-data.test.ts` (runs them in `npm test`).
//
// The evaluator below is deliberately separate from the engine's exposure model: it is a small
// re-reading of how moby applies its profile (moby/profiles/seccomp, seccomp_linux.go), so that a
// mistake in either the data or the model shows up as a disagreement.
import {
  ARCH_IDS,
  CAPABILITIES,
  GO_ARCH,
  RUNTIME_IDS,
  SECCOMP_PROFILES,
  SYSCALL_TABLES,
  type ArchId,
  type RuntimeId,
  type SeccompProfileData,
  type SeccompRule,
  type SyscallTable,
  type CapabilityData,
} from '../server/src/engine/exposure/data';

/** What the profile does with one syscall for a given arch and capability set. */
export type Verdict =
  | { kind: 'allowed' }
  /** Allowed only when its arguments match (socket without AF_VSOCK, personality, clone without namespace flags). */
  | { kind: 'conditional' }
  /** Refused: by the default action, or by an explicit rule (clone3 -> ENOSYS). */
  | { kind: 'blocked'; errno: number };

const EPERM = 1;
const ENOSYS = 38;

/** Kernel assumed for `minKernel`: any kernel a supported distribution ships today. */
export const ASSUMED_KERNEL = '6.1';

function kernelAtLeast(have: string, need: string): boolean {
  const a = have.split('.').map(Number);
  const b = need.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * Whether a rule is part of the profile for this Go arch and `CAP_`-prefixed capability set:
 * includes.arches (if any) lists the arch, every includes.caps is held, includes.minKernel <=
 * ASSUMED_KERNEL, no excludes.caps is held and excludes.arches does not list the arch.
 */
export function ruleApplies(rule: SeccompRule, goArch: string, caps: ReadonlySet<string>): boolean {
  const inc = rule.includes ?? {};
  const exc = rule.excludes ?? {};
  if (inc.arches && inc.arches.length > 0 && !inc.arches.includes(goArch)) return false;
  if (inc.caps && !inc.caps.every((c) => caps.has(c))) return false;
  if (inc.minKernel && !kernelAtLeast(ASSUMED_KERNEL, inc.minKernel)) return false;
  if (exc.arches && exc.arches.includes(goArch)) return false;
  if (exc.caps && exc.caps.some((c) => caps.has(c))) return false;
  return true;
}

/** The verdict on any syscall name under the profile, for this Go arch and capability set. */
export function evaluateProfile(profile: SeccompProfileData, goArch: string, caps: ReadonlySet<string>): (name: string) => Verdict {
  const unconditional = new Set<string>();
  const withArgs = new Set<string>();
  const refused = new Map<string, number>();
  for (const rule of profile.syscalls) {
    if (!ruleApplies(rule, goArch, caps)) continue;
    for (const name of rule.names) {
      if (rule.action === 'SCMP_ACT_ALLOW') (rule.args && rule.args.length > 0 ? withArgs : unconditional).add(name);
      else refused.set(name, rule.errnoRet ?? profile.defaultErrnoRet ?? EPERM);
    }
  }
  const fallback = profile.defaultErrnoRet ?? EPERM;
  return (name) => {
    if (unconditional.has(name)) return { kind: 'allowed' };
    if (withArgs.has(name)) return { kind: 'conditional' };
    return { kind: 'blocked', errno: refused.get(name) ?? fallback };
  };
}

export type CapSetId = 'default' | 'all';

export interface Figure {
  arch: ArchId;
  runtime: RuntimeId;
  caps: CapSetId;
  syscalls: number;
  allowed: number;
  conditional: number;
  blocked: number;
}

/**
 * The figures, computed independently: a separate one-off Python program read the upstream Go
 * sources (moby/profiles/seccomp v0.1.0 default_linux.go, from which moby generates default.json,
 * and containerd v2.1.9 contrib/seccomp/seccomp_default.go, following its switch statements)
 * rather than our JSON, and counted against the same Linux 7.2.13 asm/unistd_64.h headers.
 * "default" = the runtime's 14 default capabilities, "all" = all 41 capabilities; kernel >= 4.8.
 */
export const EXPECTED_FIGURES: readonly Figure[] = [
  { arch: 'x86_64', runtime: 'docker', caps: 'default', syscalls: 385, allowed: 306, conditional: 3, blocked: 76 },
  { arch: 'x86_64', runtime: 'docker', caps: 'all', syscalls: 385, allowed: 349, conditional: 2, blocked: 34 },
  { arch: 'x86_64', runtime: 'containerd', caps: 'default', syscalls: 385, allowed: 298, conditional: 3, blocked: 84 },
  { arch: 'x86_64', runtime: 'containerd', caps: 'all', syscalls: 385, allowed: 338, conditional: 2, blocked: 45 },
  { arch: 'arm64', runtime: 'docker', caps: 'default', syscalls: 327, allowed: 264, conditional: 3, blocked: 60 },
  { arch: 'arm64', runtime: 'docker', caps: 'all', syscalls: 327, allowed: 305, conditional: 2, blocked: 20 },
  { arch: 'arm64', runtime: 'containerd', caps: 'default', syscalls: 327, allowed: 257, conditional: 3, blocked: 67 },
  { arch: 'arm64', runtime: 'containerd', caps: 'all', syscalls: 327, allowed: 295, conditional: 2, blocked: 30 },
];

/** Table sizes, counted with `grep -c '#define __NR_'` in the two headers (Debian linux-libc-dev 7.2.13-1). */
export const EXPECTED_TABLE_SIZES: Readonly<Record<ArchId, number>> = { x86_64: 385, arm64: 327 };

/**
 * Names the profiles allow that are syscalls of neither x86_64 nor arm64 (native 64-bit ABI).
 * Each was looked up in the linux-libc-dev 7.2.13 headers of the architecture named.
 */
export const OTHER_ARCH_SYSCALLS: ReadonlySet<string> = new Set([
  // 32-bit ABIs (i386, arm, and other 32-bit ports): 16/32-bit uid calls, 64-bit file offsets on 32-bit longs.
  'chown32', 'fchown32', 'lchown32', 'getuid32', 'geteuid32', 'getgid32', 'getegid32', 'getgroups32',
  'getresuid32', 'getresgid32', 'setuid32', 'setgid32', 'setreuid32', 'setregid32', 'setresuid32',
  'setresgid32', 'setfsuid32', 'setfsgid32', 'setgroups32',
  'fcntl64', 'fstat64', 'fstatat64', 'lstat64', 'stat64', 'statfs64', 'fstatfs64', 'ftruncate64',
  'truncate64', 'sendfile64', 'mmap2', '_llseek', 'fadvise64_64', 'ugetrlimit',
  // 32-bit ABIs: the *_time64 variants added for the year-2038 work (Linux 5.1).
  'clock_adjtime64', 'clock_getres_time64', 'clock_gettime64', 'clock_nanosleep_time64', 'clock_settime64',
  'futex_time64', 'io_pgetevents_time64', 'mq_timedreceive_time64', 'mq_timedsend_time64', 'ppoll_time64',
  'pselect6_time64', 'recvmmsg_time64', 'rt_sigtimedwait_time64', 'sched_rr_get_interval_time64',
  'semtimedop_time64', 'timer_gettime64', 'timer_settime64', 'timerfd_gettime64', 'timerfd_settime64',
  'utimensat_time64',
  // Old multiplexers and calls kept by i386, arm OABI, m68k and others.
  'ipc', 'socketcall', '_newselect', 'sigprocmask', 'sigreturn', 'waitpid', 'stime', 'umount', 'send', 'recv',
  // arm (32-bit) only: arm_* calls and the __ARM_NR_* private calls.
  'arm_fadvise64_64', 'arm_sync_file_range', 'breakpoint', 'cacheflush', 'set_tls',
  // powerpc (also arm's name for sync_file_range).
  'sync_file_range2', 'swapcontext',
  // s390x.
  's390_pci_mmio_read', 's390_pci_mmio_write', 's390_runtime_instr',
  // riscv64.
  'riscv_flush_icache', 'riscv_hwprobe',
]);

/** Architecture names that may appear in includes/excludes: Go's names plus moby's x86/x32. */
const KNOWN_ARCHES = new Set(['amd64', '386', 'x86', 'x32', 'arm', 'arm64', 'ppc64le', 's390', 's390x', 'riscv64', 'mips64', 'mips64le', 'loong64']);
const KNOWN_ACTIONS = new Set(['SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO', 'SCMP_ACT_KILL', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_KILL_THREAD', 'SCMP_ACT_TRAP', 'SCMP_ACT_TRACE', 'SCMP_ACT_LOG', 'SCMP_ACT_NOTIFY']);
const KNOWN_OPS = new Set(['SCMP_CMP_NE', 'SCMP_CMP_LT', 'SCMP_CMP_LE', 'SCMP_CMP_EQ', 'SCMP_CMP_GE', 'SCMP_CMP_GT', 'SCMP_CMP_MASKED_EQ']);
const SYSCALL_NAME = /^[a-z_][a-z0-9_]*$/;
const CAP_NAME = /^[A-Z][A-Z_]*$/;

/** Well-known numbers, from the man pages / strace tables, as spot checks of the transcription. */
const KNOWN_NUMBERS: Readonly<Record<ArchId, Readonly<Record<string, number>>>> = {
  x86_64: { read: 0, write: 1, open: 2, mmap: 9, clone: 56, execve: 59, ptrace: 101, mount: 165, unshare: 272, setns: 308, bpf: 321, openat: 257, newfstatat: 262, clone3: 435, io_uring_setup: 425 },
  // arm64: the asm-generic numbers, including those arm64 opts into with __ARCH_WANT_* (renameat, fstat, newfstatat, getrlimit, setrlimit, clone3, memfd_secret).
  arm64: { io_setup: 0, openat: 56, read: 63, write: 64, renameat: 38, newfstatat: 79, fstat: 80, getrlimit: 163, setrlimit: 164, clone: 220, execve: 221, mmap: 222, bpf: 280, clone3: 435, memfd_secret: 447 },
};
/** Syscalls arm64 does not have (it uses the *at forms, or they are x86-only). */
const NOT_ON_ARM64 = ['open', 'stat', 'lstat', 'fork', 'vfork', 'poll', 'select', 'rename', 'arch_prctl', 'modify_ldt', 'iopl', 'ioperm', 'time', 'uselib'];

/** Syscalls both default profiles block with the runtime's default capabilities, on both arches. */
export const BLOCKED_BY_DEFAULT = [
  'mount', 'umount2', 'unshare', 'setns', 'pivot_root', 'bpf', 'perf_event_open', 'keyctl', 'add_key',
  'request_key', 'reboot', 'init_module', 'finit_module', 'delete_module', 'kexec_load', 'kexec_file_load',
  'open_by_handle_at', 'swapon', 'swapoff', 'acct', 'settimeofday', 'clock_settime', 'syslog', 'sethostname',
  'setdomainname', 'quotactl', 'lookup_dcookie', 'fsopen', 'fsmount', 'move_mount', 'open_tree', 'userfaultfd',
  'io_uring_setup', 'io_uring_enter', 'io_uring_register', 'process_madvise', 'kcmp', 'pidfd_getfd', 'vhangup',
  'mbind', 'set_mempolicy', 'get_mempolicy', 'move_pages', 'migrate_pages', 'nfsservctl',
];
/** Allowed by default although they sound powerful (moby allows them on kernels >= 4.8 / always). */
export const ALLOWED_BY_DEFAULT = ['ptrace', 'process_vm_readv', 'process_vm_writev', 'chroot', 'seccomp', 'name_to_handle_at', 'execve', 'read', 'write', 'openat'];
/** Capability -> syscalls the profiles open when it is held (both profiles, both arches). */
export const OPENED_BY_CAPABILITY: Readonly<Record<string, readonly string[]>> = {
  CAP_SYS_ADMIN: ['mount', 'umount2', 'unshare', 'setns', 'bpf', 'perf_event_open', 'clone', 'clone3', 'sethostname', 'fsopen', 'open_tree', 'syslog', 'quotactl'],
  CAP_SYS_BOOT: ['reboot'],
  CAP_SYS_MODULE: ['init_module', 'finit_module', 'delete_module'],
  CAP_DAC_READ_SEARCH: ['open_by_handle_at'],
  CAP_SYS_PTRACE: ['kcmp', 'pidfd_getfd', 'process_madvise'],
  CAP_SYS_TIME: ['settimeofday', 'clock_settime'],
  CAP_SYS_PACCT: ['acct'],
  CAP_SYS_NICE: ['mbind', 'set_mempolicy', 'get_mempolicy'],
  CAP_SYS_TTY_CONFIG: ['vhangup'],
  CAP_SYSLOG: ['syslog'],
  CAP_BPF: ['bpf'],
  CAP_PERFMON: ['perf_event_open'],
};
/** Blocked by both profiles even with every capability. */
export const BLOCKED_WITH_ALL_CAPS = ['keyctl', 'add_key', 'request_key', 'kexec_load', 'kexec_file_load', 'swapon', 'swapoff', 'pivot_root', 'userfaultfd', 'io_uring_setup', 'move_pages', 'migrate_pages', 'open_tree_attr', 'listns'];

/**
 * Syscalls (of the arch's table) Docker's default profile allows with default capabilities and
 * containerd's does not: the ones moby/profiles added for Linux 6.8-6.13 (PR moby/moby#50077) that
 * containerd 2.1.9 does not have yet. Found by comparing the two upstream Go sources.
 */
export const DOCKER_ONLY_ALLOWED: Readonly<Record<ArchId, readonly string[]>> = {
  x86_64: ['getxattrat', 'listmount', 'listxattrat', 'mseal', 'removexattrat', 'setxattrat', 'statmount', 'uretprobe'],
  arm64: ['getxattrat', 'listmount', 'listxattrat', 'mseal', 'removexattrat', 'setxattrat', 'statmount'],
};

export interface Check {
  name: string;
  problems: string[];
}

/** The data under check; the unit test passes altered copies to see each check fail. */
export interface ExposureData {
  tables: Readonly<Record<ArchId, SyscallTable>>;
  profiles: Readonly<Record<RuntimeId, SeccompProfileData>>;
  capabilities: Readonly<CapabilityData>;
}

export const SHIPPED_DATA: ExposureData = { tables: SYSCALL_TABLES, profiles: SECCOMP_PROFILES, capabilities: CAPABILITIES };

function capSet(data: ExposureData, id: CapSetId, runtime: RuntimeId): Set<string> {
  const names = id === 'all' ? data.capabilities.all.capabilities : data.capabilities.defaults[runtime].capabilities;
  return new Set(names.map((c) => `CAP_${c}`));
}

/** The figures computed from the data files with the evaluator above. */
export function deriveFigures(data: ExposureData = SHIPPED_DATA): Figure[] {
  const out: Figure[] = [];
  for (const arch of ARCH_IDS) {
    for (const runtime of RUNTIME_IDS) {
      for (const caps of ['default', 'all'] as const) {
        const verdict = evaluateProfile(data.profiles[runtime], GO_ARCH[arch], capSet(data, caps, runtime));
        const names = Object.keys(data.tables[arch].syscalls);
        const count = (k: Verdict['kind']): number => names.filter((n) => verdict(n).kind === k).length;
        out.push({ arch, runtime, caps, syscalls: names.length, allowed: count('allowed'), conditional: count('conditional'), blocked: count('blocked') });
      }
    }
  }
  return out;
}

function tableChecks(data: ExposureData): Check[] {
  return ARCH_IDS.map((arch) => {
    const problems: string[] = [];
    const t = data.tables[arch];
    if (!t.source || !t.version) problems.push('source or version missing');
    const entries = Object.entries(t.syscalls);
    if (entries.length !== EXPECTED_TABLE_SIZES[arch]) problems.push(`${entries.length} syscalls, expected ${EXPECTED_TABLE_SIZES[arch]}`);
    const byNumber = new Map<number, string>();
    for (const [name, nr] of entries) {
      if (!SYSCALL_NAME.test(name)) problems.push(`bad name ${JSON.stringify(name)}`);
      if (!Number.isInteger(nr) || nr < 0 || nr > 1023) problems.push(`${name}: bad number ${nr}`);
      const other = byNumber.get(nr);
      if (other !== undefined) problems.push(`${name} and ${other} share number ${nr}`);
      byNumber.set(nr, name);
    }
    for (const [name, nr] of Object.entries(KNOWN_NUMBERS[arch])) {
      if (t.syscalls[name] !== nr) problems.push(`${name} is ${t.syscalls[name]}, expected ${nr}`);
    }
    if (arch === 'arm64') for (const name of NOT_ON_ARM64) if (name in t.syscalls) problems.push(`arm64 has no ${name}`);
    return { name: `syscall table ${arch}`, problems };
  });
}

function profileChecks(data: ExposureData): Check[] {
  const known = new Set<string>();
  for (const arch of ARCH_IDS) for (const n of Object.keys(data.tables[arch].syscalls)) known.add(n);
  const allCaps = new Set(data.capabilities.all.capabilities.map((c) => `CAP_${c}`));
  const used = new Set<string>();
  const checks = RUNTIME_IDS.map((runtime): Check => {
    const p = data.profiles[runtime];
    const problems: string[] = [];
    if (!p.source || !p.version) problems.push('source or version missing');
    if (p.defaultAction !== 'SCMP_ACT_ERRNO') problems.push(`defaultAction ${p.defaultAction}`);
    if (p.defaultErrnoRet !== undefined && p.defaultErrnoRet !== EPERM) problems.push(`defaultErrnoRet ${p.defaultErrnoRet}`);
    if (!Array.isArray(p.syscalls) || p.syscalls.length === 0) problems.push('no rules');
    p.syscalls.forEach((r, i) => {
      const at = `rule ${i} (${r.names.slice(0, 2).join(', ')})`;
      if (r.names.length === 0) problems.push(`${at}: no names`);
      if (new Set(r.names).size !== r.names.length) problems.push(`${at}: duplicate names`);
      for (const n of r.names) {
        used.add(n);
        if (!known.has(n) && !OTHER_ARCH_SYSCALLS.has(n)) problems.push(`${at}: unknown syscall ${JSON.stringify(n)}`);
      }
      if (!KNOWN_ACTIONS.has(r.action)) problems.push(`${at}: unknown action ${r.action}`);
      if (r.errnoRet !== undefined && r.action !== 'SCMP_ACT_ERRNO') problems.push(`${at}: errnoRet without SCMP_ACT_ERRNO`);
      for (const a of r.args ?? []) {
        if (!KNOWN_OPS.has(a.op) || !Number.isInteger(a.index) || a.index < 0 || a.index > 5 || !Number.isInteger(a.value)) problems.push(`${at}: bad arg ${JSON.stringify(a)}`);
      }
      for (const f of [r.includes, r.excludes]) {
        for (const c of f?.caps ?? []) if (!allCaps.has(c)) problems.push(`${at}: unknown capability ${c}`);
        for (const a of f?.arches ?? []) if (!KNOWN_ARCHES.has(a)) problems.push(`${at}: unknown arch ${a}`);
      }
      if (r.excludes?.minKernel) problems.push(`${at}: excludes.minKernel is not part of the schema`);
      if (r.includes?.minKernel && !/^\d+\.\d+$/.test(r.includes.minKernel)) problems.push(`${at}: bad minKernel ${r.includes.minKernel}`);
    });
    // A syscall must never be both allowed outright and refused by an explicit rule at once.
    for (const arch of ARCH_IDS) {
      for (const caps of ['default', 'all'] as const) {
        const held = capSet(data, caps, runtime);
        const allowed = new Set<string>();
        const refused = new Set<string>();
        for (const r of p.syscalls) {
          if (!ruleApplies(r, GO_ARCH[arch], held)) continue;
          if (r.action !== 'SCMP_ACT_ALLOW') for (const n of r.names) refused.add(n);
          else if (!r.args || r.args.length === 0) for (const n of r.names) allowed.add(n);
        }
        for (const n of refused) if (allowed.has(n)) problems.push(`${arch}/${caps}: ${n} is both allowed and refused`);
      }
    }
    return { name: `seccomp profile ${runtime}`, problems };
  });
  const stale = [...OTHER_ARCH_SYSCALLS].filter((n) => !used.has(n) || known.has(n));
  checks.push({ name: 'other-arch allowlist is minimal', problems: stale.map((n) => `${n} is unused or is a syscall of x86_64/arm64`) });
  return checks;
}

function figureChecks(data: ExposureData): Check {
  const problems: string[] = [];
  const derived = deriveFigures(data);
  for (const want of EXPECTED_FIGURES) {
    const got = derived.find((f) => f.arch === want.arch && f.runtime === want.runtime && f.caps === want.caps);
    if (!got) problems.push(`no figure for ${want.arch}/${want.runtime}/${want.caps}`);
    else if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${want.arch}/${want.runtime}/${want.caps}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  if (derived.length !== EXPECTED_FIGURES.length) problems.push(`${derived.length} figures, expected ${EXPECTED_FIGURES.length}`);
  return { name: 'derived figures match the independent count', problems };
}

function factChecks(data: ExposureData): Check[] {
  const checks: Check[] = [];
  for (const runtime of RUNTIME_IDS) {
    const problems: string[] = [];
    for (const arch of ARCH_IDS) {
      const go = GO_ARCH[arch];
      const table = data.tables[arch].syscalls;
      const def = evaluateProfile(data.profiles[runtime], go, capSet(data, 'default', runtime));
      const all = evaluateProfile(data.profiles[runtime], go, capSet(data, 'all', runtime));
      const expect = (v: (n: string) => Verdict, name: string, kind: Verdict['kind'], when: string): void => {
        if (!(name in table)) problems.push(`${arch}: ${name} is not in the table`);
        else if (v(name).kind !== kind) problems.push(`${arch} ${when}: ${name} is ${v(name).kind}, expected ${kind}`);
      };
      for (const n of BLOCKED_BY_DEFAULT) expect(def, n, 'blocked', 'default caps');
      for (const n of ALLOWED_BY_DEFAULT) expect(def, n, 'allowed', 'default caps');
      expect(def, 'clone', 'conditional', 'default caps');
      expect(def, 'socket', 'conditional', 'default caps');
      expect(def, 'personality', 'conditional', 'default caps');
      const clone3 = def('clone3');
      if (clone3.kind !== 'blocked' || clone3.errno !== ENOSYS) problems.push(`${arch}: clone3 without CAP_SYS_ADMIN should fail with ENOSYS, got ${JSON.stringify(clone3)}`);
      if (def('mount').kind === 'blocked' && (def('mount') as { errno: number }).errno !== EPERM) problems.push(`${arch}: mount should fail with EPERM`);
      for (const [cap, names] of Object.entries(OPENED_BY_CAPABILITY)) {
        const withCap = evaluateProfile(data.profiles[runtime], go, new Set([...capSet(data, 'default', runtime), cap]));
        for (const n of names) expect(withCap, n, 'allowed', `default caps + ${cap}`);
      }
      for (const n of BLOCKED_WITH_ALL_CAPS) expect(all, n, 'blocked', 'all caps');
      expect(all, 'clone', 'allowed', 'all caps');
      if (arch === 'x86_64') {
        expect(def, 'arch_prctl', 'allowed', 'default caps');
        expect(def, 'modify_ldt', 'allowed', 'default caps');
        expect(def, 'iopl', 'blocked', 'default caps');
        expect(all, 'iopl', 'allowed', 'all caps');
      }
    }
    checks.push({ name: `well-known facts, ${runtime}`, problems });
  }
  // Docker and containerd differ only where the upstream sources differ.
  const problems: string[] = [];
  for (const arch of ARCH_IDS) {
    const d = evaluateProfile(data.profiles.docker, GO_ARCH[arch], capSet(data, 'default', 'docker'));
    const c = evaluateProfile(data.profiles.containerd, GO_ARCH[arch], capSet(data, 'default', 'containerd'));
    const names = Object.keys(data.tables[arch].syscalls);
    const dockerOnly = names.filter((n) => d(n).kind === 'allowed' && c(n).kind !== 'allowed').sort();
    const containerdOnly = names.filter((n) => c(n).kind === 'allowed' && d(n).kind !== 'allowed').sort();
    if (dockerOnly.join() !== [...DOCKER_ONLY_ALLOWED[arch]].sort().join()) problems.push(`${arch}: Docker-only ${dockerOnly.join(', ')}`);
    if (containerdOnly.length > 0) problems.push(`${arch}: containerd-only ${containerdOnly.join(', ')}`);
  }
  checks.push({ name: 'Docker vs containerd differences', problems });
  return checks;
}

function capabilityChecks(data: ExposureData): Check {
  const problems: string[] = [];
  const all = data.capabilities.all.capabilities;
  if (!data.capabilities.all.source || !data.capabilities.all.version) problems.push('all: source or version missing');
  // include/uapi/linux/capability.h: CAP_CHOWN 0 ... CAP_LAST_CAP = CAP_CHECKPOINT_RESTORE 40.
  if (all.length !== 41) problems.push(`all has ${all.length} capabilities, expected 41`);
  if (new Set(all).size !== all.length) problems.push('all has duplicates');
  for (const [i, name] of [[0, 'CHOWN'], [12, 'NET_ADMIN'], [21, 'SYS_ADMIN'], [38, 'PERFMON'], [39, 'BPF'], [40, 'CHECKPOINT_RESTORE']] as const) {
    if (all[i] !== name) problems.push(`capability ${i} is ${all[i]}, expected ${name}`);
  }
  for (const c of all) if (!CAP_NAME.test(c) || c.startsWith('CAP_')) problems.push(`bad capability name ${c}`);
  for (const runtime of RUNTIME_IDS) {
    const d = data.capabilities.defaults[runtime];
    if (!d.source || !d.version) problems.push(`${runtime}: source or version missing`);
    if (new Set(d.capabilities).size !== d.capabilities.length) problems.push(`${runtime}: duplicates`);
    for (const c of d.capabilities) if (!all.includes(c)) problems.push(`${runtime}: ${c} is not a capability`);
    // Both runtimes grant the same 14 (moby oci/caps/defaults.go, containerd pkg/oci/spec.go).
    if (d.capabilities.length !== 14) problems.push(`${runtime}: ${d.capabilities.length} default capabilities, expected 14`);
    for (const c of ['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'DAC_READ_SEARCH', 'SYS_MODULE']) if (d.capabilities.includes(c)) problems.push(`${runtime}: ${c} is not a default`);
    for (const c of ['CHOWN', 'NET_RAW', 'SYS_CHROOT', 'SETUID', 'AUDIT_WRITE', 'MKNOD']) if (!d.capabilities.includes(c)) problems.push(`${runtime}: ${c} is a default`);
  }
  return { name: 'capabilities', problems };
}

/** Every check; a check passed when its `problems` list is empty. */
export function runExposureDataChecks(data: ExposureData = SHIPPED_DATA): Check[] {
  return [...tableChecks(data), ...profileChecks(data), figureChecks(data), ...factChecks(data), capabilityChecks(data)];
}
