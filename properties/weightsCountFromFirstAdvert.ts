import { trackedPriority } from '../model/tracking.ts';
import type { TrackerStatus } from '../model/types.ts';
import type { RouterSpec } from '../src/cluster.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property, type Run } from './property.ts';
import { seconds } from './support.ts';

/** A router's first advert after a start, and the priority its trackers call for then. */
export interface FirstAdvert {
  readonly router: string;
  readonly startedAt: number;
  readonly at: number;
  readonly priority: number;
  readonly base: number;
  readonly expected: number;
}

/** What the scenario made each tracker of the router's first instance be at time t. */
function statusesAt(run: Run, spec: RouterSpec, t: number): TrackerStatus[] {
  const outcome = new Map(spec.scripts.map((s) => [s.name, s.initialOutcome] as const));
  const down = new Set<string>();
  for (const e of run.scenario.events) {
    if (e.router !== spec.name || e.at > t) continue;
    if (e.do === 'fail' || e.do === 'ok') outcome.set(e.script ?? spec.scripts[0]?.name ?? '', e.do);
    if (e.do === 'linkdown' || e.do === 'cut') down.add(e.interface ?? spec.lanInterface);
    if (e.do === 'linkup' || e.do === 'uncut') down.delete(e.interface ?? spec.lanInterface);
  }
  return (spec.instances[0]?.config.trackers ?? []).map((tracker) =>
    tracker.kind === 'script'
      ? outcome.get(tracker.name) === 'fail'
        ? 'down'
        : 'up'
      : down.has(tracker.name)
        ? 'down'
        : 'up',
  );
}

/**
 * Every start of a router whose tracker outcomes did not change before its first advert, with
 * that advert. Adverts of priority 0 (resigning) do not count.
 */
export function firstAdverts(run: Run): FirstAdvert[] {
  const out: FirstAdvert[] = [];
  for (const start of run.scenario.events) {
    if (start.do !== 'start') continue;
    const spec = run.cluster.routers.find((r) => r.name === start.router);
    const instance = spec?.instances[0];
    if (spec === undefined || instance === undefined) continue;
    const advert = run.trace.entries.find(
      (e) =>
        e.kind === 'advert' &&
        e.router === start.router &&
        e.instance === instance.config.name &&
        e.t >= start.at &&
        e.priority > 0,
    );
    if (advert === undefined || advert.kind !== 'advert') continue;
    const changed = run.scenario.events.some(
      (e) => e.router === start.router && e !== start && e.at >= start.at && e.at <= advert.t,
    );
    if (changed) continue;
    const config = instance.config;
    const expected = trackedPriority(
      run.cluster.profile.semantics,
      config.basePriority,
      config.trackers,
      statusesAt(run, spec, advert.t),
    );
    out.push({
      router: start.router,
      startedAt: start.at,
      at: advert.t,
      priority: advert.priority,
      base: config.basePriority,
      expected,
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
  holds(run): Judgement {
    const adverts = firstAdverts(run).filter((a) => a.expected !== a.base);
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
  },
};
