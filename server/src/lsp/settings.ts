// Editor settings (`harden.*`), read per resource through `workspace/configuration`, and how they
// combine with the nearest `.harden.yaml`.
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_PROFILE, isProfile, isRuleId, isSeverityOrOff, mergeConfigs, parseSize, type HardenConfig, type Profile, type SeverityOrOff } from '../engine';

export interface ServerSettings {
  enable: boolean;
  profile: Profile;
  /** Per-rule severity chosen by the user (empty by default). */
  rules: Record<string, SeverityOrOff>;
  /** When false, unsafe quick fixes are not offered at all. Fix-all never applies them. */
  unsafeFixes: boolean;
  workspaceDiagnostics: boolean;
  maxFileSize: number;
  /** `harden.exposure.codeLens`: the kernel exposure code lens above each container, service and final stage. */
  exposureCodeLens: boolean;
}

export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  enable: true,
  profile: DEFAULT_PROFILE,
  rules: {},
  unsafeFixes: true,
  workspaceDiagnostics: false,
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  exposureCodeLens: true,
});

/** Read the `harden` section as the client sent it; anything malformed falls back to the default. */
export function normaliseSettings(raw: unknown): ServerSettings {
  const s: ServerSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (isProfile(r.profile)) s.profile = r.profile;
  if (typeof r.unsafeFixes === 'boolean') s.unsafeFixes = r.unsafeFixes;
  if (typeof r.workspaceDiagnostics === 'boolean') s.workspaceDiagnostics = r.workspaceDiagnostics;
  const size = parseSize(r.maxFileSize);
  if (size !== undefined) s.maxFileSize = size;
  // VS Code nests dotted setting names (`exposure: { codeLens }`); other clients may send the flat name.
  const exposure = r.exposure && typeof r.exposure === 'object' ? (r.exposure as Record<string, unknown>).codeLens : r['exposure.codeLens'];
  if (typeof exposure === 'boolean') s.exposureCodeLens = exposure;
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules))
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) if (isRuleId(id) && isSeverityOrOff(sev)) s.rules[id] = sev;
  return s;
}

/**
 * The engine configuration for one document. The editor's profile is the starting point, the
 * project's `.harden.yaml` (profile, rules, size limit) overrides it, and rules the user set
 * explicitly in `harden.rules` win over both (the map is empty unless the user fills it).
 */
export function effectiveConfig(settings: ServerSettings, project: HardenConfig | undefined): HardenConfig {
  const merged = mergeConfigs({ profile: settings.profile, maxFileSize: settings.maxFileSize }, project, { rules: settings.rules });
  if (merged.rules && Object.keys(merged.rules).length === 0) delete merged.rules;
  return merged;
}
