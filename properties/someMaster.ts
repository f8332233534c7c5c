import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { healthyAt, inEveryElection, mastersAt, runningAt, seconds, settledMoments, stateAt } from './support.ts';

export const someMaster: Property = {
  name: 'some master',
  kind: 'eventually',
  claim: 'While at least one healthy router runs, the cluster settles on exactly one MASTER.',
  precondition:
    'No scenario event within the settle window, no partition, and at least one running router whose weight-0 trackers (scripts and interfaces) are good.',
  partner: 'a master is elected',
  advice:
    'make sure a healthy router can become MASTER: not every router nopreempt with a failed master, no weight-0 tracker failing everywhere, and the routers hearing each other',
  holds: inEveryElection((a): Judgement => {
    let applicable = false;
    for (const { t, since } of settledMoments(a)) {
      if (!a.routers.some((r) => runningAt(r, t) && healthyAt(r, t))) continue;
      applicable = true;
      const masters = mastersAt(a, t);
      if (masters.length !== 1) {
        const states = a.routers.filter((r) => runningAt(r, t)).map((r) => `${r.name} ${stateAt(r, t)}`);
        return {
          holds: false,
          at: t,
          message: `${masters.length === 0 ? 'no router is' : `${masters.length} routers are`} MASTER at ${seconds(t)} (${states.join(', ')}), although a healthy router runs and nothing happened for ${since.toFixed(3)} s`,
        };
      }
    }
    return applicable ? HOLDS : NOT_APPLICABLE;
  }),
};
