import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { advertsOf, type Election, inEveryElection, stateAt, type TraceEvent, US } from './support.ts';
import { type Takeover, takeover, takeoverMiss, type Waiting } from './takeoverTiming.ts';
import { masterDownUs, skewUs, toUs } from './vrrpTimers.ts';

/** What silences a master without a priority-0 advert: a crash, or its LAN cut off. */
const SILENCING = ['kill', 'cut', 'isolate', 'linkdown'];

/** Each moment a settled election's MASTER fell silent, with the bounds its backups must meet. */
export function silentMasters(a: Election): { readonly event: TraceEvent; readonly takeover: Takeover }[] {
  const out: { event: TraceEvent; takeover: Takeover }[] = [];
  for (const event of a.events) {
    if (!SILENCING.includes(event.do)) continue;
    const master = a.routers.find((r) => r.name === event.router);
    if (master === undefined || stateAt(master, event.t - US) !== 'MASTER') continue;
    if (event.interface !== undefined && event.interface !== master.config.interface) continue;
    const heard = advertsOf(master)
      .filter((x) => x.wire && x.priority > 0 && x.t <= event.t)
      .at(-1);
    if (heard === undefined) continue;
    const delay = (b: InstanceTimeline, priority: number) =>
      masterDownUs(a.rules.skewFromBase ? b.config.base : priority, toUs(b.config.advertInt));
    const t = takeover(a, master, event.t, heard, delay, event);
    if (t !== undefined) out.push({ event, takeover: t });
  }
  return out;
}

/** "3.609 s (3 × advert_int 1 s + skew (256 − 100)/256 s)". */
export function masterDownFormula(a: Election, w: Waiting): string {
  const p = a.rules.skewFromBase ? w.backup.config.base : w.priority;
  const skew = skewUs(p) / 1e6;
  return `its master-down interval ${(w.delayUs / 1e6).toFixed(6)} s (3 × advert_int ${w.backup.config.advertInt} s + skew (256 − ${p})/256 = ${skew.toFixed(6)} s, from its ${a.rules.skewFromBase ? 'base' : 'effective'} priority)`;
}

export const silentMasterReplaced: Property = {
  name: 'a silent master is replaced within master-down',
  kind: 'always',
  claim:
    "When the MASTER falls silent (killed, cut off, isolated, its link down), the backup with the shortest Master_Down_Interval takes over that interval after the last advert it heard, not earlier and no later than the daemon's lags allow: Master_Down_Interval = 3 × advert_int + (256 − priority)/256 s, from the effective priority in 2.2.7 and the base priority in 1.2.13, plus 1.2.13's wake lag, plus the jitter bound twice (the advert's arrival, the backup's wake-up). 1.2.13 steps up through 'Transition to MASTER'.",
  precondition:
    "The master was MASTER and the others settled (no event within the settle window before; each other running router a connected, healthy BACKUP with a certain, steady priority no higher than the master's, or nopreempt); nothing else happens and no other router advertises until the bound has passed.",
  cites: 'RFC 3768 §6.1 Master_Down_Interval, Skew_Time; §6.4.2; keepalived VRRP_MS_DOWN_TIMER, VRRP_TIMER_SKEW',
  partner: 'a silent master is replaced',
  advice: 'check advert_int and priority on the backups: the takeover time is 3 × advert_int + (256 − priority)/256 s',
  holds: inEveryElection((a): Judgement => {
    const found = silentMasters(a);
    if (found.length === 0) return NOT_APPLICABLE;
    for (const { event, takeover: t } of found) {
      const miss = takeoverMiss(
        a,
        t,
        `fell silent (${event.do} at ${event.t.toFixed(3)} s) after its last advert`,
        (w) => masterDownFormula(a, w),
      );
      if (miss !== null) return { holds: false, at: t.latest, message: miss };
    }
    return HOLDS;
  }),
};
