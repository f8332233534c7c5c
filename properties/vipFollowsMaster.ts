import { HOLDS, type Judgement, type Property } from './property.ts';
import { killCaveats } from './singleMaster.ts';
import { checkpoints, inEveryElection, leftoverVip, runningAt, seconds, stateAt, vipAt } from './support.ts';

export const vipFollowsMaster: Property = {
  name: 'VIP consistency',
  kind: 'always',
  claim:
    "A running router holds the VIP exactly when it has entered MASTER; a FAULT or BACKUP router never holds it. In keepalived 1.2.13 the 'Transition to MASTER' step does not hold it yet: the VIPs go up one advert interval later, on 'Entering MASTER STATE'. A router stopped with SIGTERM releases it.",
  precondition:
    'Always, for running routers and routers stopped with SIGTERM. A killed router keeps its VIP: reported as a caveat, not a violation; and in 1.2.13 a router restarted after such a kill keeps that VIP until it is next MASTER (the pitfall "a restarted router keeps the VIP of its killed run").',
  cites:
    'RFC 3768 §6.4.2 / §6.4.3 (the Master owns the addresses); keepalived vrrp_state_become_master, vrrp_restore_interface',
  partner: 'the VIP moves',
  advice: 'look for routers that hold the VIP without being MASTER (a crash leaves it on the interface)',
  holds: inEveryElection((a): Judgement => {
    for (const t of checkpoints(a, 0, a.until)) {
      for (const r of a.routers) {
        const held = vipAt(r, t);
        const state = stateAt(r, t);
        // while a restarted daemon starts up, its VRRP is not running yet (a killed run's VIP may linger)
        const running = runningAt(r, t) && state !== 'STOPPED' && state !== 'INIT';
        if (running && held !== (state === 'MASTER') && !leftoverVip(a, r, t)) {
          return {
            holds: false,
            at: t,
            message: held
              ? `${r.name} holds the VIP at ${seconds(t)} while in ${state}`
              : `${r.name} is MASTER at ${seconds(t)} without the VIP`,
            caveats: killCaveats(a),
          };
        }
        if (!runningAt(r, t) && held && !r.kills.some((k) => k <= t)) {
          return { holds: false, at: t, message: `${r.name} was stopped but still holds the VIP at ${seconds(t)}` };
        }
      }
    }
    const caveats = killCaveats(a);
    return caveats.length === 0 ? HOLDS : { ...HOLDS, caveats };
  }, 'judged'),
};
