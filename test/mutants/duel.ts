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
    /** Script flips allowed in the scope. */
    readonly flips: number;
  };
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

/** verify's default scope on the cluster's configs, with the broken model. */
async function verifyDuel(mutant: Mutant, profile: ProfileName, cluster: string): Promise<Duel['verify']> {
  const routers = FILES.map((f, i) => ({
    name: f.replace('.conf', ''),
    address: `10.99.0.${i + 1}`,
    config: join(EXAMPLES, cluster, f),
  }));
  const prepared = prepareScenarioValue({ routers, events: [], until: 1 }, join(EXAMPLES, cluster, 'x.json'), profile);
  if (!prepared.ok) throw new Error(prepared.message);
  const withText = prepared.value.selfContained.routers;
  // the real model's sound pair needs about 1M states: a broken one that explodes stops at 1.5M;
  // 1.2.13's priority ticks take the default scope past 5M states: there, no script flip
  const scope = defaultScope(prepared.value.cluster, withText, {
    maxStates: 1_500_000,
    ...(profile === 'keepalived-1.2' ? { flips: 0 } : {}),
  });
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
  return {
    caughtBy: caught?.property ?? null,
    depth: caught?.depth ?? null,
    states: result.stats.distinct,
    cpuSeconds: result.cpuSeconds,
    complete: caught === undefined && !result.stats.incomplete,
    flips: scope.flips,
  };
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
