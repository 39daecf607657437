// Checks the kernel attack surface data (server/src/engine/exposure/data/*.json) and prints the
// numbers derived from it (the figures docs/exposure.md quotes). Exits 1 when a check fails.
// `npx tsx scripts/check-exposure-data.ts`; the same checks run in `npm test`
// (test/unit/exposure-data.test.ts).
import { CAPABILITIES, SECCOMP_PROFILES, SYSCALL_TABLES } from '../server/src/engine/exposure/data';
import { deriveFigures, runExposureDataChecks } from '../test/exposure-data-checks';

const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const padL = (s: string | number, n: number): string => String(s).padStart(n);

console.log('Sources');
for (const [arch, t] of Object.entries(SYSCALL_TABLES)) console.log(`  syscalls ${arch}: Linux ${t.version}, ${Object.keys(t.syscalls).length} syscalls`);
for (const [rt, p] of Object.entries(SECCOMP_PROFILES)) console.log(`  seccomp ${rt}: ${p.version}, ${p.syscalls.length} rules`);
console.log(`  capabilities: Linux ${CAPABILITIES.all.version}, ${CAPABILITIES.all.capabilities.length}; defaults ` +
  Object.entries(CAPABILITIES.defaults).map(([rt, d]) => `${rt} ${d.version} ${d.capabilities.length}`).join(', '));
console.log('');
console.log(`${pad('arch', 8)}${pad('runtime', 12)}${pad('caps', 9)}${padL('syscalls', 9)}${padL('allowed', 9)}${padL('args', 6)}${padL('blocked', 9)}`);
for (const f of deriveFigures()) {
  console.log(`${pad(f.arch, 8)}${pad(f.runtime, 12)}${pad(f.caps, 9)}${padL(f.syscalls, 9)}${padL(f.allowed, 9)}${padL(f.conditional, 6)}${padL(f.blocked, 9)}`);
}
console.log('(caps: the runtime\'s default set or all capabilities; args: allowed only for some argument values; kernel >= 4.8)');
console.log('');
let failed = 0;
for (const c of runExposureDataChecks()) {
  if (c.problems.length === 0) console.log(`ok    ${c.name}`);
  else {
    failed++;
    console.log(`FAIL  ${c.name}`);
    for (const p of c.problems) console.log(`        ${p}`);
  }
}
if (failed > 0) {
  console.log(`\n${failed} check(s) failed`);
  process.exitCode = 1;
}
