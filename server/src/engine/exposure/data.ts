// The data behind the kernel attack surface model: the native 64-bit syscall tables of x86_64 and
// arm64, the default seccomp profiles of Docker (moby) and containerd, and the capability sets.
// The JSON files beside this module say where each comes from and which version; they are
// imported (bundled by esbuild, copied to out/ by tsc), never read from disk, so the engine stays
// pure. `scripts/check-exposure-data.ts` checks them and prints the numbers derived from them.
import capabilitiesJson from './data/capabilities.json';
import containerdJson from './data/seccomp-containerd.json';
import dockerJson from './data/seccomp-docker.json';
import syscallsJson from './data/syscalls.json';

/** The architectures Harden models, named as the kernel names them. */
export type ArchId = 'x86_64' | 'arm64';

/** The container runtimes whose defaults Harden knows. */
export type RuntimeId = 'docker' | 'containerd';

export const ARCH_IDS: readonly ArchId[] = ['x86_64', 'arm64'];
export const RUNTIME_IDS: readonly RuntimeId[] = ['docker', 'containerd'];

/** Go's name for each architecture: what `includes.arches` / `excludes.arches` in a profile compare with. */
export const GO_ARCH: Readonly<Record<ArchId, string>> = { x86_64: 'amd64', arm64: 'arm64' };

/** Every data set says where it was taken from and which upstream version. */
export interface Sourced {
  source: string;
  version: string;
}

/** One syscall table: kernel syscall name (as seccomp profiles spell it) -> number, native 64-bit ABI only. */
export interface SyscallTable extends Sourced {
  /** How the table was cross-checked against a second source. */
  verified?: string;
  syscalls: Record<string, number>;
}

export type SeccompAction =
  | 'SCMP_ACT_ALLOW'
  | 'SCMP_ACT_ERRNO'
  | 'SCMP_ACT_KILL'
  | 'SCMP_ACT_KILL_PROCESS'
  | 'SCMP_ACT_KILL_THREAD'
  | 'SCMP_ACT_TRAP'
  | 'SCMP_ACT_TRACE'
  | 'SCMP_ACT_LOG'
  | 'SCMP_ACT_NOTIFY';

export type SeccompOperator =
  | 'SCMP_CMP_NE'
  | 'SCMP_CMP_LT'
  | 'SCMP_CMP_LE'
  | 'SCMP_CMP_EQ'
  | 'SCMP_CMP_GE'
  | 'SCMP_CMP_GT'
  | 'SCMP_CMP_MASKED_EQ';

/** An argument condition: the rule matches only when argument `index` compares true with `value`. */
export interface SeccompArg {
  index: number;
  value: number;
  valueTwo?: number;
  op: SeccompOperator;
}

/**
 * When a rule is part of the profile (moby's `Filter`). `arches` are Go architecture names
 * (`amd64`, `arm64`, also moby's `x86` / `x32`), `caps` are `CAP_`-prefixed capability names.
 * In `includes` every listed capability must be held and the arch must be listed; in `excludes`
 * the rule is dropped when any listed capability is held or the arch is listed.
 */
export interface SeccompFilter {
  arches?: string[];
  caps?: string[];
  /** Kernel version the host must at least run, e.g. "4.8" (includes only). */
  minKernel?: string;
}

/** One rule of a profile, in moby's schema. */
export interface SeccompRule {
  names: string[];
  action: SeccompAction;
  errnoRet?: number;
  args?: SeccompArg[];
  includes?: SeccompFilter;
  excludes?: SeccompFilter;
  comment?: string;
}

export interface SeccompArchMapEntry {
  architecture: string;
  subArchitectures: string[] | null;
}

/** A default seccomp profile in moby's schema (`profiles/seccomp/default.json`). */
export interface SeccompProfileData extends Sourced {
  defaultAction: SeccompAction;
  /** The errno of `defaultAction` SCMP_ACT_ERRNO; absent means the runtime's default, EPERM (1). */
  defaultErrnoRet?: number;
  archMap?: SeccompArchMapEntry[];
  syscalls: SeccompRule[];
  /** moby: the github.com/moby/profiles module the profile comes from. */
  profileModule?: string;
  /** containerd: how its Go code was mapped onto this schema. */
  mapping?: string;
}

/** A capability set; names without the `CAP_` prefix. */
export interface CapabilitySet extends Sourced {
  capabilities: string[];
}

export interface CapabilityData {
  /** Every capability the kernel defines, in number order (index = capability number). */
  all: CapabilitySet;
  /** The capabilities a container gets when nothing is added or dropped. */
  defaults: Record<RuntimeId, CapabilitySet>;
}

export const SYSCALL_TABLES: Readonly<Record<ArchId, SyscallTable>> = syscallsJson.arches;

export const SECCOMP_PROFILES: Readonly<Record<RuntimeId, SeccompProfileData>> = {
  docker: dockerJson as SeccompProfileData,
  containerd: containerdJson as SeccompProfileData,
};

export const CAPABILITIES: Readonly<CapabilityData> = capabilitiesJson;
