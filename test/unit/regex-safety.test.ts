// No regular expression in the engine can blow up: every regex literal (and every `new RegExp`
// with a literal pattern) under server/src is checked for catastrophic backtracking by recheck.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import * as ts from 'typescript';
import { repoRoot, walk } from '../helpers';

interface Found {
  where: string;
  source: string;
  flags: string;
}

export function regexesIn(file: string): { found: Found[]; dynamic: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: Found[] = [];
  const dynamic: string[] = [];
  const where = (n: ts.Node): string => `${path.relative(repoRoot, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node): void => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const lit = n.getText();
      const end = lit.lastIndexOf('/');
      found.push({ where: where(n), source: lit.slice(1, end), flags: lit.slice(end + 1) });
    } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
      const [p, f] = n.arguments ?? [];
      if (p && (ts.isStringLiteral(p) || ts.isNoSubstitutionTemplateLiteral(p))) found.push({ where: where(n), source: p.text, flags: f && ts.isStringLiteral(f) ? f.text : '' });
      else dynamic.push(`${where(n)}: ${n.getText().slice(0, 120)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { found, dynamic };
}

it('every regex under server/src is safe from catastrophic backtracking', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { checkSync } = require('recheck') as typeof import('recheck');
  const files = walk(path.join(repoRoot, 'server', 'src')).filter((f) => f.endsWith('.ts'));
  const all: Found[] = [];
  const dynamic: string[] = [];
  for (const f of files) {
    const r = regexesIn(f);
    all.push(...r.found);
    dynamic.push(...r.dynamic);
  }
  assert.ok(all.length > 20, `found ${all.length} regexes`);
  const unsafe: string[] = [];
  for (const re of all) {
    const d = checkSync(re.source, re.flags.replace(/[^dgimsuy]/g, ''), { timeout: 10_000 });
    if (d.status === 'vulnerable') unsafe.push(`${re.where} /${re.source}/${re.flags}: ${d.complexity.type} ${d.attack?.pattern ?? ''}`);
    else if (d.status === 'unknown') unsafe.push(`${re.where} /${re.source}/${re.flags}: could not be decided (${d.error.kind}); simplify it`);
  }
  console.log(`regex safety: ${all.length} regexes checked, ${dynamic.length} built at run time`);
  assert.deepEqual(unsafe, []);
  // A pattern built at run time cannot be checked: write each one as a literal.
  assert.deepEqual(dynamic, [], 'regexes built at run time (write them as literals so they can be checked)');
});

it('the checker flags a known bad pattern (self-check)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { checkSync } = require('recheck') as typeof import('recheck');
  assert.equal(checkSync('^(a|a)*$', '').status, 'vulnerable');
});
