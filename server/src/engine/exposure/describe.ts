// Words for the exposure model: the one-line summary (the editor's code lens, the CLI table's last
// column) and the hover card. Pure functions of a ContainerExposure.
import { NOTABLE_SYSCALLS } from './notable';
import type { ContainerExposure, ExposureDelta } from './types';

const ARCH_LABEL = { x86_64: 'x86-64', arm64: 'arm64' } as const;
const RUNTIME_LABEL = { docker: 'Docker', containerd: 'containerd' } as const;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Host namespaces shared, as labels (`network`, `PID`...); the user namespace is left to the card. */
export function sharedNamespaces(e: ContainerExposure): string[] {
  const out: string[] = [];
  if (e.hostNamespaces.network) out.push('network');
  if (e.hostNamespaces.pid) out.push('PID');
  if (e.hostNamespaces.ipc) out.push('IPC');
  if (e.hostNamespaces.uts && !e.hostNamespaces.network) out.push('UTS');
  return out;
}

/** The syscall count as words: `373 syscalls`, `all 373 syscalls`, `custom seccomp profile`. */
export function syscallWords(e: ContainerExposure): string {
  const s = e.syscalls;
  if (e.seccomp.mode === 'unconfined') return `all ${s.total} syscalls`;
  if (s.reachable === undefined) return e.seccomp.mode === 'custom' ? 'custom seccomp profile' : 'seccomp profile unknown';
  return `${s.reachable} syscalls`;
}

export function capabilityWords(e: ContainerExposure): string {
  const n = e.capabilities.held.length;
  if (e.capabilities.all) return `all ${n} capabilities`;
  return `${n === 0 ? 'no' : n}${e.capabilities.uncertain ? '?' : ''} ${n === 1 ? 'capability' : 'capabilities'}`;
}

export function userWords(e: ContainerExposure): string {
  return e.runsAsRoot === true ? 'runs as root' : e.runsAsRoot === false ? 'non-root' : 'may run as root';
}

/** One line: `kernel: 373 syscalls, 14 capabilities, host PID shared, runs as root`. */
export function exposureSummary(e: ContainerExposure): string {
  const parts = [`kernel: ${syscallWords(e)}`, capabilityWords(e)];
  if (e.privileged) parts.push('privileged');
  else {
    // Privileged says these already.
    const off = [e.apparmor.mode === 'unconfined' && 'AppArmor', e.selinux.mode === 'unconfined' && 'SELinux'].filter((x): x is string => !!x);
    if (off.length) parts.push(`${off.join(' and ')} off`);
  }
  const ns = sharedNamespaces(e);
  if (ns.length) parts.push(`host ${joinWords(ns)} shared`);
  const sockets = e.hostPaths.filter((p) => p.socket);
  if (sockets.length) parts.push(`${sockets[0].path.slice(sockets[0].path.lastIndexOf('/') + 1) || sockets[0].path} mounted`);
  const others = e.hostPaths.length - sockets.length;
  if (others > 0) parts.push(plural(others, 'host path'));
  parts.push(userWords(e));
  return parts.join(', ');
}

/** `-44 syscalls, -14 capabilities, host PID no longer shared`. */
export function deltaWords(d: ExposureDelta): string {
  const parts: string[] = [];
  const signed = (n: number): string => (n > 0 ? `+${n}` : `${n}`);
  if (d.syscalls) parts.push(`${signed(d.syscalls)} syscalls`);
  if (d.capabilities) parts.push(`${signed(d.capabilities)} ${Math.abs(d.capabilities) === 1 ? 'capability' : 'capabilities'}`);
  parts.push(...d.other);
  return parts.join(', ');
}

function code(names: string[]): string {
  return names.map((n) => `\`${n}\``).join(', ');
}

/** The hover card of a container: what it reaches, what it should not, and what each fix removes. */
export function exposureHoverMarkdown(e: ContainerExposure, deltas: ExposureDelta[] = []): string {
  const who = e.format === 'kubernetes' ? `container \`${e.container}\` of ${e.object}` : e.format === 'compose' ? `service \`${e.container}\`` : `final stage ${e.object ?? ''}`.trim();
  const lines: string[] = [];
  lines.push(`**Kernel exposure of ${who}** (${RUNTIME_LABEL[e.runtime]} defaults, ${ARCH_LABEL[e.arch]}${e.archFrom ? `, from ${e.archFrom}` : ''})`, '');
  const s = e.syscalls;
  const sys = e.seccomp.mode === 'unconfined' ? `all ${s.total} of ${s.total}` : s.reachable !== undefined ? `${s.reachable} of ${s.total}` : 'not counted';
  lines.push(`- **System calls:** ${sys} (seccomp ${e.seccomp.mode}; ${e.seccomp.reason})`);
  lines.push(`- **AppArmor:** ${e.apparmor.mode} (${e.apparmor.reason}); **SELinux:** ${e.selinux.mode} (${e.selinux.reason}). These hold on hosts that run the module.`);
  const caps = e.capabilities;
  lines.push(`- **Capabilities:** ${caps.all ? `all ${caps.held.length}` : caps.held.length}${caps.uncertain ? ' (some entries depend on variables)' : ''}${caps.held.length && !caps.all ? `: ${code(caps.held)}` : ''}`);
  const ns = sharedNamespaces(e);
  lines.push(`- **Host namespaces shared:** ${ns.length ? ns.join(', ') : 'none'}${e.hostNamespaces.user ? '; no user namespace of its own (uid 0 inside is uid 0 on the host)' : '; own user namespace'}`);
  if (e.hostPaths.length) lines.push(`- **Host paths:** ${e.hostPaths.map((p) => `\`${p.path}\`${p.socket ? ' (runtime socket: the daemon is root)' : ''}${p.readOnly ? ' read-only' : ' writable'}`).join(', ')}`);
  lines.push(`- **User:** ${e.runsAsRoot === true ? 'root (uid 0)' : e.runsAsRoot === false ? 'non-root' : 'not set here: the image decides, and most images run as root'}`);
  lines.push(`- **Root filesystem:** ${e.rootFilesystemWritable ? 'writable' : 'read-only'}; **privilege escalation:** ${e.privilegeEscalation ? 'possible (no_new_privs off)' : 'blocked (no_new_privs)'}`);
  const bad: string[] = [];
  if (s.notable.length) {
    const why = e.seccomp.mode === 'unconfined' ? 'because seccomp is off' : 'allowed by the profile with the capabilities held';
    const byReason = new Map<string, string[]>();
    for (const n of s.notable) byReason.set(NOTABLE_SYSCALLS[n], [...(byReason.get(NOTABLE_SYSCALLS[n]) ?? []), n]);
    bad.push(`- System calls, ${why}:`);
    for (const [reason, names] of byReason) bad.push(`  - ${code(names)}: ${reason}`);
  }
  if (caps.notable.length) bad.push(`- Capabilities beyond the Pod Security baseline: ${code(caps.notable.map((c) => `CAP_${c}`))}`);
  if (bad.length) lines.push('', '**Reachable but should not be:**', ...bad);
  if (deltas.length) {
    lines.push('', '**Fixes:**');
    for (const d of deltas) lines.push(`- ${d.title}${d.safe ? '' : ' (unsafe)'}: ${deltaWords(d)}`);
  }
  return lines.join('\n');
}
