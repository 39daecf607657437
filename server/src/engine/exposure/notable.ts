// The system calls the exposure model names when a container can reach them.

/**
 * System calls a hardened container should not reach, with the reason in a few words. Each is a
 * kernel interface that is not namespaced, or hands out control a container should not have, or
 * has a history of privilege-escalation bugs.
 */
export const NOTABLE_SYSCALLS: Readonly<Record<string, string>> = {
  mount: 'mounts and unmounts file systems', umount2: 'mounts and unmounts file systems', umount: 'mounts and unmounts file systems',
  fsopen: 'the new mount API', fsmount: 'the new mount API', fsconfig: 'the new mount API', fspick: 'the new mount API',
  move_mount: 'the new mount API', open_tree: 'the new mount API', mount_setattr: 'the new mount API',
  pivot_root: 'changes the root mount',
  unshare: 'creates or joins namespaces (a user namespace opens root-only kernel code)', setns: 'creates or joins namespaces (a user namespace opens root-only kernel code)',
  bpf: 'loads eBPF programs into the kernel', perf_event_open: 'kernel performance events, a frequent exploit target',
  userfaultfd: 'user-space page faults, used to win kernel races',
  io_uring_setup: 'io_uring, a large and often exploited interface', io_uring_enter: 'io_uring, a large and often exploited interface', io_uring_register: 'io_uring, a large and often exploited interface',
  keyctl: 'the kernel keyring, which is not namespaced', add_key: 'the kernel keyring, which is not namespaced', request_key: 'the kernel keyring, which is not namespaced',
  ptrace: 'inspects and changes other processes', process_vm_readv: 'inspects and changes other processes', process_vm_writev: 'inspects and changes other processes',
  kcmp: 'inspects and changes other processes',
  init_module: 'loads and unloads kernel modules', finit_module: 'loads and unloads kernel modules', delete_module: 'loads and unloads kernel modules',
  kexec_load: 'replaces the running kernel', kexec_file_load: 'replaces the running kernel', reboot: 'restarts the host',
  open_by_handle_at: 'opens host files by handle (the "shocker" escape)',
  swapon: 'changes the host\'s swap', swapoff: 'changes the host\'s swap', acct: 'host process accounting',
  settimeofday: 'sets the host clock', clock_settime: 'sets the host clock', clock_adjtime: 'sets the host clock',
  syslog: 'reads the kernel log', iopl: 'raw I/O port access', ioperm: 'raw I/O port access',
  quotactl: 'file system quotas', quotactl_fd: 'file system quotas', lookup_dcookie: 'kernel profiling cookies',
  fanotify_init: 'watches file access across mounts', vhangup: 'hangs up the terminal', nfsservctl: 'the kernel NFS server',
};
