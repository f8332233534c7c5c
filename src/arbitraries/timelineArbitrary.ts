import fc from 'fast-check';
import type { ScenarioEvent } from '../scenario.ts';

/** A fault on a router, and how long until it is undone (null: never). */
export interface GenFault {
  readonly kind: 'stop' | 'kill' | 'linkdown' | 'cut' | 'isolate';
  readonly atMs: number;
  readonly durationMs: number | null;
  /** For linkdown: an extra tracked interface instead of the LAN one. */
  readonly otherInterface: boolean;
}

export interface GenFlip {
  /** Index into the router's scripts. */
  readonly script: number;
  readonly atMs: number;
  readonly outcome: 'ok' | 'fail';
}

/** What happens to one router: when it starts, its faults and its scripts' outcomes over time. */
export interface GenTimeline {
  readonly startMs: number;
  readonly faults: readonly GenFault[];
  readonly flips: readonly GenFlip[];
}

/** How far after a router's start its faults and flips go by default, in ms. */
export const DEFAULT_SPAN_MS = 40_000;

/**
 * A time after the router's start, in ms, up to `spanMs`: anywhere, or on the grid where its
 * timers fire (whole seconds after the daemon came up, which takes 4 ms in 1.2.13 and 10 ms in 2.2.7).
 */
export function offsetArbitrary(spanMs: number): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: spanMs }), weight: 3 },
    {
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: Math.floor(spanMs / 1000) }), fc.constantFrom(0, 4, 10))
        .map(([seconds, startup]) => seconds * 1000 + startup),
      weight: 2,
    },
  );
}

const offsetMs = offsetArbitrary(DEFAULT_SPAN_MS);

/** Start offsets: at the same instant as others, milliseconds apart, or seconds apart. */
export const startMs = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 20 }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 12_000 }), weight: 3 },
);

function faultArbitrary(offset: fc.Arbitrary<number>): fc.Arbitrary<GenFault> {
  return fc.record({
    kind: fc.constantFrom('stop', 'kill', 'linkdown', 'cut', 'isolate'),
    atMs: offset,
    durationMs: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: null, freq: 4 }),
    otherInterface: fc.boolean(),
  });
}

const fault = faultArbitrary(offsetMs);

/**
 * One router's timeline with `scripts` scripts to flip. `spanMs` (default 40 s) is how far after
 * the start its faults and flips go: a cluster whose trackers take longer to fail needs more.
 */
export function timelineArbitrary(scripts: number, spanMs = DEFAULT_SPAN_MS): fc.Arbitrary<GenTimeline> {
  const offset = spanMs === DEFAULT_SPAN_MS ? offsetMs : offsetArbitrary(spanMs);
  const faults = spanMs === DEFAULT_SPAN_MS ? fault : faultArbitrary(offset);
  const flip: fc.Arbitrary<GenFlip> = fc.record({
    script: fc.integer({ min: 0, max: Math.max(0, scripts - 1) }),
    atMs: offset,
    outcome: fc.constantFrom('fail', 'ok'),
  });
  // a third of the routers lead a calm life: no fault and at most one script flip, so that the
  // cluster often settles before something happens (the claims about a settled cluster need it)
  const calm = fc.record({
    startMs,
    faults: fc.constant<GenFault[]>([]),
    flips: scripts === 0 ? fc.constant<GenFlip[]>([]) : fc.array(flip, { maxLength: 1 }),
  });
  const busy = fc.record({
    startMs,
    faults: fc.array(faults, { maxLength: 2 }),
    flips: scripts === 0 ? fc.constant<GenFlip[]>([]) : fc.array(flip, { maxLength: 3 }),
  });
  return fc.oneof({ arbitrary: calm, weight: 1 }, { arbitrary: busy, weight: 2 });
}

const seconds = (ms: number) => ms / 1000;

/**
 * The events of one router's timeline, made consistent: a router is stopped only while it runs,
 * restarted only when it does not, and a cut or isolation is undone only once.
 */
export function timelineEvents(
  router: string,
  timeline: GenTimeline,
  scripts: readonly string[],
  otherInterface: string | null,
): ScenarioEvent[] {
  const start = timeline.startMs;
  const raw: { atMs: number; order: number; event: Omit<ScenarioEvent, 'at'> }[] = [
    { atMs: start, order: 0, event: { do: 'start', router } },
  ];
  let order = 1;
  for (const f of timeline.faults) {
    const at = start + f.atMs;
    const iface =
      f.kind === 'linkdown' && f.otherInterface && otherInterface !== null ? { interface: otherInterface } : {};
    const undo = { stop: 'start', kill: 'start', linkdown: 'linkup', cut: 'uncut', isolate: 'rejoin' } as const;
    raw.push({ atMs: at, order: order++, event: { do: f.kind, router, ...iface } });
    if (f.durationMs !== null)
      raw.push({ atMs: at + f.durationMs, order: order++, event: { do: undo[f.kind], router, ...iface } });
  }
  for (const f of timeline.flips) {
    const script = scripts.length === 0 ? undefined : scripts[f.script % scripts.length];
    if (script !== undefined) {
      raw.push({
        atMs: start + f.atMs,
        order: order++,
        event: { do: f.outcome, router, ...(scripts.length > 1 ? { script } : {}) },
      });
    }
  }
  raw.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  const out: ScenarioEvent[] = [];
  let running = false;
  const down = new Set<string>();
  for (const { atMs, event } of raw) {
    const key = `${event.do === 'isolate' || event.do === 'rejoin' ? 'isolate' : event.do === 'cut' || event.do === 'uncut' ? 'cut' : 'link'}:${event.interface ?? ''}`;
    switch (event.do) {
      case 'start':
        if (running) continue;
        running = true;
        break;
      case 'stop':
      case 'kill':
        if (!running) continue;
        running = false;
        break;
      case 'linkdown':
      case 'cut':
      case 'isolate':
        if (down.has(key)) continue;
        down.add(key);
        break;
      case 'linkup':
      case 'uncut':
      case 'rejoin':
        if (!down.has(key)) continue;
        down.delete(key);
        break;
      default:
        break;
    }
    out.push({ at: seconds(atMs), ...event } as ScenarioEvent);
  }
  return out;
}
