import { secondsToUs, US_PER_SECOND } from '../model/formulas.ts';
import { createStepper, type Stepper } from '../model/stepper.ts';
import type { Cluster } from './cluster.ts';
import type { Jitter, Races, ScenarioEvent } from './scenario.ts';
import { randomState } from './seededRandom.ts';
import type { Trace, TraceEntry } from './trace.ts';
import { initialWorld } from './world/initialWorld.ts';
import { enabledStimuli, nextStimulus } from './world/nextStimulus.ts';
import { type Statics, statics } from './world/statics.ts';
import { stepOwned } from './world/step.ts';
import { traceHeader } from './world/traceHeader.ts';
import type { Stimulus, World } from './world/world.ts';

/**
 * More steps than this at one instant is a livelock (say, two masters preempting each other in
 * zero time): the loop stops there, so that a broken model gives a counterexample, not an
 * endless run. A correct keepalived takes a handful of steps per instant (one per router, timer
 * and advert in flight).
 */
export const LIVELOCK_STEPS = 10_000;

/** How a run of the loop ended. */
export type RunEnd = { readonly world: World; readonly livelock?: { readonly t: number; readonly steps: number } };

/**
 * The simulator's loop: the scenario's events and the world's own stimuli, in the simulator's
 * order (world/nextStimulus.ts), each applied with `advance`, until `untilUs`, or until time
 * stops moving (LIVELOCK_STEPS).
 */
export function runWorld(
  model: Statics,
  initial: World,
  events: readonly ScenarioEvent[],
  untilUs: number,
  advance: (world: World, stimulus: Stimulus) => World,
  races?: Races,
): RunEnd {
  // scenario events at the same time apply in file order
  const schedule = events
    .map((event, index) => ({ event, index, at: secondsToUs(event.at) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  let next = 0;
  let world = initial;
  let sameInstant = 0;
  let choice = 0;
  const windowUs = races === undefined ? 0 : secondsToUs(races.window);
  for (;;) {
    // with races, every stimulus due within the window of the earliest may come first, as the
    // scenario's choices say; one another overtook happens late, when it is taken
    const enabled = races === undefined ? null : enabledStimuli(model, world, windowUs);
    const internal = enabled === null ? nextStimulus(model, world) : (enabled[0] ?? null);
    const scheduled = schedule[next];
    let stimulus: Stimulus;
    if (scheduled !== undefined && (internal === null || scheduled.at <= internal.t)) {
      stimulus = { kind: 'event', t: scheduled.at, event: scheduled.event };
      next++;
    } else if (internal !== null) {
      stimulus = internal;
      if (enabled !== null && races !== undefined) {
        if (enabled.length > 1) stimulus = enabled[races.choices[choice++] ?? 0] ?? internal;
        if (stimulus.t < world.now) stimulus = { ...stimulus, t: world.now };
      }
    } else return { world };
    if (stimulus.t > untilUs) return { world };
    sameInstant = stimulus.t === world.now ? sameInstant + 1 : 0;
    if (sameInstant > LIVELOCK_STEPS) return { world, livelock: { t: world.now, steps: sameInstant - 1 } };
    world = advance(world, stimulus);
  }
}

/**
 * Runs a cluster through a scenario's events on a virtual clock and returns the trace: the
 * world's step (world/step.ts) in the simulator's loop (runWorld).
 * Deterministic: the same cluster, events and jitter give the same trace, entry for entry.
 */
export function simulate(
  cluster: Cluster,
  events: readonly ScenarioEvent[],
  untilSeconds: number,
  stepper: Stepper = createStepper(),
  jitter?: Jitter,
  races?: Races,
): Trace {
  const jitterUs = jitter === undefined ? 0 : secondsToUs(jitter.max);
  const model = statics(cluster, stepper, jitterUs);
  const start = initialWorld(model, jitterUs > 0 && jitter !== undefined ? randomState(jitter.seed) : null);
  const entries: TraceEntry[] = [];
  // the loop owns its world and never looks back: each step writes it in place
  const end = runWorld(
    model,
    start,
    events,
    secondsToUs(untilSeconds),
    (world, stimulus) => stepOwned(model, world, stimulus, entries),
    races,
  );
  if (end.livelock !== undefined) {
    entries.push({ t: end.livelock.t / US_PER_SECOND, router: '', kind: 'livelock', steps: end.livelock.steps });
  }
  return { ...traceHeader(cluster, untilSeconds, jitter, races), entries };
}
