// Agreement of Harden's Kubernetes rules with the labelled Kubernetes fixtures of Checkov,
// kube-linter, Trivy and Polaris (read in place from /work/shared/corpus/peers; never copied).
// Run: npx tsx test/corpus/peer-k8s-agreement.ts [--all]   (prints a table and every disagreement)
// Each peer check maps to the Harden rules that cover the same concept; checks with no Harden
// counterpart are listed as unmapped and not scored. A verdict about `Kind/name` is compared with
// the unsuppressed findings of the mapped rules on that object (strict profile, every rule on);
// file-level verdicts (Polaris, some Trivy examples) with the findings anywhere in the file.
// A mapped rule written `rule~TEXT` only counts findings whose message contains TEXT (a peer check
// about one capability compares with the findings about that capability).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Finding } from '../../server/src/engine';
import { sharedCorpus } from '../helpers';

const PEERS = path.join(sharedCorpus, 'peers');

export const MAPPING: Record<string, Record<string, string[]>> = {
  checkov: {
    CKV_K8S_14: ['latest-tag'],
    CKV_K8S_16: ['privileged'],
    CKV_K8S_17: ['host-pid'],
    CKV_K8S_18: ['host-ipc'],
    CKV_K8S_19: ['host-network'],
    CKV_K8S_20: ['privilege-escalation-allowed'],
    CKV_K8S_22: ['writable-root-filesystem'],
    CKV_K8S_23: ['non-root-not-enforced', 'root-user'],
    CKV_K8S_25: ['dangerous-capability', 'extra-capability'],
    CKV_K8S_26: ['host-port'],
    CKV_K8S_27: ['runtime-socket-mount'],
    CKV_K8S_28: ['capabilities-not-dropped'],
    CKV_K8S_31: ['seccomp-not-set', 'seccomp-unconfined'],
    CKV_K8S_37: ['capabilities-not-dropped'],
    CKV_K8S_38: ['service-account-token-mounted'],
    CKV_K8S_39: ['dangerous-capability~SYS_ADMIN'],
    CKV_K8S_43: ['unpinned-digest'],
  },
  'kube-linter': {
    'docker-sock': ['runtime-socket-mount'],
    'drop-net-raw-capability': ['capabilities-not-dropped', 'dangerous-capability'],
    'env-var-secret': ['secret-in-env'],
    'host-ipc': ['host-ipc'],
    'host-network': ['host-network'],
    'host-pid': ['host-pid'],
    'latest-tag': ['latest-tag'],
    'no-read-only-root-fs': ['writable-root-filesystem'],
    'privilege-escalation-container': ['privilege-escalation-allowed'],
    'privileged-container': ['privileged'],
    'run-as-non-root': ['non-root-not-enforced', 'root-user'],
    'sensitive-host-mounts': ['sensitive-host-mount', 'runtime-socket-mount'],
    'ssh-port': ['ssh-port-exposed'],
    'unsafe-proc-mount': ['unmasked-proc-mount'],
    'unsafe-sysctls': ['unsafe-sysctl'],
  },
  trivy: {
    'KSV-0001': ['privilege-escalation-allowed'],
    'KSV-0002': ['apparmor-unconfined'],
    'KSV-0003': ['capabilities-not-dropped'],
    'KSV-0005': ['dangerous-capability~SYS_ADMIN'],
    'KSV-0006': ['runtime-socket-mount'],
    'KSV-0008': ['host-ipc'],
    'KSV-0009': ['host-network'],
    'KSV-0010': ['host-pid'],
    'KSV-0012': ['non-root-not-enforced', 'root-user'],
    'KSV-0013': ['latest-tag'],
    'KSV-0014': ['writable-root-filesystem'],
    'KSV-0017': ['privileged'],
    'KSV-0022': ['dangerous-capability', 'extra-capability'],
    'KSV-0023': ['host-path-volume'],
    'KSV-0024': ['host-port'],
    'KSV-0025': ['selinux-weakened'],
    'KSV-0026': ['unsafe-sysctl'],
    'KSV-0027': ['unmasked-proc-mount'],
    'KSV-0028': ['restricted-volume-type', 'host-path-volume'],
    'KSV-0030': ['seccomp-not-set', 'seccomp-unconfined'],
    'KSV-0036': ['service-account-token-mounted'],
    'KSV-0103': ['windows-host-process'],
    'KSV-0104': ['seccomp-not-set', 'seccomp-unconfined'],
    'KSV-0105': ['root-user'],
    'KSV-0106': ['capabilities-not-dropped', 'dangerous-capability', 'extra-capability'],
    'KSV-0116': ['root-group'],
    'KSV-0119': ['dangerous-capability~NET_RAW'],
    'KSV-0120': ['dangerous-capability~SYS_MODULE'],
    'KSV-0121': ['sensitive-host-mount', 'runtime-socket-mount'],
  },
  polaris: {
    automountServiceAccountToken: ['service-account-token-mounted'],
    dangerousCapabilities: ['dangerous-capability'],
    hostIPCSet: ['host-ipc'],
    hostNetworkSet: ['host-network'],
    hostPIDSet: ['host-pid'],
    hostPathSet: ['host-path-volume'],
    hostPortSet: ['host-port'],
    hostProcess: ['windows-host-process'],
    insecureCapabilities: ['capabilities-not-dropped', 'extra-capability', 'dangerous-capability'],
    notReadOnlyRootFilesystem: ['writable-root-filesystem'],
    privilegeEscalationAllowed: ['privilege-escalation-allowed'],
    procMount: ['unmasked-proc-mount'],
    runAsPrivileged: ['privileged'],
    runAsRootAllowed: ['non-root-not-enforced', 'root-user'],
    sensitiveContainerEnvVar: ['secret-in-env'],
    tagNotSpecified: ['latest-tag'],
  },
};

/** Peer checks with no Harden counterpart (not scored), and why. */
export const UNMAPPED: Record<string, string> = {
  CKV_K8S_29: 'pod securityContext present: not a Harden rule (we judge the settings)',
  CKV_K8S_30: 'container securityContext present: not a Harden rule',
  CKV_K8S_35: 'secrets as env vars via secretKeyRef: Harden flags literal values only',
  CKV_K8S_40: 'uid above 10000: not in the catalog',
  'privileged-ports': 'containerPort below 1024: not in the catalog',
  'read-secret-from-env-var': 'secretKeyRef in env: Harden flags literal values only',
  'scc-deny-privileged-container': 'OpenShift SecurityContextConstraints: not a workload',
  'writable-host-mount': 'hostPath mounted without readOnly: host-path-volume flags every hostPath',
  'KSV-0020': 'uid above 10000: not in the catalog',
  'KSV-0021': 'gid above 10000: not in the catalog',
  'KSV-0109': 'secrets in ConfigMaps: not in the catalog',
  'KSV-0117': 'privileged ports: not in the catalog',
  'KSV-0118': 'default security context: composite, covered by several rules',
  linuxHardening: 'composite (any of seccomp, AppArmor, SELinux, dropped capabilities)',
  sensitiveConfigmapContent: 'secrets in ConfigMaps: not in the catalog',
};

interface Expectation {
  file: string;
  resource?: string | null;
  check_id: string;
  expected: 'pass' | 'fail';
  doc_index?: number;
}

export interface Verdict {
  tool: string;
  file: string;
  resource?: string | null;
  check: string;
  expected: 'pass' | 'fail';
  ours: 'pass' | 'fail';
  agree: boolean;
  findings: string[];
}

const cache = new Map<string, Finding[]>();
function findingsOf(file: string): Finding[] {
  let f = cache.get(file);
  if (!f) {
    const text = fs.readFileSync(file, 'utf8');
    const a = analyze({ file, text, kind: 'kubernetes', config: { profile: 'strict' } });
    f = a.findings.filter((x) => !x.suppressed);
    cache.set(file, f);
  }
  return f;
}

export function compare(): { verdicts: Verdict[]; unmapped: Map<string, number> } {
  const verdicts: Verdict[] = [];
  const unmapped = new Map<string, number>();
  for (const tool of Object.keys(MAPPING)) {
    const expFile = path.join(PEERS, tool, 'expectations.json');
    if (!fs.existsSync(expFile)) continue;
    const exps = JSON.parse(fs.readFileSync(expFile, 'utf8')) as Expectation[];
    for (const e of exps) {
      if (/^(DS-|CKV_DOCKER|CKV2_DOCKER|DL)/.test(e.check_id)) continue; // Dockerfile checks: not this script
      const rules = MAPPING[tool][e.check_id];
      if (!rules) {
        unmapped.set(`${tool}:${e.check_id}`, (unmapped.get(`${tool}:${e.check_id}`) ?? 0) + 1);
        continue;
      }
      const file = path.join(PEERS, tool, e.file);
      const all = findingsOf(file).filter((f) => rules.some((r) => {
        const [rule, text] = r.split('~');
        return f.rule === rule && (!text || f.message.includes(text));
      }));
      const fileLevel = tool === 'polaris' || !e.resource || !findingsOf(file).length;
      const hits = fileLevel || !e.resource ? all : all.filter((f) => f.object === e.resource);
      const ours = hits.length ? 'fail' : 'pass';
      verdicts.push({ tool, file: e.file, resource: e.resource, check: e.check_id, expected: e.expected, ours, agree: ours === e.expected, findings: hits.map((f) => `${f.rule}: ${f.message}`) });
    }
  }
  return { verdicts, unmapped };
}

function main(): void {
  const { verdicts, unmapped } = compare();
  if (!verdicts.length) {
    console.log('peer fixtures not found under', PEERS);
    return;
  }
  const rows = new Map<string, { agree: number; total: number }>();
  for (const v of verdicts) {
    for (const k of [v.tool, `${v.tool}:${v.check}`]) {
      const r = rows.get(k) ?? { agree: 0, total: 0 };
      r.total++;
      if (v.agree) r.agree++;
      rows.set(k, r);
    }
  }
  console.log('tool / check'.padEnd(48) + 'agree/total');
  for (const tool of Object.keys(MAPPING)) {
    const t = rows.get(tool);
    if (!t) continue;
    console.log(`${tool.padEnd(48)}${t.agree}/${t.total}`);
    for (const [k, r] of [...rows.entries()].filter(([k]) => k.startsWith(tool + ':')).sort())
      if (process.argv.includes('--all') || r.agree < r.total) console.log(`  ${k.slice(tool.length + 1).padEnd(46)}${r.agree}/${r.total}`);
  }
  const total = verdicts.filter((v) => v.agree).length;
  console.log(`${'all'.padEnd(48)}${total}/${verdicts.length}`);
  console.log('\nUnmapped peer checks (not scored):');
  for (const [k, n] of [...unmapped.entries()].sort()) console.log(`  ${k} (${n}): ${UNMAPPED[k.split(':')[1]] ?? 'no Harden rule'}`);
  const wrong = verdicts.filter((v) => !v.agree);
  console.log(`\nDisagreements (${wrong.length}):`);
  for (const v of wrong) {
    console.log(`- ${v.tool} ${v.check} ${v.file}${v.resource ? ` [${v.resource}]` : ''}: peer ${v.expected}, Harden ${v.ours}`);
    for (const f of v.findings.slice(0, 3)) console.log(`    ${f}`);
  }
}

if (require.main === module) main();
