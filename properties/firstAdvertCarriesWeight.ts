import { WEIGHTED } from './needs.ts';
import type { Judgement, Property } from './property.ts';
import { inSomeElection } from './support.ts';
import { firstAdverts } from './weightsCountFromFirstAdvert.ts';

export const firstAdvertCarriesWeight: Property = {
  name: 'a first advert carries a tracker weight',
  kind: 'sometimes',
  claim: "A router's first advert after starting carries a priority that its tracker weights changed from the base.",
  precondition: 'Witnessed by at least one generated run.',
  needs: WEIGHTED,
  holds: inSomeElection(
    (election): Judgement =>
      firstAdverts(election).some((a) => a.expected !== a.base && a.priority === a.expected)
        ? { holds: true, applicable: true }
        : { holds: false, at: 0, message: 'no first advert carried a weight' },
  ),
};
