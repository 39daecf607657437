// Linux capability names, format-neutral (Kubernetes `capabilities.add/drop`, Compose `cap_add`/
// `cap_drop`, Dockerfile `setcap`). Names are compared after `normaliseCapability`; the spelling
// helpers tell a rule how the name was actually written.

/** The capabilities Pod Security Standards baseline allows to be added. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** The only capability Pod Security Standards restricted allows to be added. */
export const RESTRICTED_ADDABLE_CAPABILITIES: ReadonlySet<string> = new Set(['NET_BIND_SERVICE']);

/** Canonical form of a capability name: trimmed, `CAP_` prefix stripped (any case), upper-cased. `cap_sys_admin` -> `SYS_ADMIN`. */
export function normaliseCapability(name: string): string {
  const s = name.trim().toUpperCase();
  return s.startsWith('CAP_') ? s.slice(4) : s;
}

/** True when the name (any spelling) is `ALL`. */
export function isAllCapability(name: string): boolean {
  return normaliseCapability(name) === 'ALL';
}

/** True when adding this capability (any spelling) is allowed by the Pod Security baseline level. `ALL` is not. */
export function isBaselineCapability(name: string): boolean {
  return BASELINE_CAPABILITIES.has(normaliseCapability(name));
}

/** True when adding this capability (any spelling) is allowed by the Pod Security restricted level. */
export function isRestrictedAddable(name: string): boolean {
  return RESTRICTED_ADDABLE_CAPABILITIES.has(normaliseCapability(name));
}

/**
 * What is wrong with how a capability name is written, or undefined when it is canonical
 * (upper case, no `CAP_` prefix). `cap-prefix`: `CAP_SYS_ADMIN` (containerd refuses it in a pod spec);
 * `case`: `all`, `net_bind_service` (Pod Security Admission compares exact strings).
 */
export function capabilitySpellingProblem(name: string): 'cap-prefix' | 'case' | undefined {
  const t = name.trim();
  if (/^cap_/i.test(t)) return 'cap-prefix';
  if (t !== t.toUpperCase()) return 'case';
  return undefined;
}
