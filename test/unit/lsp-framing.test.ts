// The stdin re-framing filter of the language server: well-formed streams pass through unchanged
// however they are split into chunks; after a bad header or a wrong length it finds the next message.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as fc from 'fast-check';
import { ResyncFrames } from '../../server/src/lsp/framing';

function frame(body: string, length = Buffer.byteLength(body), extraHeader = ''): Buffer {
  return Buffer.concat([Buffer.from(`${extraHeader}Content-Length: ${length}\r\n\r\n`, 'latin1'), Buffer.from(body, 'utf8')]);
}

/** Feed chunks through the filter and read back the bodies it frames. */
function run(chunks: Buffer[]): string[] {
  const f = new ResyncFrames();
  const out: Buffer[] = [];
  f.on('data', (d: Buffer) => out.push(d));
  for (const c of chunks) f.write(c);
  f.end();
  const all = Buffer.concat(out);
  const bodies: string[] = [];
  let i = 0;
  while (i < all.length) {
    const end = all.indexOf('\r\n\r\n', i);
    const n = Number(/^Content-Length: (\d+)$/.exec(all.subarray(i, end).toString('latin1'))![1]);
    bodies.push(all.subarray(end + 4, end + 4 + n).toString('utf8'));
    i = end + 4 + n;
  }
  return bodies;
}

function split(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(buf.subarray(prev, p));
    prev = p;
  }
  out.push(buf.subarray(prev));
  return out.filter((b) => b.length);
}

const message = fc.oneof(
  fc.record({ jsonrpc: fc.constant('2.0'), id: fc.nat(), method: fc.constantFrom('textDocument/hover', 'x'), params: fc.record({ text: fc.string({ unit: 'binary', maxLength: 300 }) }) }),
  // Header-like text inside a JSON string is escaped (no raw CR LF), so it is never a header.
  fc.constant({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: 'Content-Length: 12\r\n\r\n{"a":1}Content-Length:\r\n' } }),
);

it('a well-formed stream passes through unchanged, however it is split', () => {
  fc.assert(
    fc.property(fc.array(message, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 20 }), fc.boolean(), (msgs, cuts, withType) => {
      const bodies = msgs.map((m) => JSON.stringify(m));
      const stream = Buffer.concat(bodies.map((b) => frame(b, undefined, withType ? 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n' : '')));
      assert.deepEqual(run(split(stream, cuts)), bodies);
    }),
    { numRuns: 300 },
  );
});

it('a large body in many small chunks', () => {
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: 'x'.repeat(3 * 1024 * 1024) } });
  const stream = Buffer.concat([frame(body), frame('{"jsonrpc":"2.0","id":1}')]);
  const chunks: Buffer[] = [];
  for (let i = 0; i < stream.length; i += 65536) chunks.push(stream.subarray(i, i + 65536));
  const t = performance.now();
  assert.deepEqual(run(chunks), [body, '{"jsonrpc":"2.0","id":1}']);
  assert.ok(performance.now() - t < 5_000);
});

it('re-synchronises after a wrong length, a bad header or junk', () => {
  const a = '{"jsonrpc":"2.0","id":1,"method":"a"}';
  const b = '{"jsonrpc":"2.0","id":2,"method":"b"}';
  const c = '{"jsonrpc":"2.0","id":3,"method":"c"}';
  // Too short: the first is cut (and will not parse); the next ones come through.
  assert.deepEqual(run([frame(a, a.length - 5), frame(b), frame(c)]).slice(1), [b, c]);
  // Too long: the body is cut where the next header starts, so all three come through.
  assert.deepEqual(run([frame(a, a.length + 30), frame(b), frame(c)]), [a, b, c]);
  assert.deepEqual(run([frame(a, a.length + 30), ...split(frame(b), [3, 17, 20, 21, 22]), frame(c)]), [a, b, c]);
  // Headers without a usable length and bytes without any header are dropped.
  assert.deepEqual(run([Buffer.from('Content-Type: x\r\n\r\n{}junk\r\n\r\nContent-Length: ten\r\n\r\n'), frame(b), Buffer.from('\u0000\u0001garbage'), frame(c)]), [b, c]);
  // A flood of garbage without a header end does not grow without bound and does not block later messages.
  assert.deepEqual(run([Buffer.alloc(1_000_000, 0x41), Buffer.from('\r\n\r\n'), frame(b)]), [b]);
});
