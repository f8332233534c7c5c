import { trackersCallFor } from './expectedPriority.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { advertsOf, type Election, expectedAt, inEveryElection, onlyFor, seconds } from './support.ts';
import { toUs } from './vrrpTimers.ts';

/** A router's first advert after a start, with what its configuration calls for then. */
export interface FirstAdvert {
  readonly router: string;
  readonly startedAt: number;
  readonly at: number;
  readonly priority: number;
  readonly base: number;
  /** What the version advertises then: the priority of the last tick (1.2.13), the trackers' (2.2.7). */
  readonly expected: number;
  /** What the trackers call for at that moment. */
  readonly tracked: number | undefined;
}

/**
 * Every start of a router whose tracker outcomes did not change before its first advert, with
 * that advert, where the configuration's priority is certain. Adverts of priority 0 (resigning)
 * do not count.
 */
export function firstAdverts(a: Election): FirstAdvert[] {
  const out: FirstAdvert[] = [];
  for (const [k, start] of a.events.entries()) {
    if (start.do !== 'start') continue;
    const r = a.routers.find((x) => x.name === start.router);
    if (r === undefined) continue;
    // the claim is about scripts' and interfaces' weights; a hung script has no result yet
    if (r.config.trackers.some((t) => t.kind === 'file' || t.kind === 'process')) continue;
    if (r.router.scripts.some((s) => s.initially === 'hang')) continue;
    const advert = advertsOf(r).find((x) => x.t >= start.t && x.priority > 0);
    if (advert === undefined) continue;
    // an event after the start (in trace order: one at the start's instant but before it, a link
    // already down at boot, is what the start finds)
    const changed = a.events.some((e, j) => j > k && e.router === start.router && e.t <= advert.t);
    if (changed) continue;
    const expected = expectedAt(a, r, advert.t);
    if (expected === undefined) continue;
    out.push({
      router: start.router,
      startedAt: start.t,
      at: advert.t,
      priority: advert.priority,
      base: r.config.priority,
      expected,
      tracked: trackersCallFor(a.trace, r.name, r.config, toUs(advert.t)),
    });
  }
  return out;
}

/** A first advert that does not carry what the version calls for, in words. */
function violation(adverts: readonly FirstAdvert[]): Judgement {
  for (const x of adverts) {
    if (x.priority !== x.expected) {
      return {
        holds: false,
        at: x.at,
        message: `${x.router} started at ${seconds(x.startedAt)} and sent its first advert at ${seconds(x.at)} with priority ${x.priority}${x.priority === x.base ? ', its base priority' : ''}; its configuration calls for ${x.expected} then`,
      };
    }
  }
  return adverts.length > 0 ? HOLDS : NOT_APPLICABLE;
}

export const weightsCountFromFirstAdvert: Property = {
  name: 'weights count from the first advert',
  kind: 'always',
  claim:
    "keepalived 2.2.7: a router's first advert after it starts carries the priority its trackers call for: the weights of its track_script and track_interface entries already count (each script result applies the moment it arrives, and a backup cannot advertise before its master-down timer). The seed article's question, answered for 2.2.7.",
  precondition: 'A router starts and sends an advert, and none of its scripts or interfaces changes in between.',
  cites: '2.2.7 initialise_tracking_priorities, process_script_update_priority',
  partner: 'a first advert carries a tracker weight',
  versions: ['keepalived-2.2'],
  holds: onlyFor(
    ['keepalived-2.2'],
    inEveryElection((a) => violation(firstAdverts(a))),
  ),
};

export const weightsCountFromFirstTick: Property = {
  name: 'weights count from the first priority tick',
  kind: 'always',
  claim:
    "keepalived 1.2.13 (the seed article's observation): a router's weights count only from its first priority tick, one advert_int after start-up. A first advert sent before it (a `state MASTER` router's 'Transition to MASTER', a backup forcing an election) carries the base priority, whatever the trackers say; one sent after it carries the trackers' priority.",
  precondition: 'A router starts and sends an advert, and none of its scripts or interfaces changes in between.',
  cites: '1.2.13 vrrp_update_priority (a timer every advert_int, from start-up + advert_int), vrrp_state_goto_master',
  partner: 'a first advert carries a tracker weight',
  versions: ['keepalived-1.2'],
  holds: onlyFor(
    ['keepalived-1.2'],
    inEveryElection((a) => violation(firstAdverts(a))),
  ),
};
