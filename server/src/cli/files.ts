// Finding the files to lint: recursive walk that skips .git, node_modules, .gitignore'd paths and
// config `ignore` globs; and reading files as UTF-8 text with size and binary checks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { kindFromName } from '../engine/detect';

const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** Forward slashes, for output and for `ignore` (which wants POSIX relative paths). */
export function slash(p: string): string {
  return p.split(path.sep).join('/');
}

/** A name worth reading: Dockerfile / Compose names, and any YAML file (checked by content). */
export function isCandidate(name: string): boolean {
  return kindFromName(name) !== 'unknown';
}

interface IgnoreLayer {
  dir: string;
  ig: Ignore;
}

function readIgnoreFile(dir: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { dir, ig: ignore().add(text) };
}

/** Whether `abs` is ignored by the stack of .gitignore layers (later, deeper layers win; `!` re-includes). */
function ignoredBy(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const l of layers) {
    const rel = slash(path.relative(l.dir, abs));
    if (!rel || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) continue;
    let r: { ignored: boolean; unignored: boolean };
    try {
      r = l.ig.test(isDir ? rel + '/' : rel);
    } catch {
      continue; // a name `ignore` refuses to judge is not ignored
    }
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/** .gitignore layers from the repository root (the folder holding `.git`) down to `dir`'s parent. */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let d = path.dirname(dir);
  let root: string | undefined;
  for (let cur = dir; ; ) {
    if (fs.existsSync(path.join(cur, '.git'))) {
      root = cur;
      break;
    }
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  if (!root || root === dir) return [];
  while (true) {
    chain.push(d);
    if (d === root) break;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return chain
    .reverse()
    .map(readIgnoreFile)
    .filter((l): l is IgnoreLayer => l !== undefined);
}

export interface WalkHooks {
  /** Extra exclusion (config `ignore` globs); `abs` is absolute. */
  excluded?: (abs: string, isDir: boolean) => boolean;
  /** A folder or file that could not be read. */
  onError?: (p: string, e: Error) => void;
  /** A candidate entry left out (a link out of the folder, a FIFO or socket), with the reason. */
  onSkip?: (p: string, reason: string) => void;
}

/**
 * Every candidate file under `root` (a folder), as paths joined onto `root` as given, sorted.
 * Symbolic links to folders are not followed (no cycles); links to files are, but only to files
 * inside `root` (a walk never reads outside the folder it was given). A dangling link with a
 * candidate name is returned so that reading it reports the error; FIFOs, sockets and devices
 * are left out through `onSkip` (reading a FIFO would block).
 */
export function walk(root: string, hooks: WalkHooks = {}): string[] {
  const out: string[] = [];
  const absRoot = path.resolve(root);
  let realRoot = absRoot;
  try {
    realRoot = fs.realpathSync(absRoot);
  } catch {
    /* readdir below reports it */
  }
  const inside = (real: string): boolean => {
    const rel = path.relative(realRoot, real);
    return rel !== '' && !rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel);
  };
  let above = ancestorLayers(absRoot);
  // A folder named on the command line is linted even when an outer .gitignore ignores it.
  if (ignoredBy(above, absRoot, true)) above = [];
  const visit = (given: string, abs: string, layers: IgnoreLayer[]): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      hooks.onError?.(given, e as Error);
      return;
    }
    const own = readIgnoreFile(abs);
    const here = own ? [...layers, own] : layers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childAbs = path.join(abs, e.name);
      const childGiven = path.join(given, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let special = !isDir && !isFile && !e.isSymbolicLink();
      if (e.isSymbolicLink()) {
        if (!isCandidate(e.name)) continue;
        let real: string;
        try {
          real = fs.realpathSync(childAbs);
          const st = fs.statSync(real);
          isFile = st.isFile();
          special = !isFile && !st.isDirectory();
          isDir = false;
        } catch {
          out.push(childGiven); // dangling or looping link: reading it reports the error
          continue;
        }
        if (!inside(real)) {
          if (isFile || special) hooks.onSkip?.(childGiven, 'symbolic link to a file outside the folder being linted; not followed');
          continue;
        }
      }
      if (special && isCandidate(e.name)) {
        if (!(ignoredBy(here, childAbs, false) || hooks.excluded?.(childAbs, false))) hooks.onSkip?.(childGiven, 'not a regular file (FIFO, socket or device)');
        continue;
      }
      if (isDir) {
        if (SKIP_DIRS.has(e.name)) continue;
        if (ignoredBy(here, childAbs, true) || hooks.excluded?.(childAbs, true)) continue;
        visit(childGiven, childAbs, here);
      } else if (isFile && isCandidate(e.name)) {
        if (ignoredBy(here, childAbs, false) || hooks.excluded?.(childAbs, false)) continue;
        out.push(childGiven);
      }
    }
  };
  visit(root, absRoot, above);
  return out;
}

export type ReadResult = { ok: true; text: string; bom: boolean } | { ok: false; reason: string; skipped: boolean };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decode bytes as UTF-8 text; NUL bytes or invalid UTF-8 mean "not text". */
export function decodeText(buf: Uint8Array): ReadResult {
  if (buf.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)', skipped: true };
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    return { ok: false, reason: 'not UTF-8 text', skipped: true };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom };
}

/** Read a file as text, refusing binaries and files over `maxSize` bytes. */
export function readText(file: string, maxSize: number): ReadResult {
  let fd: number | undefined;
  try {
    // Non-blocking open: opening a FIFO with no writer would otherwise wait forever.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return { ok: false, reason: 'is a folder', skipped: false };
    if (!st.isFile()) return { ok: false, reason: 'not a regular file (FIFO, socket or device)', skipped: false };
    if (st.size > maxSize) return { ok: false, reason: `file too large (${st.size} bytes; the limit is ${maxSize}, raise it with maxFileSize in .harden.yaml or --max-file-size)`, skipped: true };
    const buf = fs.readFileSync(fd);
    if (buf.length > maxSize) return { ok: false, reason: `file too large (over ${maxSize} bytes)`, skipped: true };
    return decodeText(buf);
  } catch (e) {
    return { ok: false, reason: errorText(e), skipped: false };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A short description of a file-system error (`no such file or directory`, ...). */
export function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'symbolic link loop';
    default:
      return err.message ?? String(e);
  }
}

/** Read all of standard input. */
export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
