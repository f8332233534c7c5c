import { secondsToUs } from '../../model/formulas.ts';
import type { ProfileName } from '../../model/profiles.ts';
import { createStepper } from '../../model/stepper.ts';
import { cachedParse } from '../check/simulateScenario.ts';
import { prepareScenarioValue } from '../loadScenario.ts';
import type { Scenario, ScenarioEvent } from '../scenario.ts';
import { randomState } from '../seededRandom.ts';
import { runWorld } from '../simulate.ts';
import type { Trace, TraceEntry } from '../trace.ts';
import { initialWorld } from '../world/initialWorld.ts';
import { type Statics, statics } from '../world/statics.ts';
import { step, stepOwned } from '../world/step.ts';
import { traceHeader } from '../world/traceHeader.ts';
import type { World } from '../world/world.ts';

/**
 * A scenario being written, simulated as far as it is written (the real model, the simulator's
 * own loop and step), so that the next episode can be aimed at what the cluster does then:
 * `advance` applies events up to an instant, `ahead` looks further without changing anything.
 * Each part of the run is simulated once, however many episodes there are.
 */
export class RunningPrefix {
  private readonly model: Statics;
  private readonly header: Omit<Trace, 'entries' | 'until'>;
  private world: World;
  private readonly entries: TraceEntry[] = [];
  private nowUs = -1;

  constructor(base: Scenario, profile: ProfileName) {
    const prepared = prepareScenarioValue(
      { ...base, events: [], until: 1 },
      'generated.json',
      profile,
      undefined,
      '',
      cachedParse,
    );
    if (!prepared.ok) throw new Error(`generated an invalid scenario: ${prepared.message}`);
    const { cluster } = prepared.value;
    const jitterUs = base.jitter === undefined ? 0 : secondsToUs(base.jitter.max);
    this.model = statics(cluster, createStepper(), jitterUs);
    this.world = initialWorld(
      this.model,
      jitterUs > 0 && base.jitter !== undefined ? randomState(base.jitter.seed) : null,
    );
    this.header = traceHeader(cluster, 1, base.jitter);
  }

  /** Applies `events` (all later than what was applied) and the world's own stimuli up to `untilUs`. */
  advance(events: readonly ScenarioEvent[], untilUs: number): void {
    if (untilUs <= this.nowUs) return;
    this.world = runWorld(this.model, this.world, events, untilUs, (w, s) =>
      stepOwned(this.model, w, s, this.entries),
    ).world;
    this.nowUs = untilUs;
  }

  /** The run so far, and what happens next with `pending` events and no more, until `untilUs`: a trace to aim at. */
  ahead(untilUs: number, pending: readonly ScenarioEvent[] = []): Trace {
    const more: TraceEntry[] = [];
    runWorld(this.model, this.world, pending, untilUs, (w, s) => {
      const [next, entries] = step(this.model, w, s);
      more.push(...entries);
      return next;
    });
    return { ...this.header, until: untilUs / 1e6, entries: [...this.entries, ...more] };
  }
}
