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
 * Pinned runs the search does not reach yet within the suite's 3,000,000 states, and why (issue
 * 12): under keepalived-1.2 a stop and a restart on top of the starts take the search far past
 * that (1.2.13's wake-up lag makes its timers drift against the adverts, and its priority tick is
 * one more timer). One is reached with a larger limit: VRRP_VERIFY_HEAVY=1 runs it so.
 */
const NOT_YET: Readonly<Record<string, { readonly why: string; readonly maxStates?: number }>> = {
  'nopreempt-is-ignored-under-state-master.keepalived-1.2.json': {
    why: '1.2.13 with a restart: not by 10,000,000 states (depth 70, 129 CPU-s, 3.1 GB)',
  },
  'a-restarted-router-keeps-the-vip-of-its-killed-run.keepalived-1.2.json': {
    why: '1.2.13 with a restart: reached at 9,076,503 states (depth 82, 109 CPU-s, 2.7 GB), run with VRRP_VERIFY_HEAVY=1',
    maxStates: 10_000_000,
  },
};
const HEAVY = process.env.VRRP_VERIFY_HEAVY === '1';
/** The state limit a pinned run is searched with, or null when it is not searched in this run. */
const limitOf = (file: string): number | null => {
  const notYet = NOT_YET[basename(file)];
  if (notYet === undefined) return 3_000_000;
  return HEAVY && notYet.maxStates !== undefined ? notYet.maxStates : null;
};

describe('verify reaches', () => {
  for (const [file, { why }] of Object.entries(NOT_YET))
    if (limitOf(file) === null) it.skip(`test/regressions/${file} (not yet: ${why})`, () => {});
  it.each(
    files.flatMap((f) => {
      const maxStates = limitOf(f);
      const shown = f.slice(f.indexOf('/examples/') >= 0 ? f.indexOf('/examples/') + 1 : f.indexOf('/test/') + 1);
      return maxStates === null ? [] : [[shown, f, maxStates] as const];
    }),
  )(
    '%s',
    async (_, file, maxStates) => {
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
        const result = await verify({
          profile: profiles[profile.name],
          routers: selfContained.routers,
          cluster,
          properties: [pitfall],
          scope,
          stopWhenDecided: true,
        });
        expect(result.stats.incomplete).toBe(false);
        expect(result.verdicts[0]?.status).toBe('witnessed');
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
    HEAVY ? 900_000 : 180_000,
  );
});
