import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { healthyAt, inEveryElection, mastersAt, priorityAt, runningAt, seconds, settledMoments } from './support.ts';

export const highestPriorityWins: Property = {
  name: 'eventual preemption',
  kind: 'eventually',
  claim:
    'With preemption on, the settled MASTER has the highest effective priority among the healthy running routers (between equals, whichever keepalived kept: a backup never preempts an equal priority).',
  precondition:
    'No router has nopreempt; no scenario event within the settle window; no partition; exactly one MASTER.',
  partner: 'preemption happens',
  expected: { 'keepalived-1.2': 'holds', 'keepalived-2.2': 'holds' },
  holds: inEveryElection((a): Judgement => {
    if (a.routers.some((r) => r.config.nopreempt)) return NOT_APPLICABLE;
    let applicable = false;
    for (const { t } of settledMoments(a)) {
      const masters = mastersAt(a, t);
      const master = masters[0];
      if (masters.length !== 1 || master === undefined) continue;
      const rivals = a.routers.filter((r) => r !== master && runningAt(r, t) && healthyAt(r, t));
      if (rivals.length === 0) continue;
      applicable = true;
      const best = rivals.reduce((x, y) => (priorityAt(y, t) > priorityAt(x, t) ? y : x));
      if (priorityAt(best, t) > priorityAt(master, t)) {
        return {
          holds: false,
          at: t,
          message: `${master.name} is MASTER at ${seconds(t)} with priority ${priorityAt(master, t)}, but healthy ${best.name} has ${priorityAt(best, t)} and preempt is on`,
        };
      }
    }
    return applicable ? HOLDS : NOT_APPLICABLE;
  }),
};
