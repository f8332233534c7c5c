import fc from 'fast-check';
import type { ProfileName } from '../../model/profiles.ts';
import { scriptTimeline } from '../../properties/scriptStatus.ts';
import { elections } from '../../properties/support.ts';
import type { Scenario, ScenarioEvent } from '../scenario.ts';
import type { Trace } from '../trace.ts';
import { RunningPrefix } from './runningPrefix.ts';

/**
 * What an episode does to its router; each has its undoing (start, uncut, rejoin, linkup, ok).
 * `fail` makes the master's script fail for good or until well after the cluster settled;
 * `fail-pulse` makes a script fail for about `fall` runs.
 */
export type EpisodeAction =
  | 'kill'
  | 'stop'
  | 'cut'
  | 'isolate'
  | 'linkdown'
  | 'linkdown-other'
  | 'fail'
  | 'fail-pulse'
  | CornerAction;

/**
 * Stories for the corners of the machine: `in-flight` takes a router's link down the µs after
 * another router's advert left (under jitter it arrives to a router already down); `fault-stop`
 * stops a router while its link is down (FAULT); `split-brain` isolates the master until another
 * has taken over, rejoins it and stops that other one the µs after: a master hears a master resign.
 */
export type CornerAction = 'in-flight' | 'fault-stop' | 'split-brain';

const ACTIONS: readonly EpisodeAction[] = [
  'kill',
  'stop',
  'cut',
  'isolate',
  'linkdown',
  'linkdown-other',
  'fail',
  'fail-pulse',
  'in-flight',
  'fault-stop',
  'split-brain',
];

/**
 * Which timer an episode is aimed at: an advert on the LAN (a master's advert timer), one of the
 * target's own adverts, a run of its first script, or a router stepping up (a master-down timer).
 */
export type EpisodeTimer = 'advert' | 'own-advert' | 'script' | 'step-up';

/**
 * When an episode strikes, once the cluster has settled (or at once, when `soon`): on the
 * microsecond a timer fires, or one µs before or after; or some milliseconds in.
 */
export type EpisodeAnchor =
  | { readonly kind: 'timer'; readonly timer: EpisodeTimer; readonly nth: number; readonly deltaUs: -1 | 0 | 1 }
  | { readonly kind: 'ms'; readonly ms: number };

/**
 * How long until it is undone: never, some milliseconds, or (a failing script) a number of its
 * runs around `fall`, so that the flip lands on the rise/fall boundary: fall − 1, fall or
 * fall + 1 failed runs, ending a µs before or after a run.
 */
export type EpisodeUndo =
  | null
  | { readonly kind: 'ms'; readonly ms: number }
  /** The settle window and then some milliseconds: long enough for every claim to judge the episode. */
  | { readonly kind: 'settled'; readonly ms: number }
  | { readonly kind: 'runs'; readonly delta: -1 | 0 | 1; readonly deltaUs: -1 | 0 | 1 };

/** One thing done to a cluster once it has settled: the stories the claims about settled clusters need. */
export interface GenEpisode {
  /** The current MASTER, a BACKUP, or a router by index. */
  readonly target: 'master' | 'backup' | number;
  readonly action: EpisodeAction;
  readonly anchor: EpisodeAnchor;
  readonly undo: EpisodeUndo;
  /** Milliseconds to wait beyond the settle window first. */
  readonly extraMs: number;
  /** Strike while the cluster is still busy with the last episode: no settle window first. */
  readonly soon: boolean;
}

const anchor: fc.Arbitrary<EpisodeAnchor> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('timer' as const),
      timer: fc.constantFrom<EpisodeTimer>('advert', 'own-advert', 'script', 'step-up'),
      nth: fc.nat(3),
      deltaUs: fc.constantFrom(-1 as const, 0 as const, 1 as const),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('ms' as const), ms: fc.integer({ min: 0, max: 3000 }) }), weight: 1 },
);

const runsUndo = fc.record({
  kind: fc.constant('runs' as const),
  delta: fc.constantFrom(-1 as const, 0 as const, 1 as const),
  deltaUs: fc.constantFrom(-1 as const, 0 as const, 1 as const),
});
const settledUndo = fc.record({ kind: fc.constant('settled' as const), ms: fc.integer({ min: 500, max: 20_000 }) });

// a fault is always undone, so that later episodes find the whole cluster again
const undo: fc.Arbitrary<EpisodeUndo> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('ms' as const), ms: fc.integer({ min: 1, max: 20_000 }) }), weight: 2 },
  { arbitrary: settledUndo, weight: 1 },
  { arbitrary: runsUndo, weight: 2 },
);

const target = fc.oneof(
  { arbitrary: fc.constant('master' as const), weight: 6 },
  { arbitrary: fc.constant('backup' as const), weight: 2 },
  { arbitrary: fc.nat(4), weight: 1 },
);

/**
 * An episode doing `action`: a failing check and a stop strike the master (the claims about
 * failover need them there; a failing check lasts), a pulse lasts about `fall` runs.
 */
function episodeOf(action: EpisodeAction): fc.Arbitrary<GenEpisode> {
  return fc.record({
    target: action === 'fail' || action === 'stop' ? fc.constant('master' as const) : target,
    action: fc.constant(action),
    anchor,
    undo: action === 'fail' ? fc.oneof(fc.constant(null), settledUndo) : action === 'fail-pulse' ? runsUndo : undo,
    extraMs: fc.integer({ min: 0, max: 3000 }),
    soon: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
  });
}

/**
 * A run's episodes: each kind of action at most once, most of them present, in a random order,
 * so that every claim about a settled cluster gets its chance in most runs.
 */
export const episodesArbitrary: fc.Arbitrary<readonly GenEpisode[]> = fc
  .tuple(
    fc.shuffledSubarray(
      ACTIONS.map((_, i) => i),
      { minLength: ACTIONS.length, maxLength: ACTIONS.length },
    ),
    // the failover stories (a master stopped, its check failing) come in nearly every run
    fc.tuple(
      ...ACTIONS.map((action) =>
        fc.option(episodeOf(action), { nil: null, freq: action === 'stop' || action === 'fail' ? 8 : 2 }),
      ),
    ),
  )
  .map(([order, episodes]) =>
    order.flatMap((i) => (episodes[i] === null || episodes[i] === undefined ? [] : [episodes[i]])),
  )
  .filter((list) => list.length > 0);

/** The routers an episode can strike: their names, scripts and a tracked interface besides the LAN one. */
export interface EpisodeRouter {
  readonly name: string;
  readonly scripts: readonly string[];
  readonly otherInterface: string | null;
}

const UNDO = { kill: 'start', stop: 'start', cut: 'uncut', isolate: 'rejoin', linkdown: 'linkup', fail: 'ok' } as const;

const usToSeconds = (us: number) => Math.round(us) / 1e6;

/** The instants (µs, from `from` on) a timer of the chosen kind fires, as the prefix ran. */
function timerInstants(trace: Trace, timer: EpisodeTimer, name: string, router: EpisodeRouter, from: number): number[] {
  const after = (t: number) => t >= from;
  switch (timer) {
    case 'advert':
      return trace.entries.filter((e) => e.kind === 'advert' && after(e.t)).map((e) => e.t * 1e6);
    case 'own-advert':
      return trace.entries.filter((e) => e.kind === 'advert' && e.router === name && after(e.t)).map((e) => e.t * 1e6);
    case 'step-up':
      return trace.entries
        .filter((e) => e.kind === 'state' && (e.state === 'MASTER' || e.state === 'TRANSITION') && after(e.t))
        .map((e) => e.t * 1e6);
    case 'script':
      return (scriptTimeline(trace, name, router.scripts[0] ?? '')?.runs ?? [])
        .map((r) => r.earliestUs)
        .filter((t) => t >= from * 1e6);
  }
}

/** The events of a corner story on router `name`, from `at` (see CornerAction); each router is running again at the end. */
function cornerEvents(
  action: CornerAction,
  trace: Trace,
  name: string,
  from: number,
  at: number,
  ep: GenEpisode,
): ScenarioEvent[] {
  const advertInt = trace.routers.find((r) => r.name === name)?.instances[0]?.advertInt ?? 1;
  if (action === 'in-flight') {
    const others = trace.entries.filter((e) => e.kind === 'advert' && e.router !== name && e.wire && e.t >= from);
    const sent = others[ep.anchor.kind === 'timer' ? Math.min(ep.anchor.nth, others.length - 1) : 0];
    const down = sent === undefined ? at : usToSeconds(Math.round(sent.t * 1e6) + 1);
    return [
      { at: down, do: 'linkdown', router: name },
      { at: down + advertInt * 3 + ep.extraMs / 1000, do: 'linkup', router: name },
    ];
  }
  if (action === 'fault-stop') {
    const stop = at + 0.001 + (ep.extraMs % 500) / 1000;
    return [
      { at, do: 'linkdown', router: name },
      { at: stop, do: 'stop', router: name },
      { at: stop + 2, do: 'start', router: name },
      { at: stop + 3, do: 'linkup', router: name },
    ];
  }
  // split-brain: isolated long enough for another to take over, then rejoined
  const rejoin = usToSeconds(
    Math.round((at + (4 + (ep.anchor.kind === 'timer' ? ep.anchor.nth : 0)) * advertInt) * 1e6),
  );
  const other = [...statesAt(trace, rejoin)].find(([r, state]) => r !== name && state === 'MASTER')?.[0];
  const events: ScenarioEvent[] = [
    { at, do: 'isolate', router: name },
    { at: rejoin, do: 'rejoin', router: name },
  ];
  if (other !== undefined) {
    events.push({ at: rejoin + 1e-6, do: 'stop', router: other }, { at: rejoin + 2, do: 'start', router: other });
  }
  return events;
}

/** The state each router's instances are in at t: MASTER if any is. */
function statesAt(trace: Trace, t: number): Map<string, string> {
  const states = new Map<string, string>();
  for (const e of trace.entries) {
    if (e.t > t) break;
    if (e.kind === 'state') states.set(e.router, e.state);
  }
  return states;
}

/**
 * The events of a run told as episodes: `starts` first, then each episode once the cluster has
 * settled (the claims' settle window after the last event, plus its extra wait), aimed at the
 * router that is MASTER (or BACKUP) then, on the µs one of its timers fires or next to it, as the
 * real model runs it. Each episode simulates the run so far once. Events stay consistent: a
 * router is stopped only while it runs, restarted only when it does not.
 */
export function episodeEvents(
  base: Scenario,
  routers: readonly EpisodeRouter[],
  starts: readonly ScenarioEvent[],
  episodes: readonly GenEpisode[],
  profile: ProfileName,
): ScenarioEvent[] {
  const events = [...starts].sort((x, y) => x.at - y.at);
  const running = new Set(starts.filter((e) => e.do === 'start').map((e) => e.router));
  const prefix = new RunningPrefix(base, profile);
  let applied = 0;
  // the settle window and the scripts' pace come from the configs: the same for every prefix
  const header = prefix.ahead(1);
  const settle = Math.max(0, ...elections(header).map((a) => a.settleWindow));
  // far enough to see a few timers, and a script fail `fall` + 1 times
  const ahead = Math.max(
    12,
    ...header.routers.flatMap((r) => r.scripts.map((x) => (x.interval + 0.01) * (x.fall + 2))),
  );
  for (const ep of episodes) {
    const last = events.reduce((m, e) => Math.max(m, e.at), 0);
    const from = ep.soon ? last : last + settle + ep.extraMs / 1000;
    // the run up to just before `from`, simulated once; what comes after, looked at without the new events
    const until = Math.round(from * 1e6) - 2;
    // what is applied is always the head: every event added since is later than it
    events.sort((x, y) => x.at - y.at);
    const due = events.slice(applied).filter((e) => Math.round(e.at * 1e6) <= until);
    prefix.advance(due, until);
    applied += due.length;
    const trace = prefix.ahead(Math.round((from + ahead) * 1e6), events.slice(applied));
    const states = statesAt(trace, from);
    const names = routers.map((r) => r.name);
    const pick = (want: string) => names.find((n) => states.get(n) === want);
    const name =
      ep.target === 'master'
        ? (pick('MASTER') ?? names[0])
        : ep.target === 'backup'
          ? (pick('BACKUP') ?? names[0])
          : names[ep.target % names.length];
    const router = routers.find((r) => r.name === name);
    if (router === undefined || name === undefined) continue;
    let at = from;
    if (ep.anchor.kind === 'ms') at = from + ep.anchor.ms / 1000;
    else {
      const instant = timerInstants(trace, ep.anchor.timer, name, router, from)[ep.anchor.nth];
      if (instant !== undefined) at = usToSeconds(instant + ep.anchor.deltaUs);
    }
    if (ep.action === 'in-flight' || ep.action === 'fault-stop' || ep.action === 'split-brain') {
      if (!running.has(name)) continue;
      events.push(...cornerEvents(ep.action, trace, name, from, at, ep));
      continue;
    }
    const action = ep.action === 'linkdown-other' ? 'linkdown' : ep.action === 'fail-pulse' ? 'fail' : ep.action;
    if (action === 'fail' && router.scripts.length === 0) continue;
    if ((action === 'kill' || action === 'stop') && !running.has(name)) continue;
    const detail =
      ep.action === 'linkdown-other' && router.otherInterface !== null
        ? { interface: router.otherInterface }
        : action === 'fail' && router.scripts.length > 1
          ? { script: router.scripts[0] as string }
          : {};
    events.push({ at, do: action, router: name, ...detail });
    if (action === 'kill' || action === 'stop') running.delete(name);
    if (ep.undo === null) continue;
    let back =
      at + (ep.undo.kind === 'ms' ? ep.undo.ms / 1000 : ep.undo.kind === 'settled' ? settle + ep.undo.ms / 1000 : 0);
    if (ep.undo.kind === 'runs' && action !== 'fail') {
      // three advert intervals (about a master-down interval), give or take one, to the µs
      const advertInt = trace.routers.find((r) => r.name === name)?.instances[0]?.advertInt ?? 1;
      back = usToSeconds(Math.round((at + (3 + ep.undo.delta) * advertInt) * 1e6) + ep.undo.deltaUs);
    } else if (ep.undo.kind === 'runs') {
      // the rise/fall boundary: the failure lasts fall − 1, fall or fall + 1 runs of the script
      const runs = scriptTimeline(trace, name, router.scripts[0] ?? '')?.runs ?? [];
      const fall = trace.routers.find((r) => r.name === name)?.scripts[0]?.fall ?? 1;
      const after = runs.filter((r) => r.earliestUs >= at * 1e6);
      const target = after[Math.max(0, fall - 1 + ep.undo.delta)];
      back = target === undefined ? at + 1 : usToSeconds(target.earliestUs + ep.undo.deltaUs);
    }
    if (back <= at) back = at + 1e-6;
    events.push({ at: back, do: UNDO[action], router: name, ...detail });
    if (action === 'kill' || action === 'stop') running.add(name);
  }
  return events.sort((x, y) => x.at - y.at);
}
