import { HOLDS, type Judgement, type Property } from './property.ts';
import { killCaveats } from './singleMaster.ts';
import { checkpoints, inEveryElection, runningAt, seconds, stateAt, vipAt } from './support.ts';

export const vipFollowsMaster: Property = {
  name: 'VIP consistency',
  kind: 'always',
  claim:
    "A running router holds the VIP exactly when it has entered MASTER; a FAULT or BACKUP router never holds it. In keepalived 1.2.13 the 'Transition to MASTER' step does not hold it yet: the VIPs go up one advert interval later, on 'Entering MASTER STATE'.",
  precondition:
    'Always, for running routers and routers stopped with SIGTERM. A killed router keeps its VIP: reported as a caveat, not a violation.',
  partner: 'the VIP moves',
  expected: { 'keepalived-1.2': 'fails', 'keepalived-2.2': 'holds' },
  why: "keepalived 1.2.13 removes VIPs only if the running process set them (`vipset`): after a kill and a restart, the dead process's VIP stays on a router that comes back as BACKUP. 2.2.7 marks them set at start-up and removes them. (Derived from the 1.2.13 source, not recorded.)",
  holds: inEveryElection((a): Judgement => {
    for (const t of checkpoints(a, 0, a.until)) {
      for (const r of a.routers) {
        const held = vipAt(r, t);
        const state = stateAt(r, t);
        // while a restarted daemon starts up, its VRRP is not running yet (a killed run's VIP may linger)
        const running = runningAt(r, t) && state !== 'STOPPED' && state !== 'INIT';
        if (running && held !== (state === 'MASTER')) {
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
  }),
};
