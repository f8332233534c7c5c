import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profiles } from '../../model/profiles.ts';
import { createStepper } from '../../model/stepper.ts';
import { allProperties } from '../../properties/index.ts';
import type { Property } from '../../properties/property.ts';
import { runScenario } from '../../src/check.ts';
import { prepareScenarioFile } from '../../src/loadScenario.ts';
import type { Trace } from '../../src/trace.ts';
import { explore } from '../../src/verify/explore.ts';
import { defaultScope, verify } from '../../src/verify/verify.ts';
import { mergeVerifyShards, verifyShardFile } from '../../src/verify/verifyShard.ts';
import { initialWorld } from '../../src/world/initialWorld.ts';
import { statics } from '../../src/world/statics.ts';
import { EXAMPLES } from '../golden/oracleRecordings.ts';

/** What happened, without when: per router, the states it went through and the priorities it advertised. */
function story(trace: Trace): Map<string, string> {
  const out = new Map<string, string[]>();
  const push = (router: string, item: string) => {
    const list = out.get(router) ?? [];
    if (list.at(-1) !== item) list.push(item);
    out.set(router, list);
  };
  for (const e of trace.entries) {
    if (e.kind === 'state') push(e.router, e.state);
    if (e.kind === 'advert' && e.wire) push(e.router, `adv ${e.priority}`);
  }
  return new Map([...out].map(([r, items]) => [r, items.join(' > ')]));
}

/** Every router's story in `pinned` starts the story of the same router in `path`. */
function within(pinned: Map<string, string>, path: Map<string, string>): boolean {
  return [...pinned].every(([router, items]) => (path.get(router) ?? '').startsWith(items));
}

const REGRESSIONS = join(import.meta.dirname, '..', 'regressions');
const files = [
  join(EXAMPLES, 'seed-example-1', 'scenario.json'),
  join(EXAMPLES, 'seed-example-2', 'scenario.json'),
  // a known model bug pinned (deadlineInThePast.test.ts) is no counterexample of a claim
  ...readdirSync(REGRESSIONS)
    .filter((f) => f.endsWith('.json') && !f.startsWith('known-model-bug-'))
    .map((f) => join(REGRESSIONS, f)),
];

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The pitfall a pinned file is a witness of, by its name (<pitfall>.<profile>.json), if any. */
function pitfallOf(file: string): Property | undefined {
  return allProperties.find((p) => p.pitfall !== undefined && basename(file).startsWith(`${slug(p.name)}.keepalived-`));
}

// verify reaches the seed article's two start orders within its default bounds (no event but the
// starts is needed), and every pinned counterexample within the bounds of the events it has: a
// pinned witness of a pitfall is reached when verify witnesses that pitfall (the first witness
// stops the search); any other pinned run when its story is the start of a path's story
/**
 * Pinned runs a search of the suite's 3,000,000 states does not reach (issue 12): under
 * keepalived-1.2 a stop and a restart on top of the starts take the search far past that (1.2.13's
 * wake-up lag makes its timers drift against the adverts, and its priority tick is one more
 * timer). verify reaches them as 4 shards (verify --shard K/4, then merge), each within its
 * default limit of 5,000,000 states: minutes of CPU, so the suite runs them with
 * VRRP_VERIFY_HEAVY=1 only, and says so with the figures measured.
 */
const IN_SHARDS: Readonly<Record<string, { readonly why: string; readonly shards: number }>> = {
  'nopreempt-is-ignored-under-state-master.keepalived-1.2.json': {
    why: 'not by 10,000,000 states searched whole; as 4 shards of at most 5,000,000 states (about 47 CPU-s each), a witness at depth 75',
    shards: 4,
  },
  'a-restarted-router-keeps-the-vip-of-its-killed-run.keepalived-1.2.json': {
    why: 'at 9,076,503 states searched whole; as 4 shards of at most 5,000,000 states (about 45 CPU-s each), a witness at depth 81',
    shards: 4,
  },
};
const HEAVY = process.env.VRRP_VERIFY_HEAVY === '1';
/** How a pinned run is searched: whole within the suite's limit, in shards (heavy runs), or not in this run. */
const searchOf = (file: string): { maxStates: number; shards: number } | null => {
  const sharded = IN_SHARDS[basename(file)];
  if (sharded === undefined) return { maxStates: 3_000_000, shards: 1 };
  return HEAVY ? { maxStates: 5_000_000, shards: sharded.shards } : null;
};

describe('verify reaches', () => {
  for (const [file, { why }] of Object.entries(IN_SHARDS))
    if (searchOf(file) === null)
      it.skip(`test/regressions/${file} (1.2.13 with a restart, run with VRRP_VERIFY_HEAVY=1: ${why})`, () => {});
  it.each(
    files.flatMap((f) => {
      const search = searchOf(f);
      const shown = f.slice(f.indexOf('/examples/') >= 0 ? f.indexOf('/examples/') + 1 : f.indexOf('/test/') + 1);
      return search === null ? [] : [[shown, f, search] as const];
    }),
  )(
    '%s',
    async (_, file, { maxStates, shards }) => {
      const prepared = prepareScenarioFile(file, undefined);
      if (!prepared.ok) throw new Error(prepared.message);
      const { cluster, selfContained } = prepared.value;
      const profile = cluster.profile;
      const events = selfContained.events;
      const starts = new Map<string, number>();
      for (const e of events) if (e.do === 'start') starts.set(e.router, (starts.get(e.router) ?? 0) + 1);
      const restarts = [...starts.values()].reduce((n, k) => n + k - 1, 0);
      const faults = events.filter((e) => !['start', 'fail', 'ok'].includes(e.do)).length;
      const flips = events.filter((e) => e.do === 'fail' || e.do === 'ok').length;
      const pitfall = pitfallOf(file);
      if (pitfall !== undefined) {
        // within the bounds the pinned witness has (a recovery after a failure is two flips: the
        // 2.2.7 nopreempt one needs one flip more than the default bounds)
        const scope = defaultScope(cluster, selfContained.routers, { faults, flips, restarts, maxStates });
        expect(Math.max(scope.faults, scope.flips, scope.restarts)).toBeLessThanOrEqual(2);
        const search = {
          profile: profiles[profile.name],
          routers: selfContained.routers,
          cluster,
          properties: [pitfall],
          scope,
          stopWhenDecided: true,
        };
        if (shards === 1) {
          const result = await verify(search);
          expect(result.stats.incomplete).toBe(false);
          expect(result.verdicts[0]?.status).toBe('witnessed');
          return;
        }
        // each shard stops at its first witness, or at its state limit: the merge is witnessed
        const job = { profile: profile.name, routers: search.routers, properties: [pitfall.name], asked: true, scope };
        const parts = [];
        for (let k = 1; k <= shards; k++)
          parts.push(verifyShardFile(job, { k, n: shards }, await verify({ ...search, shard: { k, n: shards } })));
        expect(mergeVerifyShards(parts).verdicts[0]?.status).toBe('witnessed');
        return;
      }
      const pinned = story(runScenario(selfContained, profile.name, createStepper()).trace);
      const scope = defaultScope(cluster, selfContained.routers, {
        faults,
        flips,
        restarts,
        maxStates,
      });
      expect(scope.faults).toBeLessThanOrEqual(1);
      expect(scope.flips).toBeLessThanOrEqual(1);
      expect(scope.restarts).toBeLessThanOrEqual(1);
      const model = statics(cluster, createStepper(), 0);
      let found = false;
      explore(model, initialWorld(model, null), scope, (path) => {
        const { trace } = runScenario(
          {
            profile: profile.name,
            routers: selfContained.routers,
            events: path.events,
            until: path.untilUs / 1_000_000,
            ...(path.choices.length === 0
              ? {}
              : { races: { window: scope.raceWindowUs / 1e6, choices: path.choices } }),
          },
          profiles[profile.name],
          createStepper(),
        );
        found = within(pinned, story(trace));
        return !found;
      });
      expect(found).toBe(true);
    },
    HEAVY ? 1_800_000 : 180_000,
  );
});
