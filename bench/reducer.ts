/**
 * The benchmark's speed of light: a hand-written event reducer of simplified keepalived 2.2.7
 * semantics (one instance per router, multicast, script trackers; no logs, no trace), on flat
 * mutable arrays and one binary heap. It does the same work per scenario as the simulator (the
 * same start-ups, timers, script runs and deliveries) with none of the model's generality, so
 * the simulator's speed is quoted as a fraction of it (npm run bench). Never used to decide
 * anything: the machine is the single source of truth.
 */
import { masterDownIntervalUs, skewTimeUs } from '../model/formulas.ts';
import type { Cluster } from '../src/cluster.ts';
import type { ScenarioEvent } from '../src/scenario.ts';

const EVENT = 0;
const STARTUP = 1;
const DEADLINE = 2;
const SCRIPT = 3;
const DELIVERY = 4;

const INIT = 0;
const BACKUP = 1;
const MASTER = 2;
const FAULT = 3;

/** A min-heap of items packed into parallel arrays: time, then insertion order. */
class Heap {
  t: number[] = [];
  seq: number[] = [];
  kind: number[] = [];
  a: number[] = [];
  b: number[] = [];
  private n = 0;
  private counter = 0;
  size(): number {
    return this.n;
  }
  private less(i: number, j: number): boolean {
    const ti = this.t[i] as number;
    const tj = this.t[j] as number;
    return ti < tj || (ti === tj && (this.seq[i] as number) < (this.seq[j] as number));
  }
  private swap(i: number, j: number): void {
    const { t, seq, kind, a, b } = this;
    const t0 = t[i] as number;
    t[i] = t[j] as number;
    t[j] = t0;
    const s0 = seq[i] as number;
    seq[i] = seq[j] as number;
    seq[j] = s0;
    const k0 = kind[i] as number;
    kind[i] = kind[j] as number;
    kind[j] = k0;
    const a0 = a[i] as number;
    a[i] = a[j] as number;
    a[j] = a0;
    const b0 = b[i] as number;
    b[i] = b[j] as number;
    b[j] = b0;
  }
  push(t: number, kind: number, a: number, b: number): void {
    let i = this.n++;
    this.t[i] = t;
    this.seq[i] = this.counter++;
    this.kind[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  /** Moves the top item to slot n (past the end) and restores the heap. */
  pop(): number {
    const last = --this.n;
    this.swap(0, last);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const c = r < last && this.less(r, l) ? r : l;
      if (!this.less(c, i)) break;
      this.swap(c, i);
      i = c;
    }
    return last;
  }
}

/** Runs the scenario; returns a checksum (state changes and adverts) so that the work cannot be skipped. */
export function reduce(cluster: Cluster, events: readonly ScenarioEvent[], untilUs: number): number {
  const n = cluster.routers.length;
  const routers = cluster.routers;
  const running = new Array<boolean>(n).fill(false);
  const epoch = new Array<number>(n).fill(0);
  const state = new Array<number>(n).fill(INIT);
  const prio = new Array<number>(n).fill(0);
  const gen = new Array<number>(n).fill(0);
  const results = routers.map((r) => r.scripts.map((s) => s.rise - 1));
  const good = routers.map((r) => r.scripts.map(() => true));
  const outcome = routers.map((r) => r.scripts.map((s) => s.initialOutcome === 'ok'));
  const heap = new Heap();
  let checksum = 0;
  const names = new Map(routers.map((r, i) => [r.name, i]));
  events.forEach((e, i) => {
    heap.push(Math.round(e.at * 1e6), EVENT, i, 0);
  });

  const config = (r: number) => routers[r]?.instances[0]?.config;
  const effective = (r: number) => {
    const c = config(r);
    if (c === undefined) return 0;
    let p = c.basePriority;
    routers[r]?.instances[0]?.scriptOf.forEach((s, t) => {
      const w = c.trackers[t]?.weight ?? 0;
      if (s >= 0 && w !== 0) {
        const ok = good[r]?.[s] ?? true;
        if ((w > 0 && ok) || (w < 0 && !ok)) p += w;
      }
    });
    return Math.max(1, Math.min(254, p));
  };
  const faulted = (r: number) => {
    const c = config(r);
    const spec = routers[r]?.instances[0];
    if (c === undefined || spec === undefined) return false;
    return spec.scriptOf.some((s, t) => s >= 0 && (c.trackers[t]?.weight ?? 1) === 0 && !(good[r]?.[s] ?? true));
  };
  const arm = (r: number, at: number) => {
    gen[r] = (gen[r] as number) + 1;
    heap.push(at, DEADLINE, r, gen[r] as number);
  };
  const send = (r: number, p: number, now: number) => {
    checksum++;
    for (let q = 0; q < n; q++) if (q !== r && running[q]) heap.push(now, DELIVERY, q, p * 256 + r);
  };
  const masterDown = (r: number) => masterDownIntervalUs(prio[r] as number, config(r)?.advertIntUs ?? 1_000_000);
  const become = (r: number, s: number) => {
    if (state[r] !== s) checksum++;
    state[r] = s;
  };

  while (heap.size() > 0) {
    const k = heap.pop();
    const now = heap.t[k] as number;
    if (now > untilUs) break;
    const kind = heap.kind[k] as number;
    const r = heap.a[k] as number;
    const b = heap.b[k] as number;
    if (kind === EVENT) {
      const e = events[r];
      const q = names.get(e?.router ?? '') ?? -1;
      if (e === undefined || q < 0) continue;
      if (e.do === 'start' && !running[q]) {
        running[q] = true;
        epoch[q] = (epoch[q] as number) + 1;
        heap.push(now + cluster.profile.timing.startupUs, STARTUP, q, epoch[q] as number);
      } else if ((e.do === 'stop' || e.do === 'kill') && running[q]) {
        if (e.do === 'stop' && state[q] === MASTER) send(q, 0, now);
        running[q] = false;
        epoch[q] = (epoch[q] as number) + 1;
        gen[q] = (gen[q] as number) + 1;
        become(q, INIT);
      } else if (e.do === 'fail' || e.do === 'ok') {
        const s = routers[q]?.scripts.findIndex((x) => x.name === e.script) ?? -1;
        const row = outcome[q];
        if (row !== undefined) row[Math.max(s, 0)] = e.do === 'ok';
      }
    } else if (kind === STARTUP) {
      if (epoch[r] !== b) continue;
      prio[r] = effective(r);
      routers[r]?.scripts.forEach((_, s) => {
        heap.push(now, SCRIPT, r, (epoch[r] as number) * 64 + s);
      });
      become(r, BACKUP);
      arm(r, now + masterDown(r));
    } else if (kind === SCRIPT) {
      const s = b & 63;
      if (b >> 6 !== epoch[r]) continue;
      const spec = routers[r]?.scripts[s];
      const res = results[r];
      const ok = good[r];
      if (spec === undefined || res === undefined || ok === undefined) continue;
      const exit = outcome[r]?.[s] ?? true;
      const before = ok[s];
      let v = res[s] as number;
      if (exit) v = Math.min(v + 1, spec.rise + spec.fall - 1);
      else v = Math.max(v - 1, 0);
      res[s] = v;
      if (exit && v >= spec.rise) ok[s] = true;
      if (!exit && v < spec.rise) ok[s] = false;
      if (before !== ok[s]) {
        if (faulted(r)) {
          if (state[r] === MASTER) send(r, 0, now);
          become(r, FAULT);
          gen[r] = (gen[r] as number) + 1;
        } else {
          prio[r] = effective(r);
          if (state[r] === FAULT) {
            become(r, BACKUP);
            arm(r, now + masterDown(r));
          }
        }
      }
      heap.push(now + spec.intervalUs, SCRIPT, r, b);
    } else if (kind === DEADLINE) {
      if (gen[r] !== b || !running[r]) continue;
      if (state[r] === BACKUP) become(r, MASTER);
      send(r, prio[r] as number, now);
      arm(r, now + (config(r)?.advertIntUs ?? 1_000_000));
    } else if (kind === DELIVERY) {
      if (!running[r]) continue;
      const p = b >> 8;
      const from = b & 255;
      const ours = prio[r] as number;
      if (state[r] === BACKUP) {
        if (p === 0) arm(r, now + skewTimeUs(ours));
        else if (p >= ours || config(r)?.nopreempt) arm(r, now + masterDown(r));
      } else if (state[r] === MASTER) {
        if (p > ours || (p === ours && from > r)) {
          become(r, BACKUP);
          arm(r, now + masterDown(r));
        } else if (p !== 0) send(r, ours, now);
      }
    }
  }
  return checksum;
}
