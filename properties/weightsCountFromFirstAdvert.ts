import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { type Election, inEveryElection, seconds } from './support.ts';

/** A router's first advert after a start, and the priority its trackers call for then. */
export interface FirstAdvert {
  readonly router: string;
  readonly startedAt: number;
  readonly at: number;
  readonly priority: number;
  readonly base: number;
  readonly expected: number;
}

/** Whether each tracker of the instance was good at time t, as the trace's facts say. */
function trackersGoodAt(a: Election, r: InstanceTimeline, t: number): boolean[] {
  const failing = new Set(r.router.scripts.filter((s) => s.initially === 'fail').map((s) => s.name));
  const down = new Set<string>();
  for (const e of a.trace.entries) {
    if (e.t > t) break;
    if (e.router !== r.name) continue;
    if (e.kind === 'check') {
      if (e.ok) failing.delete(e.script);
      else failing.add(e.script);
    }
    if (e.kind === 'link') {
      if (e.up) down.delete(e.interface);
      else down.add(e.interface);
    }
  }
  return r.config.trackers.map((tracker) =>
    tracker.kind === 'script' ? !failing.has(tracker.name) : !down.has(tracker.name),
  );
}

/**
 * The priority keepalived.conf(5) gives a router with these trackers: the base priority, plus
 * each positive weight whose tracker is good, plus each negative weight whose tracker is bad,
 * kept within 1..254; an address owner (255) keeps 255 (vrrp_set_effective_priority).
 */
function trackedPriority(base: number, weights: readonly number[], good: readonly boolean[]): number {
  if (base === 255) return 255;
  let priority = base;
  weights.forEach((w, i) => {
    if ((w > 0 && good[i]) || (w < 0 && !good[i])) priority += w;
  });
  return Math.min(254, Math.max(1, priority));
}

/**
 * Every start of a router whose tracker outcomes did not change before its first advert, with
 * that advert. Adverts of priority 0 (resigning) do not count.
 */
export function firstAdverts(a: Election): FirstAdvert[] {
  const out: FirstAdvert[] = [];
  for (const start of a.events) {
    if (start.do !== 'start') continue;
    const r = a.routers.find((x) => x.name === start.router);
    if (r === undefined) continue;
    // the claim is about scripts' and interfaces' weights; a hung script has no result yet
    if (r.config.trackers.some((t) => t.kind === 'file' || t.kind === 'process')) continue;
    if (r.router.scripts.some((s) => s.initially === 'hang')) continue;
    const advert = r.changes.find((c) => c.kind === 'advert' && c.t >= start.t && c.priority > 0);
    if (advert === undefined || advert.kind !== 'advert') continue;
    const changed = a.events.some((e) => e.router === start.router && e !== start && e.t >= start.t && e.t <= advert.t);
    if (changed) continue;
    const base = r.config.priority;
    const weights = r.config.trackers.map((t) => t.weight);
    out.push({
      router: start.router,
      startedAt: start.t,
      at: advert.t,
      priority: advert.priority,
      base,
      expected: trackedPriority(base, weights, trackersGoodAt(a, r, advert.t)),
    });
  }
  return out;
}

export const weightsCountFromFirstAdvert: Property = {
  name: 'weights count from the first advert',
  kind: 'always',
  claim:
    "A router's first advert after it starts carries the priority its trackers call for: the weights of its track_script and track_interface entries already count. (The seed article's question.)",
  precondition: 'A router starts and sends an advert, and none of its scripts or interfaces changes in between.',
  partner: 'a first advert carries a tracker weight',
  expected: { 'keepalived-1.2': 'fails', 'keepalived-2.2': 'holds' },
  why: "keepalived 1.2.13 applies weights only at its first priority tick, one advert interval after start. A router configured `state MASTER` sends its first advert ('Transition to MASTER STATE') when it hears any advert or after one interval, before the tick: at its base priority. 2.2.7 applies each script result the moment it arrives, before any advert.",
  holds: inEveryElection((election): Judgement => {
    const adverts = firstAdverts(election).filter((a) => a.expected !== a.base);
    for (const a of adverts) {
      if (a.priority !== a.expected) {
        return {
          holds: false,
          at: a.at,
          message: `${a.router} started at ${seconds(a.startedAt)} and sent its first advert at ${seconds(a.at)} with priority ${a.priority}${a.priority === a.base ? ', its base priority' : ''}; its trackers call for ${a.expected}`,
        };
      }
    }
    return adverts.length > 0 ? HOLDS : NOT_APPLICABLE;
  }),
};
