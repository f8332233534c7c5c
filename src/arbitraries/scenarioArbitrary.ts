import fc from 'fast-check';
import type { ProfileName } from '../../model/profiles.ts';
import { writeKeepalivedConf } from '../config/writeKeepalivedConf.ts';
import { DEFAULT_JITTER_SECONDS, type Scenario, type ScenarioEvent } from '../scenario.ts';
import { clusterArbitrary, type GenCluster, priorities, resolveWeight } from './clusterArbitrary.ts';
import { episodeEvents, episodesArbitrary, type GenEpisode } from './episodes.ts';
import { focusArbitrary, focusCluster, type GenFocus } from './focusCluster.ts';
import { type GenTimeline, timelineArbitrary, timelineEvents } from './timelineArbitrary.ts';

export const ROUTER_NAMES = ['A', 'B', 'C', 'D', 'E'] as const;

/**
 * What kind of run: free timelines for every router, or one of two stories that the claims about
 * a settled cluster need and free timelines rarely tell: the routers start together and settle,
 * then episodes strike the router that is MASTER (or a backup) one after the other, each once
 * the cluster has settled again, on the µs a timer fires or next to it (episodes.ts); or one
 * router (a nopreempt one, if any) joins late.
 */
export type GenStory =
  | { readonly kind: 'free' }
  | { readonly kind: 'episodes'; readonly episodes: readonly GenEpisode[] }
  | { readonly kind: 'late'; readonly router: number; readonly atMs: number };

/** A generated cluster with one timeline per router, and how long to run after the last event. */
export interface GenScenario {
  readonly cluster: GenCluster;
  readonly timelines: readonly GenTimeline[];
  readonly story: GenStory;
  readonly tailMs: number;
  /** The seed of a jitter of up to DEFAULT_JITTER_SECONDS, or none: adverts arrive and timers fire on time. */
  readonly jitterSeed: number | null;
  /** A claim family the run's cluster is shaped for (focusCluster.ts). */
  readonly focus: GenFocus;
}

/** A story and the claim family its cluster is shaped for: a focus comes with the stories that use it. */
const storyAndFocus: fc.Arbitrary<{ story: GenStory; focus: GenFocus }> = fc.oneof(
  {
    arbitrary: fc.record({ story: fc.constant<GenStory>({ kind: 'free' }), focus: fc.constant<GenFocus>('none') }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      story: fc.record({ kind: fc.constant('episodes' as const), episodes: episodesArbitrary }),
      focus: focusArbitrary,
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      story: fc.record({
        kind: fc.constant('late' as const),
        router: fc.nat(4),
        atMs: fc.integer({ min: 8_000, max: 16_000 }),
      }),
      focus: fc.constantFrom<GenFocus>('none', 'nopreempt', 'delay'),
    }),
    weight: 1,
  },
);

/** Seconds to simulate after the last event: enough for the slowest settle window. */
export const tailMs = fc.integer({ min: 15_000, max: 40_000 });

/**
 * Timelines are drawn for five routers whatever the cluster's size (the extra ones are unused), so
 * that clusters and timelines shrink independently: fewer routers, fewer events, earlier times.
 */
export const scenarioArbitrary: fc.Arbitrary<GenScenario> = fc
  .record({
    cluster: clusterArbitrary,
    timelines: fc.tuple(...ROUTER_NAMES.map(() => timelineArbitrary(2))),
    shape: storyAndFocus,
    tailMs,
    // half the runs race on µs; shrinking drops the jitter first
    jitterSeed: fc.option(fc.nat(), { nil: null, freq: 2 }),
  })
  .map(({ shape, ...rest }) => ({ ...rest, story: shape.story, focus: shape.focus }));

/** A story's events: everyone starts within 2 s (using the timelines' start offsets), then the story. */
function storyEvents(
  gen: GenScenario,
  story: Exclude<GenStory, { kind: 'free' }>,
  base: Scenario,
  profile: ProfileName,
): ScenarioEvent[] {
  const n = gen.cluster.routers.length;
  // the late joiner is a nopreempt router when there is one: the story is about preemption
  const nopreempt = gen.cluster.routers.findIndex((r) => r.nopreempt);
  const late = story.kind === 'late' ? (nopreempt >= 0 ? nopreempt : story.router % n) : -1;
  // ties meet at start when the routers start on the same µs
  const together = gen.focus === 'tie' && (gen.timelines[0]?.startMs ?? 0) % 2 === 0;
  const events: ScenarioEvent[] = gen.cluster.routers.map((_, i) => ({
    at:
      i === late && story.kind === 'late'
        ? story.atMs / 1000
        : together
          ? 0
          : ((gen.timelines[i]?.startMs ?? 0) % 2000) / 1000,
    do: 'start',
    router: ROUTER_NAMES[i] as string,
  }));
  if (story.kind === 'episodes') {
    const routers = gen.cluster.routers.map((r, i) => ({
      name: ROUTER_NAMES[i] as string,
      scripts: r.scripts.map((_, k) => (k === 0 ? 'chk' : `chk${k + 1}`)),
      otherInterface: r.eth1 === null ? null : 'eth1',
    }));
    return episodeEvents(base, routers, events, story.episodes, profile);
  }
  return events;
}

/** The scenario file a generated value stands for: the same JSON `vrrp-check run` reads. */
export function toScenario(value: GenScenario, profile: ProfileName): Scenario {
  const gen = value.focus === 'none' ? value : { ...value, cluster: focusCluster(value.cluster, value.focus) };
  const prios = priorities(gen.cluster);
  const events: ScenarioEvent[] = [];
  const routers = gen.cluster.routers.map((r, i) => {
    const name = ROUTER_NAMES[i] as string;
    const scripts = r.scripts.map((_, s) => (s === 0 ? 'chk' : `chk${s + 1}`));
    const timeline = gen.timelines[i];
    if (timeline !== undefined && gen.story.kind === 'free') {
      events.push(...timelineEvents(name, timeline, scripts, r.eth1 === null ? null : 'eth1'));
    }
    const configText = writeKeepalivedConf({
      routerId: name,
      state: r.state,
      priority: prios[i] as number,
      advertInt: gen.cluster.advertInt,
      nopreempt: r.nopreempt,
      preemptDelay: r.preemptDelay,
      scripts: r.scripts.map((s, k) => ({
        name: scripts[k] as string,
        weight: resolveWeight(s.weight, prios),
        rise: s.rise,
        fall: s.fall,
        interval: s.interval,
      })),
      trackInterfaces: r.eth1 === null ? [] : [{ name: 'eth1', weight: resolveWeight(r.eth1, prios) }],
      vip: '10.99.0.100/24',
      vrid: 51,
    });
    const failing = r.scripts.flatMap((s, k) =>
      s.initial === 'fail' ? [[scripts[k] as string, 'fail'] as const] : [],
    );
    return {
      name,
      address: `10.99.0.${i + 1}`,
      configText,
      ...(failing.length === 0 ? {} : { scripts: Object.fromEntries(failing) }),
    };
  });
  const jitter = gen.jitterSeed === null ? {} : { jitter: { max: DEFAULT_JITTER_SECONDS, seed: gen.jitterSeed } };
  if (gen.story.kind !== 'free')
    events.push(...storyEvents(gen, gen.story, { profile, routers, events: [], until: 0, ...jitter }, profile));
  events.sort((a, b) => a.at - b.at);
  const last = events.reduce((max, e) => Math.max(max, e.at), 0);
  // a story is judged a whole settle window after its last event
  const tail = gen.story.kind === 'free' ? gen.tailMs : gen.tailMs + 20_000;
  return { profile, routers, events, until: Math.round(last * 1000 + tail) / 1000, ...jitter };
}
