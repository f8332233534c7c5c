import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { expectedAt, healthyAt, inEveryElection, mastersAt, runningAt, seconds, settledMoments } from './support.ts';

export const highestPriorityWins: Property = {
  name: 'eventual preemption',
  kind: 'eventually',
  claim:
    'With preemption on, the settled MASTER has the highest effective priority among the healthy running routers, the priority its configuration and trackers call for (between equals, whichever keepalived kept: a backup never preempts an equal priority).',
  precondition:
    'No router has nopreempt; no scenario event within the settle window; no partition; exactly one MASTER; every priority certain.',
  cites:
    'RFC 3768 §6.4.2 "If the Priority in the ADVERTISEMENT is … less than the local Priority and Preempt_Mode is True … Transition to the Master state" (after Master_Down_Interval)',
  partner: 'preemption happens',
  advice:
    'make the router that should win the one with the highest priority once its weights count, and leave preemption on (no nopreempt) where it should take over',
  holds: inEveryElection((a): Judgement => {
    if (a.routers.some((r) => r.config.nopreempt)) return NOT_APPLICABLE;
    let applicable = false;
    for (const { t } of settledMoments(a)) {
      const masters = mastersAt(a, t);
      const master = masters[0];
      if (masters.length !== 1 || master === undefined) continue;
      const rivals = a.routers.filter((r) => r !== master && runningAt(r, t) && healthyAt(r, t));
      if (rivals.length === 0) continue;
      const mine = expectedAt(a, master, t);
      const theirs = rivals.map((r) => ({ r, p: expectedAt(a, r, t) }));
      if (mine === undefined || theirs.some((x) => x.p === undefined)) continue;
      applicable = true;
      const best = theirs.reduce((x, y) => ((y.p as number) > (x.p as number) ? y : x));
      if ((best.p as number) > mine) {
        return {
          holds: false,
          at: t,
          message: `${master.name} is MASTER at ${seconds(t)} with priority ${mine}, but healthy ${best.r.name} has ${best.p} and preempt is on`,
        };
      }
    }
    return applicable ? HOLDS : NOT_APPLICABLE;
  }),
};
