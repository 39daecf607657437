// Command-line parsing: argv in, options out, or a usage error (exit code 2).
import { isProfile, isRuleId, isSeverityOrOff, parseSize, type Profile, type Severity, type SeverityOrOff } from '../engine';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'exposure';
export type FailOn = Severity | 'never';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  profile?: Profile;
  rules: Record<string, SeverityOrOff>;
  config?: string;
  /** Files over this many bytes are skipped (overrides the config's maxFileSize). */
  maxFileSize?: number;
  failOn: FailOn;
  /** A previous `--format json` output: exit 1 when a container reaches more than it did there. */
  exposureBase?: string;
  fix: boolean;
  unsafeFixes: boolean;
  quiet: boolean;
  stdinFilename?: string;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const HELP = `Usage: harden [options] [path ...]

Finds container-security problems in Dockerfiles, Docker Compose files and Kubernetes
manifests. Folders are walked recursively (.git, node_modules and .gitignore'd paths are
skipped); a file named explicitly is always linted. "-" reads standard input.

Options:
  --format text|json|sarif|exposure
                               output format (default: text); exposure: a table per file
                               of what each container can reach of the host kernel
  --profile baseline|restricted|strict
                               rule set (default: restricted, or the config's profile)
  --rule ID=off|info|warning|error
                               change one rule's severity (repeatable)
  --config FILE                use this config instead of the nearest .harden.yaml
  --max-file-size SIZE         skip files larger than SIZE (such as 5MB, 512k; default 5MB)
  --fail-on error|warning|info|never
                               lowest severity that makes the exit code 1 (default: error)
  --fail-on-exposure-increase BASE.json
                               exit 1 when a container reaches more of the host kernel than
                               in BASE.json (an earlier harden --format json output)
  --fix                        apply safe fixes in place
  --unsafe-fixes               also apply unsafe fixes (they change how containers run; implies --fix)
  --stdin-filename NAME        name standard input ("-") for detection and output
  --quiet                      print nothing for clean files
  --version                    print the version
  --help                       print this help

Exit codes: 0 no finding at or above --fail-on, 1 at least one (or an exposure
increase), 2 usage error, unreadable path or base file, or internal failure.
`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'exposure'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
const WITH_VALUE = new Set(['--format', '--profile', '--rule', '--config', '--fail-on', '--stdin-filename', '--max-file-size', '--fail-on-exposure-increase']);

export function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = { paths: [], format: 'text', rules: {}, failOn: 'error', fix: false, unsafeFixes: false, quiet: false, help: false, version: false };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      o.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (WITH_VALUE.has(name)) {
      if (eq > 0 && name !== arg) value = arg.slice(eq + 1);
      else {
        if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
        value = argv[++i];
      }
    } else if (name !== arg) throw new UsageError(`${name} takes no value`);
    switch (name) {
      case '--format':
        if (!(FORMATS as readonly string[]).includes(value!)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${value}")`);
        o.format = value as OutputFormat;
        break;
      case '--profile':
        if (!isProfile(value)) throw new UsageError(`--profile must be baseline, restricted or strict (got "${value}")`);
        o.profile = value;
        break;
      case '--rule': {
        const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(value!);
        if (!m) throw new UsageError(`--rule expects ID=off|info|warning|error (got "${value}")`);
        if (!isRuleId(m[1])) throw new UsageError(`--rule: unknown rule "${m[1]}"`);
        if (!isSeverityOrOff(m[2])) throw new UsageError(`--rule ${m[1]}: severity must be off, info, warning or error (got "${m[2]}")`);
        o.rules[m[1]] = m[2];
        break;
      }
      case '--config':
        o.config = value;
        break;
      case '--max-file-size': {
        const n = parseSize(value);
        if (n === undefined) throw new UsageError(`--max-file-size expects a size such as 5MB or 512k (got "${value}")`);
        o.maxFileSize = n;
        break;
      }
      case '--fail-on':
        if (!(FAIL_ON as readonly string[]).includes(value!)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${value}")`);
        o.failOn = value as FailOn;
        break;
      case '--fail-on-exposure-increase':
        if (!value) throw new UsageError('--fail-on-exposure-increase needs a file (an earlier harden --format json output)');
        o.exposureBase = value;
        break;
      case '--stdin-filename':
        if (!value) throw new UsageError('--stdin-filename needs a name');
        o.stdinFilename = value;
        break;
      case '--fix':
        o.fix = true;
        break;
      case '--unsafe-fixes':
        o.fix = true;
        o.unsafeFixes = true;
        break;
      case '--quiet':
      case '-q':
        o.quiet = true;
        break;
      case '--version':
      case '-v':
        o.version = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${name} (see harden --help)`);
    }
  }
  if (o.paths.length === 0) o.paths.push('.');
  if (o.paths.filter((p) => p === '-').length > 1) throw new UsageError('"-" (standard input) can be given only once');
  if (o.stdinFilename !== undefined && !o.paths.includes('-')) throw new UsageError('--stdin-filename needs "-" among the paths');
  if (o.fix && o.paths.includes('-')) throw new UsageError('--fix cannot rewrite standard input; name the file instead');
  return o;
}
