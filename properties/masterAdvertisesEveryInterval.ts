import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { advertsOf, inEveryElection, lagsOf, seconds, stepsUp } from './support.ts';
import { toUs } from './vrrpTimers.ts';

export const masterAdvertisesEveryInterval: Property = {
  name: 'a master advertises every advert_int',
  kind: 'always',
  claim:
    'A MASTER (and 1.2.13\'s "Transition to MASTER") sends an advert when it steps up and then at least every advert_int: never more than advert_int plus the period lag, the wake lag and the jitter bound apart, until it leaves the state. (Adverts that answer a lower one come in between.) keepalived 1.2.13 restarts the timer at every advert it reads, so there the interval counts from the latest advert heard too (read up to the jitter bound after it was sent): a master that hears an equal priority from a lower address stays silent.',
  precondition: 'Every stretch of MASTER (or TRANSITION) of a running router.',
  cites:
    'RFC 3768 §6.4.3 "If the Adver_Timer fires, then: Send an ADVERTISEMENT; Reset the Adver_Timer to Advertisement_Interval"',
  partner: 'a master is elected',
  advice: 'check advert_int: it must be the same on every router of the VRID',
  holds: inEveryElection((a): Judgement => {
    const lags = lagsOf(a.trace);
    let applicable = false;
    for (const r of a.routers) {
      const gap = toUs(r.config.advertInt) + toUs(lags.period) + toUs(lags.wake) + toUs(lags.jitter) + 1;
      const adverts = advertsOf(r).map((x) => toUs(x.t));
      // 1.2.13 restarts its advert timer at every advert it reads, which it reads up to the
      // jitter bound after it was sent: an advert sent before t may have restarted it before t
      const jitterUs = toUs(lags.jitter);
      const heard = a.rules.advertTimerRestartsOnRead
        ? a.routers
            .filter((o) => o !== r)
            .flatMap((o) => advertsOf(o).filter((x) => x.wire))
            .map((x) => toUs(x.t))
        : [];
      const { times, values } = r.state;
      for (let i = 0; i < times.length; i++) {
        const state = values[i];
        if (state === undefined || !stepsUp(state) || (i > 0 && stepsUp(values[i - 1] as typeof state))) continue;
        // the stretch: from stepping up to leaving MASTER/TRANSITION (or the end of the run)
        let j = i + 1;
        while (j < times.length && stepsUp(values[j] as typeof state)) j++;
        const from = toUs(times[i] as number);
        const to = j < times.length ? toUs(times[j] as number) : toUs(a.until);
        applicable = true;
        let last = from;
        const mine = adverts.filter((t) => t >= from && t <= to);
        if (mine[0] !== from) {
          return {
            holds: false,
            at: from / 1e6,
            message: `${r.name} stepped up to ${state} at ${seconds(from / 1e6)} without sending an advert`,
          };
        }
        const restarts = heard.filter((sent) => sent + jitterUs >= from && sent <= to);
        for (const t of [...mine, to]) {
          for (const sent of restarts) if (sent < t) last = Math.max(last, Math.min(sent + jitterUs, t));
          if (t - last > gap) {
            return {
              holds: false,
              at: (last + gap) / 1e6,
              message: `${r.name} is ${state} from ${seconds(from / 1e6)}, advert_int ${r.config.advertInt} s, but sent no advert between ${seconds(last / 1e6)} and ${seconds(t / 1e6)}`,
            };
          }
          last = t;
        }
      }
    }
    return applicable ? HOLDS : NOT_APPLICABLE;
  }),
};
