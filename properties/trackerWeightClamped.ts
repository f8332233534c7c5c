import { type Judgement, type Property, WITNESSED } from './property.ts';
import { advertsOf, inSomeElection } from './support.ts';
import { OWNER } from './vrrpTimers.ts';

/** The sum of the weights a router can add at most and at least, unclamped. */
function reach(config: { base: number; trackers: readonly { weight: number }[] }): [number, number] {
  const up = config.trackers.reduce((s, t) => s + Math.max(0, t.weight), 0);
  const down = config.trackers.reduce((s, t) => s + Math.min(0, t.weight), 0);
  return [config.base + down, config.base + up];
}

export const trackerWeightClamped: Property = {
  name: 'a tracker weight is clamped',
  kind: 'sometimes',
  claim: 'A router whose weights would take its priority past 254 (or below 1) advertises 254 (or 1).',
  precondition: 'Witnessed by at least one generated run.',
  needs: {
    what: 'weights that can take a priority past 254 or below 1',
    met: (trace) =>
      trace.routers.some((r) =>
        r.instances.some((i) => {
          const [low, high] = reach(i);
          return i.base !== OWNER && (high > OWNER - 1 || low < 1);
        }),
      ),
  },
  holds: inSomeElection((a): Judgement => {
    for (const r of a.routers) {
      const [low, high] = reach(r.config);
      if (r.config.base === OWNER) continue;
      const clamped = advertsOf(r).some(
        (advert) => (advert.priority === OWNER - 1 && high > OWNER - 1) || (advert.priority === 1 && low < 1),
      );
      if (clamped) return WITNESSED;
    }
    return { holds: false, at: 0, message: 'no advert was clamped' };
  }),
};
