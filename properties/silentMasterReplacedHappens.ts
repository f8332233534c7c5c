import { type Judgement, type Property, WITNESSED } from './property.ts';
import { silentMasters } from './silentMasterReplaced.ts';
import { inSomeElection } from './support.ts';
import { firstStepUp } from './takeoverTiming.ts';

export const silentMasterReplacedHappens: Property = {
  name: 'a silent master is replaced',
  kind: 'sometimes',
  claim: 'A settled MASTER falls silent (killed, cut off, isolated, its link down) and a backup takes over.',
  precondition: 'Witnessed by at least one generated run.',
  holds: inSomeElection(
    (a): Judgement =>
      silentMasters(a).some((s) => firstStepUp(a, s.takeover) !== undefined)
        ? WITNESSED
        : { holds: false, at: 0, message: 'no settled master fell silent and was replaced' },
  ),
};
