// SARIF output: structure checked in JS, and the whole log validated by Microsoft's SARIF
// Multitool (`@microsoft/sarif-multitool-linux`) where it can run (Linux x64).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/engine';
import { repoRoot } from '../helpers';
import { runCli, SUPPRESSED, tempTree, UNUSED } from './cli-helpers';

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: ArtifactLocation; region: Region } }>;
  relatedLocations?: Array<{ physicalLocation: { artifactLocation: ArtifactLocation; region: Region }; message: { text: string } }>;
  fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ artifactLocation: ArtifactLocation; replacements: Array<{ deletedRegion: Region; insertedContent: { text: string } }> }> }>;
  suppressions?: Array<{ kind: string; justification?: string }>;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; profile: string };
}
interface SarifLog {
  version: string;
  $schema: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }>;
}

function sarif(args: string[], cwd: string): { code: number | null; log: SarifLog; text: string } {
  const r = runCli(['--format', 'sarif', ...args], { cwd });
  assert.notEqual(r.code, 2, r.stderr);
  return { code: r.code, log: JSON.parse(r.stdout) as SarifLog, text: r.stdout };
}

const LEVELS = new Set(['error', 'warning', 'note']);
const isRegion = (r: Region): boolean => r.startLine >= 1 && r.startColumn >= 1 && r.endLine >= r.startLine && (r.endLine > r.startLine || r.endColumn >= r.startColumn);

describe('sarif', () => {
  it('describes every rule and every result over examples/', () => {
    const { log } = sarif(['examples'], repoRoot);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const d = run.tool.driver;
    assert.equal(d.name, 'Harden');
    assert.match(d.version, /^\d+\.\d+\.\d+/);
    assert.match(d.informationUri, /^https:\/\//);
    assert.deepEqual(
      d.rules.map((r) => r.id),
      RULES.map((r) => r.id),
    );
    for (const r of d.rules) {
      assert.ok(r.name && r.name.toLowerCase() !== r.id.toLowerCase(), r.id);
      assert.ok(r.shortDescription.text && r.fullDescription.text, r.id);
      assert.ok(r.help.text && r.help.markdown.includes(r.id), r.id);
      assert.match(r.helpUri, new RegExp(`^https://.*${r.id}`));
      assert.ok(LEVELS.has(r.defaultConfiguration.level), r.id);
      assert.ok(Array.isArray(r.properties.tags) && ['baseline', 'restricted', 'strict'].includes(r.properties.profile), r.id);
    }
    assert.ok(run.results.length > 0, 'examples/ has findings');
    assert.match(run.originalUriBaseIds.SRCROOT.uri, /^file:\/\/.*\/$/);
    for (const res of run.results) {
      assert.equal(d.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(LEVELS.has(res.level));
      assert.ok(res.message.text);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
      assert.match(loc.artifactLocation.uri, /^examples\//);
      assert.ok(isRegion(loc.region), JSON.stringify(loc.region));
      for (const rel of res.relatedLocations ?? []) {
        assert.ok(isRegion(rel.physicalLocation.region));
        assert.ok(rel.message.text);
      }
    }
    // examples/compose.yaml builds ./api, whose Dockerfile ships a root stage: related location there.
    const related = run.results.flatMap((r) => r.relatedLocations ?? []).map((l) => l.physicalLocation.artifactLocation);
    assert.ok(related.some((l) => l.uri === 'examples/api/Dockerfile' && l.uriBaseId === 'SRCROOT'), JSON.stringify(related));
  });

  it('keeps suppressed findings with suppressions and carries fixes as replacements', () => {
    const cwd = tempTree({ 'sub dir/unused.yaml': UNUSED, 'suppressed.yaml': SUPPRESSED.replace('unused-suppression\n', 'unused-suppression -- kept on purpose\n') });
    const { log, code } = sarif(['--fail-on', 'info'], cwd);
    assert.equal(code, 1);
    const results = log.runs[0].results;
    const sup = results.find((r) => r.suppressions);
    assert.ok(sup, JSON.stringify(results));
    assert.deepEqual(sup.suppressions!.map((s) => [s.kind, s.justification]), [['inSource', 'kept on purpose']]);
    assert.equal(sup.locations[0].physicalLocation.artifactLocation.uri, 'suppressed.yaml');
    const open = results.find((r) => !r.suppressions)!;
    assert.equal(open.locations[0].physicalLocation.artifactLocation.uri, 'sub%20dir/unused.yaml');
    assert.deepEqual(open.locations[0].physicalLocation.region, { startLine: 1, startColumn: 22, endLine: 1, endColumn: 29 });
    const fix = open.fixes![0];
    assert.ok(fix.description.text);
    const rep = fix.artifactChanges[0].replacements[0];
    assert.deepEqual(rep.deletedRegion, { startLine: 1, startColumn: 1, endLine: 2, endColumn: 1 });
    assert.equal(rep.insertedContent.text, '');
  });

  const validator = path.join(repoRoot, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');
  const skip =
    process.platform !== 'linux' || process.arch !== 'x64'
      ? `the SARIF Multitool binary is built for linux-x64; this is ${process.platform}-${process.arch}`
      : !fs.existsSync(validator)
        ? 'the @microsoft/sarif-multitool-linux package is not installed'
        : false;

  it('passes Microsoft\'s SARIF validator', { skip, timeout: 180_000 }, () => {
    const cwd = tempTree({ 'unused.yaml': UNUSED, 'suppressed.yaml': SUPPRESSED });
    const logs = [sarif(['examples'], repoRoot).text, sarif([], cwd).text];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-sarif-'));
    try {
      if ((fs.statSync(validator).mode & 0o111) === 0) fs.chmodSync(validator, 0o755);
      logs.forEach((text, i) => fs.writeFileSync(path.join(dir, `log${i}.sarif`), text));
      for (let i = 0; i < logs.length; i++) {
        const file = path.join(dir, `log${i}.sarif`);
        const r = spawnSync(validator, ['validate', file], {
          env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
          encoding: 'utf8',
          timeout: 170_000,
        });
        const out = `${r.stdout}\n${r.stderr}`;
        assert.equal(r.status, 0, out);
        const errors = out.split('\n').filter((l) => /\berror\b/i.test(l) && !/\b0 error/i.test(l));
        assert.deepEqual(errors, [], out);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
