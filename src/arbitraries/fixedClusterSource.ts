import fc from 'fast-check';
import type { ScenarioSource } from '../check.ts';
import type { KeepalivedConf } from '../config/types.ts';
import type { Scenario, ScenarioEvent, ScriptOutcome } from '../scenario.ts';
import { type EpisodeRouter, episodeEvents, episodesArbitrary, type GenEpisode } from './episodes.ts';
import { type GenTimeline, timelineArbitrary, timelineEvents } from './timelineArbitrary.ts';

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
  const tracksOther = routers.map(
    (r) =>
      r.conf.instances
        .flatMap((i) => i.trackInterfaces.map((t) => t.name))
        .find((n) => n !== (r.conf.instances[0]?.interface ?? 'eth0')) ?? null,
  );
  const outcome = fc.oneof(
    { arbitrary: fc.constant<ScriptOutcome>('ok'), weight: 5 },
    { arbitrary: fc.constant<ScriptOutcome>('fail'), weight: 1 },
  );
  const arbitrary: fc.Arbitrary<FixedValue> = fc.record({
    timelines: fc.tuple(...routers.map((_, i) => timelineArbitrary((scriptNames[i] ?? []).length))),
    outcomes: fc.tuple(
      ...routers.map((_, i) =>
        fc.array(outcome, { minLength: (scriptNames[i] ?? []).length, maxLength: (scriptNames[i] ?? []).length }),
      ),
    ),
    // three runs in four tell a story of episodes: what the claims about settled clusters need
    episodes: fc.option(episodesArbitrary, { nil: null, freq: 4 }),
    tailMs: fc.constant(Math.round(horizon * 1000)),
    jitterSeed: jitterMax > 0 ? fc.option(fc.nat(), { nil: null, freq: 2 }) : fc.constant(null),
  });
  return {
    arbitrary,
    toScenario(value, profile): Scenario {
      let events: ScenarioEvent[] = [];
      const scenarioRouters = routers.map((r, i) => {
        const names = scriptNames[i] ?? [];
        const timeline = value.timelines[i];
        // a story starts everyone within 2 s, from the timelines' start offsets
        if (timeline !== undefined && value.episodes === null)
          events.push(...timelineEvents(r.name, timeline, names, tracksOther[i] ?? null));
        else if (timeline !== undefined)
          events.push({ at: (timeline.startMs % 2000) / 1000, do: 'start', router: r.name });
        // a story starts healthy: its episodes bring the failures
        const failing = names.flatMap((name, k) =>
          value.outcomes[i]?.[k] === 'fail' && value.episodes === null ? [[name, 'fail'] as const] : [],
        );
        return {
          name: r.name,
          address: r.address,
          configText: r.configText,
          ...(failing.length === 0 ? {} : { scripts: Object.fromEntries(failing) }),
        };
      });
      const jitter = value.jitterSeed === null ? {} : { jitter: { max: jitterMax, seed: value.jitterSeed } };
      if (value.episodes !== null) {
        const struck: EpisodeRouter[] = routers.map((r, i) => ({
          name: r.name,
          scripts: scriptNames[i] ?? [],
          otherInterface: tracksOther[i] ?? null,
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
