// The packaged extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3), driven in Debian's
// Chromium. Installs harden.vsix, opens a temp copy of examples/, and checks what a user sees:
// Problems, hover, a quick fix, and safe fixes applied on save. Screenshots go to test-results/e2e/.
// Run with `npm run test:e2e` after scripts/e2e/apt-deps.sh and scripts/e2e/install-code-server.sh.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { getRule } from '../../server/src/engine';
import { deltaWords, exposureSummary } from '../../server/src/engine/exposure/describe';
import { lensTooltip } from '../../server/src/lsp/exposure';
import { active, analyzeFile, applyEdits, exposureFile, fixAll, keys, where } from './support/engine';
import { copyExamples, packageVsix, requireTools, tempDir, waitFor } from './support/env';
import { Workbench, type Problem } from './support/workbench';

const QUICK_FIX = `# e2e: a quick fix for privileged, then save
services:
  app:
    image: example/app:1.0
    user: "10001:10001"
    privileged: true
`;

const FIX_ON_SAVE = `# e2e: the safe fix-all on save removes the privilege helper
FROM debian:12
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl
USER 10001
`;

/** The examples each checked in the Problems panel, with rule ids that must be among the findings. */
const EXAMPLES: Array<{ file: string; mustHave: string[] }> = [
  { file: 'compose.yaml', mustHave: ['privileged', 'host-pid', 'runtime-socket-mount'] },
  { file: 'api/Dockerfile', mustHave: ['root-user'] },
  { file: 'k8s/deployment.yaml', mustHave: ['privilege-escalation-allowed'] },
];

function problemKeys(rows: Problem[]): string[] {
  return [...new Set(rows.filter((r) => r.source === 'harden').map((r) => `${r.line}:${r.code}`))].sort();
}

/** A subtest body that leaves a screenshot of the page behind when it fails. */
function step<C>(wb: Workbench, name: string, body: (t: C) => Promise<void>): (t: C) => Promise<void> {
  return async (t) => {
    try {
      await body(t);
    } catch (e) {
      await wb.screenshot(`FAILED-${name}`).catch(() => undefined);
      throw e;
    }
  };
}

/** Wait until the status bar shows the cursor on this 1-based line. */
async function waitForCursor(wb: Workbench, line: number): Promise<void> {
  await waitFor(`the cursor on line ${line}`, 10_000, async () => {
    const text = await wb.page.textContent('.statusbar-item[id="status.editor.selection"]').catch(() => null);
    return text?.includes(`Ln ${line},`) ? true : undefined;
  });
}

function escapeRe(s: string): RegExp {
  return new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

test('VS Code (code-server) with the packaged .vsix: problems, hover, quick fix, fix on save', { timeout: 240_000 }, async (t) => {
  if (requireTools(t, { codeServer: true, chromium: true })) return;
  const vsix = packageVsix();
  t.diagnostic(`${path.basename(vsix)}: ${(fs.statSync(vsix).size / 1024).toFixed(1)} KiB`);

  const scratch = tempDir('code-server');
  const ws = path.join(scratch.dir, 'workspace');
  const copied = copyExamples(ws);
  fs.mkdirSync(path.join(ws, 'e2e'), { recursive: true });
  const quickFixFile = path.join(ws, 'e2e', 'compose.quickfix.yaml');
  const fixOnSaveFile = path.join(ws, 'e2e', 'Dockerfile.fixall');
  fs.writeFileSync(quickFixFile, QUICK_FIX);
  fs.writeFileSync(fixOnSaveFile, FIX_ON_SAVE);

  const wb = await Workbench.start({
    scratch: scratch.dir,
    folder: ws,
    vsix,
    settings: {
      'editor.codeActionsOnSave': { 'source.fixAll.harden': 'explicit' },
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.editor.enablePreview': false,
      'extensions.ignoreRecommendations': true,
      'telemetry.telemetryLevel': 'off',
      'files.autoSave': 'off',
      'editor.hover.sticky': true,
    },
  });
  try {
    await t.test('the Problems panel shows the engine findings for examples/', step(wb, 'problems', async (st) => {
      const present = EXAMPLES.filter((e) => copied.includes(e.file));
      assert.ok(present.length > 0, 'examples/ holds none of the files this test opens');
      for (const ex of present) {
        const abs = path.join(ws, ex.file);
        const expected = keys(analyzeFile(abs));
        const ids = new Set(expected.map((k) => k.split(':')[1]));
        for (const id of ex.mustHave) assert.ok(ids.has(id), `the engine reports no ${id} in examples/${ex.file}: ${expected.join(' ')}`);
        await wb.openFile(abs);
        const rows = await wb.waitForProblems(abs, `harden problems ${expected.join(' ')}`, (r) => problemKeys(r).join(' ') === expected.join(' '));
        st.diagnostic(`${ex.file}: ${problemKeys(rows).join(' ')}`);
        await wb.screenshot(`problems-${ex.file.replace(/\W+/g, '-')}`);
      }
    }));

    await t.test('a hover on a finding explains the rule', step(wb, 'hover', async () => {
      const abs = path.join(ws, 'compose.yaml');
      const a = analyzeFile(abs);
      const f = active(a).find((x) => x.rule === 'privileged');
      assert.ok(f, 'no privileged finding in examples/compose.yaml');
      const title = getRule('privileged')!.title;
      await wb.openFile(abs);
      const at = where(a, f);
      await wb.gotoLine(at.line, at.column + 1);
      const text = await wb.hover(escapeRe(title));
      assert.match(text, /privileged/);
      await wb.screenshot('hover-privileged');
      await wb.escape();
    }));

    await t.test('the kernel exposure lens above each container, and its card with what each fix removes', step(wb, 'exposure', async (st) => {
      const abs = path.join(ws, 'k8s', 'deployment.yaml');
      const text = fs.readFileSync(abs, 'utf8');
      const { exposures, deltas } = exposureFile(abs, text);
      const api = exposures.find((e) => e.container === 'api');
      assert.ok(api && exposures.length >= 2, `the engine finds no api container in examples/k8s/deployment.yaml: ${exposures.map((e) => e.container).join(' ')}`);
      const titles = exposures.map(exposureSummary);
      await wb.openFile(abs);
      // VS Code renders the lenses near the visible lines only: every one shown must be the engine's, api's among them.
      const shown = await wb.waitForCodeLenses('the exposure lens of api in examples/k8s/deployment.yaml', (ls) => ls.every((l) => titles.includes(l.title)) && ls.some((l) => l.title === titles[exposures.indexOf(api)]));
      const apiLens = shown.find((l) => l.title === exposureSummary(api))!;
      assert.match(apiLens.title, /^kernel: all \d+ syscalls, \d+ capabilities/);
      assert.equal(apiLens.tooltip, lensTooltip(api));
      st.diagnostic(`lenses: ${shown.map((l) => l.title).join(' | ')}`);
      await wb.screenshot('exposure-lenses');

      // Clicking the lens moves the cursor to the container and opens the card there.
      const card = await wb.clickCodeLens(exposureSummary(api)).then(() => wb.waitForHover(/Kernel exposure of container api of Deployment\/api/));
      const fixes = deltas(api);
      assert.ok(fixes.some((d) => d.title.startsWith('Apply the Pod Security restricted profile')), 'the engine offers the restricted profile for api');
      for (const d of fixes) assert.ok(card.includes(`${d.title}${d.safe ? '' : ' (unsafe)'}: ${deltaWords(d)}`), `the card shows ${d.title}: ${deltaWords(d)}\n${card}`);
      assert.match(card, /Reachable but should not be:[\s\S]*mount, umount2: mounts and unmounts file systems/);
      const lsm = `AppArmor: ${api.apparmor.mode} (${api.apparmor.reason}); SELinux: ${api.selinux.mode} (${api.selinux.reason})`;
      assert.ok(card.includes(lsm), `the card shows ${lsm}\n${card}`);
      await waitForCursor(wb, text.slice(0, api.span.start).split('\n').length);
      await wb.screenshot('exposure-card');
      await wb.escape();

      // A capability name: the same data from the capability's side.
      const lines = text.split('\n');
      const capLine = lines.findIndex((l) => l.includes('NET_ADMIN'));
      await wb.focusEditor();
      await wb.gotoLine(capLine + 1, lines[capLine].indexOf('NET_ADMIN') + 2);
      const capHover = await wb.hover(/Kernel exposure/);
      assert.match(capHover, /api \(Deployment\/api\) holds CAP_NET_ADMIN/);
      await wb.screenshot('exposure-capability-hover');
      await wb.escape();

      // harden.exposure.codeLens off hides the lenses (the server asks VS Code to refresh them); on brings them back.
      // (VS Code renders the lenses near the visible lines only: the cursor goes back to api's line first.)
      const apiLine = text.slice(0, api.span.start).split('\n').length;
      await wb.gotoLine(apiLine, 1);
      await wb.waitForCodeLenses('the exposure lens of api in view', (ls) => ls.some((l) => l.title === exposureSummary(api)));
      await wb.setBooleanSetting('harden.exposure.codeLens', false, true);
      await wb.screenshot('exposure-lens-setting');
      await wb.openFile(abs);
      await wb.gotoLine(apiLine, 1);
      await wb.waitForCodeLenses('no exposure lens with harden.exposure.codeLens off', (ls) => ls.length === 0, 15_000);
      await wb.setBooleanSetting('harden.exposure.codeLens', true, true);
      await wb.openFile(abs);
      await wb.gotoLine(apiLine, 1);
      await wb.waitForCodeLenses('the exposure lens back', (ls) => ls.some((l) => l.title === exposureSummary(api)), 15_000);
    }));

    await t.test('a quick fix (Ctrl+.) edits the file; saving writes it', step(wb, 'quick-fix', async () => {
      const a = analyzeFile(quickFixFile, QUICK_FIX);
      const f = active(a).find((x) => x.rule === 'privileged');
      assert.ok(f && f.fixes.length > 0, 'the engine offers no privileged fix for the quick-fix file');
      const fix = f.fixes[0];
      const expected = fixAll(quickFixFile, applyEdits(QUICK_FIX, fix.edits));
      await wb.openFile(quickFixFile);
      await wb.waitForProblems(quickFixFile, 'a privileged problem', (r) => r.some((p) => p.code === 'privileged'));
      await wb.focusEditor();
      const at = where(a, f);
      await wb.gotoLine(at.line, at.column);
      const titles = await wb.openQuickFixes(escapeRe(fix.title));
      await wb.screenshot('quick-fix-menu');
      await wb.pickQuickFix(titles.find((x) => x.startsWith(fix.title))!);
      const saved = await wb.saveAndWait(quickFixFile, 'the quick fix on disk', (s) => s === expected);
      assert.doesNotMatch(saved, /privileged: true/);
      await wb.waitForProblems(quickFixFile, 'no privileged problem', (r) => !r.some((p) => p.code === 'privileged'));
      await wb.screenshot('quick-fix-saved');
    }));

    await t.test('editor.codeActionsOnSave source.fixAll.harden applies safe fixes', step(wb, 'fix-on-save', async () => {
      await wb.openFile(fixOnSaveFile);
      await wb.waitForProblems(fixOnSaveFile, 'sudo-in-run problems', (r) => r.some((p) => p.code === 'sudo-in-run'));
      await wb.screenshot('fix-on-save-before');
      await wb.focusEditor();
      // Make the document dirty at its (empty) last line, so the explicit save runs the participants.
      await wb.page.keyboard.press('Control+End');
      await wb.page.keyboard.type('# edited');
      const typed = `${FIX_ON_SAVE}# edited`;
      const expected = fixAll(fixOnSaveFile, typed);
      assert.notEqual(expected, typed, 'the engine has no safe fix for the fix-on-save file');
      const saved = await wb.saveAndWait(fixOnSaveFile, 'safe fixes applied on save', (s) => s === expected);
      assert.match(saved, /^RUN apt-get update && apt-get install /m);
      await wb.waitForProblems(fixOnSaveFile, 'no sudo-in-run problem', (r) => !r.some((p) => p.code === 'sudo-in-run'));
      await wb.screenshot('fix-on-save-after');
    }));
  } finally {
    await wb.close();
    scratch.cleanup();
  }
});
