import fc from 'fast-check';
import type { ScenarioSource } from '../check.ts';
import type { KeepalivedConf } from '../config/types.ts';
import type { Scenario, ScenarioEvent, ScriptOutcome } from '../scenario.ts';
import { type EpisodeRouter, episodeEvents, episodesArbitrary, type GenEpisode } from './episodes.ts';
import { failureStoryArbitrary, failureStoryEvents, type GenFailureStory } from './failureStory.ts';
import { DEFAULT_SPAN_MS, type GenTimeline, timelineArbitrary, timelineEvents } from './timelineArbitrary.ts';
import { type GenTrackers, trackerEvents, trackerTimeline } from './trackerTimeline.ts';

/** A router of the user's cluster: its keepalived.conf as given, and where it sits on the LAN. */
export interface FixedRouter {
  readonly name: string;
  readonly address: string;
  readonly configText: string;
  readonly conf: KeepalivedConf;
}

export interface FixedValue {
  readonly timelines: readonly GenTimeline[];
  /** Null: each router lives its own timeline; else they start together, then these episodes strike. */
  readonly episodes: readonly GenEpisode[] | null;
  readonly outcomes: readonly (readonly ScriptOutcome[])[];
  readonly tailMs: number;
  readonly jitterSeed: number | null;
  /** Per router: its track_files, tracked processes and hanging scripts over time. */
  readonly trackers: readonly GenTrackers[];
  /** Slow configs only: a settled cluster whose MASTER's check fails, instead of the free timelines. */
  readonly story: GenFailureStory | null;
  /** Per router: which of its other interfaces (tracked ones first) the run's faults hit. */
  readonly otherPick: readonly number[];
  /**
   * Per router with tracked interfaces: null, or it boots with the picked one down, back up that
   * many ms after its start (a number) or never (undefined).
   */
  readonly bootDown: readonly (number | null | undefined)[];
}

/** The horizon up to which the default timelines' 40 s span is enough. */
const DEFAULT_HORIZON_SECONDS = 30;

/**
 * How far after a router's start its faults and flips go: 40 s, or, when the configs need a
 * longer horizon (slow trackers), room for a start, a settled cluster and a failure judged after it.
 */
export function spanFor(horizon: number): number {
  return horizon <= DEFAULT_HORIZON_SECONDS ? DEFAULT_SPAN_MS : Math.round((2 * horizon + 12) * 1000);
}

/**
 * Scenarios around fixed configs: the routers are the user's, fast-check varies their start order
 * and offsets, their scripts' outcomes over time and the faults. `horizon` is how long each run
 * goes on after its last event, in seconds; half the runs get a jitter of up to
 * `jitterMax` seconds (none when 0).
 */
export function fixedClusterSource(
  routers: readonly FixedRouter[],
  horizon: number,
  jitterMax: number,
): ScenarioSource<FixedValue> {
  const scriptNames = routers.map((r) => r.conf.scripts.map((s) => s.name));
  // the other interfaces the faults may hit: the tracked ones, else another instance's (a run
  // picks one of them per router: each tracked interface of a dual-homed router can go down)
  const tracked = routers.map((r) => {
    const lan = r.conf.instances[0]?.interface ?? 'eth0';
    return [...new Set(r.conf.instances.flatMap((i) => i.trackInterfaces.map((t) => t.name)))].filter((n) => n !== lan);
  });
  const others = routers.map((r, i) => {
    const lan = r.conf.instances[0]?.interface ?? 'eth0';
    const mine = tracked[i] ?? [];
    return mine.length > 0
      ? mine
      : r.conf.instances
          .flatMap((k) => k.interface ?? [])
          .filter((n) => n !== lan)
          .slice(0, 1);
  });
  const span = spanFor(horizon);
  const outcome = fc.oneof(
    { arbitrary: fc.constant<ScriptOutcome>('ok'), weight: 5 },
    { arbitrary: fc.constant<ScriptOutcome>('fail'), weight: 1 },
  );
  const arbitrary: fc.Arbitrary<FixedValue> = fc.record({
    timelines: fc.tuple(...routers.map((_, i) => timelineArbitrary((scriptNames[i] ?? []).length, span))),
    outcomes: fc.tuple(
      ...routers.map((_, i) =>
        fc.array(outcome, { minLength: (scriptNames[i] ?? []).length, maxLength: (scriptNames[i] ?? []).length }),
      ),
    ),
    // three runs in four tell a story of episodes: what the claims about settled clusters need
    episodes: fc.option(episodesArbitrary, { nil: null, freq: 4 }),
    tailMs: fc.constant(Math.round(horizon * 1000)),
    jitterSeed: jitterMax > 0 ? fc.option(fc.nat(), { nil: null, freq: 2 }) : fc.constant(null),
    // last, so that the fields above are drawn as they were before it existed
    trackers: fc.tuple(...routers.map((r) => trackerTimeline(r.conf, span))),
    story: failureStoryArbitrary(horizon, DEFAULT_HORIZON_SECONDS),
    // last, as trackers: which other interface a run's faults hit, per router
    otherPick: fc.tuple(...routers.map((_, i) => fc.nat(Math.max(0, (others[i]?.length ?? 0) - 1)))),
    // last: a router with tracked interfaces may boot with the picked one down (a cable out at
    // boot), back up some seconds later or never: its weight counts from the first advert
    bootDown: fc.tuple(
      ...routers.map((_, i) =>
        (tracked[i]?.length ?? 0) === 0
          ? fc.constant(null)
          : fc.oneof(
              { arbitrary: fc.constant(null), weight: 4 },
              { arbitrary: fc.option(fc.integer({ min: 1000, max: 20_000 }), { nil: undefined, freq: 3 }), weight: 1 },
            ),
      ),
    ),
  });
  const otherOf = (value: FixedValue, i: number): string | null => {
    const names = others[i] ?? [];
    return names[(value.otherPick[i] ?? 0) % Math.max(1, names.length)] ?? null;
  };
  return {
    arbitrary,
    toScenario(value, profile): Scenario {
      let events: ScenarioEvent[] = [];
      const scenarioRouters = routers.map((r, i) => {
        const names = scriptNames[i] ?? [];
        const timeline = value.timelines[i];
        // a story starts everyone within 2 s, from the timelines' start offsets
        const boot = value.bootDown[i];
        const down = otherOf(value, i);
        if (timeline !== undefined && value.episodes === null && boot !== undefined && boot !== null && down !== null) {
          // before the start: the events sort stably by time
          const at = timeline.startMs / 1000;
          events.push({ at, do: 'linkdown', router: r.name, interface: down });
          if (typeof boot === 'number')
            events.push({ at: (timeline.startMs + boot) / 1000, do: 'linkup', router: r.name, interface: down });
        }
        if (timeline !== undefined && value.episodes === null)
          events.push(...timelineEvents(r.name, timeline, names, down));
        else if (timeline !== undefined)
          events.push({ at: (timeline.startMs % 2000) / 1000, do: 'start', router: r.name });
        const trackers = value.trackers[i];
        if (trackers !== undefined && value.episodes === null)
          events.push(...trackerEvents(r.name, r.conf, trackers, timeline?.startMs ?? 0));
        const files = r.conf.trackFiles.flatMap((f, k) =>
          (trackers?.files[k] ?? 0) === 0 ? [] : [[f.name, trackers?.files[k] ?? 0] as const],
        );
        const processes = r.conf.trackProcesses.flatMap((p, k) =>
          trackers?.processes[k] === false ? [[p.name, 'fail' as const] as const] : [],
        );
        // a story starts healthy: its episodes bring the failures
        const failing = names.flatMap((name, k) =>
          value.outcomes[i]?.[k] === 'fail' && value.episodes === null ? [[name, 'fail'] as const] : [],
        );
        return {
          name: r.name,
          address: r.address,
          configText: r.configText,
          ...(failing.length === 0 ? {} : { scripts: Object.fromEntries(failing) }),
          ...(files.length === 0 ? {} : { files: Object.fromEntries(files) }),
          ...(processes.length === 0 ? {} : { processes: Object.fromEntries(processes) }),
        };
      });
      const jitter = value.jitterSeed === null ? {} : { jitter: { max: jitterMax, seed: value.jitterSeed } };
      if (value.story !== null) {
        // slow trackers: the settled cluster's MASTER fails its check, judged after the whole fall
        events = failureStoryEvents(routers, value.timelines, value.story);
      } else if (value.episodes !== null) {
        const struck: EpisodeRouter[] = routers.map((r, i) => ({
          name: r.name,
          scripts: scriptNames[i] ?? [],
          otherInterface: otherOf(value, i),
        }));
        const base = { profile, routers: scenarioRouters, events: [], until: 0, ...jitter };
        events = episodeEvents(base, struck, events, value.episodes, profile);
      }
      events.sort((a, b) => a.at - b.at);
      const last = events.reduce((max, e) => Math.max(max, e.at), 0);
      return {
        profile,
        routers: scenarioRouters,
        events,
        until: Math.round(last * 1000 + value.tailMs) / 1000,
        ...jitter,
      };
    },
  };
}
