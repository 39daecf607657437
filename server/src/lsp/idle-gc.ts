// One full garbage collection when the server falls idle after heavy work.
//
// Opening a workspace, or a file of megabytes, allocates far more than the analyses the server
// keeps (those are bounded: see KEPT_ANALYSIS_CHARS in server.ts). V8 reclaims the rest at its
// next major collection, which an idle process may not reach for a long time: the memory stays
// with the server while nobody uses it. Measured with the 1,375 files of the corpus open: RSS
// 230-300 MiB right after the last diagnostic, about 178 MiB once idle (docs/performance.md).
//
// So every message and every analysis "pokes" this timer; when nothing has poked it for `idleMs`
// and the heap has grown by `growthBytes` since the last collection, it collects once. Typing
// never triggers it (the timer keeps being pushed back, and small edits do not grow the heap that
// much); a collection costs a pause of tens of milliseconds, taken only when the server is idle.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export interface IdleGcOptions {
  /** Quiet time before collecting. */
  idleMs?: number;
  /** Heap growth since the last collection that makes one worthwhile. */
  growthBytes?: number;
  /** For tests: the heap in use, the collection, and the timer functions. */
  heapUsed?: () => number;
  collect?: (() => void) | null;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

/**
 * V8's full collection, if this process can run it: `global.gc` when Node was started with
 * `--expose-gc`, otherwise the same function exposed at run time (V8 adds it to contexts created
 * after the flag is set). Undefined when neither works: the server then simply never collects.
 */
export function fullCollection(): (() => void) | undefined {
  const g = (globalThis as { gc?: unknown }).gc;
  if (typeof g === 'function') return g as () => void;
  try {
    v8.setFlagsFromString('--expose-gc');
    const f: unknown = vm.runInNewContext('gc');
    return typeof f === 'function' ? (f as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Two full collections in a row: the second gives back to the system much of what the first only
 * freed inside the heap (measured on the corpus: RSS 230-270 MiB before, about 205 after one,
 * about 178 after two; a third gained nothing more).
 */
function twice(f: (() => void) | undefined): (() => void) | undefined {
  return (
    f &&
    (() => {
      f();
      f();
    })
  );
}

export class IdleGc {
  private readonly idleMs: number;
  private readonly growthBytes: number;
  private readonly heapUsed: () => number;
  private readonly collect: (() => void) | undefined;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;
  private timer: unknown;
  private baseline: number;
  /** Collections run so far. */
  collections = 0;

  constructor(opts: IdleGcOptions = {}) {
    this.idleMs = opts.idleMs ?? 2000;
    this.growthBytes = opts.growthBytes ?? 64 * 1024 * 1024;
    this.heapUsed = opts.heapUsed ?? (() => process.memoryUsage().heapUsed);
    this.collect = opts.collect === null ? undefined : (opts.collect ?? twice(fullCollection()));
    this.setTimer =
      opts.setTimer ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref(); // never keeps the process alive on its own
        return t;
      });
    this.clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
    this.baseline = this.heapUsed();
  }

  /** Something happened (a message, an analysis): the idle period starts again from now. */
  poke(): void {
    if (!this.collect) return;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => this.idle(), this.idleMs);
  }

  /** Stop: no collection after this. */
  dispose(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }

  private idle(): void {
    this.timer = undefined;
    const used = this.heapUsed();
    if (used - this.baseline < this.growthBytes) {
      // A collection of V8's own may have run meanwhile: measure growth from the lowest point seen.
      this.baseline = Math.min(this.baseline, used);
      return;
    }
    try {
      this.collect!();
      this.collections++;
    } finally {
      this.baseline = this.heapUsed();
    }
  }
}
