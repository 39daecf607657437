// Hover knowledge: what a finding's rule is about, and what security-relevant keys, values,
// capability names and Dockerfile instructions do, in plain words. Pure: text and offsets in,
// Markdown and a span out. The language server only converts positions.
import { BASELINE_CAPABILITIES, normaliseCapability } from './capabilities';
import type { Rule } from './rule';
import { getRule, isRuleId } from './rules';
import type { Finding, Format, RuleMeta, Span } from './types';
import { isMap, isPair, isScalar, isSeq, str, type YamlStream, type YDoc } from './yaml/parse';

export interface HoverInput {
  kind: Format;
  text: string;
  offset: number;
  /** The parsed YAML stream (Compose and Kubernetes): the whole text, or the document chunk under the cursor. */
  yaml?: YamlStream;
  /** Where `yaml`'s text starts in `text` (a chunk of a multi-document file); 0 by default. */
  yamlBase?: number;
  /** The document's findings (suppressed ones are ignored). */
  findings: readonly Finding[];
  /** Link to a rule's documentation page, when the host has one. */
  docsUri?: (rule: string) => string | undefined;
}

export interface HoverResult {
  markdown: string;
  span: Span;
}

// ---------------------------------------------------------------------------------------------
// Rule cards

function fixSafetyLine(rule: RuleMeta, finding?: Finding): string {
  const fix = finding?.fixes[0];
  if (fix) {
    return fix.safe
      ? `**Quick fix (safe):** ${fix.title}. Fix-all and fix-on-save apply it.`
      : `**Quick fix (unsafe):** ${fix.title}. It changes how the container runs, so fix-all and fix-on-save never apply it: review and test the change.`;
  }
  if (finding) return '**Quick fix:** none for this finding; see how to fix above.';
  if (!rule.fix) return '**Quick fix:** none: the right change depends on the workload.';
  return rule.fix.safe ? `**Quick fix (safe):** ${rule.fix.description}.` : `**Quick fix (unsafe):** ${rule.fix.description}; never applied by fix-all or on save.`;
}

/**
 * The Markdown card of a rule: title, why it matters, how to fix, fix safety, references. The
 * finding's message is not repeated: editors already show it above the hover.
 */
export function ruleCard(rule: Rule, finding?: Finding, docsUri?: string): string {
  const title = rule.title && rule.title !== 'TITLE' ? rule.title : rule.id;
  const out = [`**${title}** · \`${rule.id}\` · ${finding?.severity ?? rule.severity}`];
  if (rule.docs.why) out.push('', `**Why it matters.** ${rule.docs.why}`);
  if (rule.docs.fix) out.push('', `**How to fix.** ${rule.docs.fix}`);
  out.push('', fixSafetyLine(rule, finding));
  const links = rule.references.map((r) => `[${r.title}](${r.url})`);
  if (docsUri) links.unshift(`[Rule documentation](${docsUri})`);
  if (links.length) out.push('', links.join(' · '));
  return out.join('\n');
}

/** A rule id inside a `# harden-ignore` / `# harden-ignore-file` comment at `offset`. */
export function directiveIdAt(text: string, offset: number): { id: string; span: Span } | undefined {
  let ls = offset;
  while (ls > 0 && text[ls - 1] !== '\n' && text[ls - 1] !== '\r') ls--;
  let le = offset;
  while (le < text.length && text[le] !== '\n' && text[le] !== '\r') le++;
  const line = text.slice(ls, le);
  const m = /^([ \t]*#[ \t]*harden-ignore(?:-file)?)(?=[ \t]|$)/.exec(line);
  if (!m) return undefined;
  const dash = line.indexOf('--', m[1].length);
  const body = line.slice(0, dash >= 0 ? dash : line.length);
  const re = /[^\s,]+/g;
  re.lastIndex = m[1].length;
  let t: RegExpExecArray | null;
  while ((t = re.exec(body))) {
    const start = ls + t.index;
    const end = start + t[0].length;
    if (offset >= start && offset <= end) return { id: t[0], span: { start, end } };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Capabilities (capabilities(7)), with their standing in Docker's default set and Pod Security.

const DOCKER_DEFAULT = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

export const CAPABILITIES: Readonly<Record<string, string>> = {
  ALL: 'Every capability the kernel knows, including `SYS_ADMIN`, `SYS_MODULE` and `SYS_RAWIO`: root inside the container is nearly as strong as root on the host. In `drop`, `ALL` is the right starting point; in `add`, it is close to `privileged`.',
  AUDIT_CONTROL: 'Enable and disable kernel auditing and change audit rules: can blind the host\'s audit trail.',
  AUDIT_READ: 'Read the kernel audit log through a multicast netlink socket.',
  AUDIT_WRITE: 'Write records to the kernel audit log.',
  BLOCK_SUSPEND: 'Prevent the system from suspending (epoll wake-ups).',
  BPF: 'Load BPF programs and create BPF maps (Linux 5.8+, split out of `SYS_ADMIN`). The BPF verifier and JIT are a large kernel attack surface with a history of privilege-escalation bugs; with `PERFMON` it allows tracing programs that read kernel memory.',
  CHECKPOINT_RESTORE: 'Checkpoint/restore operations (set PIDs of new processes, read other processes\' memory maps).',
  CHOWN: 'Change the owner and group of any file, regardless of who owns it.',
  DAC_OVERRIDE: 'Bypass file read, write and execute permission checks: read and overwrite any file the container can see, whatever its mode.',
  DAC_READ_SEARCH: 'Bypass read permission checks on files and directories, and use `open_by_handle_at(2)`: the call behind the "shocker" escape, which opens files on the host file system from inside a container.',
  FOWNER: 'Bypass the checks that require the caller to own a file (chmod, utime, ACL changes on files owned by others).',
  FSETID: 'Keep set-user-ID and set-group-ID bits when a file is modified; set the set-group-ID bit on files of other groups.',
  IPC_LOCK: 'Lock memory (`mlock`, huge pages) beyond the usual limits: a way to exhaust host memory.',
  IPC_OWNER: 'Bypass permission checks on System V IPC objects.',
  KILL: 'Send signals to any process, bypassing the owner check (within the PID namespace; with `hostPID`, host processes too).',
  LEASE: 'Take leases on files the process does not own.',
  LINUX_IMMUTABLE: 'Set and clear the immutable and append-only file attributes.',
  MAC_ADMIN: 'Change the mandatory access control policy (AppArmor, SELinux, Smack): can undo the confinement meant to contain the container.',
  MAC_OVERRIDE: 'Override mandatory access control (Smack).',
  MKNOD: 'Create device special files with `mknod(2)` (the device cgroup still decides which devices can be opened).',
  NET_ADMIN: 'Configure network interfaces, routes, firewall (iptables/nftables) rules, traffic shaping and promiscuous mode. With `hostNetwork`/`network_mode: host` this reconfigures the host\'s own network; otherwise the pod network, still enough to intercept or redirect traffic.',
  NET_BIND_SERVICE: 'Bind to ports below 1024. The only capability the Pod Security restricted profile allows adding.',
  NET_BROADCAST: 'Broadcast and listen to multicast (unused by the kernel today).',
  NET_RAW: 'Open raw and packet sockets: craft arbitrary packets, spoof addresses, ARP and DNS spoofing on the node\'s network. In Docker\'s default set (for `ping`); drop it unless you truly need it (modern `ping` works without it).',
  PERFMON: 'Use `perf_event_open` and performance monitoring (Linux 5.8+): profile other processes and leak kernel addresses; with `BPF`, load tracing programs.',
  SETFCAP: 'Set file capabilities on executables (so running them grants capabilities).',
  SETGID: 'Change group ids arbitrarily (setgid, setgroups): needed by `su`/`sudo`-style tools to switch identity.',
  SETPCAP: 'Change capability sets: grant capabilities from the bounding set to other processes, or drop them from the bounding set.',
  SETUID: 'Change user ids arbitrarily (setuid, setreuid): lets a process become any user, including root. In Docker\'s default set; drop it unless the process must switch users.',
  SYSLOG: 'Read and clear the kernel log (`dmesg`), which reveals kernel addresses useful to exploits.',
  SYS_ADMIN: 'The catch-all administrative capability: mount file systems, create namespaces, `setns`, use many `ioctl`s, quota, swap, hostname... Often called "the new root": with it, well-known escapes (cgroup v1 `release_agent`, mounting host devices) reach the host.',
  SYS_BOOT: 'Reboot the machine and load a new kernel (`reboot`, `kexec_load`): the host, not just the container.',
  SYS_CHROOT: 'Use `chroot(2)` and change mount namespaces with `setns`.',
  SYS_MODULE: 'Load and unload kernel modules: arbitrary code in the host kernel, a complete host compromise.',
  SYS_NICE: 'Raise process priority and set real-time scheduling for any process: starve the node\'s other workloads.',
  SYS_PACCT: 'Turn process accounting on and off.',
  SYS_PTRACE: 'Trace and inspect any process (`ptrace`, `process_vm_readv`): read memory and secrets of other processes, inject code; with `hostPID`, host processes too. On kernels before 4.8 it also bypasses seccomp.',
  SYS_RAWIO: 'Raw I/O: `iopl`/`ioperm`, `/dev/mem`, `/dev/kmem`, `/dev/port`, raw SCSI commands: direct access to physical memory and hardware.',
  SYS_RESOURCE: 'Override resource limits (disk quotas, reserved space, rlimits, message queue sizes): a way to exhaust host resources.',
  SYS_TIME: 'Set the system clock. The clock is not namespaced: this changes the host\'s time for every container.',
  SYS_TTY_CONFIG: 'Configure terminals (`vhangup`, privileged `ioctl`s on virtual terminals).',
  WAKE_ALARM: 'Set alarms that wake the system from suspend.',
};

/** Hover text of a capability name (any spelling: `CAP_SYS_ADMIN`, `sys_admin`). */
export function capabilityMarkdown(name: string): string | undefined {
  const cap = normaliseCapability(name);
  const what = CAPABILITIES[cap];
  if (!what) return undefined;
  const standing: string[] = [];
  if (cap !== 'ALL') {
    standing.push(DOCKER_DEFAULT.has(cap) ? 'in Docker\'s default set' : 'not in Docker\'s default set');
    standing.push(cap === 'NET_BIND_SERVICE' ? 'allowed by every Pod Security level' : BASELINE_CAPABILITIES.has(cap) ? 'allowed by Pod Security baseline, not restricted' : 'forbidden by Pod Security baseline');
  }
  const spelled = name.trim() !== cap ? `\n\nWritten \`${name.trim()}\`: Kubernetes expects \`${cap}\` (no \`CAP_\` prefix, upper case).` : '';
  return `**Capability \`${cap}\`**${standing.length ? ` (${standing.join('; ')})` : ''}\n\n${what}${spelled}`;
}

// ---------------------------------------------------------------------------------------------
// Keys and values

type Knowledge = (value: string | undefined) => string;

const k = (title: string, body: string, values: Record<string, string> = {}): Knowledge => (value) => {
  const v = value === undefined ? undefined : values[value] ?? values[value.toLowerCase()];
  return `**${title}**\n\n${body}${v ? `\n\n${v}` : ''}`;
};

const KUBERNETES: Record<string, Knowledge> = {
  securityContext: k('securityContext', 'Security settings of the pod (defaults for its containers) or of one container. A container value wins over the pod value for `runAsUser`, `runAsGroup`, `runAsNonRoot`, `seccompProfile`, `appArmorProfile`, `seLinuxOptions`; `privileged`, `allowPrivilegeEscalation`, `capabilities`, `readOnlyRootFilesystem` and `procMount` exist only on containers.'),
  privileged: k('privileged', 'A privileged container runs with every capability, every host device, no seccomp or AppArmor confinement and writable `/sys`: root in it is root on the node. Forbidden by Pod Security baseline.', { true: '`true`: the container can take over the node.', false: '`false`: the default; the container stays confined.' }),
  allowPrivilegeEscalation: k('allowPrivilegeEscalation', 'Controls the `no_new_privs` flag: when `false`, setuid binaries (`sudo`, `su`) and file capabilities cannot give a process more privileges than its parent. Defaults to `true` (and is always true when privileged or with `SYS_ADMIN`). Pod Security restricted requires `false`.', { true: '`true`: setuid binaries can turn a compromised process into root.', false: '`false`: sets `no_new_privs`; the recommended value.' }),
  capabilities: k('capabilities', 'Linux capabilities split root\'s power into pieces. `drop` removes them from the container\'s default set, `add` grants extra ones. Pod Security restricted requires `drop: ["ALL"]` and allows adding only `NET_BIND_SERVICE`.'),
  add: k('capabilities.add', 'Capabilities granted on top of the runtime\'s default set. Pod Security baseline allows only `AUDIT_WRITE CHOWN DAC_OVERRIDE FOWNER FSETID KILL MKNOD NET_BIND_SERVICE SETFCAP SETGID SETPCAP SETUID SYS_CHROOT`; restricted only `NET_BIND_SERVICE`. Hover a name for what it allows.'),
  drop: k('capabilities.drop', 'Capabilities removed from the container. Drop `ALL` and add back only what the process needs: fewer capabilities means fewer kernel paths an attacker can reach. Required (`ALL`) by Pod Security restricted.'),
  seccompProfile: k('seccompProfile', 'The seccomp filter that limits which system calls the container may make. `RuntimeDefault` blocks dozens of rarely needed, historically exploitable calls (`keyctl`, `unshare`, `bpf`, `mount`...). Pod Security restricted requires `RuntimeDefault` or `Localhost`.'),
  appArmorProfile: k('appArmorProfile', 'The AppArmor profile confining the container (Kubernetes 1.30+ field). `RuntimeDefault` denies writes to `/proc` and `/sys` and mounting; `Unconfined` removes that layer. Pod Security baseline forbids `Unconfined`.'),
  seLinuxOptions: k('seLinuxOptions', 'The SELinux label of the container. Types other than `container_t`, `container_init_t`, `container_kvm_t` and `container_engine_t`, or a custom `user`/`role`, can lift the separation between containers and the host (for example `spc_t` is unconfined). Pod Security baseline forbids them.'),
  type: k('type', 'The profile type.', {
    unconfined: '`Unconfined`: no filter at all; every system call and kernel path is reachable. Forbidden by Pod Security baseline.',
    runtimedefault: '`RuntimeDefault`: the container runtime\'s default profile; the recommended value.',
    localhost: '`Localhost`: a profile installed on the node (`localhostProfile` names it).',
  }),
  runAsNonRoot: k('runAsNonRoot', 'When `true`, the kubelet refuses to start the container if its user is root (uid 0), whether that user comes from `runAsUser` or the image. It cannot verify a non-numeric image `USER`. Required by Pod Security restricted.', { true: '`true`: root is refused at start.', false: '`false`: nothing stops the container from running as root.' }),
  runAsUser: k('runAsUser', 'The uid the container\'s processes run as, overriding the image\'s `USER`. uid 0 is root: any escape from the container lands as root on the node, and root in the container can use every granted capability. Use a high uid such as `10001`.', { '0': '`0`: root.' }),
  runAsGroup: k('runAsGroup', 'The primary gid of the container\'s processes. gid 0 (root group) gives access to root-group-owned files on shared and host volumes.', { '0': '`0`: the root group.' }),
  fsGroup: k('fsGroup', 'A supplemental group applied to the pod\'s volumes (their files become group-owned by it). `0` makes volume contents root-group owned.', { '0': '`0`: the root group.' }),
  supplementalGroups: k('supplementalGroups', 'Extra groups of the container\'s first process. Avoid `0` (root group).'),
  readOnlyRootFilesystem: k('readOnlyRootFilesystem', 'Mounts the container\'s root file system read-only: an attacker cannot drop tools or modify binaries, and the image stays what was scanned. Give the process `emptyDir` volumes for the paths it must write.', { true: '`true`: the root file system is read-only.', false: '`false`: the default; everything in the image is writable.' }),
  hostNetwork: k('hostNetwork', 'Runs the pod in the node\'s network namespace: it sees every host interface, can bind any host port, reach services listening on localhost (kubelet, cloud metadata) and sniff node traffic with `NET_RAW`. Forbidden by Pod Security baseline.'),
  hostPID: k('hostPID', 'Shares the node\'s process namespace: the pod sees every process on the node, their command lines and environment (secrets), and with `SYS_PTRACE` or as the same uid can inspect or signal them. Forbidden by Pod Security baseline.'),
  hostIPC: k('hostIPC', 'Shares the node\'s IPC namespace: System V shared memory and message queues of host processes become readable and writable. Forbidden by Pod Security baseline.'),
  hostPath: k('hostPath', 'Mounts a file or directory of the node into the pod. Writable host paths allow escaping (writing cron jobs, kubelet files, binaries); even read-only ones can leak secrets. Forbidden by Pod Security baseline; prefer `emptyDir`, `configMap`, `secret` or a PersistentVolumeClaim.'),
  hostPort: k('hostPort', 'Binds the container port on the node\'s IP, bypassing network policy and service abstractions, and limits scheduling. Pod Security baseline allows only `0`.'),
  procMount: k('procMount', 'How `/proc` is mounted. `Default` masks sensitive paths (`/proc/kcore`, `/proc/sysrq-trigger`...) and makes others read-only; `Unmasked` exposes them. Pod Security baseline allows only `Default`.', { unmasked: '`Unmasked`: kernel interfaces in `/proc` become visible and writable.' }),
  automountServiceAccountToken: k('automountServiceAccountToken', 'Whether the pod gets a Kubernetes API token mounted at `/var/run/secrets/kubernetes.io/serviceaccount`. A compromised container can use the token against the API server with the service account\'s permissions. Set `false` unless the workload calls the API.', { false: '`false`: no API token in the pod.', true: '`true`: the API token is mounted.' }),
  shareProcessNamespace: k('shareProcessNamespace', 'All containers of the pod share one PID namespace: each can see the others\' processes and, as the same uid, read their environment and files through `/proc/<pid>/root`.'),
  sysctls: k('sysctls', 'Kernel parameters set for the pod. Only namespaced, safe ones are isolated per pod; others change the node for everybody. Pod Security baseline allows only the safe set.'),
  mountPropagation: k('mountPropagation', '`Bidirectional` lets mounts made in the container appear on the host (and in other pods): only privileged containers may use it, and it can break the node.', { bidirectional: '`Bidirectional`: container mounts propagate to the host.' }),
  hostProcess: k('windowsOptions.hostProcess', 'A Windows HostProcess container runs directly on the node with host access (like privileged on Linux). Forbidden by Pod Security baseline.'),
  windowsOptions: k('windowsOptions', 'Windows-specific settings; `hostProcess: true` runs the container as a process on the host.'),
};

const COMPOSE: Record<string, Knowledge> = {
  privileged: k('privileged', 'Runs the container with every capability, access to all host devices, no seccomp or AppArmor confinement and writable `/sys`: root in the container is root on the host (`docker run --privileged`).', { true: '`true`: the container can take over the host.' }),
  cap_add: k('cap_add', 'Capabilities added to Docker\'s default set (`--cap-add`). Hover a name for what it allows; prefer `cap_drop: [ALL]` and add back only `NET_BIND_SERVICE` if needed.'),
  cap_drop: k('cap_drop', 'Capabilities removed from Docker\'s default set (`--cap-drop`). `ALL` removes the 14 defaults (including `NET_RAW`, `SETUID`, `DAC_OVERRIDE`); add back only what the process needs.'),
  security_opt: k('security_opt', 'Security options of the container (`--security-opt`): `no-new-privileges`, seccomp, AppArmor and SELinux labels. Hover an entry for its effect.'),
  network_mode: k('network_mode', 'The container\'s network namespace.', { host: '`host`: the container shares the host\'s network stack: it sees every interface, can bind any host port and reach services listening on the host\'s localhost.' }),
  pid: k('pid', 'The container\'s PID namespace.', { host: '`host`: the container sees and can signal every process on the host, and read their command lines and environment.' }),
  ipc: k('ipc', 'The container\'s IPC namespace.', { host: '`host`: System V shared memory and message queues of the host are shared with the container.' }),
  userns_mode: k('userns_mode', 'The user namespace mode.', { host: '`host`: disables user-namespace remapping for this container: root in it is root on the host.' }),
  uts: k('uts', 'The UTS (hostname) namespace.', { host: '`host`: the container can change the host\'s hostname.' }),
  cgroup: k('cgroup', 'The cgroup namespace.', { host: '`host`: the container sees the host\'s cgroup hierarchy.' }),
  user: k('user', 'The user (and group) the container\'s process runs as, overriding the image\'s `USER`. Root (`0` or `root`) means any escape lands as root on the host. Use a numeric non-root uid, for example `"10001:10001"`.', { root: '`root`: the container runs as root.', '0': '`0`: the container runs as root.' }),
  read_only: k('read_only', 'Mounts the container\'s root file system read-only (`--read-only`): an attacker cannot drop tools or change binaries. Use `tmpfs` or volumes for paths the process must write.', { true: '`true`: the root file system is read-only.' }),
  devices: k('devices', 'Host devices exposed to the container (`--device`). Each device node is direct access to a host driver: block devices can expose host disks, `/dev/mem` physical memory.'),
  sysctls: k('sysctls', 'Kernel parameters set in the container\'s namespaces. Parameters that are not namespaced would change the host.'),
  use_api_socket: k('use_api_socket', 'Gives the container access to the Docker API socket: control of the Docker daemon is root on the host.'),
  volumes: k('volumes', 'Volumes and bind mounts. A bind mount of a host path (`/host:/container`) exposes that part of the host file system; `/var/run/docker.sock` or other runtime sockets give control of the host.'),
  pids_limit: k('pids_limit', 'The most processes the container may create: a limit stops a fork bomb from exhausting the host\'s PIDs.'),
  mem_limit: k('mem_limit', 'The container\'s memory limit: without one, a leak or attack can exhaust host memory and trigger the OOM killer on other workloads.'),
};

/** Hover text of one `security_opt` entry (`key:value`, `key=value` or a bare flag). */
export function securityOptMarkdown(entry: string): string | undefined {
  const m = /^([a-z-]+)(?:[:=](.*))?$/i.exec(entry.trim());
  if (!m) return undefined;
  const key = m[1].toLowerCase();
  const value = (m[2] ?? '').trim().toLowerCase();
  switch (key) {
    case 'no-new-privileges':
      return value === 'false'
        ? '**`no-new-privileges:false`**\n\nExplicitly allows setuid binaries and file capabilities to raise privileges. Use `no-new-privileges:true`.'
        : '**`no-new-privileges`**\n\nSets the kernel\'s `no_new_privs` flag: setuid binaries (`sudo`, `su`) and file capabilities can no longer give a process more privileges than it started with. Recommended for every service.';
    case 'seccomp':
      return value === 'unconfined'
        ? '**`seccomp:unconfined`**\n\nTurns off Docker\'s default seccomp profile: every system call, including `keyctl`, `unshare`, `mount`, `bpf` and `ptrace`, reaches the kernel. Remove it, or use a custom profile file.'
        : '**`seccomp:<profile>`**\n\nA custom seccomp profile (JSON) replacing Docker\'s default one. Make sure it is at least as strict.';
    case 'apparmor':
      return value === 'unconfined'
        ? '**`apparmor:unconfined`**\n\nRuns the container without AppArmor confinement: Docker\'s default profile (no writes to `/proc`/`/sys`, no mounts) no longer applies. Remove it.'
        : '**`apparmor:<profile>`**\n\nConfines the container with the named AppArmor profile loaded on the host.';
    case 'label':
      if (value === 'disable') return '**`label:disable`**\n\nTurns off SELinux separation for the container: it runs unconfined (`spc_t`) and can reach host files the label system would deny. Remove it.';
      if (value.includes('spc_t')) return '**`label:type:spc_t`**\n\nThe "super privileged container" SELinux type: no SELinux confinement. Remove it.';
      return '**`label:<option>`**\n\nSets the container\'s SELinux label (`user`, `role`, `type`, `level`). Changing the type or role can weaken separation.';
    case 'systempaths':
      return value === 'unconfined'
        ? '**`systempaths=unconfined`**\n\nUnmasks `/proc` and `/sys` paths Docker normally hides or makes read-only (`/proc/kcore`, `/proc/sysrq-trigger`, `/sys/firmware`...): kernel interfaces become reachable. Remove it.'
        : undefined;
    default:
      return undefined;
  }
}

const DOCKERFILE: Record<string, string> = {
  USER: '**USER** sets the user (and group) for the following `RUN`, `CMD` and `ENTRYPOINT`. Without a non-root `USER` in the final stage the container runs as root: any escape lands as root on the host, and root inside can use every granted capability. Prefer a numeric uid (`USER 10001:10001`) so Kubernetes `runAsNonRoot` can verify it.',
  ADD: '**ADD** copies files like `COPY`, but also fetches URLs and unpacks local archives. Remote `ADD` without `--checksum` trusts whatever the server returns at build time; for plain local files use `COPY`, which does only what it says.',
  COPY: '**COPY** copies files from the build context or another stage. Keep secrets (`.env`, keys, `.npmrc`) out of it: they stay in the image layers even if deleted later; use `RUN --mount=type=secret` instead.',
  EXPOSE: '**EXPOSE** documents the ports the container listens on (it publishes nothing by itself). Port 22 suggests an SSH server in the container: use `docker exec` / `kubectl exec` instead.',
  RUN: '**RUN** executes a command at build time. `--security=insecure` runs it privileged and `--network=host` on the host\'s network; `sudo`, `curl | sh` and disabled TLS or signature checks weaken what ends up in the image. Use `--mount=type=secret` for credentials.',
  FROM: '**FROM** starts a stage from a base image. Pin a version tag and ideally a digest (`image:1.2@sha256:...`) so builds are reproducible and a compromised tag cannot change what you ship. The last stage is what ships.',
  ENV: '**ENV** sets environment variables that persist in the image and every container: never put passwords or tokens here, they are visible in `docker inspect` and the image history.',
  ARG: '**ARG** declares a build argument. Its value is recorded in the image history (`docker history`), so it is no place for secrets: use `RUN --mount=type=secret`.',
  HEALTHCHECK: '**HEALTHCHECK** tells the runtime how to test that the container still works.',
  SHELL: '**SHELL** changes the shell used by the shell form of `RUN`, `CMD` and `ENTRYPOINT`.',
};

// ---------------------------------------------------------------------------------------------
// Finding what is under the cursor

export interface YamlTarget {
  /** Keys from the document root to the map holding `key`. */
  path: string[];
  key: string;
  /** True when the cursor is on the key itself. */
  onKey: boolean;
  /** The scalar value (or sequence item) under the cursor, or the key's scalar value. */
  value?: string;
  /** True when `value` is an item of a sequence held by `key`. */
  inSeq: boolean;
  span: Span;
}

function within(node: unknown, offset: number): boolean {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return !!r && offset >= r[0] && offset <= r[1];
}

function rangeSpan(node: unknown): Span {
  const r = (node as { range: [number, number, number] }).range;
  return { start: r[0], end: r[1] };
}

/** The key, value or sequence item under the cursor in a YAML stream. */
export function yamlTargetAt(stream: YamlStream, offset: number): YamlTarget | undefined {
  const d = stream.docs.find((x) => offset >= x.span.start && offset <= x.span.end && within(x.doc.contents, offset));
  if (!d) return undefined;
  const doc: YDoc = d.doc;
  let node: unknown = doc.contents;
  const path: string[] = [];
  for (let depth = 0; depth < 200 && node; depth++) {
    if (isMap(node)) {
      let next: unknown;
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const key = isScalar(p.key) ? String(p.key.value) : '';
        if (p.key && within(p.key, offset)) return { path, key, onKey: true, value: isScalar(p.value) ? str(p.value) : undefined, inSeq: false, span: rangeSpan(p.key) };
        if (p.value && within(p.value, offset)) {
          if (isScalar(p.value)) return { path, key, onKey: false, value: str(p.value), inSeq: false, span: rangeSpan(p.value) };
          path.push(key);
          next = p.value;
          break;
        }
      }
      node = next;
    } else if (isSeq(node)) {
      let next: unknown;
      for (const it of node.items) {
        if (!within(it, offset)) continue;
        if (isScalar(it)) return { path: path.slice(0, -1), key: path[path.length - 1] ?? '', onKey: false, value: str(it), inSeq: true, span: rangeSpan(it) };
        next = it;
        break;
      }
      node = next;
    } else return undefined;
  }
  return undefined;
}

/** Knowledge about a YAML key or value under the cursor. */
export function yamlKnowledge(format: 'compose' | 'kubernetes', t: YamlTarget): string | undefined {
  const parent = t.path[t.path.length - 1];
  if (format === 'kubernetes') {
    if (!t.onKey && t.value !== undefined && (t.key === 'add' || t.key === 'drop') && parent === 'capabilities') return capabilityMarkdown(t.value);
    if (parent === 'seLinuxOptions' && ['type', 'user', 'role', 'level'].includes(t.key)) {
      const spc = !t.onKey && t.key === 'type' && t.value === 'spc_t' ? '\n\n`spc_t`: the "super privileged container" type, not confined by SELinux.' : '';
      return KUBERNETES.seLinuxOptions(undefined).replace('**seLinuxOptions**', `**seLinuxOptions.${t.key}**`) + spc;
    }
    if (t.key === 'type' && parent !== 'seccompProfile' && parent !== 'appArmorProfile') return undefined;
    if ((t.key === 'add' || t.key === 'drop') && parent !== 'capabilities') return undefined;
    if (t.key === 'path' && parent === 'hostPath') return KUBERNETES.hostPath(undefined);
    const kn = Object.prototype.hasOwnProperty.call(KUBERNETES, t.key) ? KUBERNETES[t.key] : undefined;
    if (!kn) return undefined;
    const md = kn(t.onKey ? undefined : t.value);
    return t.key === 'type' ? md.replace('**type**', `**${parent}.type**`) : md;
  }
  if (!t.onKey && t.value !== undefined && (t.key === 'cap_add' || t.key === 'cap_drop')) return capabilityMarkdown(t.value);
  if (!t.onKey && t.value !== undefined && t.key === 'security_opt') return securityOptMarkdown(t.value);
  // Only keys of a service (directly under `services.<name>`), or of its `build`, are explained.
  const inService = t.path.length === 2 && t.path[0] === 'services';
  const inBuild = t.path.length === 3 && t.path[0] === 'services' && t.path[2] === 'build' && (t.key === 'privileged' || t.key === 'network');
  if (t.inSeq && t.path.length === 2 && t.path[0] === 'services' && t.key === 'devices') return COMPOSE.devices(undefined);
  if (inBuild && t.key === 'network') return COMPOSE.network_mode(t.onKey ? undefined : t.value);
  if (!inService && !inBuild) return undefined;
  const kn = Object.prototype.hasOwnProperty.call(COMPOSE, t.key) ? COMPOSE[t.key] : undefined;
  return kn?.(t.onKey ? undefined : t.value);
}

/** The Dockerfile instruction keyword (or a security-relevant `RUN` flag) under the cursor. */
export function dockerfileKnowledgeAt(text: string, offset: number): HoverResult | undefined {
  let ls = offset;
  while (ls > 0 && text[ls - 1] !== '\n' && text[ls - 1] !== '\r') ls--;
  let le = offset;
  while (le < text.length && text[le] !== '\n' && text[le] !== '\r') le++;
  const line = text.slice(ls, le);
  const m = /^([ \t]*)(?:(ONBUILD)([ \t]+))?([A-Za-z]+)/i.exec(line);
  if (m) {
    const kwStart = ls + m[1].length + (m[2] ? m[2].length + m[3].length : 0);
    const kw = m[4].toUpperCase();
    if (offset >= kwStart && offset <= kwStart + m[4].length && DOCKERFILE[kw]) return { markdown: DOCKERFILE[kw], span: { start: kwStart, end: kwStart + m[4].length } };
  }
  const flags: Array<[RegExp, string]> = [
    [/--security=insecure/, '**`RUN --security=insecure`** runs this build step privileged (BuildKit entitlement `security.insecure`): it has every capability and host device access during the build.'],
    [/--network=host/, '**`RUN --network=host`** runs this build step in the host\'s network namespace: it can reach services bound to the build host\'s localhost.'],
    [/--mount=type=secret\S*/, '**`RUN --mount=type=secret`** makes a secret available to this step only, as a file (or env var), without writing it into any image layer. The right way to use credentials at build time.'],
  ];
  for (const [re, md] of flags) {
    const f = re.exec(line);
    if (f && offset >= ls + f.index && offset <= ls + f.index + f[0].length) return { markdown: md, span: { start: ls + f.index, end: ls + f.index + f[0].length } };
  }
  return undefined;
}

/** A rule id inside the value of a Kubernetes `harden/ignore` annotation at `offset`. */
function annotationIdAt(input: HoverInput, offset: number): { id: string; span: Span } | undefined {
  if (input.kind !== 'kubernetes' || !input.yaml) return undefined;
  const base = input.yamlBase ?? 0;
  const t = yamlTargetAt(input.yaml, offset - base);
  if (!t || t.onKey || t.key !== 'harden/ignore' || t.path[t.path.length - 1] !== 'annotations') return undefined;
  const start = t.span.start + base;
  const raw = input.text.slice(start, t.span.end + base);
  const re = /[a-z][a-z0-9-]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const s = start + m.index;
    if (offset >= s && offset <= s + m[0].length) return { id: m[0], span: { start: s, end: s + m[0].length } };
  }
  return undefined;
}

/** Everything to say at one offset: finding cards, a rule id in a suppression comment, key knowledge. */
export function hoverAt(input: HoverInput): HoverResult | undefined {
  const { offset } = input;
  const here = input.findings.filter((f) => !f.suppressed && offset >= f.span.start && (offset < f.span.end || offset === f.span.end));
  const parts: string[] = [];
  let span: Span | undefined;
  const seen = new Set<string>();
  for (const f of here) {
    if (seen.has(f.rule)) continue;
    seen.add(f.rule);
    const rule = getRule(f.rule);
    if (!rule) continue;
    parts.push(ruleCard(rule, f, input.docsUri?.(f.rule)));
    span ??= f.span;
    if (seen.size >= 3) break;
  }
  // A rule id in a suppression comment (after an `unused-suppression` card when that is what is reported there).
  const d = directiveIdAt(input.text, offset) ?? annotationIdAt(input, offset);
  if (d && !seen.has(d.id)) {
    const rule = getRule(d.id);
    parts.push(rule && isRuleId(d.id) ? ruleCard(rule, undefined, input.docsUri?.(d.id)) : `\`${d.id}\` is not a Harden rule id.`);
    span ??= d.span;
    if (parts.length === 1) return { markdown: parts[0], span: d.span };
  }
  let extra: HoverResult | undefined;
  if (input.kind === 'dockerfile') extra = dockerfileKnowledgeAt(input.text, offset);
  else if (input.yaml && !d) {
    const base = input.yamlBase ?? 0;
    const t = yamlTargetAt(input.yaml, offset - base);
    const md = t && yamlKnowledge(input.kind, t);
    if (t && md) extra = { markdown: md, span: { start: t.span.start + base, end: t.span.end + base } };
  }
  if (extra) {
    parts.push(extra.markdown);
    span ??= extra.span;
  }
  if (!parts.length || !span) return undefined;
  return { markdown: parts.join('\n\n---\n\n'), span };
}
