import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { type Election, inEveryElection, mastersAt, runningAt, seconds, settledMoments, vipAt } from './support.ts';

/** Routers killed while holding the VIP: it stays on their interface (a crash cannot remove it). */
export function killCaveats(a: Election): string[] {
  return a.routers.flatMap((r) =>
    r.kills
      .filter((t) => vipAt(r, t))
      .map(
        (t) =>
          `${r.name} was killed at ${seconds(t)} holding the VIP; it stays on ${r.name}'s interface until the router is cleaned up`,
      ),
  );
}

export const singleMaster: Property = {
  name: 'single master',
  kind: 'always',
  claim:
    'Once the cluster has settled, at most one router is MASTER. A partition may make several masters; once it heals, the cluster settles again within the settle window.',
  precondition:
    'No scenario event within the settle window (master-down interval + 3·advert_int + script settling + start-up; with a preempt_delay, that delay + advert_int + a second master-down interval more), and every running router connected to the LAN.',
  partner: 'failover happens',
  advice:
    'make every router hear the others: the same virtual_router_id and advert_int on one LAN, unicast_peer lists that name each other both ways, and nothing dropping VRRP (IP protocol 112) between them',
  holds: inEveryElection((a): Judgement => {
    let applicable = false;
    for (const { t, since } of settledMoments(a)) {
      if (a.routers.filter((r) => runningAt(r, t)).length < 2) continue;
      applicable = true;
      const masters = mastersAt(a, t);
      if (masters.length > 1) {
        return {
          holds: false,
          at: t,
          message: `${masters.map((r) => r.name).join(' and ')} are all MASTER at ${seconds(t)}, ${since.toFixed(3)} s after the last event (settle window ${a.settleWindow.toFixed(3)} s), with no partition`,
          caveats: killCaveats(a),
        };
      }
    }
    if (!applicable) return NOT_APPLICABLE;
    const caveats = killCaveats(a);
    return caveats.length === 0 ? HOLDS : { ...HOLDS, caveats };
  }, 'judged'),
};
