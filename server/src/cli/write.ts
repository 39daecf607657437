// Atomic file replacement for --fix: write a temporary file in the same folder, give it the
// original's mode, then rename it over the original. Readers never see a half-written file.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorText } from './files';

/**
 * Replace `file`'s content atomically. Returns an error message, or undefined on success. A file
 * without any write permission bit is refused even when the process could write it (root),
 * because its owner marked it read-only.
 */
export function writeAtomic(file: string, text: string): string | undefined {
  let target: string;
  let st: fs.Stats;
  try {
    target = fs.realpathSync(file); // write through symbolic links, keep the link
    st = fs.statSync(target);
  } catch (e) {
    return errorText(e);
  }
  if ((st.mode & 0o222) === 0) return 'file is read-only';
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch (e) {
    return errorText(e);
  }
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.harden-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', st.mode & 0o777);
    fs.writeFileSync(fd, text, 'utf8');
    fs.fchmodSync(fd, st.mode & 0o7777);
    try {
      fs.fchownSync(fd, st.uid, st.gid);
    } catch {
      /* only root may give files away; keep ours */
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
    return undefined;
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already closed */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* never created */
    }
    return errorText(e);
  }
}
