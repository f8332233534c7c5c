import type { ScenarioEvent, ScenarioEventKind } from '../scenario.ts';
import { canonicalHash, type Fingerprint, pendingTimes } from '../world/canonical.ts';
import { enabledStimuli } from '../world/nextStimulus.ts';
import type { Statics } from '../world/statics.ts';
import { step } from '../world/step.ts';
import type { Stimulus, World } from '../world/world.ts';
import { FingerprintSet } from './fingerprintSet.ts';

/** The bounds of an exhaustive search: what may happen, how often, and how long a path runs on. */
export interface Scope {
  /** Faults per path: stop, kill, linkdown (standing for cut too), linkup, isolate, rejoin. */
  readonly faults: number;
  /** Script outcome changes per path (fail or ok). */
  readonly flips: number;
  /** Starts of a stopped router after its first start, per path. */
  readonly restarts: number;
  /** µs: stimuli due within this of the earliest are tried in every order (the races jitter samples). */
  readonly raceWindowUs: number;
  /** µs every router must have started by. */
  readonly startByUs: number;
  /** µs a path runs on after its last injected event before it is judged (the claims' settle window and more). */
  readonly judgeAfterUs: number;
  /**
   * µs of quiet after which the cluster counts as settled to the claims (their settle window): a
   * settled world is told apart from the same world reached sooner after an event, so that events
   * are also tried on a settled cluster (a claim about a failure on a settled master needs one).
   */
  readonly settledUs: number;
  /** µs a judged path runs on still, for injections at every phase of the settled cluster's timers. */
  readonly roundUs: number;
  /** The search gives up beyond this many distinct states (the scope is then reported incomplete). */
  readonly maxStates: number;
}

/** How a state was reached from its parent: a stimulus (the n-th of those enabled) or an injected event. */
export type Move =
  | { readonly kind: 'stimulus'; readonly choice: number; readonly of: number }
  /** A settled cluster run on by its own stimuli (the first of each race) until it counts as settled. */
  | { readonly kind: 'settle'; readonly choices: readonly number[] }
  | { readonly kind: 'inject'; readonly event: ScenarioEvent };

interface Budget {
  readonly faults: number;
  readonly flips: number;
  readonly restarts: number;
}

/** A state of the search: the world, what is left of the budget, and the bookkeeping of its path. */
interface Node {
  readonly id: number;
  readonly world: World;
  readonly depth: number;
  readonly used: Budget;
  /** Routers started at least once, as a bit set. */
  readonly started: number;
  /** µs of the last injected event. */
  readonly lastEventUs: number;
  /** The path was judged at or before this state (and nothing was injected since). */
  readonly judged: boolean;
  /** The move into this state injected an event: another may follow at the same instant. */
  readonly eventLast: boolean;
  /** What the path's events met: each event with the routers' states and VIPs when it came (historyOf). */
  readonly history: number;
}

/** A path to judge: the events injected and the race choices made, up to a state. */
export interface Path {
  readonly id: number;
  readonly depth: number;
  /** The world the path reaches. */
  readonly world: World;
  /** Nothing else is due at the world's now: replaying the path until then ends in this very world. */
  readonly exact: boolean;
  readonly events: readonly ScenarioEvent[];
  readonly choices: readonly number[];
  readonly untilUs: number;
}

/**
 * One of N shards of a search (`verify --shard K/N`): every shard explores the same first levels,
 * breadth first, until a level holds at least SPLIT_PER_SHARD × N states; from then on each keeps
 * the states of that level whose fingerprint falls to it (fingerprint mod N = K − 1) and explores
 * only what follows from them. Every behaviour passes through one state of that level, so the
 * shards together cover the scope, and each still searches breadth first: the shortest
 * counterexample of the whole search is the shortest of the shards'. A state reached from the
 * states of two shards is explored by both (the shards do not talk to each other).
 */
export interface Shard {
  readonly k: number;
  readonly n: number;
  /** States per shard the split level holds at least (default SPLIT_PER_SHARD; tests split small searches). */
  readonly perShard?: number;
}

/** States a shard's first split level holds at least, per shard. */
export const SPLIT_PER_SHARD = 4096;

export interface ExploreStats {
  readonly generated: number;
  readonly distinct: number;
  readonly depth: number;
  readonly queuePeak: number;
  readonly paths: number;
  /** The search stopped at maxStates: the scope was not covered. */
  readonly incomplete: boolean;
  /**
   * A shard's search: where the shards parted (null: the frontier never grew large enough, and
   * shard 1 searched it all), and the states every shard explored alike before they parted.
   */
  readonly shard?: {
    readonly k: number;
    readonly n: number;
    readonly splitDepth: number | null;
    readonly shared: { readonly generated: number; readonly distinct: number };
  };
}

const mix = (h: number, x: number) => Math.imul(h ^ x, 0x01000193) >>> 0;
const text = (h: number, t: string) => {
  let out = h;
  for (let i = 0; i < t.length; i++) out = mix(out, t.charCodeAt(i));
  return mix(out, 0x2c);
};

/**
 * The history of a path, as far as the claims can tell paths apart: each injected event with the
 * state and the VIP of every instance when it came. A claim judges a path's whole run, not only
 * the world it reaches: the same world reached by a script failing on the MASTER and on a BACKUP
 * (a failed tracker that left the VIP in place, or one that never had it) are different runs to
 * the claims, and the search keeps both.
 */
function historyOf(history: number, world: World, event: ScenarioEvent, settled: boolean): number {
  let h = text(text(mix(history, settled ? 0x9e3779b9 : 0x7f4a7c15), event.do), event.router);
  if (event.script !== undefined) h = text(h, event.script);
  if (event.interface !== undefined) h = text(h, event.interface);
  for (const router of world.routers)
    for (const instance of router.instances) h = mix(text(h, instance.state), instance.vipHeld ? 1 : 0);
  return h;
}

/**
 * The world run on by its own stimuli (the first of each race; `choices` records them) until it
 * has been quiet for more than the settle window since `lastEventUs`, at an instant where nothing
 * else is due: a settled cluster repeats itself, and this is the world it repeats itself into.
 */
function runOn(
  statics: Statics,
  world: World,
  lastEventUs: number,
  scope: Scope,
): { world: World; choices: number[] } | null {
  const choices: number[] = [];
  let at = world;
  for (;;) {
    const enabled = enabledStimuli(statics, at, scope.raceWindowUs);
    const first = enabled[0];
    if (first === undefined) return null;
    if (at.now - lastEventUs > scope.settledUs && first.t > at.now) return { world: at, choices };
    if (enabled.length > 1) choices.push(0);
    const taken: Stimulus = first.t < at.now ? { ...first, t: at.now } : first;
    [at] = step(statics, at, taken);
  }
}

/** The faults each router can suffer, as scenario events, with what they use of the budget. */
function injections(
  statics: Statics,
  node: Node,
  scope: Scope,
  t: number,
): { readonly event: ScenarioEvent; readonly used: Budget; readonly started: number }[] {
  const out: { event: ScenarioEvent; used: Budget; started: number }[] = [];
  const { used } = node;
  const canFault = used.faults < scope.faults;
  const at = t / 1_000_000;
  statics.cluster.routers.forEach((spec, r) => {
    const router = node.world.routers[r];
    if (router === undefined) return;
    const bit = 1 << r;
    const add = (kind: ScenarioEventKind, budget: Budget, extra: Partial<ScenarioEvent> = {}, started = node.started) =>
      out.push({ event: { at, do: kind, router: spec.name, ...extra }, used: budget, started });
    const fault = { ...used, faults: used.faults + 1 };
    if (!router.running) {
      if ((node.started & bit) === 0) add('start', used, {}, node.started | bit);
      else if (used.restarts < scope.restarts) add('start', { ...used, restarts: used.restarts + 1 });
    } else if (canFault) {
      add('stop', fault);
      add('kill', fault);
    }
    // the harness can take an interface down, or cut a router off, whether keepalived runs or not
    // a cut and a linkdown both take the interface down: linkdown stands for both
    const interfaces = [
      spec.lanInterface,
      ...spec.instances.flatMap((i) =>
        i.config.trackers.flatMap((k) => (k.kind === 'interface' && !k.own ? [k.name] : [])),
      ),
    ];
    for (const name of [...new Set(interfaces)]) {
      if (!canFault) break;
      const extra = name === spec.lanInterface ? {} : { interface: name };
      if (router.carrierDown.includes(name)) add('uncut', fault, extra);
      else if (router.adminDown.includes(name)) add('linkup', fault, extra);
      else add('linkdown', fault, extra);
    }
    if (canFault) add(router.isolated ? 'rejoin' : 'isolate', fault);
    if (used.flips < scope.flips) {
      spec.scripts.forEach((script, s) => {
        const failing = router.scripts[s]?.outcome === 'fail';
        add(
          failing ? 'ok' : 'fail',
          { ...used, flips: used.flips + 1 },
          spec.scripts.length > 1 ? { script: script.name } : {},
        );
      });
    }
  });
  return out;
}

/**
 * Breadth-first search of every behaviour of the cluster within the scope: at each state, every
 * stimulus that may come next (µs races in every order) and every event the budget allows, just
 * after the last stimulus and just before the next one (the timeout-order abstraction: between two
 * stimuli nothing changes, so those are the only instants an event can be told apart at).
 * Worlds are told apart by their canonical form. `judge` is given each path once its last event is
 * `judgeAfterUs` old, and returns false to stop the search.
 */
export function explore(
  statics: Statics,
  initial: World,
  scope: Scope,
  judge: (path: Path) => boolean,
  /** Called with each distinct world as it is found. */
  visit: (world: World) => void = () => {},
  /** Explore only this shard's part of the search (a search in N shards); paths before the split are judged by shard 1. */
  shard?: Shard,
): ExploreStats {
  const all = statics.cluster.routers.length;
  const everyone = (1 << all) - 1;
  const parents: number[] = [];
  const moves: Move[] = [];
  // each state's fingerprint, to tell a path that comes round to its own earlier state
  const keysA: number[] = [];
  const keysB: number[] = [];
  /** The state with this fingerprint is `id` or one of its last `window` ancestors. */
  const onPath = (id: number, key: Fingerprint, window: number): boolean => {
    for (let at = id, k = 0; at >= 0 && k < window; at = parents[at] as number, k++) {
      if (keysA[at] === key.a && keysB[at] === key.b) return true;
    }
    return false;
  };
  const seen = new FingerprintSet();
  let generated = 0;
  let maxDepth = 0;
  let queuePeak = 0;
  let paths = 0;
  let incomplete = false;

  const keyOf = (n: Omit<Node, 'id'>): Fingerprint => {
    // when the last event was is not part of the state: two paths that reach the same world are
    // the same from then on, whenever their events happened (the first one found stands for both)
    const over = n.world.now - n.lastEventUs >= scope.judgeAfterUs + scope.roundUs;
    const settled = n.world.now - n.lastEventUs > scope.settledUs;
    const u = n.used;
    return canonicalHash(statics, n.world, [
      u.faults,
      u.flips,
      u.restarts,
      n.started,
      n.judged ? 1 : 0,
      over ? 1 : 0,
      settled ? 1 : 0,
      n.history,
    ]);
  };
  const pathOf = (id: number, depth: number, world: World, untilUs: number, exact: boolean): Path => {
    const events: ScenarioEvent[] = [];
    const choices: number[] = [];
    for (let at = id; at > 0; at = parents[at] as number) {
      const move = moves[at] as Move;
      if (move.kind === 'inject') events.push(move.event);
      else if (move.kind === 'settle') choices.push(...[...move.choices].reverse());
      else if (move.of > 1) choices.push(move.choice);
    }
    return { id, depth, world, exact, events: events.reverse(), choices: choices.reverse(), untilUs };
  };

  let frontier: Node[] = [];
  let stop = false;
  let splitDepth: number | null = null;
  let shared: { generated: number; distinct: number } | null = null;
  /** A path is this shard's to judge: every path of an unsharded search, and those before the split only in shard 1. */
  const mine = () => shard === undefined || shard.k === 1 || splitDepth !== null;
  let lastKey: Fingerprint = { a: 0, b: 0 };
  /** Adds a state to the next level unless it was seen; true when it is new. */
  const add = (parent: Node, move: Move, next: Omit<Node, 'id'>): boolean => {
    generated++;
    if (seen.size >= scope.maxStates) {
      incomplete = true;
      return false;
    }
    const key = keyOf(next);
    lastKey = key;
    if (!seen.add(key.a, key.b)) return false;
    const id = parents.length;
    parents.push(parent.id);
    moves.push(move);
    keysA.push(key.a);
    keysB.push(key.b);
    maxDepth = Math.max(maxDepth, next.depth);
    visit(next.world);
    frontier.push({ ...next, id });
    return true;
  };

  const root: Node = {
    id: 0,
    world: initial,
    depth: 0,
    used: { faults: 0, flips: 0, restarts: 0 },
    started: 0,
    lastEventUs: 0,
    judged: false,
    eventLast: true,
    history: 0,
  };
  parents.push(-1);
  moves.push({ kind: 'stimulus', choice: 0, of: 0 });
  const rootKey = keyOf(root);
  seen.add(rootKey.a, rootKey.b);
  keysA.push(rootKey.a);
  keysB.push(rootKey.b);
  frontier.push(root);

  while (frontier.length > 0 && !stop) {
    const level = frontier;
    frontier = [];
    queuePeak = Math.max(queuePeak, level.length);
    for (const node of level) {
      if (stop) break;
      const world = node.world;
      const enabled = enabledStimuli(statics, world, scope.raceWindowUs);
      const nextT = enabled[0]?.t ?? Number.POSITIVE_INFINITY;
      const quiet = world.now - node.lastEventUs;
      const allStarted = node.started === everyone;
      // judged once its last event is old enough and nothing else is due at this instant
      let judged = node.judged;
      if (!judged && allStarted && quiet >= scope.judgeAfterUs && nextT > world.now) {
        judged = true;
        if (mine()) {
          paths++;
          if (!judge(pathOf(node.id, node.depth, world, world.now, true))) stop = true;
        }
      }
      const over = judged && quiet >= scope.judgeAfterUs + scope.roundUs;
      // the world's own stimuli, every order of a race; none while a router still has to start late
      const mustStart = !allStarted && world.now >= scope.startByUs;
      if (!over && (!mustStart || nextT <= world.now)) {
        let cycles = false;
        enabled.forEach((stimulus, choice) => {
          const taken: Stimulus = stimulus.t < world.now ? { ...stimulus, t: world.now } : stimulus;
          const [after] = step(statics, world, taken);
          const next = { ...node, world: after, depth: node.depth + 1, judged, eventLast: false };
          if (!add(node, { kind: 'stimulus', choice, of: enabled.length }, next) && onPath(node.id, lastKey, 1000))
            cycles = true;
        });
        // the world comes round to a state of its own path (a settled cluster repeats itself): its
        // future is known, so the path is judged now, its run carried on to the usual length
        if (cycles && !judged && allStarted) {
          judged = true;
          if (mine()) {
            paths++;
            const untilUs = Math.max(world.now + 1, node.lastEventUs + scope.judgeAfterUs);
            if (!judge(pathOf(node.id, node.depth, world, untilUs, nextT > world.now))) stop = true;
          }
        }
        // a cluster that repeats itself before it counts as settled to the claims: it is run on
        // until it does, and events are tried on the settled cluster too (a failure on a settled
        // master is what a claim about failures judges)
        if (cycles && allStarted && quiet <= scope.settledUs && !stop) {
          const settled = runOn(statics, world, node.lastEventUs, scope);
          if (settled !== null)
            add(
              node,
              { kind: 'settle', choices: settled.choices },
              { ...node, world: settled.world, depth: node.depth + 1, judged, eventLast: false },
            );
        }
      }
      if (over) continue;
      // events. Between the last stimulus and the next one every instant is the same to the
      // world's timers (the timeout-order abstraction): an event is tried just before the next
      // expiry and at its very µs (before it); at the instant of an event just injected (events at
      // the same time); and where a timer the event starts would fall on either side of a pending
      // expiry, just before, at and just after that crossing. A script flip is read at the
      // script's next run only: once per gap.
      if (nextT <= world.now) continue;
      const finite = nextT !== Number.POSITIVE_INFINITY;
      // a scenario event goes before every stimulus of its instant: after a stimulus at now, the
      // first instant left for an event is now + 1
      const earliest = node.eventLast ? world.now : world.now + 1;
      const base = finite ? nextT - 1 : earliest;
      const before = pendingTimes(world);
      for (const { event, used, started } of injections(statics, node, scope, base)) {
        if (mustStart && event.do !== 'start') continue;
        const next = { depth: node.depth + 1, used, started, judged: false, eventLast: true };
        const history = historyOf(node.history, world, event, quiet > scope.settledUs);
        const inject = (t: number) => {
          const at = { ...event, at: t / 1_000_000 };
          const [after] = step(statics, world, { kind: 'event', t, event: at });
          add(node, { kind: 'inject', event: at }, { ...next, world: after, lastEventUs: t, history });
          return after;
        };
        const instants = new Set<number>();
        if (finite) instants.add(nextT);
        if (base >= earliest) {
          const after = inject(base);
          if (event.do === 'fail' || event.do === 'ok') continue;
          // at the instant of the event just injected (events at the same time)
          if (node.eventLast && base !== world.now) instants.add(world.now);
          const started_ = pendingTimes(after).filter((t) => t > base && !before.includes(t));
          for (const timer of started_) {
            for (const expiry of before) {
              if (expiry <= world.now) continue;
              const crossing = expiry - (timer - base);
              for (const t of [crossing - 1, crossing, crossing + 1]) if (t >= earliest && t < base) instants.add(t);
            }
          }
        } else if (event.do === 'fail' || event.do === 'ok') {
          inject(nextT);
          continue;
        }
        for (const t of [...instants].sort((x, y) => x - y)) inject(t);
      }
    }
    // a shard's search parts from the others at the first level large enough to share out
    if (
      shard !== undefined &&
      splitDepth === null &&
      frontier.length >= (shard.perShard ?? SPLIT_PER_SHARD) * shard.n &&
      !stop
    ) {
      splitDepth = (frontier[0] as Node).depth;
      shared = { generated, distinct: seen.size };
      frontier = frontier.filter((node) => ((keysA[node.id] as number) >>> 0) % shard.n === shard.k - 1);
    }
  }
  return {
    generated,
    distinct: seen.size,
    depth: maxDepth,
    queuePeak,
    paths,
    incomplete,
    ...(shard === undefined
      ? {}
      : {
          shard: {
            k: shard.k,
            n: shard.n,
            splitDepth,
            shared: shared ?? { generated, distinct: seen.size },
          },
        }),
  };
}
