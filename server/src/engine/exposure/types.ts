// What of the host kernel one container can reach: the exposure model's public shape. It is
// computed from the effective settings the format models already resolve (`exposureOf` in
// `model.ts`), read by the editor's code lens and hover and by the CLI's `--format exposure`
// table and JSON `exposure` list. The numbers come from the data files in `data/` (syscall
// tables, the runtimes' default seccomp profiles and capability sets); docs/exposure.md explains them.
import type { Format, Span } from '../types';

export type Arch = 'x86_64' | 'arm64';
/** Whose defaults apply: Docker for Dockerfiles and Compose, containerd (the usual CRI runtime) for Kubernetes. */
export type Runtime = 'docker' | 'containerd';

/** One confinement layer (seccomp, AppArmor, SELinux) as it applies to a container. */
export interface Confinement {
  /**
   * `unconfined`: the layer is off (for seccomp: no filter, every system call of the architecture
   * is reachable); `default`: the runtime's own profile or label; `custom`: a profile or label of
   * its own (`Localhost`, `seccomp=file.json`, `apparmor=name`, an SELinux type), not counted;
   * `unknown`: a value Harden cannot judge (an unset variable, an unknown type).
   */
  mode: 'unconfined' | 'default' | 'custom' | 'unknown';
  /** Why, in a few words: `seccompProfile.type: Unconfined`, `privileged: seccomp is off`, `not set (Kubernetes default)`. */
  reason: string;
  /** Where the deciding value is written, when it is written. */
  span?: Span;
}

export type SeccompState = Confinement;

export interface HostPathExposure {
  /** The host path as written (normalised). */
  path: string;
  readOnly: boolean;
  /** A container runtime socket (or a directory holding one): control of the daemon, that is root on the host. */
  socket: boolean;
  span: Span;
}

export interface ContainerExposure {
  format: Format;
  /** Kubernetes `Kind/name`; for a Dockerfile, the final stage's label. */
  object?: string;
  /** The Kubernetes container name, the Compose service name, or `final stage` for a Dockerfile. */
  container: string;
  /** Where the code lens goes: the container's `name:` entry, the service's key, the final stage's FROM. */
  span: Span;
  runtime: Runtime;
  arch: Arch;
  /** What chose the architecture when not the default (`nodeSelector kubernetes.io/arch: arm64`, `platform: linux/arm64`). */
  archFrom?: string;
  privileged: boolean;
  seccomp: SeccompState;
  /**
   * The Linux security modules, on hosts that run them (AppArmor: Debian, Ubuntu, SUSE; SELinux:
   * Fedora, RHEL and their kin, with the runtime's SELinux support on). Not counted in syscalls:
   * they confine files, mounts and kernel interfaces, not the system call table.
   */
  apparmor: Confinement;
  selinux: Confinement;
  syscalls: {
    /** System calls of the architecture (native 64-bit table). */
    total: number;
    /** How many the container can make; undefined when its profile is custom or unknown (not counted). */
    reachable?: number;
    /** Reachable system calls that a hardened container should not reach (mount, unshare, bpf...), by name. */
    notable: string[];
    /** Reachable only with some argument values (the profile filters their arguments). */
    filtered: string[];
  };
  capabilities: {
    /** Capabilities held (bounding set), canonical names without `CAP_`, in kernel number order. */
    held: string[];
    /** Every capability (privileged, or `ALL` added). */
    all: boolean;
    /** Held capabilities outside the Pod Security baseline set (SYS_ADMIN, NET_RAW...). */
    notable: string[];
    /** Some added or dropped entry could not be read (an unset variable): the count is a best guess. */
    uncertain: boolean;
  };
  /** Namespaces shared with the host. `user`: no user namespace of its own, so uid 0 inside is uid 0 outside. */
  hostNamespaces: { network: boolean; pid: boolean; ipc: boolean; uts: boolean; user: boolean };
  hostPaths: HostPathExposure[];
  /** true: runs as uid 0; false: a non-root user is set (or enforced); undefined: the image decides. */
  runsAsRoot: boolean | undefined;
  rootFilesystemWritable: boolean;
  /** A process can gain privileges it did not start with (setuid binaries, file capabilities): no_new_privs is off. */
  privilegeEscalation: boolean;
}

/** How one fix changes a container's exposure (negative numbers: less reachable). */
export interface ExposureDelta {
  title: string;
  safe: boolean;
  /** Change in reachable system calls; undefined when either side is not counted. */
  syscalls?: number;
  capabilities: number;
  /** Other changes in words: `host PID no longer shared`, `runs as non-root`, `root filesystem read-only`. */
  other: string[];
}
