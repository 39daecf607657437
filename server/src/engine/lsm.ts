// AppArmor and SELinux facts shared by their rules, the restricted-profile bundle and the exposure model.

/** The SELinux types of the container policy, the ones Pod Security baseline allows a container. */
export const SELINUX_CONTAINER_TYPES: ReadonlySet<string> = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** SELinux types whose processes the policy does not confine: the "super privileged container" type, and the unconfined domain. */
export const SELINUX_UNCONFINED_TYPES: ReadonlySet<string> = new Set(['spc_t', 'unconfined_t']);

/**
 * The value of a Docker/Compose `label` security option split into its field and value:
 * `disable` -> {field: 'disable', value: ''}, `type:spc_t` -> {field: 'type', value: 'spc_t'},
 * `level:s0:c1,c2` -> {field: 'level', value: 's0:c1,c2'}. The field is lower-cased.
 */
export function labelOption(value: string): { field: string; value: string } {
  const v = value.trim();
  const i = v.search(/[:=]/);
  return { field: (i < 0 ? v : v.slice(0, i)).toLowerCase(), value: i < 0 ? '' : v.slice(i + 1) };
}

/** Pod Security baseline allows these AppArmor annotation values: `runtime/default`, `localhost/<profile>`, or empty. */
export function appArmorAnnotationAllowed(value: string): boolean {
  const v = value.trim();
  return v === '' || v === 'runtime/default' || /^localhost\/./.test(v);
}
