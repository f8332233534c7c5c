import { secondsToUs, US_PER_SECOND } from '../../model/formulas.ts';
import type { Stepper } from '../../model/stepper.ts';
import type { Simulator } from '../../src/check/judgeRuns.ts';
import type { Cluster } from '../../src/cluster.ts';
import { prepareScenarioValue } from '../../src/loadScenario.ts';
import type { Jitter, ScenarioEvent } from '../../src/scenario.ts';
import { randomState } from '../../src/seededRandom.ts';
import { runWorld } from '../../src/simulate.ts';
import type { Trace, TraceEntry } from '../../src/trace.ts';
import { initialWorld } from '../../src/world/initialWorld.ts';
import { statics } from '../../src/world/statics.ts';
import { stepOwned } from '../../src/world/step.ts';
import { traceHeader } from '../../src/world/traceHeader.ts';
import type { World } from '../../src/world/world.ts';

/**
 * Steps a broken model may take in one run. The simulator's own guard stops a loop at one
 * instant; under jitter a broken model can answer itself a few µs later, forever and more
 * each time (backups forcing elections on every equal advert), so the mutants run with a
 * budget too: past it, the run ends with a livelock entry, as the simulator's guard would.
 */
export const STEP_BUDGET = 100_000;

/** Adverts on their way at once: a real cluster has a handful; a runaway cascade, thousands. */
export const IN_FLIGHT_BUDGET = 2_000;

class OverBudget extends Error {}

/** simulate() (src/simulate.ts) with a step budget. */
export function budgetedSimulate(
  cluster: Cluster,
  events: readonly ScenarioEvent[],
  untilSeconds: number,
  stepper: Stepper,
  jitter: Jitter | undefined,
): Trace {
  const jitterUs = jitter === undefined ? 0 : secondsToUs(jitter.max);
  const model = statics(cluster, stepper, jitterUs);
  const start = initialWorld(model, jitterUs > 0 && jitter !== undefined ? randomState(jitter.seed) : null);
  const entries: TraceEntry[] = [];
  let steps = 0;
  let now = 0;
  let livelock: { t: number; steps: number } | undefined;
  try {
    const end = runWorld(model, start, events, secondsToUs(untilSeconds), (world: World, stimulus) => {
      if (++steps > STEP_BUDGET || world.inFlight.length > IN_FLIGHT_BUDGET) throw new OverBudget();
      now = stimulus.t;
      return stepOwned(model, world, stimulus, entries);
    });
    livelock = end.livelock;
  } catch (e) {
    if (!(e instanceof OverBudget)) throw e;
    livelock = { t: now, steps };
  }
  if (livelock !== undefined) {
    entries.push({ t: livelock.t / US_PER_SECOND, router: '', kind: 'livelock', steps: livelock.steps });
  }
  return { ...traceHeader(cluster, untilSeconds, jitter), entries };
}

/** A Simulator running the scenario's cluster, changed by `change`, with a budget; its trace names the configs as written. */
export function budgeted(change: (cluster: Cluster) => Cluster = (c) => c): Simulator {
  return (scenario, profile, stepper) => {
    const prepared = prepareScenarioValue(scenario, 'generated.json', profile, undefined, '');
    if (!prepared.ok) throw new Error(`generated an invalid scenario: ${prepared.message}`);
    const { cluster } = prepared.value;
    const trace = budgetedSimulate(change(cluster), scenario.events, scenario.until, stepper, scenario.jitter);
    // the header says what the user configured: the claims judge the daemon against it
    return {
      trace: { ...trace, routers: traceHeader(cluster, scenario.until, scenario.jitter).routers },
      scenario,
      cluster,
    };
  };
}
