// The language server's only file-system access: the nearest `.harden.yaml`, other files for
// cross-file rules, and the workspace walk for workspace diagnostics.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ignore, { type Ignore } from 'ignore';
import { isRuleId, parseConfig, type HardenConfig } from '../engine';
import { kindFromName } from '../engine/detect';

export const CONFIG_NAMES = ['.harden.yaml', '.harden.yml'];

export interface ProjectConfig {
  file: string;
  dir: string;
  config: HardenConfig;
  errors: string[];
  ignorer?: Ignore;
}

/** A `file:` URI as a path, or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Finds and parses the nearest `.harden.yaml` above a folder, caching per folder until `clear()`. */
export class ProjectConfigs {
  private readonly byDir = new Map<string, ProjectConfig | null>();

  constructor(private readonly onLoad: (c: ProjectConfig) => void = () => undefined) {}

  clear(): void {
    this.byDir.clear();
  }

  /** The nearest configuration walking up from `dir` (inclusive), or undefined. */
  find(dir: string): ProjectConfig | undefined {
    const visited: string[] = [];
    let d = path.resolve(dir);
    let found: ProjectConfig | null = null;
    for (;;) {
      const cached = this.byDir.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(d);
      const loaded = this.load(d);
      if (loaded) {
        found = loaded;
        break;
      }
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
    for (const v of visited) this.byDir.set(v, found);
    return found ?? undefined;
  }

  private load(dir: string): ProjectConfig | undefined {
    for (const name of CONFIG_NAMES) {
      const file = path.join(dir, name);
      let text: string;
      try {
        if (!fs.statSync(file).isFile()) continue;
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const { config, errors } = parseConfig(text, isRuleId);
      const c: ProjectConfig = { file, dir, config, errors };
      if (config.ignore?.length) c.ignorer = ignore().add(config.ignore);
      this.onLoad(c);
      return c;
    }
    return undefined;
  }
}

/** Whether the project configuration's `ignore` patterns exclude a file. */
export function isIgnored(project: ProjectConfig | undefined, file: string): boolean {
  if (!project?.ignorer) return false;
  const rel = path.relative(project.dir, file).split(path.sep).join('/');
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  return project.ignorer.ignores(rel);
}

/** Read a file for a cross-file rule: undefined when missing, unreadable, not a file or too large. */
export function readTextFile(file: string, maxSize: number): string | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > maxSize) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** Candidate files for workspace diagnostics (by name: Dockerfiles, Compose files, YAML), depth first, sorted. */
export async function* candidateFiles(root: string, limit: number): AsyncGenerator<string> {
  const stack = [root];
  let count = 0;
  while (stack.length) {
    const dir = stack.pop()!;
    let ents: fs.Dirent[];
    try {
      ents = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    ents.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    const files: string[] = [];
    for (const e of ents) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(path.join(dir, e.name));
      } else if (e.isFile() && kindFromName(e.name) !== 'unknown' && !CONFIG_NAMES.includes(e.name)) files.push(path.join(dir, e.name));
    }
    for (const f of files.reverse()) {
      if (count++ >= limit) return;
      yield f;
    }
  }
}
