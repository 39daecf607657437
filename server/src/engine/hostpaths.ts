// Host paths mounted into containers, format-neutral (Kubernetes `hostPath.path`, Compose bind
// sources). `normaliseHostPath` first, then ask `isRuntimeSocket` before `isSensitiveHostPath`
// (decision 1: a runtime socket or its parent directory is `runtime-socket-mount` only).

/** Host directories whose mounting exposes the node (Pod Security / CIS sensitive paths). */
export const SENSITIVE_HOST_PATHS: readonly string[] = [
  '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/root',
  '/var/lib/docker', '/var/lib/kubelet', '/var/lib/containerd', '/var/log', '/run', '/var/run',
];

/** Home-relative sources that are sensitive (decision 11): `~` itself and these folders. */
export const SENSITIVE_HOME_PATHS: readonly string[] = ['~/.ssh', '~/.aws', '~/.kube', '~/.docker', '~/.gnupg'];

/** File names of container runtime API sockets: a runtime socket wherever it lives. */
export const RUNTIME_SOCKET_NAMES: ReadonlySet<string> = new Set(['docker.sock', 'containerd.sock', 'crio.sock', 'podman.sock']);

/** Directories that hold a runtime socket: mounting one hands over the socket inside it. */
export const RUNTIME_SOCKET_DIRS: ReadonlySet<string> = new Set([
  '/var/run', '/run',
  '/var/run/docker', '/run/docker',
  '/var/run/containerd', '/run/containerd',
  '/var/run/crio', '/run/crio',
  '/var/run/podman', '/run/podman',
]);

/**
 * Normalise a host path: collapse repeated `/`, resolve `.` and `..` (never above the root),
 * drop a trailing `/` (except for `/` itself). A `~` or `~/...` prefix is kept as the root of a
 * home path. Relative paths stay relative (`./data/../x` -> `x`). Windows separators are not
 * touched. The empty string stays empty.
 */
export function normaliseHostPath(p: string): string {
  const t = p.trim();
  if (!t) return '';
  let root = '';
  let rest = t;
  if (t === '~' || t.startsWith('~/')) {
    root = '~';
    rest = t.slice(1);
  } else if (t.startsWith('/')) root = '/';
  const out: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!root) out.push('..');
      continue;
    }
    out.push(part);
  }
  if (root === '/') return '/' + out.join('/');
  if (root === '~') return out.length ? '~/' + out.join('/') : '~';
  return out.join('/') || '.';
}

function isUnder(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir + '/');
}

/** The last component of a (normalised) path. */
function fileName(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/**
 * True when the path is a container runtime socket (by file name, wherever it lives) or a directory
 * known to hold one (`/var/run`, `/run`, `/run/containerd`...). Any spelling is normalised first.
 */
export function isRuntimeSocket(path: string): boolean {
  const p = normaliseHostPath(path);
  if (!p) return false;
  if (RUNTIME_SOCKET_NAMES.has(fileName(p))) return true;
  return RUNTIME_SOCKET_DIRS.has(p);
}

/**
 * True when mounting the path exposes the host: `/`, anything at or under a SENSITIVE_HOST_PATHS
 * entry, `~` or anything under a SENSITIVE_HOME_PATHS entry. Relative paths are never sensitive.
 * Callers check `isRuntimeSocket` first (decision 1).
 */
export function isSensitiveHostPath(path: string): boolean {
  const p = normaliseHostPath(path);
  if (p === '/' || p === '~') return true;
  if (p.startsWith('/')) return SENSITIVE_HOST_PATHS.some((d) => isUnder(p, d));
  if (p.startsWith('~/')) return SENSITIVE_HOME_PATHS.some((d) => isUnder(p, d));
  return false;
}
