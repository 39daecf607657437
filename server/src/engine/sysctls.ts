// Kernel parameters (sysctls), format-neutral (Kubernetes `securityContext.sysctls`, Compose `sysctls`).

/** The sysctls Pod Security Standards baseline allows (namespaced and isolated per pod). */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  // Pod Security Admission v1.37 also allows these two (its baseline fixtures pass them); the
  // catalog's list predates them, and we follow PSA.
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

/**
 * Canonical sysctl name: trimmed, with `/` separators turned into `.` (the kernel and Kubernetes
 * accept `net/ipv4/tcp_syncookies` as well). Case is kept: sysctl names are case-sensitive.
 */
export function normaliseSysctl(name: string): string {
  const t = name.trim();
  return t.includes('/') ? t.replace(/\//g, '.') : t;
}

/** True when the sysctl (either separator) is on the Pod Security safe list. */
export function isSafeSysctl(name: string): boolean {
  return SAFE_SYSCTLS.has(normaliseSysctl(name));
}
