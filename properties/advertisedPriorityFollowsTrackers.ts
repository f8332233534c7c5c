import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { factAt, routerFacts } from './routerFacts.ts';
import { scriptTimeline } from './scriptStatus.ts';
import { advertsOf, type Election, expectedAt, inEveryElection, seconds } from './support.ts';
import { toUs } from './vrrpTimers.ts';

/** The trackers' part of a priority at t, in words: "base 110, chk failing (−20)". */
export function trackerStory(a: Election, r: InstanceTimeline, t: number): string {
  const facts = routerFacts(a.trace).get(r.name);
  const parts = r.config.trackers
    .filter((tracker) => tracker.weight !== 0)
    .map((tracker) => {
      let state: string;
      if (tracker.kind === 'interface') state = factAt(facts?.links.get(tracker.name), toUs(t), true) ? 'up' : 'down';
      else {
        const states = [...(scriptTimeline(a.trace, r.name, tracker.name)?.statesAt(toUs(t)) ?? [])];
        state =
          states.length === 1
            ? ({ up: 'good', down: 'failed', init: 'without a result' }[states[0] ?? 'init'] ?? '')
            : 'changing';
      }
      return `${tracker.name} ${state} (weight ${tracker.weight})`;
    });
  return [`base ${r.config.base}`, ...parts].join(', ');
}

export const advertisedPriorityFollowsTrackers: Property = {
  name: 'the advertised priority follows the trackers',
  kind: 'always',
  claim:
    "Every advert carries the router's effective priority: its base priority plus the weight of each tracker that calls for it (a positive weight while the tracker is good, a negative one while it is bad), clamped to 1..254, 255 for an address owner. A script turns bad after `fall` failed runs in a row and good after `rise` good runs, one run every `interval` from start-up (its first result decides at once); an interface is bad while down. keepalived 1.2.13 recomputes the priority only every advert_int, the first time one advert_int after start-up, and a script without a result counts as failed there; 2.2.7 at every change.",
  precondition:
    'Every advert other than a priority-0 one, at every moment the trackers are certain (not within the jitter bound of a script run or, in 1.2.13, of a priority tick); an address owner that heard another owner is left out (2.2.7 lowers it to 254).',
  cites:
    'keepalived.conf(5) weight, rise, fall, interval; 1.2.13 vrrp_update_priority, vrrp_script_child_thread; 2.2.7 vrrp_set_effective_priority, process_script_update_priority',
  partner: 'a tracker changes the advertised priority',
  advice: 'check the weights, rise and fall of the trackers against the priority you expect',
  holds: inEveryElection((a): Judgement => {
    let applicable = false;
    for (const r of a.routers) {
      for (const advert of advertsOf(r)) {
        if (advert.priority === 0) continue;
        const expected = expectedAt(a, r, advert.t);
        if (expected === undefined) continue;
        applicable = true;
        if (advert.priority !== expected) {
          return {
            holds: false,
            at: advert.t,
            message: `${r.name} advertised priority ${advert.priority} at ${seconds(advert.t)}, but its configuration calls for ${expected} then (${trackerStory(a, r, advert.t)})`,
          };
        }
      }
    }
    return applicable ? HOLDS : NOT_APPLICABLE;
  }),
};
