import type { ProfileName } from '../../model/profiles.ts';
import type { FixedRouter } from '../arbitraries/fixedClusterSource.ts';
import type { ConfError, KeepalivedConf, ParseResult } from '../config/types.ts';
import { type InputLimits, limitText } from '../inputLimits.ts';
import { prepareScenarioValue } from '../loadScenario.ts';
import { scenarioWork } from '../scenarioWork.ts';

/**
 * How long after the last generated event's time the generators' events can come (a start up
 * to 12 s, a fault up to 40 s after it, undone up to 20 s later: src/arbitraries/timelineArbitrary.ts).
 */
const GENERATED_SPAN_SECONDS = 80;

/**
 * Whether `check` can run on these routers, before it generates anything: at most the routers
 * limit, a cluster the simulator accepts (so that a bad config is one line, not a failed
 * property), and a run's simulated work within the limit for the longest run generated.
 * Returns the one-line reason, or null.
 */
export function checkFixedRouters(
  routers: readonly FixedRouter[],
  profile: ProfileName,
  horizon: number,
  limits: InputLimits,
): string | null {
  if (routers.length > limits.maxRouters) {
    return `${routers.length} keepalived.conf files are more than ${limitText('maxRouters', limits.maxRouters)}`;
  }
  const until = horizon + GENERATED_SPAN_SECONDS;
  const scenario = {
    routers: routers.map((r) => ({ name: r.name, address: r.address, configText: r.configText })),
    events: [],
    until,
  };
  // each router's config as check read it, so that messages name the CONF files
  const confs = new Map<string, KeepalivedConf>(routers.map((r, i) => [`check#routers[${i}].configText`, r.conf]));
  const parse = (_text: string, file: string): ParseResult => {
    const conf = confs.get(file);
    return conf === undefined ? { ok: false, error: unknownConf(file) } : { ok: true, conf };
  };
  const prepared = prepareScenarioValue(scenario, 'check', profile, undefined, '', parse);
  if (!prepared.ok) return prepared.message;
  const work = scenarioWork(prepared.value.cluster, until, 0);
  if (work <= limits.maxWork) return null;
  return `${routers.length} routers over a run of up to ${until} s (--horizon ${horizon} after the last event) are about ${work} units of simulated work per run, more than ${limitText('maxWork', limits.maxWork)}`;
}

function unknownConf(file: string): ConfError {
  return { pos: { file, line: 1, col: 1 }, message: 'internal: a config check did not read', hint: 'please report it' };
}
