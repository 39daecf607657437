// Meta-test over the rule registry: ids, registration and the documentation every rule carries
// (title, what / why / fix, one example per format, references). Hover text, docs/rules/<id>.md,
// SARIF rule help and the README table are generated from these fields, so a rule without docs
// fails here. The examples are linted too: each bad snippet must get a finding of its rule and
// each good one none. The catalog ids are embedded below so that this test runs without /work/shared;
// test/corpus/rule-catalog.test.ts compares them with RULES.md.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { RULES } from '../../server/src/engine/rules';
import type { Format } from '../../server/src/engine/types';
import { lint, repoRoot } from '../helpers';

/** Every rule id of the catalog (RULES.md, v1), grouped as there. Ids are public API. */
const CATALOG_IDS: readonly string[] = [
  // Identity
  'root-user', 'non-root-not-enforced', 'root-group', 'non-numeric-user', 'sudo-in-run',
  // Privilege and capabilities
  'privileged', 'privilege-escalation-allowed', 'dangerous-capability', 'extra-capability',
  'capabilities-not-dropped', 'capability-spelling', 'misplaced-security-field',
  // Kernel attack surface
  'seccomp-unconfined', 'seccomp-not-set', 'deprecated-seccomp-annotation', 'apparmor-unconfined',
  'selinux-weakened', 'unmasked-proc-mount', 'unsafe-sysctl',
  // Host namespaces and host resources
  'host-network', 'host-pid', 'host-ipc', 'host-namespace', 'shared-process-namespace', 'host-port',
  'host-path-volume', 'sensitive-host-mount', 'runtime-socket-mount', 'host-device',
  'shared-mount-propagation', 'windows-host-process',
  // Filesystem and volumes
  'writable-root-filesystem', 'restricted-volume-type',
  // Image provenance and supply chain
  'latest-tag', 'unpinned-digest', 'remote-add-without-checksum', 'add-instead-of-copy',
  'curl-pipe-shell', 'tls-verification-disabled', 'package-signature-disabled',
  // Secrets
  'secret-in-env', 'secret-file-in-image', 'service-account-token-mounted',
  // Resources and exposure
  'missing-resource-limits', 'ssh-port-exposed',
  // Tool rules
  'parse-error', 'unused-suppression',
];

const FORMATS: readonly Format[] = ['dockerfile', 'compose', 'kubernetes'];
const MIN_PROSE = 80;
const rulesDir = path.join(repoRoot, 'server', 'src', 'engine', 'rules');

function ruleFiles(): string[] {
  return fs
    .readdirSync(rulesDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

describe('rule registry', () => {
  const ids = RULES.map((r) => r.id);

  it('ids are unique', () => {
    const seen = new Set<string>();
    const dupes = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    assert.deepEqual(dupes, []);
  });

  it('ids are kebab-case', () => {
    assert.deepEqual(ids.filter((id) => !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)), []);
  });

  it('every rule file is registered and every registered id has its own file', () => {
    const files = ruleFiles();
    assert.deepEqual(files.filter((f) => !ids.includes(f)), [], 'rule files missing from RULES in rules/index.ts');
    assert.deepEqual(ids.filter((id) => !files.includes(id)), [], 'registered ids without server/src/engine/rules/<id>.ts');
  });

  it('each module exports the rule whose id is its file name', () => {
    const index = fs.readFileSync(path.join(rulesDir, 'index.ts'), 'utf8');
    const wrong: string[] = [];
    for (const m of index.matchAll(/^import\s+(\w+)\s+from\s+'\.\/([^']+)';/gm)) {
      const [, name, file] = m;
      const listed = new RegExp(`\\b${name}\\b`).test(index.slice(index.indexOf('export const RULES')));
      if (!listed) wrong.push(`${file}: imported but not in RULES`);
    }
    // The default export of <id>.ts must carry that id (a copy-pasted module would not).
    for (const file of ruleFiles()) {
      const text = fs.readFileSync(path.join(rulesDir, `${file}.ts`), 'utf8');
      const m = /\bid:\s*'([^']+)'/.exec(text);
      if (!m || m[1] !== file) wrong.push(`${file}.ts declares id ${m ? m[1] : '(none)'}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('RULES is sorted by id', () => {
    assert.deepEqual(ids, [...ids].sort());
  });

  it('holds exactly the catalog ids', () => {
    assert.deepEqual(CATALOG_IDS.filter((id) => !ids.includes(id)), [], 'catalog ids without a rule');
    assert.deepEqual(ids.filter((id) => !CATALOG_IDS.includes(id)), [], 'rules that are not in the catalog');
  });
});

describe('rule docs', () => {
  for (const rule of RULES) {
    it(rule.id, () => {
      const problems: string[] = [];
      const title = rule.title.trim();
      if (!title || title === 'TITLE') problems.push('title missing');
      else {
        if (title.endsWith('.')) problems.push('title ends with a period');
        if (title.length > 60) problems.push(`title longer than 60 characters (${title.length})`);
      }

      for (const key of ['what', 'why', 'fix'] as const) {
        const text = rule.docs[key].trim();
        if (text.length < MIN_PROSE) problems.push(`docs.${key} shorter than ${MIN_PROSE} characters (${text.length})`);
      }

      // Fix safety is stated where the user reads the fix.
      if (rule.fix) {
        if (!rule.fix.description.trim()) problems.push('fix metadata without a description');
        if (!/quick fix/i.test(rule.docs.fix)) problems.push('docs.fix does not describe the quick fix');
        if (!rule.fix.safe && !/\bunsafe\b/i.test(rule.docs.fix)) problems.push('docs.fix does not say the quick fix is unsafe');
      }

      // One example per declared format, none for other formats, each non-empty and different.
      for (const fmt of FORMATS) {
        const n = rule.docs.examples.filter((e) => e.format === fmt).length;
        const declared = rule.formats.includes(fmt);
        if (declared && n !== 1) problems.push(`${n} examples for declared format ${fmt} (want 1)`);
        if (!declared && n) problems.push(`example for undeclared format ${fmt}`);
      }
      for (const ex of rule.docs.examples) {
        if (!ex.bad.trim() || !ex.good.trim()) problems.push(`${ex.format} example has an empty snippet`);
        if (ex.bad.trim() === ex.good.trim()) problems.push(`${ex.format} example: bad and good are the same`);
        if (ex.format !== 'dockerfile') {
          for (const [kind, snippet] of [['bad', ex.bad], ['good', ex.good]] as const) {
            if (snippet.includes('\t')) problems.push(`${ex.format} ${kind} example contains a tab`);
            // parse-error's bad examples are broken on purpose.
            if (rule.id === 'parse-error' && kind === 'bad') continue;
            const errors = parseAllDocuments(snippet).flatMap((d) => ('errors' in d ? d.errors : []));
            if (errors.length) problems.push(`${ex.format} ${kind} example is not valid YAML: ${errors[0].message.split('\n')[0]}`);
          }
        }
      }

      if (!rule.references.length) problems.push('no references');
      for (const ref of rule.references) {
        if (!ref.title.trim()) problems.push(`reference without title (${ref.url})`);
        if (!/^https:\/\/[^\s/]+\.[^\s/]+(\/\S*)?$/.test(ref.url)) problems.push(`reference URL is not an https URL: ${ref.url}`);
      }

      assert.deepEqual(problems, []);
    });
  }
});

// The examples are shown in hovers and docs as "flagged" / "fine": check that the rule agrees.
// Kubernetes examples are fragments (a pod spec, a container, a securityContext...); they are
// wrapped into a Pod by their first key before linting.
function indent(s: string, n: number): string {
  return s.split('\n').map((l) => ' '.repeat(n) + l).join('\n');
}

export function wrapKubernetesExample(s: string): string {
  const first = s.split('\n')[0].trim();
  const head = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: example\n';
  const container = 'spec:\n  containers:\n    - name: example\n      image: nginx:1.27\n';
  if (first.startsWith('kind:')) return s.replace(/^kind: (\w+)\n/, 'apiVersion: apps/v1\nkind: $1\nmetadata:\n  name: example\n');
  if (first.startsWith('apiVersion:')) return s;
  if (first.startsWith('metadata:')) return 'apiVersion: v1\nkind: Pod\n' + s;
  if (first.startsWith('spec:')) return head + s;
  if (first.startsWith('containers:')) return head + 'spec:\n' + indent(s, 2);
  if (first.startsWith('volumes:')) return head + container + indent(s, 2);
  return head + container + indent(s, 6); // a container-level fragment
}

describe('rule doc examples', () => {
  const FILE: Record<Format, string> = { dockerfile: 'Dockerfile', compose: 'compose.yaml', kubernetes: 'example.k8s.yaml' };
  for (const rule of RULES) {
    if (rule.id === 'parse-error' || rule.id === 'unused-suppression') continue; // about the file, not a setting
    it(rule.id, () => {
      const wrong: string[] = [];
      for (const ex of rule.docs.examples) {
        for (const kind of ['bad', 'good'] as const) {
          const text = (ex.format === 'kubernetes' ? wrapKubernetesExample(ex[kind]) : ex[kind]) + '\n';
          const n = lint(FILE[ex.format], text).findings.filter((f) => f.rule === rule.id).length;
          if (kind === 'bad' ? n === 0 : n > 0) wrong.push(`${ex.format} ${kind} example: ${n} finding(s) of ${rule.id}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }
});
