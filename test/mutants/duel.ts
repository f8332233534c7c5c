/**
 * `check` against `verify` on a bundled example cluster, with a broken model (issue 12's
 * mutation test): check runs its default 300 generated runs around the cluster's configs,
 * verify its default scope, each stopping at the first claim that fails. Times are CPU time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProfileName, profiles } from '../../model/profiles.ts';
import { allProperties } from '../../properties/index.ts';
import type { FixedRouter } from '../../src/arbitraries/fixedClusterSource.ts';
import { jobOptions } from '../../src/check/checkJob.ts';
import { horizonFor } from '../../src/cli/horizonFor.ts';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import { prepareScenarioValue } from '../../src/loadScenario.ts';
import { DEFAULT_JITTER_SECONDS } from '../../src/scenario.ts';
import { defaultScope, verify } from '../../src/verify/verify.ts';
import { huntWith } from './hunt.ts';
import type { Mutant } from './mutants.ts';

export const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

/** What each tool made of a broken model on one cluster under one profile. */
export interface Duel {
  readonly mutant: string;
  readonly profile: ProfileName;
  readonly cluster: string;
  readonly check: { readonly caughtBy: string | null; readonly runs: number; readonly cpuSeconds: number };
  readonly verify: {
    readonly caughtBy: string | null;
    /** Events on the shortest path that broke the claim. */
    readonly depth: number | null;
    readonly states: number;
    readonly cpuSeconds: number;
    /** The whole scope was explored (nothing caught, and no state limit hit). */
    readonly complete: boolean;
    /** Script flips allowed in the scope (the most of its scopes). */
    readonly flips: number;
    /** The scopes verify explored, in turn, until one caught the broken model: their bounds, in short. */
    readonly scopes: readonly string[];
  };
}

/**
 * verify's scopes, in turn. Its default scope; under 1.2.13 a fault and a flip together go past
 * 5,000,000 states on the sound pair (its 0.7 ms wake-up lag makes the timers drift against the
 * adverts, so that no two seconds of a run look alike, and its priority tick is one more timer),
 * so there three scopes in turn: ≤ 1 fault and no flip, ≤ 1 flip and no fault, then ≤ 2 flips
 * and no fault up to 5,000,000 states (a FAULT and its end need two events).
 */
export function duelScopes(
  profile: ProfileName,
): readonly { readonly faults?: number; readonly flips?: number; readonly maxStates?: number }[] {
  const { semantics, timing } = profiles[profile];
  return semantics.periodicPriorityTick || timing.wakeLagUs > 0
    ? [{ flips: 0 }, { faults: 0 }, { faults: 0, flips: 2, maxStates: 5_000_000 }]
    : [{}];
}

const FILES = ['A.conf', 'B.conf'];

function fixedRouters(cluster: string): FixedRouter[] {
  return FILES.map((f, i) => {
    const file = join(EXAMPLES, cluster, f);
    const configText = readFileSync(file, 'utf8');
    const parsed = parseKeepalivedConf(configText, file);
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    return { name: f.replace('.conf', ''), address: `10.99.0.${i + 1}`, configText, conf: parsed.conf };
  });
}

/** check's default run on the cluster's configs, with the broken model. */
function checkDuel(mutant: Mutant, profile: ProfileName, cluster: string, seed: number): Duel['check'] {
  const routers = fixedRouters(cluster);
  const timed = horizonFor(routers, profiles[profile], undefined);
  if (typeof timed === 'string') throw new Error(timed);
  const job = {
    profile,
    properties: allProperties.map((p) => p.name),
    runs: 300,
    seed,
    horizon: timed.horizon,
    jitter: DEFAULT_JITTER_SECONDS,
    routers: routers.map((r) => ({ ...r, file: join(EXAMPLES, cluster, `${r.name}.conf`) })),
  };
  const options = {
    ...jobOptions(job),
    stepper: mutant.stepper,
    simulator: mutant.simulator,
    countTransitions: false,
  };
  const h = huntWith(mutant, options);
  return { caughtBy: h.caughtBy, runs: h.runs, cpuSeconds: h.ms / 1000 };
}

/** verify's scopes (duelScopes) on the cluster's configs, with the broken model, until one catches it. */
export async function verifyDuel(
  mutant: Mutant,
  profile: ProfileName,
  cluster: string,
  scopes = duelScopes(profile),
): Promise<Duel['verify']> {
  const routers = FILES.map((f, i) => ({
    name: f.replace('.conf', ''),
    address: `10.99.0.${i + 1}`,
    config: join(EXAMPLES, cluster, f),
  }));
  const prepared = prepareScenarioValue({ routers, events: [], until: 1 }, join(EXAMPLES, cluster, 'x.json'), profile);
  if (!prepared.ok) throw new Error(prepared.message);
  const withText = prepared.value.selfContained.routers;
  let out: Duel['verify'] = {
    caughtBy: null,
    depth: null,
    states: 0,
    cpuSeconds: 0,
    complete: true,
    flips: 0,
    scopes: [],
  };
  for (const bounds of scopes) {
    // the real model's sound pair needs about 1M states (2.2.7's default scope 4.5M): a broken
    // one not caught by 1.5M counts as survived (state limit)
    const scope = defaultScope(prepared.value.cluster, withText, { maxStates: 1_500_000, ...bounds });
    const result = await verify({
      profile: profiles[profile],
      routers: withText,
      cluster: (mutant.cluster ?? ((c) => c))(prepared.value.cluster),
      properties: allProperties,
      scope,
      stepper: mutant.stepper,
      simulator: mutant.simulator,
      untilFirstFailure: true,
    });
    const caught = result.verdicts.find((v) => v.kind !== 'sometimes' && v.status === 'fails');
    out = {
      caughtBy: caught?.property ?? null,
      depth: caught?.depth ?? null,
      states: out.states + result.stats.distinct,
      cpuSeconds: out.cpuSeconds + result.cpuSeconds,
      complete: out.complete && caught === undefined && !result.stats.incomplete,
      flips: Math.max(out.flips, scope.flips),
      scopes: [...out.scopes, `≤ ${scope.faults} fault(s), ≤ ${scope.flips} flip(s)`],
    };
    if (caught !== undefined) break;
  }
  return out;
}

/** Both tools against one broken model on one cluster. */
export async function duel(mutant: Mutant, profile: ProfileName, cluster: string, seed: number): Promise<Duel> {
  return {
    mutant: mutant.name,
    profile,
    cluster,
    check: checkDuel(mutant, profile, cluster, seed),
    verify: await verifyDuel(mutant, profile, cluster),
  };
}
