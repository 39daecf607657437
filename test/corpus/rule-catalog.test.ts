// The rule registry against the shared catalog (RULES.md): the same ids (the unit test
// test/unit/rule-docs.test.ts holds an embedded copy of the list), and for each rule the same formats, default severity, profile and
// fix safety. Runs in `npm run test:corpus` only; skipped when the shared folder is absent.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/engine/rules';
import type { Format } from '../../server/src/engine/types';
import { repoRoot } from '../helpers';

const rulesMd = path.resolve(repoRoot, '..', 'shared', 'RULES.md');
const LETTER: Record<string, Format> = { D: 'dockerfile', C: 'compose', K: 'kubernetes' };

interface CatalogRow {
  id: string;
  formats: Format[];
  severity: string;
  profile: string;
  fix: 'safe' | 'unsafe' | 'none';
}

/** Rows of the catalog tables: `| \`id\` | DCK | error | B | condition | fix |`. */
export function catalogRows(text: string): CatalogRow[] {
  const rows: CatalogRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\|\s*`([a-z0-9-]+)`\s*\|\s*([DCK]+)\s*\|\s*(error|warning|info)\s*\|\s*([BRS])\s*\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    const last = m[5].split('|').pop()!.trim();
    const fix = /^unsafe\b/.test(last) ? 'unsafe' : /^safe\b/.test(last) ? 'safe' : 'none';
    rows.push({ id: m[1], formats: [...m[2]].map((c) => LETTER[c]), severity: m[3], profile: m[4], fix });
  }
  return rows;
}

describe('rule catalog (RULES.md)', () => {
  const present = fs.existsSync(rulesMd);
  const rows = present ? catalogRows(fs.readFileSync(rulesMd, 'utf8')) : [];

  // test/unit/rule-docs.test.ts checks that the registry holds exactly its embedded catalog ids.
  it('RULES.md lists exactly the registered rule ids', (t) => {
    if (!present) return t.skip('shared RULES.md not present');
    assert.ok(rows.length >= 40, `parsed ${rows.length} catalog rows`);
    assert.deepEqual([...rows.map((r) => r.id)].sort(), RULES.map((r) => r.id).sort());
  });

  it('each rule has the formats, severity, profile and fix safety of its catalog row', (t) => {
    if (!present) return t.skip('shared RULES.md not present');
    const diffs: string[] = [];
    for (const row of rows) {
      const rule = RULES.find((r) => r.id === row.id);
      if (!rule) {
        diffs.push(`${row.id}: not registered`);
        continue;
      }
      const formats = [...rule.formats].sort().join(',');
      if (formats !== [...row.formats].sort().join(',')) diffs.push(`${row.id}: formats ${formats}, catalog ${row.formats.join(',')}`);
      if (rule.severity !== row.severity) diffs.push(`${row.id}: severity ${rule.severity}, catalog ${row.severity}`);
      if (rule.profile !== row.profile) diffs.push(`${row.id}: profile ${rule.profile}, catalog ${row.profile}`);
      const fix = rule.fix ? (rule.fix.safe ? 'safe' : 'unsafe') : 'none';
      if (fix !== row.fix) diffs.push(`${row.id}: fix ${fix}, catalog ${row.fix}`);
    }
    assert.deepEqual(diffs, []);
  });
});
