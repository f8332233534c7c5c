import type { Profile, ProfileName } from '../../model/profiles.ts';
import type { Stepper } from '../../model/stepper.ts';
import type { Cluster } from '../cluster.ts';
import { parseKeepalivedConf } from '../config/parseKeepalivedConf.ts';
import type { ParseResult } from '../config/types.ts';
import { prepareScenarioValue } from '../loadScenario.ts';
import type { Scenario } from '../scenario.ts';
import { simulate } from '../simulate.ts';
import type { Trace } from '../trace.ts';

/** A scenario simulated: its trace, with the scenario and the routers that made it. */
export interface SimulatedRun {
  readonly trace: Trace;
  readonly scenario: Scenario;
  readonly cluster: Cluster;
}

const confCache = new Map<string, ParseResult>();

/** keepalived.conf parsing is pure: generated clusters reuse a few texts many times. */
export function cachedParse(text: string, file: string): ParseResult {
  const key = `${file}\n${text}`;
  let result = confCache.get(key);
  if (result === undefined) {
    if (confCache.size > 2000) confCache.clear();
    result = parseKeepalivedConf(text, file);
    confCache.set(key, result);
  }
  return result;
}

/** Simulates a (generated or given) scenario. Throws only on an invalid scenario. */
export function simulateScenario(scenario: Scenario, profile: ProfileName | Profile, stepper: Stepper): SimulatedRun {
  const prepared = prepareScenarioValue(scenario, 'generated.json', profile, undefined, '', cachedParse);
  if (!prepared.ok) throw new Error(`generated an invalid scenario: ${prepared.message}`);
  const { cluster } = prepared.value;
  return {
    trace: simulate(cluster, scenario.events, scenario.until, stepper, scenario.jitter, scenario.races),
    scenario,
    cluster,
  };
}
