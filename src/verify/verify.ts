import { compileMachine } from '../../model/compileMachine.ts';
import type { Profile } from '../../model/profiles.ts';
import type { Stepper } from '../../model/stepper.ts';
import type { VrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';
import { vrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';
import type { Judgement, Property } from '../../properties/property.ts';
import { elections } from '../../properties/support.ts';
import type { Simulator } from '../check/judgeRuns.ts';
import { simulateScenario } from '../check/simulateScenario.ts';
import { WorkerPool, workerFile } from '../check/workerPool.ts';
import type { Cluster } from '../cluster.ts';
import type { Scenario, ScenarioRouter } from '../scenario.ts';
import { runWorld, simulate } from '../simulate.ts';
import type { Trace } from '../trace.ts';
import { canonicalHash } from '../world/canonical.ts';
import { initialWorld } from '../world/initialWorld.ts';
import { type Statics, statics } from '../world/statics.ts';
import { step } from '../world/step.ts';
import { type ExploreStats, explore, type Path, type Scope } from './explore.ts';
import { judgePaths, type PathJudgement } from './judgePaths.ts';

export type VerifyStatus = 'holds' | 'fails' | 'not-applicable' | 'witnessed' | 'vacuous';

export interface VerifyVerdict {
  readonly property: string;
  readonly kind: Property['kind'];
  readonly status: VerifyStatus;
  /** Paths judged, and of those the ones that met the claim's precondition. */
  readonly paths: number;
  readonly applicable: number;
  /** The first path (a shortest one) that broke the claim, or witnessed it. */
  readonly example?: {
    readonly scenario: Scenario;
    readonly trace: Trace;
    readonly judgement: Judgement;
    readonly depth: number;
  };
}

export interface VerifyResult {
  readonly scope: Scope;
  readonly stats: ExploreStats;
  readonly verdicts: readonly VerifyVerdict[];
  /** Per machine transition (compileMachine's list): how often the search took it. */
  readonly coverage: readonly { readonly transition: string; readonly taken: number }[];
  readonly cpuSeconds: number;
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
  const found: (VerifyVerdict['example'] | undefined)[] = properties.map(() => undefined);
  const applicable = properties.map(() => 0);
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
  const stats = explore(model, initialWorld(model, null), scope, (path) => {
    const scenario = scenarioOf(path);
    if (options.checkReplay === true && path.exact) replayReaches(statics(cluster, replay, 0), path, scenario);
    paths.push({ scenario, depth: path.depth });
    if (options.untilFirstFailure !== true) return true;
    // the search stops at the first path that breaks a claim (a mutation test needs only the catch)
    const [judged] = judgePaths([scenario], profile, properties, replay, simulate);
    return !properties.some((property, p) => property.kind !== 'sometimes' && judged?.decides[p] === true);
  });
  // every path judged by every claim, here or on worker threads: the same judgements in path order
  const judged = await judgeAll(
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
  judged.forEach((j, k) => {
    properties.forEach((_, p) => {
      if (j.applicable[p]) applicable[p] = (applicable[p] ?? 0) + 1;
      if (j.decides[p] && found[p] === undefined) {
        const path = paths[k] as (typeof paths)[number];
        const { trace } = simulate(path.scenario, profile, replay);
        found[p] = {
          scenario: path.scenario,
          trace,
          judgement: (properties[p] as Property).holds(trace),
          depth: path.depth,
        };
      }
    });
  });
  const used = process.cpuUsage(start);
  const verdicts = properties.map((property, p): VerifyVerdict => {
    const example = found[p];
    const sometimes = property.kind === 'sometimes';
    let status: VerifyStatus;
    if (sometimes) status = example === undefined ? 'vacuous' : 'witnessed';
    else if (example !== undefined) status = 'fails';
    else status = (applicable[p] ?? 0) > 0 ? 'holds' : 'not-applicable';
    return {
      property: property.name,
      kind: property.kind,
      status,
      paths: stats.paths,
      applicable: sometimes ? stats.paths : (applicable[p] ?? 0),
      ...(example === undefined ? {} : { example }),
    };
  });
  const label = (t: (typeof compiled.transitions)[number]) =>
    `${t.source} ${t.event}${t.guard === null ? '' : ` [${t.guard}]`}${t.target === null ? '' : ` → ${t.target}`}`;
  return {
    scope,
    stats,
    verdicts,
    coverage: compiled.transitions.map((t) => ({ transition: label(t), taken: counts[t.id] ?? 0 })),
    cpuSeconds: (used.user + used.system) / 1_000_000,
  };
}
