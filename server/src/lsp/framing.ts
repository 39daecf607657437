// Re-framing of the JSON-RPC byte stream the server reads on stdio. vscode-jsonrpc's reader never
// recovers from a message whose Content-Length is wrong: the bytes left over are read as the next
// header, that header swallows the next message's header, and so on forever (the server stays up
// but deaf). This filter sits between stdin and that reader and re-synchronises on the next
// `Content-Length:` header instead: a bad message is lost, the ones after it are not.
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { format } from 'node:util';

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
const CONTENT_LENGTH = Buffer.from('Content-Length:', 'latin1');
/** A whole header block starting at `Content-Length:` (raw CR LF never occurs inside a JSON body). */
const EMBEDDED_HEADER = /^Content-Length:[ \t]*\d+\r\n(?:[A-Za-z-]+:[^\r\n]*\r\n)*\r\n/;
/** Header junk kept at most while waiting for a header end (a flood of garbage must not grow memory). */
const MAX_HEADER_BYTES = 64 * 1024;

export class ResyncFrames extends Transform {
  private buf: Buffer = Buffer.alloc(0);
  /** Declared body length of the message being read, or -1 while reading a header. */
  private length = -1;
  /** Where to resume looking for an embedded header in the body being read. */
  private scanFrom = 0;

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]) : typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    try {
      this.drain();
    } catch {
      // Never let a framing problem take the stream down: drop what we have and start over.
      this.buf = Buffer.alloc(0);
      this.length = -1;
    }
    done();
  }

  private drain(): void {
    for (;;) {
      if (this.length < 0) {
        const end = this.buf.indexOf(HEADER_END);
        if (end < 0) {
          if (this.buf.length > MAX_HEADER_BYTES) this.buf = this.buf.subarray(this.buf.length - CONTENT_LENGTH.length);
          return;
        }
        const block = this.buf.subarray(0, end).toString('latin1');
        this.buf = this.buf.subarray(end + HEADER_END.length);
        // The last Content-Length in the block: anything before it is the tail of a bad message.
        const at = block.toLowerCase().lastIndexOf('content-length:');
        const m = at < 0 ? null : /^content-length:[ \t]*(\d+)[ \t]*(?:\r\n|$)/i.exec(block.slice(at));
        if (!m) continue; // junk without a usable header: skip it
        this.length = Number(m[1]);
        this.scanFrom = 0;
      }
      // A declared length running past the start of the next message: cut the body there.
      const bodyEnd = Math.min(this.length, this.buf.length);
      let cut = -1;
      for (let p = this.buf.indexOf(CONTENT_LENGTH, this.scanFrom); p >= 0 && p < bodyEnd; p = this.buf.indexOf(CONTENT_LENGTH, p + 1)) {
        if (EMBEDDED_HEADER.test(this.buf.subarray(p, p + 512).toString('latin1'))) {
          cut = p;
          break;
        }
      }
      if (cut >= 0) {
        this.pushBody(this.buf.subarray(0, cut));
        this.buf = this.buf.subarray(cut);
        this.length = -1;
        continue;
      }
      if (this.buf.length < this.length) {
        // Re-check the last bytes next time: a header may be split across chunks.
        this.scanFrom = Math.max(0, this.buf.length - 512);
        return;
      }
      this.pushBody(this.buf.subarray(0, this.length));
      this.buf = this.buf.subarray(this.length);
      this.length = -1;
    }
  }

  private pushBody(body: Buffer): void {
    this.push(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]));
  }
}

/** stdin (or any byte stream) re-framed for vscode-jsonrpc's reader. */
export function resyncFrames(input: Readable): Transform {
  const out = new ResyncFrames();
  input.pipe(out);
  return out;
}

/**
 * On stdio the protocol owns stdout: route console output to the client's log instead (what
 * vscode-languageserver does itself when it opens stdio from `--stdio`).
 */
export function consoleToClient(log: { log(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void }): void {
  console.log = (...a: unknown[]) => log.log(format(...a));
  console.info = (...a: unknown[]) => log.info(format(...a));
  console.debug = (...a: unknown[]) => log.log(format(...a));
  console.warn = (...a: unknown[]) => log.warn(format(...a));
  console.error = (...a: unknown[]) => log.error(format(...a));
  console.trace = (...a: unknown[]) => log.log(format(...a));
}
