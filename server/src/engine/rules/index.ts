// The rule registry: every rule module, sorted by id. A meta-test checks that every
// file in this folder is listed here and that each id equals its file name.
import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import apparmorUnconfined from './apparmor-unconfined';
import capabilitiesNotDropped from './capabilities-not-dropped';
import capabilitySpelling from './capability-spelling';
import curlPipeShell from './curl-pipe-shell';
import dangerousCapability from './dangerous-capability';
import deprecatedSeccompAnnotation from './deprecated-seccomp-annotation';
import extraCapability from './extra-capability';
import hostDevice from './host-device';
import hostIpc from './host-ipc';
import hostNamespace from './host-namespace';
import hostNetwork from './host-network';
import hostPathVolume from './host-path-volume';
import hostPid from './host-pid';
import hostPort from './host-port';
import latestTag from './latest-tag';
import misplacedSecurityField from './misplaced-security-field';
import missingResourceLimits from './missing-resource-limits';
import nonNumericUser from './non-numeric-user';
import nonRootNotEnforced from './non-root-not-enforced';
import packageSignatureDisabled from './package-signature-disabled';
import parseError from './parse-error';
import privilegeEscalationAllowed from './privilege-escalation-allowed';
import privileged from './privileged';
import remoteAddWithoutChecksum from './remote-add-without-checksum';
import restrictedVolumeType from './restricted-volume-type';
import rootGroup from './root-group';
import rootUser from './root-user';
import runtimeSocketMount from './runtime-socket-mount';
import seccompNotSet from './seccomp-not-set';
import seccompUnconfined from './seccomp-unconfined';
import secretFileInImage from './secret-file-in-image';
import secretInEnv from './secret-in-env';
import selinuxWeakened from './selinux-weakened';
import sensitiveHostMount from './sensitive-host-mount';
import serviceAccountTokenMounted from './service-account-token-mounted';
import sharedMountPropagation from './shared-mount-propagation';
import sharedProcessNamespace from './shared-process-namespace';
import sshPortExposed from './ssh-port-exposed';
import sudoInRun from './sudo-in-run';
import tlsVerificationDisabled from './tls-verification-disabled';
import unmaskedProcMount from './unmasked-proc-mount';
import unpinnedDigest from './unpinned-digest';
import unsafeSysctl from './unsafe-sysctl';
import unusedSuppression from './unused-suppression';
import windowsHostProcess from './windows-host-process';
import writableRootFilesystem from './writable-root-filesystem';

export const RULES: readonly Rule[] = [
  addInsteadOfCopy, apparmorUnconfined, capabilitiesNotDropped, capabilitySpelling, curlPipeShell, dangerousCapability, deprecatedSeccompAnnotation, extraCapability, hostDevice, hostIpc, hostNamespace, hostNetwork, hostPathVolume, hostPid, hostPort, latestTag, misplacedSecurityField, missingResourceLimits, nonNumericUser, nonRootNotEnforced, packageSignatureDisabled, parseError, privilegeEscalationAllowed, privileged, remoteAddWithoutChecksum, restrictedVolumeType, rootGroup, rootUser, runtimeSocketMount, seccompNotSet, seccompUnconfined, secretFileInImage, secretInEnv, selinuxWeakened, sensitiveHostMount, serviceAccountTokenMounted, sharedMountPropagation, sharedProcessNamespace, sshPortExposed, sudoInRun, tlsVerificationDisabled, unmaskedProcMount, unpinnedDigest, unsafeSysctl, unusedSuppression, windowsHostProcess, writableRootFilesystem,
];

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export function isRuleId(id: string): boolean {
  return BY_ID.has(id);
}
