import fc from 'fast-check';
import type { Profile, ProfileName } from '../model/profiles.ts';
import { createStepper, type Stepper } from '../model/stepper.ts';
import type { Expectation, Judgement, Property, Run } from '../properties/property.ts';
import { parseKeepalivedConf } from './config/parseKeepalivedConf.ts';
import type { ParseResult } from './config/types.ts';
import { prepareScenarioValue } from './loadScenario.ts';
import type { Scenario } from './scenario.ts';
import { simulate } from './simulate.ts';
import type { Trace } from './trace.ts';

/** Where the scenarios come from: generated values and the scenario file each stands for. */
export interface ScenarioSource<T> {
  readonly arbitrary: fc.Arbitrary<T>;
  toScenario(value: T, profile: ProfileName): Scenario;
}

export interface CheckOptions<T> {
  readonly property: Property;
  readonly profile: Profile;
  readonly source: ScenarioSource<T>;
  readonly runs: number;
  readonly seed: number;
  /** Replays one case of a previous check (fast-check's replay path). */
  readonly path?: string;
  /** The machine to check; a deliberately broken one in tests. */
  readonly stepper?: Stepper;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Coverage {
  /** How often each state was entered. */
  readonly states: Readonly<Record<string, number>>;
  /** How often each `from→to` state change happened. */
  readonly transitions: Readonly<Record<string, number>>;
  /** How often each scenario event kind was generated. */
  readonly events: Readonly<Record<string, number>>;
}

export type Status =
  /** always/eventually: every applicable run held. */
  | 'holds'
  /** always/eventually: a run broke the claim. */
  | 'fails'
  /** always/eventually: no run met the precondition; nothing was shown. */
  | 'not-applicable'
  /** sometimes: a run showed it. */
  | 'witnessed'
  /** sometimes: no run showed it. */
  | 'not-witnessed'
  /** the checker itself failed (a bug or a bad scenario): never counts as passed. */
  | 'error';

/** A run that decides the verdict: the counterexample, or the witness of a `sometimes` claim. */
export interface Example {
  readonly scenario: Scenario;
  readonly trace: Trace;
  readonly judgement: Judgement;
}

export interface Verdict {
  readonly property: string;
  readonly kind: Property['kind'];
  readonly profile: ProfileName;
  readonly status: Status;
  readonly expected: Expectation;
  /** The status is what the property's expectation says. */
  readonly met: boolean;
  /** Runs generated (shrinking not counted). */
  readonly runs: number;
  /** Of those, runs that met the precondition. */
  readonly applicable: number;
  readonly seed: number;
  readonly path?: string;
  readonly shrinks: number;
  readonly example?: Example;
  readonly caveats: readonly string[];
  readonly coverage: Coverage;
  readonly error?: string;
}

function meets(expected: Expectation, status: Status): boolean {
  if (expected === 'holds') return status === 'holds' || status === 'witnessed';
  return status === 'fails';
}

const confCache = new Map<string, ParseResult>();

/** keepalived.conf parsing is pure: generated clusters reuse a few texts many times. */
function cachedParse(text: string, file: string): ParseResult {
  const key = `${file}\n${text}`;
  let result = confCache.get(key);
  if (result === undefined) {
    if (confCache.size > 2000) confCache.clear();
    result = parseKeepalivedConf(text, file);
    confCache.set(key, result);
  }
  return result;
}

/** Simulates a scenario for a property's judgement. Throws only on an invalid scenario. */
export function runScenario(scenario: Scenario, profile: ProfileName | Profile, stepper: Stepper): Run {
  const prepared = prepareScenarioValue(scenario, 'generated.json', profile, undefined, '', cachedParse);
  if (!prepared.ok) throw new Error(`generated an invalid scenario: ${prepared.message}`);
  const { cluster } = prepared.value;
  return { trace: simulate(cluster, scenario.events, scenario.until, stepper, scenario.jitter), scenario, cluster };
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Checks one property under one profile on generated scenarios and returns the verdict. Never
 * throws: an always/eventually claim is falsified by a counterexample (shrunk by fast-check), a
 * sometimes claim is shown by a witness (shrunk too), and a claim whose precondition no run met
 * is reported as not applicable, not as passed.
 */
export function check<T>(options: CheckOptions<T>): Verdict {
  const { property, profile, source, runs, seed } = options;
  const stepper = options.stepper ?? createStepper();
  const states: Record<string, number> = {};
  const transitions: Record<string, number> = {};
  const events: Record<string, number> = {};
  const caveats = new Set<string>();
  let generated = 0;
  let applicable = 0;
  let decided = false;
  const sometimes = property.kind === 'sometimes';

  let crash: string | undefined;
  const judge = (value: T): boolean => {
    let scenario: Scenario;
    let run: Run;
    let judgement: Judgement;
    try {
      scenario = source.toScenario(value, profile.name);
      run = runScenario(scenario, profile, stepper);
      judgement = property.holds(run);
    } catch (e) {
      // a crash is the checker's failure, never the property's: shrink it, then report it as an error
      crash ??= e instanceof Error ? e.message : String(e);
      decided = true;
      return false;
    }
    if (!decided) {
      generated++;
      options.onProgress?.(generated, runs);
      for (const entry of run.trace.entries) {
        if (entry.kind !== 'state') continue;
        bump(states, entry.state);
        bump(transitions, `${entry.from}→${entry.state}`);
      }
      for (const event of scenario.events) bump(events, event.do);
      // a run that breaks an always/eventually claim is one it applied to
      if (!judgement.holds || judgement.applicable) applicable++;
      for (const caveat of judgement.caveats ?? []) caveats.add(caveat.replace(/[\d.]+ s/g, '… s'));
    }
    // a sometimes claim "fails" the fast-check property exactly when this run is a witness
    const ok = sometimes ? !judgement.holds : judgement.holds;
    if (!ok) decided = true;
    return ok;
  };

  const coverage = (): Coverage => ({ states, transitions, events });
  const details = fc.check(fc.property(source.arbitrary, judge), {
    numRuns: runs,
    seed,
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  if (crash !== undefined) {
    return {
      property: property.name,
      kind: property.kind,
      profile: profile.name,
      status: 'error',
      expected: property.expected[profile.name],
      met: false,
      runs: generated,
      applicable,
      seed,
      ...(details.counterexamplePath === null ? {} : { path: details.counterexamplePath }),
      shrinks: details.numShrinks,
      caveats: [...caveats],
      coverage: coverage(),
      error: crash,
    };
  }
  let status: Status;
  if (sometimes) status = details.failed ? 'witnessed' : 'not-witnessed';
  else if (details.failed) status = 'fails';
  else status = applicable > 0 ? 'holds' : 'not-applicable';

  let example: Example | undefined;
  const value = details.counterexample?.[0];
  if (details.failed && value !== undefined) {
    const scenario = source.toScenario(value, profile.name);
    const run = runScenario(scenario, profile, stepper);
    example = { scenario, trace: run.trace, judgement: property.holds(run) };
  }
  return {
    property: property.name,
    kind: property.kind,
    profile: profile.name,
    status,
    expected: property.expected[profile.name],
    met: meets(property.expected[profile.name], status),
    runs: generated,
    applicable: sometimes ? generated : applicable,
    seed,
    ...(details.counterexamplePath === null ? {} : { path: details.counterexamplePath }),
    shrinks: details.numShrinks,
    ...(example === undefined ? {} : { example }),
    caveats: [...caveats],
    coverage: coverage(),
  };
}
