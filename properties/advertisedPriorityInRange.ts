import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { advertsOf, inEveryElection, ownerMayHaveMetOwner, seconds, stateAt, statesAt } from './support.ts';
import { OWNER } from './vrrpTimers.ts';

export const advertisedPriorityInRange: Property = {
  name: 'the advertised priority stays in range',
  kind: 'always',
  claim:
    'A router advertises a priority from 1 to 254, or 255 only when it is configured as the address owner (priority 255), and then always 255, until (2.2.7) it meets another owner and steps down to an ordinary 254 with its weights. Priority 0 is sent only by a master that stops or enters FAULT.',
  precondition: 'Every advert.',
  cites:
    'RFC 3768 §5.3.4 (255 the owner, 0 the master resigning, 1–254 the others); keepalived vrrp_update_priority / vrrp_set_effective_priority (clamped to 1..254)',
  partner: 'a tracker weight is clamped',
  advice: 'keep priority + the sum of positive weights within 254 (255 is for the address owner only)',
  holds: inEveryElection((a): Judgement => {
    let applicable = false;
    for (const r of a.routers) {
      const owner = r.config.base === OWNER;
      for (const advert of advertsOf(r)) {
        applicable = true;
        const p = advert.priority;
        const state = stateAt(r, advert.t);
        // a FAULT that lasted no time (a link down and up at the same µs) sent its priority 0 too
        const resigning = () => statesAt(r, advert.t).some((s) => s === 'FAULT' || s === 'STOPPED');
        const ok =
          p === 0
            ? resigning()
            : owner && !ownerMayHaveMetOwner(a, r, advert.t)
              ? p === OWNER
              : p >= 1 && p <= (owner ? OWNER : OWNER - 1);
        if (!ok) {
          const why =
            p === 0
              ? `priority 0 (resigning) while it goes on in ${state}`
              : owner
                ? `priority ${p}, although it is the address owner (255)`
                : `priority ${p}, outside 1..254 for a router that does not own the address (configured ${r.config.base})`;
          return { holds: false, at: advert.t, message: `${r.name} advertised ${why} at ${seconds(advert.t)}` };
        }
      }
    }
    return applicable ? HOLDS : NOT_APPLICABLE;
  }),
};
