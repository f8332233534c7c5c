import { tiesPossible } from './possiblePriorities.ts';
import { type Judgement, type Property, WITNESSED } from './property.ts';
import { inSomeElection } from './support.ts';
import { ties } from './tieGoesToHigherAddress.ts';

export const equalMastersMeet: Property = {
  name: 'two masters of the same priority meet',
  kind: 'sometimes',
  claim: 'Two masters of the same priority hear each other and one of them yields.',
  precondition: 'Witnessed by at least one generated run.',
  needs: { what: 'two routers of a VRID that can have the same priority', met: tiesPossible },
  holds: inSomeElection(
    (a): Judgement =>
      ties(a).length > 0 ? WITNESSED : { holds: false, at: 0, message: 'no two masters of the same priority met' },
  ),
};
