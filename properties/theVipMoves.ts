import type { Judgement, Property } from './property.ts';
import { inSomeElection } from './support.ts';

export const theVipMoves: Property = {
  name: 'the VIP moves',
  kind: 'sometimes',
  claim: 'The VIP is held by one router, then by another.',
  precondition: 'Witnessed by at least one generated run.',
  holds: inSomeElection((a): Judgement => {
    const holders = a.routers.filter((r) => r.vip.values.includes(true));
    return holders.length >= 2
      ? { holds: true, applicable: true }
      : { holds: false, at: 0, message: 'the VIP never moved' };
  }, 'judged'),
};
