import fc from 'fast-check';
import type { ScenarioEvent } from '../scenario.ts';
import type { FixedRouter } from './fixedClusterSource.ts';
import type { GenTimeline } from './timelineArbitrary.ts';

/** The routers start within 2 s and settle; then the likely MASTER's check fails, and maybe recovers. */
export interface GenFailureStory {
  /** After the starts, ms. */
  readonly atMs: number;
  readonly recoverMs: number | null;
}

/**
 * For configs whose trackers take long to fail (a horizon beyond the default 30 s), a third of the
 * runs tell this story: free timelines rarely leave a failure alone for a whole settle window,
 * and the claims about a failed tracker need exactly that. Other configs: never (null).
 */
export function failureStoryArbitrary(horizon: number, defaultHorizon: number): fc.Arbitrary<GenFailureStory | null> {
  if (horizon <= defaultHorizon) return fc.constant(null);
  const settleMs = Math.round(horizon * 1000);
  return fc.option(
    fc.record({
      atMs: fc.integer({ min: settleMs, max: settleMs + 15_000 }),
      recoverMs: fc.option(fc.integer({ min: settleMs, max: settleMs + 15_000 }), { nil: null, freq: 3 }),
    }),
    { nil: null, freq: 2 },
  );
}

/** The router most likely to be MASTER among those with a script: the highest configured priority (first on a tie). */
function target(routers: readonly FixedRouter[]): number {
  let best = -1;
  let bestPriority = -1;
  routers.forEach((r, i) => {
    if (r.conf.scripts.length === 0) return;
    const priority = Math.max(...r.conf.instances.map((inst) => inst.priority ?? 100));
    if (priority > bestPriority) {
      best = i;
      bestPriority = priority;
    }
  });
  return best;
}

/** The story's events: every router starts at its timeline's offset within 2 s, then the target's first script fails. */
export function failureStoryEvents(
  routers: readonly FixedRouter[],
  timelines: readonly GenTimeline[],
  story: GenFailureStory,
): ScenarioEvent[] {
  const events: ScenarioEvent[] = routers.map((r, i) => ({
    at: ((timelines[i]?.startMs ?? 0) % 2000) / 1000,
    do: 'start',
    router: r.name,
  }));
  const t = target(routers);
  const router = routers[t];
  const script = router?.conf.scripts[0]?.name;
  if (router === undefined || script === undefined) return events;
  const at = 2 + story.atMs / 1000;
  events.push({ at, do: 'fail', router: router.name, script });
  if (story.recoverMs !== null) events.push({ at: at + story.recoverMs / 1000, do: 'ok', router: router.name, script });
  return events;
}
