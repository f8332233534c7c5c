/**
 * What happens at one instant, in this order (the simulator's tie-break, see README):
 *   1. scenario events, in file order;
 *   2. daemons finishing their start-up, in router order;
 *   3. instance deadlines (keepalived `sands`), in router then instance order;
 *   4. 1.2.13 priority ticks, same order;
 *   5. script runs, in router then script order;
 *   6. advert deliveries, in the order they were sent; one advert reaches its receivers last
 *      router first, as a Linux bridge floods (see simulate.ts).
 * So two routers whose deadlines fall on the same µs both fire before either hears the other,
 * and an advert sent at t reaches its receivers at t, after everything else due at t; with a
 * scenario's jitter it reaches each receiver at its own seeded delay instead.
 */
export const Phase = {
  Scenario: 0,
  Startup: 1,
  Deadline: 2,
  PriorityTick: 3,
  ScriptRun: 4,
  Delivery: 5,
} as const;

export type Phase = (typeof Phase)[keyof typeof Phase];

/** One pending happening. A single shape for every kind keeps the hot loop monomorphic. */
export interface QueueItem {
  /** Virtual time, µs. */
  t: number;
  phase: Phase;
  /** Order within a phase: event index, or router/instance (or script) position. */
  ord: number;
  /** Insertion number: FIFO among equals. */
  seq: number;
  /** Router index (the receiver, for deliveries). */
  router: number;
  /** Instance or script index, or scenario event index. */
  item: number;
  /** Generation the item was scheduled in; stale items are skipped. */
  gen: number;
  /** Advert priority, for deliveries. */
  priority: number;
  /** Sender as router × 64 + instance, for deliveries. */
  from: number;
  /** A timer whose router's wake-up jitter has been drawn: it fires now. */
  woken: boolean;
  /**
   * Sort keys: phase and ord, except for woken timers, which sort as one group at the head of
   * the deadline phase in the order they were woken (their due order, keepalived's timer list).
   */
  sortPhase: number;
  rank: number;
}

function before(a: QueueItem, b: QueueItem): boolean {
  if (a.t !== b.t) return a.t < b.t;
  if (a.sortPhase !== b.sortPhase) return a.sortPhase < b.sortPhase;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.seq < b.seq;
}

/** A binary min-heap ordered as documented above. */
export class EventQueue {
  private readonly heap: QueueItem[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(
    t: number,
    phase: Phase,
    ord: number,
    router: number,
    item: number,
    gen: number,
    priority = 0,
    from = -1,
    woken = false,
  ): void {
    const entry: QueueItem = {
      t,
      phase,
      ord,
      seq: this.seq++,
      router,
      item,
      gen,
      priority,
      from,
      woken,
      sortPhase: woken ? Phase.Deadline : phase,
      rank: woken ? -1 : ord,
    };
    const heap = this.heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as QueueItem;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  peek(): QueueItem | undefined {
    return this.heap[0];
  }

  pop(): QueueItem | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const lc = heap[l] as QueueItem;
      const child = r < n && before(heap[r] as QueueItem, lc) ? r : l;
      const c = heap[child] as QueueItem;
      if (!before(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
