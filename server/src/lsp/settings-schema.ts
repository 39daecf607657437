// The JSON schema of the `harden.rules` setting, generated from the rule registry. A test checks
// that package.json matches it; `npx tsx scripts/sync-package-json.ts` rewrites that part.
import { RULES, SEVERITIES } from '../engine';

export interface RuleSettingSchema {
  type: 'string';
  enum: string[];
  description: string;
}

/** One property per rule id: its severity or `off`, described by the rule's title. */
export function rulesSettingProperties(): Record<string, RuleSettingSchema> {
  const out: Record<string, RuleSettingSchema> = {};
  for (const r of [...RULES].sort((a, b) => (a.id < b.id ? -1 : 1))) out[r.id] = { type: 'string', enum: [...SEVERITIES], description: r.title };
  return out;
}
