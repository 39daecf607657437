// Configuration for each linted file: `--config FILE`, else the nearest `.harden.yaml` walking up
// from the file's folder; then the command line's --profile and --rule on top.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isRuleId, mergeConfigs, parseConfig, type HardenConfig } from '../engine';
import { errorText, slash } from './files';

export const CONFIG_NAME = '.harden.yaml';

/** A configuration file that cannot be used (exit code 2). */
export class ConfigError extends Error {}

export interface LoadedConfig {
  /** The config file, or undefined when none applies. */
  file?: string;
  config: HardenConfig;
  /** The config's `ignore` globs, relative to its folder. */
  ignores?: { dir: string; ig: Ignore };
}

export class ConfigResolver {
  private readonly byFile = new Map<string, LoadedConfig>();
  private readonly byDir = new Map<string, LoadedConfig>();
  private explicit?: LoadedConfig;

  constructor(
    private readonly overrides: HardenConfig,
    configFile?: string,
  ) {
    if (configFile !== undefined) this.explicit = this.load(path.resolve(configFile), configFile);
  }

  private load(abs: string, shown: string): LoadedConfig {
    const cached = this.byFile.get(abs);
    if (cached) return cached;
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      throw new ConfigError(`cannot read config ${shown}: ${errorText(e)}`);
    }
    const { config, errors } = parseConfig(text, isRuleId);
    if (errors.length) throw new ConfigError(`invalid config ${shown}: ${errors.join('; ')}`);
    const loaded: LoadedConfig = { file: abs, config: mergeConfigs(config, this.overrides) };
    if (config.ignore?.length) loaded.ignores = { dir: path.dirname(abs), ig: ignore().add(config.ignore) };
    this.byFile.set(abs, loaded);
    return loaded;
  }

  /** The configuration for a file or folder at absolute path `abs` (`isDir` when it is a folder). */
  forPath(abs: string, isDir = false): LoadedConfig {
    if (this.explicit) return this.explicit;
    return this.forDir(isDir ? abs : path.dirname(abs));
  }

  private forDir(dir: string): LoadedConfig {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    let found: LoadedConfig;
    const candidate = path.join(dir, CONFIG_NAME);
    let isFile = false;
    try {
      isFile = fs.statSync(candidate).isFile();
    } catch {
      /* none here */
    }
    if (isFile) found = this.load(candidate, slash(path.relative(process.cwd(), candidate)) || CONFIG_NAME);
    else {
      const up = path.dirname(dir);
      found = up === dir ? { config: mergeConfigs(this.overrides) } : this.forDir(up);
    }
    this.byDir.set(dir, found);
    return found;
  }

  /** Whether the config that applies to `abs` ignores it through its `ignore` globs. */
  ignores(abs: string, isDir: boolean): boolean {
    const c = this.forPath(abs, false);
    if (!c.ignores) return false;
    const rel = slash(path.relative(c.ignores.dir, abs));
    if (!rel || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return false;
    try {
      return c.ignores.ig.ignores(isDir ? rel + '/' : rel);
    } catch {
      return false;
    }
  }
}
