import { WEIGHTED } from './needs.ts';
import { type Judgement, type Property, WITNESSED } from './property.ts';
import { advertsOf, expectedAt, inSomeElection } from './support.ts';

export const trackerChangesAdvertisedPriority: Property = {
  name: 'a tracker changes the advertised priority',
  kind: 'sometimes',
  claim:
    "A router's adverts carry a priority its trackers changed from its base priority, as its configuration calls for.",
  precondition: 'Witnessed by at least one generated run.',
  needs: WEIGHTED,
  holds: inSomeElection((a): Judgement => {
    for (const r of a.routers) {
      const moved = advertsOf(r).some(
        (advert) =>
          advert.priority > 0 && advert.priority !== r.config.base && advert.priority === expectedAt(a, r, advert.t),
      );
      if (moved) return WITNESSED;
    }
    return { holds: false, at: 0, message: 'no advert carried a priority a tracker changed' };
  }),
};
