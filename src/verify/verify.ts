import { compileMachine } from '../../model/compileMachine.ts';
import type { Profile, ProfileName } from '../../model/profiles.ts';
import type { Stepper } from '../../model/stepper.ts';
import type { VrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';
import { vrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';
import type { Property } from '../../properties/property.ts';
import { elections } from '../../properties/support.ts';
import type { Simulator } from '../check/judgeRuns.ts';
import { decides, NO_COVERAGE, type RunRecord } from '../check/runRecord.ts';
import { simulateScenario } from '../check/simulateScenario.ts';
import { WorkerPool, workerFile } from '../check/workerPool.ts';
import { decisions, type Verdict, verdictsOf } from '../check.ts';
import type { Cluster } from '../cluster.ts';
import type { Scenario, ScenarioRouter } from '../scenario.ts';
import { runWorld, simulate } from '../simulate.ts';
import type { Trace } from '../trace.ts';
import { canonicalHash } from '../world/canonical.ts';
import { initialWorld } from '../world/initialWorld.ts';
import { type Statics, statics } from '../world/statics.ts';
import { step } from '../world/step.ts';
import { type ExploreStats, explore, type Path, type Scope, type Shard } from './explore.ts';
import { judgePaths, type PathJudgement } from './judgePaths.ts';

/**
 * A claim's verdict on the search, as check gives it on generated runs (check's one judge,
 * verdictsOf): every path is a run, and a claim that applied on any path and never failed holds
 * in the scope (no minimum of applicable paths: the search is exhaustive).
 */
export interface VerifyVerdict extends Verdict {
  /** The search's depth at the example's path: breadth first, a shortest counterexample or witness. */
  readonly depth?: number;
}

export interface VerifyResult {
  readonly scope: Scope;
  readonly stats: ExploreStats;
  readonly verdicts: readonly VerifyVerdict[];
  /** Per machine transition (compileMachine's list): how often the search took it. */
  readonly coverage: readonly { readonly transition: string; readonly taken: number }[];
  readonly cpuSeconds: number;
  /** A shard's search (`shard` given): each judged path, in the order judged, for the merge. */
  readonly judged?: readonly {
    readonly depth: number;
    readonly judgements: PathJudgement;
    readonly scenario: Scenario;
  }[];
  /** Searched in shards (a merge of them): how many, and where they parted. */
  readonly shards?: { readonly n: number; readonly splitDepth: number | null };
}

export interface VerifyOptions {
  readonly profile: Profile;
  readonly routers: readonly ScenarioRouter[];
  readonly cluster: Cluster;
  readonly properties: readonly Property[];
  readonly scope: Scope;
  readonly machine?: VrrpInstanceMachine;
  /** A stepper to explore instead of the machine's own (a deliberately broken one): no transition coverage. */
  readonly stepper?: Stepper;
  /** Replay every judged path with the pure step and require the very world the search reached (tests). */
  readonly checkReplay?: boolean;
  /** How a path's scenario is simulated to be judged (a daemon changed outside the machine, for mutation tests). */
  readonly simulator?: Simulator;
  /** Stop the search at the first path that breaks a claim (the scope is then not covered). */
  readonly untilFirstFailure?: boolean;
  /** Worker threads that judge the paths (the default machine only); 1: this thread. */
  readonly workers?: number;
  /**
   * Judge each path as it is found, here, and stop the search once every claim is decided (a
   * counterexample or a witness): the same first examples, sooner, but no scope covered.
   */
  readonly stopWhenDecided?: boolean;
  /** Search only this shard of the scope (explore.ts Shard); the result carries its judged paths for the merge. */
  readonly shard?: Shard;
}

/**
 * The default bounds for a cluster: every path is judged the claims' settle window and two
 * advert intervals after its last event, and runs on for a round of its timers (the longest
 * advert or script interval) with events still allowed at every phase.
 */
export function defaultScope(cluster: Cluster, routers: readonly ScenarioRouter[], base: Partial<Scope>): Scope {
  const probe = simulate(
    cluster,
    routers.map((r) => ({ at: 0, do: 'start', router: r.name })),
    1,
  );
  const settle = Math.max(...elections(probe).map((e) => e.settleWindow));
  const advert = Math.max(...cluster.routers.flatMap((r) => r.instances.map((i) => i.config.advertIntUs)));
  const script = Math.max(0, ...cluster.routers.flatMap((r) => r.scripts.map((s) => s.intervalUs)));
  const judgeAfterUs = Math.round(settle * 1_000_000) + 2 * advert;
  // routers start while the first is still electing itself, or once it has (a master-down
  // interval, the daemon's start-up and an advert later): later starts look alike
  const startByUs = 4 * advert + cluster.profile.timing.startupUs + 1_000_000;
  return {
    faults: 1,
    flips: 1,
    restarts: 0,
    raceWindowUs: 0,
    startByUs,
    judgeAfterUs,
    settledUs: Math.floor(settle * 1_000_000),
    roundUs: Math.max(advert, script) + 1,
    maxStates: 5_000_000,
    ...base,
  };
}

/** Judges the paths in batches on worker threads (or here, with one worker), in path order. */
async function judgeAll(
  scenarios: readonly Scenario[],
  profile: Profile,
  properties: readonly Property[],
  stepper: Stepper,
  workers: number,
  simulator: Simulator,
): Promise<PathJudgement[]> {
  if (workers <= 1 || scenarios.length < 2 * BATCH)
    return judgePaths(scenarios, profile, properties, stepper, simulator);
  const pool = new WorkerPool<Scenario[]>(
    workerFile(import.meta.url, './judgeWorker'),
    {
      profile: profile.name,
      properties: properties.map((p) => p.name),
    },
    workers,
  );
  try {
    const batches: Promise<PathJudgement[]>[] = [];
    for (let k = 0; k < scenarios.length; k += BATCH) batches.push(pool.run(scenarios.slice(k, k + BATCH)));
    return (await Promise.all(batches)).flat();
  } finally {
    await pool.close();
  }
}

const BATCH = 200;

/** The scenario of a path, replayed with the pure step, reaches the very world the search reached. */
function replayReaches(model: Statics, path: Path, scenario: Scenario): void {
  const end = runWorld(
    model,
    initialWorld(model, null),
    scenario.events,
    path.world.now,
    (world, stimulus) => step(model, world, stimulus)[0],
    scenario.races,
  );
  const want = canonicalHash(model, path.world);
  const got = canonicalHash(model, end.world);
  if (want.a !== got.a || want.b !== got.b || end.world.now !== path.world.now)
    throw new Error(`the replay of path ${path.id} does not reach the world the search reached`);
}

/**
 * Exhaustive verification: every behaviour of the cluster within the scope is explored
 * (explore.ts), and every path is judged by every claim, as check judges a generated run. A claim
 * holds when no path breaks it; the first path that breaks it, breadth first, is a shortest
 * counterexample, written as a scenario that `vrrp-check run` replays step for step.
 */
export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const { profile, cluster, properties, scope } = options;
  const compiled = compileMachine(options.machine ?? vrrpInstanceMachine);
  const counts = new Uint32Array(compiled.transitions.length);
  const stepper = options.stepper ?? compiled.counting(counts);
  const model = statics(cluster, stepper, 0);
  const start = process.cpuUsage();
  const replay = options.stepper ?? compileMachine(options.machine ?? vrrpInstanceMachine);
  const scenarioOf = (path: Path): Scenario => ({
    profile: profile.name,
    routers: options.routers,
    events: path.events,
    until: path.untilUs / 1_000_000,
    ...(path.choices.length === 0 ? {} : { races: { window: scope.raceWindowUs / 1_000_000, choices: path.choices } }),
  });
  const simulate = options.simulator ?? simulateScenario;
  const paths: { scenario: Scenario; depth: number }[] = [];
  const early: PathJudgement[] = [];
  const open = properties.map(() => true);
  const stats = explore(
    model,
    initialWorld(model, null),
    scope,
    (path) => {
      const scenario = scenarioOf(path);
      if (options.checkReplay === true && path.exact) replayReaches(statics(cluster, replay, 0), path, scenario);
      paths.push({ scenario, depth: path.depth });
      if (options.stopWhenDecided !== true && options.untilFirstFailure !== true) return true;
      const judgements = judgePaths([scenario], profile, properties, replay, simulate)[0] as PathJudgement;
      early.push(judgements);
      let failed = false;
      judgements.forEach((j, p) => {
        const property = properties[p] as Property;
        if (decides(property, j)) {
          open[p] = false;
          if (property.kind !== 'sometimes') failed = true;
        }
      });
      // a mutation test needs only the catch: the first path that breaks a claim ends the search
      if (options.untilFirstFailure === true && failed) return false;
      return options.stopWhenDecided !== true || open.some((o) => o);
    },
    undefined,
    options.shard,
  );
  // every path judged by every claim, here or on worker threads: the same judgements in path order
  const judged =
    options.stopWhenDecided === true || options.untilFirstFailure === true
      ? early
      : await judgeAll(
          paths.map((p) => p.scenario),
          profile,
          properties,
          replay,
          // worker threads build the machine's own stepper: a broken one is judged here
          options.machine === undefined && options.stepper === undefined && options.simulator === undefined
            ? (options.workers ?? 1)
            : 1,
          simulate,
        );
  const verdicts = pathVerdicts(
    judged,
    paths.map((p) => p.depth),
    properties,
    profile.name,
    (index) => (paths[index] as (typeof paths)[number]).scenario,
    (scenario) => simulate(scenario, profile, replay).trace,
  );
  const used = process.cpuUsage(start);
  const label = (t: (typeof compiled.transitions)[number]) =>
    `${t.source} ${t.event}${t.guard === null ? '' : ` [${t.guard}]`}${t.target === null ? '' : ` → ${t.target}`}`;
  return {
    scope,
    stats,
    verdicts,
    coverage: compiled.transitions.map((t) => ({ transition: label(t), taken: counts[t.id] ?? 0 })),
    cpuSeconds: (used.user + used.system) / 1_000_000,
    ...(options.shard === undefined
      ? {}
      : { judged: judged.map((judgements, i) => ({ ...(paths[i] as (typeof paths)[number]), judgements })) }),
  };
}

/**
 * The claims' verdicts on judged paths, in the order the search judged them, as check judges its
 * runs (check's one judge, verdictsOf): every path is a run, and a claim that applied on any path
 * and never failed holds in the scope (no minimum of applicable paths: the search is exhaustive).
 * The first path that decides a claim, breadth first, is its shortest example (nothing to shrink).
 */
export function pathVerdicts(
  judged: readonly PathJudgement[],
  depths: readonly number[],
  properties: readonly Property[],
  profile: ProfileName,
  scenarioOf: (index: number) => Scenario,
  traceOf: (scenario: Scenario) => Trace,
): VerifyVerdict[] {
  const records: RunRecord[] = judged.map((judgements, index) => ({ index, judgements, coverage: NO_COVERAGE }));
  const decided = decisions(records, properties);
  return verdictsOf(
    records,
    { properties, profile, runs: judged.length, seed: 0, minApplicable: 1 },
    (property, _, decision) => {
      if (decision.crashed) return { shrinks: 0 };
      const scenario = scenarioOf(decision.index);
      const trace = traceOf(scenario);
      return { shrinks: 0, example: { scenario, trace, judgement: property.holds(trace) } };
    },
  ).map((verdict, p): VerifyVerdict => {
    const decision = decided[p];
    return decision === undefined ? verdict : { ...verdict, depth: depths[decision.index] as number };
  });
}
