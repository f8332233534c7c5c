import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { tiesPossible } from './possiblePriorities.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { advertsOf, type Election, expectedAt, inEveryElection, lagsOf, seconds, US } from './support.ts';
import { OWNER } from './vrrpTimers.ts';

/** An IPv4 address as a number, for the RFC's comparison of primary addresses. */
export function addressNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** A MASTER yielding to an advert of the same priority: who yielded, to whom, when. */
export interface Tie {
  readonly loser: InstanceTimeline;
  readonly winner: InstanceTimeline;
  readonly at: number;
  readonly priority: number;
}

/**
 * Each time a MASTER (1.2.13: or one in its transition to MASTER) went to BACKUP on hearing an advert of its own priority, with nothing to
 * explain it but the tie: no advert of a higher priority could have reached it then. Owners are
 * left out (2.2.7 steps an owner down when two meet).
 */
export function ties(a: Election): Tie[] {
  const jitter = lagsOf(a.trace).jitter;
  const out: Tie[] = [];
  for (const loser of a.routers) {
    if (loser.config.base === OWNER) continue;
    // every change of state, those undone at the same instant too: two masters of one instant meet
    const states = loser.changes.flatMap((c) => (c.kind === 'state' ? [c] : []));
    for (const [i, { t: at, state }] of states.entries()) {
      // 1.2.13's "Transition to MASTER STATE" is state MASTER already (vrrp_state_goto_master), the VIPs to follow
      const before = states[i - 1]?.state;
      if (state !== 'BACKUP' || (before !== 'MASTER' && before !== 'TRANSITION')) continue;
      const priority = expectedAt(a, loser, at - US);
      if (priority === undefined || expectedAt(a, loser, at) !== priority) continue;
      // the adverts that may have arrived at that instant
      const heard = a.routers
        .filter((o) => o !== loser)
        .flatMap((o) =>
          advertsOf(o)
            .filter((x) => x.wire && x.priority > 0 && x.t <= at && x.t >= at - jitter - US)
            .map((x) => ({ o, x })),
        );
      if (heard.length === 0 || heard.some(({ x }) => x.priority > priority)) continue;
      const equal = heard.filter(({ x }) => x.priority === priority);
      const from = equal[0]?.o;
      if (from === undefined) continue;
      out.push({ loser, winner: from, at, priority });
    }
  }
  return out;
}

export const tieGoesToHigherAddress: Property = {
  name: 'a tie goes to the higher address',
  kind: 'always',
  claim:
    'When two masters of the same priority hear each other, the one with the lower primary address yields: a MASTER steps down to BACKUP for an equal priority only when the advert comes from a higher address.',
  precondition:
    'A MASTER (not an address owner; in 1.2.13 also one in its transition to MASTER, which keepalived counts as MASTER) goes to BACKUP at an instant only adverts of its own priority can have reached it (none higher, within the jitter bound), its priority certain and steady; masters of one instant count.',
  cites:
    'RFC 3768 §6.4.3 "If the Priority in the ADVERTISEMENT is greater than the local Priority, or the Priority in the ADVERTISEMENT is equal to the local Priority and the primary IP Address of the sender is greater than the local primary IP Address, then … transition to the Backup state"',
  partner: 'two masters of the same priority meet',
  advice: 'give the routers distinct priorities if you do not want the address to decide',
  needs: { what: 'two routers of a VRID that can have the same priority', met: tiesPossible },
  holds: inEveryElection((a): Judgement => {
    const found = ties(a);
    if (found.length === 0) return NOT_APPLICABLE;
    for (const tie of found) {
      const senders = a.routers.filter(
        (o) =>
          o !== tie.loser &&
          advertsOf(o).some(
            (x) =>
              x.wire && x.priority === tie.priority && x.t <= tie.at && x.t >= tie.at - lagsOf(a.trace).jitter - US,
          ),
      );
      const higher = senders.some((o) => addressNumber(o.address) > addressNumber(tie.loser.address));
      if (!higher) {
        return {
          holds: false,
          at: tie.at,
          message: `${tie.loser.name} (${tie.loser.address}) yielded MASTER at ${seconds(tie.at)} to an advert of its own priority ${tie.priority} from ${senders.map((o) => `${o.name} (${o.address})`).join(', ')}: a lower address, which should have yielded instead`,
        };
      }
    }
    return HOLDS;
  }),
};
