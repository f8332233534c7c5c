import { displacements, nopreemptRouters } from './nopreemptRespected.ts';
import type { Judgement, Property } from './property.ts';
import { inSomeElection } from './support.ts';
import { OWNER } from './vrrpTimers.ts';

export const nopreemptIgnoredUnderStateMaster: Property = {
  name: 'nopreempt is ignored under state MASTER',
  kind: 'sometimes',
  claim:
    'A router configured nopreempt together with `state MASTER` (or priority 255) displaces a healthy MASTER: keepalived 2.2.7 clears nopreempt (and preempt_delay) at start-up with a warning; 1.2.13 starts such a router in GOTO_MASTER, which takes over on the first advert it hears whatever its priority.',
  precondition: 'Witnessed by at least one generated run.',
  cites:
    '2.2.7 vrrp_complete_instance ("nopreempt is incompatible with initial state MASTER"); 1.2.13 vrrp_init_state, vrrp_state_goto_master',
  needs: {
    what: 'a router configured nopreempt with state MASTER or priority 255',
    met: (trace) =>
      trace.routers.some((r) =>
        r.instances.some((i) => i.written.nopreempt && (i.state === 'MASTER' || i.base === OWNER)),
      ),
  },
  pitfall: {
    kind: 'mistake',
    advice:
      'configure `state BACKUP` on every router that has nopreempt (keepalived.conf(5): "the initial state of this entry must be BACKUP"), and no priority 255',
  },
  holds: inSomeElection((a): Judgement => {
    const candidates = nopreemptRouters(a).filter((r) => r.config.state === 'MASTER' || r.config.base === OWNER);
    const found = displacements(a, candidates)[0];
    return found === undefined
      ? { holds: false, at: 0, message: 'no nopreempt router under state MASTER displaced a master' }
      : { holds: true, applicable: true, message: found.message };
  }),
};
