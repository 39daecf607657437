// Runs the extension-host suite (test/electron/suite) in a real VS Code desktop build downloaded by
// @vscode/test-electron. Needs network access to update.code.visualstudio.com (and a display, or
// xvfb-run on Linux), so it is NOT part of CI here: run it with `npm run test:electron` on a
// developer machine. The extension under test is this folder (dist/ from `npm run build`).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'client.js'))) throw new Error('dist/client.js is missing: run npm run build');
  // A temp copy of examples/ as the workspace, so the suite never edits the repository.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-electron-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      // The newest build our engines.vscode (^1.100.0) accepts, unless the caller asks for another.
      version: process.env.VSCODE_TEST_VERSION ?? 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      extensionTestsEnv: { HARDEN_TEST_WORKSPACE: workspace },
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions stay off; the one under development loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(scratch, 'user-data')}`,
      ],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
