import { secondsToUs } from '../model/formulas.ts';
import { createStepper, type Stepper } from '../model/stepper.ts';
import type { Cluster } from './cluster.ts';
import type { Jitter, ScenarioEvent } from './scenario.ts';
import { randomState } from './seededRandom.ts';
import type { Trace, TraceEntry } from './trace.ts';
import { initialWorld } from './world/initialWorld.ts';
import { nextStimulus } from './world/nextStimulus.ts';
import { statics } from './world/statics.ts';
import { stepOwned } from './world/step.ts';
import { traceHeader } from './world/traceHeader.ts';
import type { Stimulus } from './world/world.ts';

/**
 * Runs a cluster through a scenario's events on a virtual clock and returns the trace: the
 * world's step (world/step.ts), applied to the scenario's events and the world's own stimuli in
 * the simulator's order (world/nextStimulus.ts), until `untilSeconds`.
 * Deterministic: the same cluster, events and jitter give the same trace, entry for entry.
 */
export function simulate(
  cluster: Cluster,
  events: readonly ScenarioEvent[],
  untilSeconds: number,
  stepper: Stepper = createStepper(),
  jitter?: Jitter,
): Trace {
  const untilUs = secondsToUs(untilSeconds);
  const jitterUs = jitter === undefined ? 0 : secondsToUs(jitter.max);
  const model = statics(cluster, stepper, jitterUs);
  let world = initialWorld(model, jitterUs > 0 && jitter !== undefined ? randomState(jitter.seed) : null);
  // scenario events at the same time apply in file order
  const schedule = events
    .map((event, index) => ({ event, index, at: secondsToUs(event.at) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  let next = 0;
  const entries: TraceEntry[] = [];
  for (;;) {
    const internal = nextStimulus(model, world);
    const scheduled = schedule[next];
    let stimulus: Stimulus;
    if (scheduled !== undefined && (internal === null || scheduled.at <= internal.t)) {
      stimulus = { kind: 'event', t: scheduled.at, event: scheduled.event };
      next++;
    } else if (internal !== null) stimulus = internal;
    else break;
    if (stimulus.t > untilUs) break;
    // the loop owns its world and never looks back: each step writes it in place
    world = stepOwned(model, world, stimulus, entries);
  }

  return { ...traceHeader(cluster, untilSeconds, jitter), entries };
}
