import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { assign } from 'xstate';
import { type Profile, type ProfileName, profiles, withSemantics } from '../../model/profiles.ts';
import { createStepper, type Stepper } from '../../model/stepper.ts';
import { NO_DEADLINE } from '../../model/types.ts';
import { vrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';
import type { Property } from '../../properties/property.ts';
import type { GenCluster } from '../../src/arbitraries/clusterArbitrary.ts';
import { type GenScenario, scenarioArbitrary, toScenario } from '../../src/arbitraries/scenarioArbitrary.ts';
import { check, runScenario, type ScenarioSource, type Verdict } from '../../src/check.ts';
import type { Scenario } from '../../src/scenario.ts';

/** The seed of this test run (test/setup.ts sets it from VRRP_SEED for fast-check too). */
export const SEED = Number(process.env.VRRP_SEED ?? 42);

/** Runs per always/eventually check; sometimes checks stop at their first witness. */
export const RUNS = Number(process.env.VRRP_RUNS ?? 300);
export const WITNESS_RUNS = 2000;
/** Runs for a check expected to find a counterexample: it stops at the first one. */
export const SEARCH_RUNS = 2000;

export const generic: ScenarioSource<GenScenario> = { arbitrary: scenarioArbitrary, toScenario };

/**
 * The generic source with every generated cluster changed by `edit` (for variants that remove a
 * witness), and no focus that would shape it back.
 */
export function editedSource(edit: (cluster: GenCluster) => GenCluster): ScenarioSource<GenScenario> {
  return {
    arbitrary: scenarioArbitrary.map((s) => ({ ...s, cluster: edit(s.cluster), focus: 'none' as const })),
    toScenario,
  };
}

export function verdict(
  property: Property,
  profile: ProfileName | Profile,
  options: { source?: ScenarioSource<GenScenario>; stepper?: Stepper; runs?: number; search?: boolean } = {},
): Verdict {
  return check({
    property,
    profile: typeof profile === 'string' ? profiles[profile] : profile,
    source: options.source ?? generic,
    runs: options.runs ?? (property.kind === 'sometimes' ? WITNESS_RUNS : options.search === true ? SEARCH_RUNS : RUNS),
    seed: SEED,
    ...(options.stepper === undefined ? {} : { stepper: options.stepper }),
  });
}

/** The generic source where every tracker has weight 0: a failing check means FAULT. */
export const weightZero = editedSource((c) => ({
  ...c,
  routers: c.routers.map((r) => ({
    ...r,
    eth1: null,
    scripts: r.scripts.map((s) => ({ ...s, weight: { kind: 'value' as const, value: 0 } })),
  })),
}));

/** A profile with switches flipped. */
export const flipped = (name: ProfileName, changes: Parameters<typeof withSemantics>[1]) =>
  withSemantics(profiles[name], changes);

/** A stepper for the machine with some guards or actions replaced: a deliberately broken keepalived. */
export function brokenStepper(implementations: Parameters<typeof vrrpInstanceMachine.provide>[0]): Stepper {
  return createStepper(vrrpInstanceMachine.provide(implementations));
}

/** A keepalived whose timers never fire: nobody ever becomes master, nobody ever takes over. */
export const timersNeverFire: Stepper = brokenStepper({
  // 2.2.7's owner still starting up goes MASTER straight from FAULT, without a timer
  guards: { 'owner still wants master': () => false },
  actions: {
    'arm master-down timer': assign({ sands: NO_DEADLINE }),
    'restart master-down timer': assign({ sands: NO_DEADLINE }),
    'arm 1 µs master-down timer': assign({ sands: NO_DEADLINE }),
    'arm advert timer': assign({ sands: NO_DEADLINE }),
  },
});

/** A claim held on every applicable run (how much evidence: allClaims.test.ts). */
export const held = (v: Verdict) => (v.status === 'holds' || v.status === 'weak') && v.applicable > 0;

/** How the report of a failed expectation starts: the seed and path replay it. */
export function explain(v: Verdict): string {
  const why = v.example !== undefined && !v.example.judgement.holds ? v.example.judgement.message : '';
  return `${v.property} under ${v.profile}: ${v.status} (seed ${v.seed}, path ${v.path ?? '-'}) ${why} ${v.error ?? ''}`;
}

const REGRESSIONS = join(import.meta.dirname, '..', 'regressions');

/** A pinned witness: the shrunk scenario that shows a pitfall, as a replayable file. */
export function pinned(file: string): Scenario {
  return JSON.parse(readFileSync(join(REGRESSIONS, file), 'utf8')) as Scenario;
}

export function judgePinned(property: Property, file: string, stepper: Stepper = createStepper()) {
  const scenario = pinned(file);
  const run = runScenario(scenario, scenario.profile ?? 'keepalived-2.2', stepper);
  return { run, judgement: property.holds(run.trace) };
}

export { fc };
