import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { inEveryElection, quietIntervals, runningAt, seconds } from './support.ts';

export const settledClusterStaysPut: Property = {
  name: 'a settled cluster stays put',
  kind: 'always',
  claim:
    'Once an election has settled, nothing changes while nothing happens: no router changes state and the VIP stays where it is, for as long as no scenario event comes. (No flapping: an equal-priority backup never preempts, a master never yields without a cause, timers keep the backups waiting.)',
  precondition:
    "Every stretch of time with no scenario event on the election's routers for the settle window before, with at least two routers running.",
  cites: 'RFC 3768 §6.4.2 (a Backup resets its Master_Down_Timer on each advert of a priority not lower than its own)',
  partner: 'a master is elected',
  advice: "look for routers that disagree on priorities or advert_int, or that do not hear each other's adverts",
  holds: inEveryElection((a): Judgement => {
    let applicable = false;
    for (const [from, to] of quietIntervals(a, a.settleWindow)) {
      if (a.routers.filter((r) => runningAt(r, from)).length < 2) continue;
      applicable = true;
      for (const r of a.routers) {
        for (const [what, steps] of [
          ['state', r.state],
          ['VIP', r.vip],
        ] as const) {
          const i = steps.times.findIndex((t) => t >= from && t < to);
          if (i >= 0) {
            const t = steps.times[i] as number;
            const value = steps.values[i];
            return {
              holds: false,
              at: t,
              message: `${r.name} changed its ${what} to ${what === 'VIP' ? (value ? 'held' : 'released') : String(value)} at ${seconds(t)}, although nothing had happened since ${seconds(from - a.settleWindow)} (settle window ${a.settleWindow.toFixed(3)} s)`,
            };
          }
        }
      }
    }
    return applicable ? HOLDS : NOT_APPLICABLE;
  }),
};
