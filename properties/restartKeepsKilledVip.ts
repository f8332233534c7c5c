import { type Judgement, type Property, WITNESSED } from './property.ts';
import { inSomeElection, leftoverVip, onlyFor, runningAt, seconds, stateAt } from './support.ts';

export const restartKeepsKilledVip: Property = {
  name: 'a restarted router keeps the VIP of its killed run',
  kind: 'sometimes',
  claim:
    'keepalived 1.2.13: a router killed while MASTER keeps the VIP on its interface (a crash cannot remove it), and when its keepalived is restarted and comes back as BACKUP (or FAULT) it still holds it, while another router is MASTER with the same VIP: 1.2.13 removes only addresses its own run set (`vipset`). 2.2.7 removes them at start-up.',
  precondition: 'Witnessed by at least one generated run.',
  cites: '1.2.13 vrrp_restore_interface (only if vrrp->vipset); 2.2.7 vrrp_complete_instance',
  versions: ['keepalived-1.2'],
  pitfall: {
    kind: 'behaviour',
    advice:
      'after a crash, remove the VIP by hand (ip addr del) or restart the host before starting keepalived again; keepalived 2.2 removes it itself',
  },
  holds: onlyFor(
    ['keepalived-1.2'],
    inSomeElection((a): Judgement => {
      for (const r of a.routers) {
        for (let i = 0; i < r.state.times.length; i++) {
          const t = r.state.times[i] as number;
          const state = stateAt(r, t);
          if (!runningAt(r, t) || (state !== 'BACKUP' && state !== 'FAULT') || !leftoverVip(a, r, t)) continue;
          const other = a.routers.find((o) => o !== r && stateAt(o, t) === 'MASTER');
          return {
            ...WITNESSED,
            at: t,
            message: `${r.name} was killed holding the VIP, restarted, and came back as ${state} at ${seconds(t)} still holding it${other === undefined ? '' : ` while ${other.name} is MASTER`}: two routers answer for the VIP`,
          };
        }
      }
      return { holds: false, at: 0, message: 'no restarted router kept a killed run’s VIP' };
    }),
    'sometimes',
  ),
};
