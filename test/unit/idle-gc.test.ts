// The idle-time collection policy (server/src/lsp/idle-gc.ts), with a fake clock and heap: it
// collects once the server is quiet after the heap grew, never while it is being poked, and
// measures growth again from after each collection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fullCollection, IdleGc } from '../../server/src/lsp/idle-gc';
import { lifecycleStrategy } from '../../server/src/lsp/lifecycle';

const MB = 1024 * 1024;

function harness(start = 100 * MB) {
  let heap = start;
  let pending: { fn: () => void; id: number } | undefined;
  let ids = 0;
  const collected: number[] = [];
  const gc = new IdleGc({
    idleMs: 2000,
    growthBytes: 64 * MB,
    heapUsed: () => heap,
    collect: () => {
      collected.push(heap);
      heap = start; // what a full collection leaves: the live data
    },
    setTimer: (fn) => (pending = { fn, id: ++ids }).id,
    clearTimer: (id) => {
      if (pending?.id === id) pending = undefined;
    },
  });
  return {
    gc,
    collected,
    grow: (n: number) => (heap += n),
    setHeap: (n: number) => (heap = n),
    /** The quiet period ends: run the timer that is due, if any. */
    quiet: () => {
      const p = pending;
      pending = undefined;
      p?.fn();
    },
    armed: () => pending !== undefined,
  };
}

test('collects once the server is quiet after the heap grew by the threshold, and not again without new growth', () => {
  const h = harness();
  h.grow(80 * MB);
  h.gc.poke();
  h.quiet();
  assert.deepEqual(h.collected, [180 * MB]);
  assert.equal(h.gc.collections, 1);
  h.gc.poke();
  h.quiet();
  assert.equal(h.gc.collections, 1, 'no growth since: no collection');
});

test('no collection for small growth, and none while pokes keep coming', () => {
  const h = harness();
  h.grow(10 * MB);
  h.gc.poke();
  h.quiet();
  assert.equal(h.gc.collections, 0);
  // Pokes replace the pending timer: only the last one can fire.
  h.grow(100 * MB);
  for (let i = 0; i < 50; i++) h.gc.poke();
  assert.ok(h.armed());
  h.quiet();
  assert.equal(h.gc.collections, 1);
  assert.ok(!h.armed(), 'nothing pending after the collection');
});

test("growth is measured from the lowest heap seen (V8's own collections count), and dispose stops it", () => {
  const h = harness();
  h.setHeap(40 * MB); // V8 collected on its own
  h.gc.poke();
  h.quiet();
  h.setHeap(110 * MB); // +70 MB from the low point, +10 MB from the start
  h.gc.poke();
  h.quiet();
  assert.equal(h.gc.collections, 1);
  h.grow(200 * MB);
  h.gc.poke();
  h.gc.dispose();
  assert.ok(!h.armed());
  assert.equal(h.gc.collections, 1);
});

test('without a collection function it does nothing; this Node exposes one', () => {
  let timers = 0;
  const none = new IdleGc({ collect: null, setTimer: () => ++timers, clearTimer: () => undefined });
  none.poke();
  assert.equal(timers, 0);
  const f = fullCollection();
  assert.equal(typeof f, 'function');
  f!(); // runs a real full collection without throwing
});

test('the lifecycle strategy reports every message, before and after initialize', () => {
  let seen = 0;
  const s = lifecycleStrategy(() => seen++);
  const next = (): void => undefined;
  s.handleMessage({ jsonrpc: '2.0', method: 'textDocument/didOpen' } as never, next);
  s.handleMessage({ jsonrpc: '2.0', id: 1, method: 'initialize' } as never, next);
  s.handleMessage({ jsonrpc: '2.0', method: 'textDocument/didChange' } as never, next);
  assert.equal(seen, 3);
});
