// Small helpers the Compose side of the rules shares: reading `user`, judging mount sources,
// and the finding shapes (explicit value / missing setting) so each rule stays short.
import { isRuntimeSocket, isSensitiveHostPath, normaliseHostPath } from '../hostpaths';
import type { Fix, RawFinding, Reporter, Span } from '../types';
import { display, UNRESOLVED } from './interpolate';
import { toBool, type ComposeService, type Mount, type SecurityOpt, type Setting } from './model';

/** `user: "name[:group]"` split; an integer `user: 0` reads as `"0"`. */
export function userParts(v: string): { user: string; group?: string } {
  const i = v.indexOf(':');
  if (i < 0) return { user: v.trim() };
  return { user: v.slice(0, i).trim(), group: v.slice(i + 1).trim() };
}

export function isRootName(s: string | undefined): boolean {
  return s === '0' || s === 'root';
}

/** The service's `user` is explicitly root (`root`, `0`, `root:g`, `0:g`, also through a `${VAR:-0}` default). */
export function explicitRootUser(svc: ComposeService): Setting<string> | undefined {
  const u = svc.user;
  if (!u || u.value.includes(UNRESOLVED)) return undefined;
  return isRootName(userParts(u.value).user) ? u : undefined;
}

/** The service's `user` names a non-root user, or depends on a variable we cannot resolve. */
export function hasNonRootUser(svc: ComposeService): boolean {
  const u = svc.user;
  if (!u) return false;
  const { user } = userParts(u.value);
  if (user.includes(UNRESOLVED)) return true;
  return user !== '' && !isRootName(user);
}

/** A service setting that equals `host` (`network_mode`, `pid`, `ipc`, `userns_mode`, `uts`, `cgroup`). */
export function isHost(s: Setting<string> | undefined): s is Setting<string> {
  return !!s && s.value.trim().toLowerCase() === 'host';
}

/** What a finding on a service carries in common. */
export function at(svc: ComposeService, span: Span, message: string, fixes?: Fix[]): RawFinding {
  return { span, message, container: svc.name, fixes: fixes && fixes.length ? fixes : undefined };
}

/** Report a `key: host` setting. */
export function reportHost(r: Reporter, svc: ComposeService, s: Setting<string> | undefined, key: string, what: string, fixes?: (s: Setting<string>) => Fix[]): void {
  if (!isHost(s)) return;
  r.report(at(svc, s.span, `Service ${svc.name} sets \`${key}: host\`: ${what}.`, fixes?.(s)));
}

/** Mount sources: is this mount a runtime socket (or the directory holding one)? */
export function mountIsRuntimeSocket(m: Mount): boolean {
  if ((m.type !== 'bind' && m.type !== 'npipe') || !m.source) return false;
  const src = m.source;
  // Docker Desktop / Windows: the API is the named pipe `\\.\pipe\docker_engine`.
  if (/[\\/]pipe[\\/]docker_engine$/i.test(src)) return true;
  if (m.type === 'npipe') return false;
  const last = src.slice(src.lastIndexOf('/') + 1);
  if (!src.includes(UNRESOLVED)) return isRuntimeSocket(src);
  // A source behind a variable: only its file name, when written, can be judged.
  return !last.includes(UNRESOLVED) && isRuntimeSocket(last);
}

/** Is this mount a sensitive host path (absolute or `~` sources only; runtime sockets excluded)? */
export function mountIsSensitive(m: Mount): boolean {
  if (m.type !== 'bind' || !m.source || m.source.includes(UNRESOLVED)) return false;
  if (mountIsRuntimeSocket(m)) return false;
  const p = normaliseHostPath(m.source);
  if (!p.startsWith('/') && !p.startsWith('~')) return false;
  return isSensitiveHostPath(p);
}

export function shown(s: string | undefined): string {
  return display(s ?? '');
}

/**
 * One finding per fact: a value written once (in an anchor, or a named volume's `device`) and used
 * by several services is reported once, at the place it is written, naming every service.
 * Call `flush()` at the end of the check.
 */
export function oncePerSpan(r: Reporter): Reporter & { flush(): void } {
  const byKey = new Map<string, { f: RawFinding; names: string[] }>();
  const order: string[] = [];
  return {
    report(f: RawFinding): void {
      const key = `${f.span.start}:${f.span.end}`;
      const seen = byKey.get(key);
      if (seen) {
        if (f.container && !seen.names.includes(f.container)) seen.names.push(f.container);
        return;
      }
      byKey.set(key, { f, names: f.container ? [f.container] : [] });
      order.push(key);
    },
    flush(): void {
      for (const k of order) {
        const { f, names } = byKey.get(k) as { f: RawFinding; names: string[] };
        if (names.length > 1) {
          const others = names.slice(1);
          r.report({ ...f, message: `${f.message} The same value also applies to service${others.length > 1 ? 's' : ''} ${others.join(', ')}.` });
        } else r.report(f);
      }
      byKey.clear();
      order.length = 0;
    },
  };
}

/** The service's `security_opt` entries with this option name (any spelling). */
export function securityOpts(svc: ComposeService, key: string): SecurityOpt[] {
  return svc.securityOpt.filter((o) => o.key === key && !o.item.unresolved);
}

/** `no-new-privileges` in effect: bare flag, `:true`, `=true`. */
export function noNewPrivileges(svc: ComposeService): { on: boolean; off?: SecurityOpt } {
  let on = false;
  let off: SecurityOpt | undefined;
  for (const o of svc.securityOpt.filter((x) => x.key === 'no-new-privileges')) {
    // A value that depends on an environment variable cannot be judged: count it as set.
    const v = o.item.unresolved ? true : toBool(o.value);
    if (v === false) off = o;
    else if (v === true) on = true;
  }
  return { on: on && !off, off };
}
