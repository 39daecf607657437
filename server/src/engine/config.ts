// Configuration: profile, per-rule severity or off, ignored paths. Parsed from `.harden.yaml` text
// (the host finds the file; the engine only reads the text it is given).
import { parse as parseYaml } from 'yaml';
import type { Profile, ProfileLevel, SeverityOrOff } from './types';

export interface HardenConfig {
  profile?: Profile;
  rules?: Record<string, SeverityOrOff>;
  /** Glob patterns (relative to the config file's folder) of paths not to lint. */
  ignore?: string[];
  /** Files larger than this many bytes are skipped with a message. */
  maxFileSize?: number;
}

export const PROFILES: readonly Profile[] = ['baseline', 'restricted', 'strict'];
export const SEVERITIES: readonly SeverityOrOff[] = ['error', 'warning', 'info', 'off'];
export const DEFAULT_PROFILE: Profile = 'restricted';
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export function isProfile(s: unknown): s is Profile {
  return typeof s === 'string' && (PROFILES as readonly string[]).includes(s);
}

export function isSeverityOrOff(s: unknown): s is SeverityOrOff {
  return typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s);
}

/** Whether a rule of the given catalog level is on in a profile. */
export function levelInProfile(level: ProfileLevel, profile: Profile): boolean {
  if (level === 'B') return true;
  if (level === 'R') return profile !== 'baseline';
  return profile === 'strict';
}

/** Parse a size such as `5MB`, `512k` or a plain number of bytes. */
export function parseSize(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.floor(v);
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)([kmg]?)(?:i?b)?$/i.exec(v.replace(/\s/g, ''));
  if (!m) return undefined;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(parseFloat(m[1]) * mult);
}

export interface ConfigParseResult {
  config: HardenConfig;
  errors: string[];
}

/** Parse `.harden.yaml` text. Unknown keys and bad values are reported, never thrown. */
export function parseConfig(text: string, knownRule: (id: string) => boolean): ConfigParseResult {
  const errors: string[] = [];
  const config: HardenConfig = {};
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100, prettyErrors: true });
  } catch (e) {
    return { config, errors: [`not valid YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
  if (raw === null || raw === undefined) return { config, errors };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { config, errors: ['the configuration must be a map'] };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case 'profile':
        if (isProfile(value)) config.profile = value;
        else errors.push(`profile must be one of ${PROFILES.join(', ')}`);
        break;
      case 'rules':
        if (value === null) break;
        if (typeof value !== 'object' || Array.isArray(value)) {
          errors.push('rules must be a map of rule id to error, warning, info or off');
          break;
        }
        config.rules = {};
        for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
          const s = sev === false ? 'off' : sev;
          if (!knownRule(id)) errors.push(`unknown rule "${id}"`);
          else if (!isSeverityOrOff(s)) errors.push(`rule "${id}": severity must be error, warning, info or off`);
          else config.rules[id] = s;
        }
        break;
      case 'ignore':
        if (Array.isArray(value) && value.every((v) => typeof v === 'string')) config.ignore = value as string[];
        else errors.push('ignore must be a list of path patterns');
        break;
      case 'maxFileSize': {
        const n = parseSize(value);
        if (n === undefined) errors.push('maxFileSize must be a size such as 5MB');
        else config.maxFileSize = n;
        break;
      }
      default:
        errors.push(`unknown key "${key}"`);
    }
  }
  return { config, errors };
}

/** Merge configs: later ones win, rule maps are merged key by key. */
export function mergeConfigs(...configs: Array<HardenConfig | undefined>): HardenConfig {
  const out: HardenConfig = {};
  for (const c of configs) {
    if (!c) continue;
    if (c.profile) out.profile = c.profile;
    if (c.rules) out.rules = { ...out.rules, ...c.rules };
    if (c.ignore) out.ignore = [...(out.ignore ?? []), ...c.ignore];
    if (c.maxFileSize) out.maxFileSize = c.maxFileSize;
  }
  return out;
}
