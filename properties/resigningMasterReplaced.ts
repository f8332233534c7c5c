import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { advertsOf, type Election, inEveryElection, stateAt, stepsUp, US } from './support.ts';
import { type Takeover, takeover, takeoverMiss, type Waiting } from './takeoverTiming.ts';
import { masterDownUs, skewUs, toUs } from './vrrpTimers.ts';

/** Each priority-0 advert a settled election's MASTER put on the wire, with the bounds its backups must meet. */
export function resignations(a: Election): Takeover[] {
  const out: Takeover[] = [];
  for (const master of a.routers) {
    const adverts = advertsOf(master);
    adverts.forEach((x, i) => {
      if (x.priority !== 0 || !x.wire || adverts[i + 1]?.t === x.t) return;
      if (!stepsUp(stateAt(master, x.t - US))) return;
      const delay = (b: InstanceTimeline, priority: number) => skewUs(a.rules.skewFromBase ? b.config.base : priority);
      // what made it resign happened on its own router (a stop, a failing check)
      // the backups were accepting its adverts at the priority it advertised before
      const before = adverts.slice(0, i).findLast((y) => y.priority > 0 && y.wire);
      if (before === undefined) return;
      const heard = { t: x.t, priority: before.priority };
      // an advert sent just before may arrive after it under jitter, and restart the full timer
      const full = (b: InstanceTimeline, priority: number) =>
        masterDownUs(a.rules.skewFromBase ? b.config.base : priority, toUs(b.config.advertInt));
      const race = x.t - before.t <= a.deliveryBound ? { t: before.t, delayUs: full } : undefined;
      // what made it resign: the last event on its router (a stop, a failing check, a link lost)
      const cause = a.events.filter((e) => e.router === master.name && e.t <= x.t).at(-1);
      const t = takeover(a, master, x.t, heard, delay, cause, race);
      if (t !== undefined) out.push(t);
    });
  }
  return out;
}

export function skewFormula(a: Election, w: Waiting): string {
  const p = a.rules.skewFromBase ? w.backup.config.base : w.priority;
  return `its skew time (256 − ${p})/256 = ${(w.delayUs / 1e6).toFixed(6)} s (from its ${a.rules.skewFromBase ? 'base' : 'effective'} priority)`;
}

export const resigningMasterReplaced: Property = {
  name: 'a resigning master is replaced within skew time',
  kind: 'always',
  claim:
    "When the MASTER resigns (an advert of priority 0: it stops, or it enters FAULT), the backup with the shortest Skew_Time takes over that time after the advert, not earlier and no later than the daemon's lags allow: Skew_Time = (256 − priority)/256 s, from the effective priority in 2.2.7 and the base priority in 1.2.13, plus 1.2.13's wake lag, plus the jitter bound twice. (Under jitter, a positive advert sent less than the jitter bound before may arrive after the priority-0 one and restart the full Master_Down_Interval: the bound then allows for it.)",
  precondition:
    "The master was MASTER and the others settled (no event within the settle window before what made it resign, the last event on its own router; each other running router a connected, healthy BACKUP with a certain, steady priority no higher than the master's, or nopreempt); nothing else happens and no other router advertises until the bound has passed.",
  cites:
    'RFC 3768 §6.4.2 "If the Priority in the ADVERTISEMENT is zero, then: Set the Master_Down_Timer to Skew_Time"; §6.1',
  partner: 'a master resigns',
  advice: "check the backups' priorities: a backup takes over (256 − priority)/256 s after a priority-0 advert",
  holds: inEveryElection((a): Judgement => {
    const found = resignations(a);
    if (found.length === 0) return NOT_APPLICABLE;
    for (const t of found) {
      const miss = takeoverMiss(a, t, 'resigned (sent priority 0)', (w) => skewFormula(a, w));
      if (miss !== null) return { holds: false, at: t.latest, message: miss };
    }
    return HOLDS;
  }),
};
