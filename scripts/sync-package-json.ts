// Rewrites the generated part of package.json: the `harden.rules` setting's per-rule properties
// (one per rule id, described by the rule's title). Run: npx tsx scripts/sync-package-json.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rulesSettingProperties } from '../server/src/lsp/settings-schema';

const file = path.join(__dirname, '..', 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
const rules = pkg.contributes?.configuration?.properties?.['harden.rules'];
if (!rules) throw new Error('package.json has no contributes.configuration.properties["harden.rules"]');
rules.properties = rulesSettingProperties();
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
console.log(`harden.rules: ${Object.keys(rules.properties).length} rules`);
