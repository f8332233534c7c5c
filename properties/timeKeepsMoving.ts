import { HOLDS, type Judgement, type Property } from './property.ts';
import { seconds } from './support.ts';

export const timeKeepsMoving: Property = {
  name: 'time keeps moving',
  kind: 'always',
  claim:
    'The routers never answer each other endlessly in zero time: a run never takes more than the livelock bound of steps at one instant.',
  precondition: 'Every run.',
  cites: 'src/simulate.ts LIVELOCK_STEPS',
  partner: 'a master is elected',
  advice: 'report it: a real keepalived does not answer itself endlessly',
  holds: (trace): Judgement => {
    const livelock = trace.entries.find((e) => e.kind === 'livelock');
    return livelock === undefined || livelock.kind !== 'livelock'
      ? HOLDS
      : {
          holds: false,
          at: livelock.t,
          message: `livelock at ${seconds(livelock.t)}: ${livelock.steps} steps at that instant without time moving (routers answering each other endlessly)`,
        };
  },
};
