// ADD/COPY sources and EXPOSE ports: what counts as remote, as an archive, and the ADD -> COPY fix.
import type { Fix } from '../types';
import type { CopyInstruction, DockerfileModel } from './model';

/** An http(s) URL or a Git source (`git@host:...`, `git://`, `ssh://`, `https://.../x.git`). */
export function isRemoteSource(src: string): boolean {
  return /^(https?|git|ssh):\/\//i.test(src) || /^git@[^:]+:/.test(src) || /^github\.com\//.test(src);
}

/** A local archive that ADD extracts (by name: tar and its compressed forms; `.zip` is not extracted). */
export function isArchiveSource(src: string): boolean {
  return /\.(tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst)|gz|bz2|xz)$/i.test(src);
}

/** COPY accepts these flags of ADD; any other flag (`--checksum`, `--keep-git-dir`, `--unpack`) blocks the fix. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude']);

/** Rewrite the ADD keyword as COPY (same case), when COPY accepts all the flags used. */
export function addToCopyFix(model: DockerfileModel, c: CopyInstruction): Fix | undefined {
  if (c.flags.some((f) => !COPY_FLAGS.has(f.name.toLowerCase()))) return undefined;
  const k = c.instruction.keywordSpan;
  const word = model.text.slice(k.start, k.end);
  const copy = word === word.toLowerCase() ? 'copy' : 'COPY';
  return { title: 'Use COPY instead of ADD', safe: true, edits: [{ start: k.start, end: k.end, newText: copy }] };
}

/** Whether an EXPOSE value (`22`, `22/tcp`, `20-25/udp`) covers a port. */
export function exposesPort(value: string, port: number): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(value.trim());
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] ? Number(m[2]) : lo;
  return lo <= port && port <= hi;
}
