// Helpers for the CLI tests (not a test file itself): build the CLI bundle, run it, make temp trees.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers';
import type { JsonReport as JsonOut } from '../../server/src/engine/report';

let built: string | undefined;
const cleanup: string[] = [];
process.on('exit', () => {
  for (const d of cleanup) {
    try {
      fs.rmSync(d, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  }
});

/**
 * The CLI bundle to spawn. Built here with the same esbuild options as the CLI entry of
 * `esbuild.mjs`, into a private folder (so parallel test files never read a half-written
 * `dist/cli.js`, and a half-finished client or server elsewhere cannot break these tests).
 * A `package.json` stub next to it gives `--version` the real version. HARDEN_CLI overrides it.
 */
export function cliPath(): string {
  if (process.env.HARDEN_CLI) return path.resolve(process.env.HARDEN_CLI);
  if (built) return built;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-cli-'));
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version }));
  const out = path.join(dir, 'dist', 'cli.js');
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [path.join(repoRoot, 'server/src/cli/main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    legalComments: 'none',
    banner: { js: '#!/usr/bin/env node' },
  });
  built = out;
  cleanup.push(dir);
  return out;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd: string; input?: string | Buffer; env?: Record<string, string | undefined> } ): CliRun {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  Object.assign(env, opts.env ?? {});
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [cliPath(), ...args], { cwd: opts.cwd, input: opts.input ?? '', env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run with --format json and parse stdout. */
export function runJson(args: string[], opts: Parameters<typeof runCli>[1]): CliRun & { json: JsonOut } {
  const r = runCli(['--format', 'json', ...args], opts);
  let json: JsonOut;
  try {
    json = JSON.parse(r.stdout) as JsonOut;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return { ...r, json };
}

/** The CLI's JSON output, as the engine's report module defines it (the contract the tests check). */
export type { JsonFinding, JsonReport as JsonOut } from '../../server/src/engine/report';
/** A temp folder holding the given files (paths with `/`); removed when the process exits. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'harden-cli-test-')));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  cleanup.push(dir);
  return dir;
}

/**
 * Content that gives exactly one finding with the rules there are today and tomorrow: a
 * Kubernetes ConfigMap (no pod, so no container rules) whose file-level suppression names a
 * rule id that reports nothing -> one `unused-suppression` (info, restricted profile), with a
 * safe fix that deletes the comment line.
 */
export const UNUSED = '# harden-ignore-file foo-bar\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  key: value\n';
/** A Kubernetes manifest with nothing to report. */
export const CLEAN_K8S = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: clean\ndata:\n  key: value\n';
/** Broken YAML in a ConfigMap: one `parse-error` (error, every profile) and nothing else. */
export const BROKEN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   labels: {a: b}\n';
/** A ConfigMap whose only finding (`unused-suppression`) is itself suppressed. */
export const SUPPRESSED = '# harden-ignore-file unused-suppression\n' + UNUSED;
