// Agreement with peer linters on their own Dockerfile fixtures (hadolint, Checkov dockerfile and
// dockerfile_graph checks, Trivy DS examples), using the verdicts in each peer's expectations.json.
// For every case: does the mapped Harden rule fire (strict profile, unsuppressed) iff the peer
// expects `fail`? Prints a table per peer check and lists every disagreement.
// Run: npx tsx test/corpus/peer-dockerfile-agreement.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis } from '../../server/src/engine';
import { sharedCorpus } from '../helpers';

/**
 * Peer check id -> Harden rule(s). Checks with no Harden counterpart map to undefined (listed, not
 * scored). Trivy DS-0002 fails on an image with no USER at all, which Harden reports as
 * `non-root-not-enforced` (decision 1: one finding per fact), so either rule counts there.
 */
const MAP: Record<string, string | string[] | undefined> = {
  DL3002: 'root-user',
  DL3004: 'sudo-in-run',
  DL3006: 'latest-tag',
  DL3007: 'latest-tag',
  DL3020: 'add-instead-of-copy',
  DL3064: 'secret-in-env',
  DL3066: 'non-numeric-user',
  DL4006: undefined, // pipefail: not a security rule in the catalog
  CKV_DOCKER_1: 'ssh-port-exposed',
  CKV_DOCKER_3: 'non-root-not-enforced',
  CKV_DOCKER_4: 'add-instead-of-copy',
  CKV_DOCKER_7: 'latest-tag',
  CKV_DOCKER_8: 'root-user',
  CKV2_DOCKER_1: 'sudo-in-run',
  CKV2_DOCKER_2: 'tls-verification-disabled',
  CKV2_DOCKER_3: 'tls-verification-disabled',
  CKV2_DOCKER_4: 'tls-verification-disabled',
  CKV2_DOCKER_5: 'tls-verification-disabled',
  CKV2_DOCKER_6: 'tls-verification-disabled',
  CKV2_DOCKER_7: 'package-signature-disabled',
  CKV2_DOCKER_8: 'package-signature-disabled',
  CKV2_DOCKER_9: 'package-signature-disabled',
  CKV2_DOCKER_10: 'package-signature-disabled',
  CKV2_DOCKER_11: 'package-signature-disabled',
  CKV2_DOCKER_12: 'tls-verification-disabled',
  CKV2_DOCKER_13: 'tls-verification-disabled',
  CKV2_DOCKER_14: 'tls-verification-disabled',
  CKV2_DOCKER_15: 'tls-verification-disabled',
  CKV2_DOCKER_16: 'tls-verification-disabled',
  CKV2_DOCKER_17: undefined, // chpasswd: not in the catalog
  'DS-0001': 'latest-tag',
  'DS-0002': ['root-user', 'non-root-not-enforced'],
  'DS-0004': 'ssh-port-exposed',
  'DS-0005': 'add-instead-of-copy',
  'DS-0010': 'sudo-in-run',
};

interface Case {
  peer: string;
  file: string;
  check_id: string;
  expected: 'pass' | 'fail';
  resource?: string | null;
  description?: string;
}

function load(peer: string, keep: (c: Case) => boolean): Case[] {
  const f = path.join(sharedCorpus, 'peers', peer, 'expectations.json');
  if (!fs.existsSync(f)) return [];
  return (JSON.parse(fs.readFileSync(f, 'utf8')) as Case[]).filter(keep).map((c) => ({ ...c, peer }));
}

const cases = [
  ...load('hadolint', () => true),
  ...load('checkov', (c) => c.file.startsWith('dockerfile/') || c.file.startsWith('dockerfile_graph/')),
  ...load('trivy', (c) => c.check_id.startsWith('DS')),
];

const cache = new Map<string, Analysis>();
function lintCase(c: Case): Analysis {
  const file = path.join(sharedCorpus, 'peers', c.peer, c.file);
  let a = cache.get(file);
  if (!a) {
    a = analyze({ file, text: fs.readFileSync(file, 'utf8'), kind: 'dockerfile', config: { profile: 'strict' } });
    cache.set(file, a);
  }
  return a;
}

/** Does the rule fire? For Checkov instruction-level verdicts (`resource: USER`), only on that instruction keyword. */
function fires(a: Analysis, rules: string[], resource: string | null | undefined): boolean {
  return a.findings.some((f) => {
    if (!rules.includes(f.rule) || f.suppressed) return false;
    if (!resource || !/^[A-Z]+$/.test(resource)) return true;
    const line = a.lines.lineText(a.lines.position(f.span.start).line).trim();
    return line.toUpperCase().startsWith(resource);
  });
}

const rows = new Map<string, { rule?: string; agree: number; total: number }>();
const asList = (r: string | string[] | undefined): string[] => (r === undefined ? [] : Array.isArray(r) ? r : [r]);
const disagreements: string[] = [];
const unmapped: string[] = [];
for (const c of cases) {
  const rules = asList(MAP[c.check_id]);
  const rule = rules.length ? rules.join('|') : undefined;
  const key = `${c.peer.padEnd(9)} ${c.check_id}`;
  const row = rows.get(key) ?? { rule, agree: 0, total: 0 };
  rows.set(key, row);
  if (!rule) {
    unmapped.push(`${c.peer} ${c.check_id} ${c.file}`);
    continue;
  }
  const a = lintCase(c);
  const got = fires(a, rules, c.resource) ? 'fail' : 'pass';
  row.total++;
  if (got === c.expected) row.agree++;
  else {
    const ours = a.findings.filter((f) => rules.includes(f.rule)).map((f) => `${a.lines.position(f.span.start).line + 1}`);
    disagreements.push(`${c.peer} ${c.check_id} -> ${rule}: expected ${c.expected}, Harden ${got}${ours.length ? ` (lines ${ours.join(',')})` : ''}  ${c.file}${c.description ? `  [${c.description}]` : ''}`);
  }
}

let agree = 0;
let total = 0;
console.log(`${'peer      check'.padEnd(24)} ${'harden rule'.padEnd(40)} agree/total`);
for (const [k, r] of [...rows].sort()) {
  console.log(`${k.padEnd(24)} ${(r.rule ?? '(no counterpart)').padEnd(40)} ${r.total ? `${r.agree}/${r.total}` : '-'}`);
  agree += r.agree;
  total += r.total;
}
console.log(`\nscored cases: ${total}, agreement ${agree}/${total} (${total ? ((100 * agree) / total).toFixed(1) : '0'}%), not scored (no counterpart): ${unmapped.length}`);
console.log(`\ndisagreements (${disagreements.length}):`);
for (const d of disagreements) console.log('  ' + d);
