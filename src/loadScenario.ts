import { dirname, relative, resolve } from 'node:path';
import { type Profile, type ProfileName, profiles } from '../model/profiles.ts';
import { buildCluster, type Cluster } from './cluster.ts';
import { parseKeepalivedConf } from './config/parseKeepalivedConf.ts';
import { formatConfError, formatConfWarning, type KeepalivedConf, type ParseResult } from './config/types.ts';
import { escapeText, quoteText } from './escapeText.ts';
import { defaultLimits, type InputLimits, limitText } from './inputLimits.ts';
import { findJsonSyntaxError, formatJsonPath, type JsonPath, locateJsonPath, offsetToPos } from './jsonLocate.ts';
import { InputTooLarge, readBoundedText } from './readBoundedText.ts';
import { type Scenario, validateScenario } from './scenario.ts';
import { scenarioWork } from './scenarioWork.ts';

/** A scenario ready to simulate under one profile. */
export interface PreparedScenario {
  readonly file: string;
  /** As written: `config` paths are relative to the scenario file. */
  readonly scenario: Scenario;
  /** The same with each router's keepalived.conf inline, its includes too: it reads the same from any folder. */
  readonly selfContained: Scenario;
  /** Each router's keepalived.conf, as read (includes inlined, KeepalivedConf.text) and as parsed. */
  readonly configTexts: readonly string[];
  readonly confs: readonly KeepalivedConf[];
  readonly cluster: Cluster;
  /** Config warnings and notes, one line each. */
  readonly warnings: readonly string[];
}

export type Prepared =
  | { readonly ok: true; readonly value: PreparedScenario }
  | { readonly ok: false; readonly message: string };

export type ReadText = (path: string) => string;

/** A message about the value at `path` of the scenario: `file:line:col: path: message (hint)`. */
function at(file: string, text: string, path: JsonPath, message: string, hint: string): string {
  const pos = locateJsonPath(text, path);
  const where = pos === null ? file : `${file}:${pos.line}:${pos.col}`;
  return `${where}: ${escapeText(formatJsonPath(path))}: ${message} (${hint})`;
}

/** Events the scenario cannot mean: a script a router does not have, a stop of a router that is not running. */
function checkEvents(
  scenario: Scenario,
  confs: readonly KeepalivedConf[],
): { path: JsonPath; message: string; hint: string } | null {
  const running = new Map<string, boolean>();
  const order = scenario.events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.at - b.event.at || a.index - b.index);
  for (const { event, index } of order) {
    const r = scenario.routers.findIndex((router) => router.name === event.router);
    const conf = confs[r];
    if (conf === undefined) continue;
    const scripts = conf.scripts.map((s) => s.name);
    if (event.do === 'fail' || event.do === 'ok') {
      if (scripts.length === 0) {
        return {
          path: ['events', index, 'do'],
          message: `router ${event.router} has no vrrp_script to ${event.do}`,
          hint: 'remove the event or add a vrrp_script',
        };
      }
      if (event.script === undefined && scripts.length > 1) {
        return {
          path: ['events', index],
          message: `router ${event.router} has several scripts`,
          hint: `add "script": one of ${scripts.join(', ')}`,
        };
      }
      if (event.script !== undefined && !scripts.includes(event.script)) {
        return {
          path: ['events', index, 'script'],
          message: `router ${event.router} has no vrrp_script ${quoteText(event.script)}`,
          hint: `scripts are ${scripts.join(', ')}`,
        };
      }
    }
    const isRunning = running.get(event.router) ?? false;
    if (event.do === 'start' && isRunning) {
      return {
        path: ['events', index],
        message: `${event.router} is already running at ${event.at} s`,
        hint: 'stop or kill it first',
      };
    }
    if ((event.do === 'stop' || event.do === 'kill') && !isRunning) {
      return {
        path: ['events', index],
        message: `${event.router} is not running at ${event.at} s`,
        hint: 'start it first, or remove the event',
      };
    }
    if (event.do === 'start') running.set(event.router, true);
    if (event.do === 'stop' || event.do === 'kill') running.set(event.router, false);
  }
  return null;
}

/**
 * What buildCluster would refuse without a place in a file, said with one: a `scripts` outcome
 * for a vrrp_script the router's config does not define (its place in the scenario), and two
 * instances of one router on the same virtual_router_id (the second one's place in its config).
 */
function checkRouters(
  scenario: Scenario,
  confs: readonly KeepalivedConf[],
): { path: JsonPath; message: string; hint: string } | { line: string } | null {
  for (const [index, router] of scenario.routers.entries()) {
    const conf = confs[index];
    if (conf === undefined) continue;
    for (const name of Object.keys(router.scripts ?? {})) {
      if (!conf.scripts.some((script) => script.name === name)) {
        const names = conf.scripts.map((script) => script.name);
        return {
          path: ['routers', index, 'scripts', name],
          message: `no vrrp_script ${quoteText(name)} in ${conf.file}`,
          hint: names.length === 0 ? 'the config has no vrrp_script' : `scripts are ${names.join(', ')}`,
        };
      }
    }
    const seen = new Set<number>();
    for (const instance of conf.instances) {
      const vrid = instance.virtualRouterId;
      if (vrid === undefined) continue;
      if (seen.has(vrid)) {
        const { file, line, col } = instance.pos;
        const message = `router ${router.name}: two instances use virtual_router_id ${vrid}`;
        return { line: `${file}:${line}:${col}: ${message} (give each instance its own VRID)` };
      }
      seen.add(vrid);
    }
  }
  return null;
}

/**
 * Reads and checks a scenario and its keepalived.conf files, and builds the cluster for a
 * profile (the `override`, else the scenario's, else keepalived-2.2). Never throws: a problem
 * comes back as one line naming the file, the place, the rule and the fix. `limits` bound the
 * input (defaults: defaultLimits).
 */
export function prepareScenarioText(
  text: string,
  file: string,
  override: ProfileName | undefined,
  read?: ReadText,
  limits: InputLimits = defaultLimits,
): Prepared {
  const shown = escapeText(file);
  if (Buffer.byteLength(text, 'utf8') > limits.maxInputBytes) {
    return {
      ok: false,
      message: `${shown}: the file is larger than ${limitText('maxInputBytes', limits.maxInputBytes)}`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const error = findJsonSyntaxError(text);
    const pos = offsetToPos(text, error?.offset ?? 0);
    return {
      ok: false,
      message: `${shown}:${pos.line}:${pos.col}: not valid JSON: unexpected ${escapeText(error?.found ?? 'input')} (fix the JSON syntax)`,
    };
  }
  return prepareScenarioValue(json, file, override, read ?? boundedReader(limits), text, parseKeepalivedConf, limits);
}

function boundedReader(limits: InputLimits): ReadText {
  return (path) => readBoundedText(path, limits.maxInputBytes);
}

/**
 * As prepareScenarioText, for a scenario already parsed (or built in memory). `text`, when given,
 * is the JSON it came from, for line numbers in messages. Without `limits`, nothing is bounded
 * but the size of each file read (generated scenarios are bounded by their generators).
 */
export function prepareScenarioValue(
  json: unknown,
  file: string,
  override: ProfileName | Profile | undefined,
  read: ReadText = boundedReader(defaultLimits),
  text = '',
  parse: (text: string, file: string) => ParseResult = parseKeepalivedConf,
  limits?: InputLimits,
): Prepared {
  const shown = escapeText(file);
  const fail = (path: JsonPath, message: string, hint: string): Prepared => ({
    ok: false,
    message: at(shown, text, path, message, hint),
  });
  const checked = validateScenario(json);
  if (!checked.ok) return fail(checked.error.path, checked.error.message, checked.error.hint);
  const scenario = checked.scenario;
  if (limits !== undefined && scenario.routers.length > limits.maxRouters) {
    return fail(
      ['routers', limits.maxRouters],
      `${scenario.routers.length} routers are more than ${limitText('maxRouters', limits.maxRouters)}`,
      'simulate fewer routers, or raise the limit',
    );
  }
  // config paths are relative to the scenario file, never to the current directory
  const base = dirname(resolve(file));
  const warnings: string[] = [];
  const confs: KeepalivedConf[] = [];
  const configTexts: string[] = [];
  for (const [index, router] of scenario.routers.entries()) {
    let confText: string;
    let confFile: string;
    if (router.config !== undefined) {
      const path = resolve(base, router.config);
      const shortPath = relative(process.cwd(), path);
      confFile = escapeText(shortPath === '' || shortPath.startsWith('..') ? path : shortPath);
      try {
        confText = read(path);
      } catch (error) {
        if (error instanceof InputTooLarge) {
          const limit = limitText('maxInputBytes', error.maxBytes);
          return fail(['routers', index, 'config'], `${confFile} is larger than ${limit}`, 'check the path');
        }
        return fail(
          ['routers', index, 'config'],
          `cannot read ${confFile}`,
          'check the path; it is relative to the scenario file',
        );
      }
    } else {
      confText = router.configText ?? '';
      confFile = `${shown}#routers[${index}].configText`;
    }
    const parsed = parse(confText, confFile);
    if (!parsed.ok) return { ok: false, message: formatConfError(parsed.error) };
    for (const warning of parsed.conf.warnings) warnings.push(formatConfWarning(warning));
    confs.push(parsed.conf);
    // the text with its includes inlined: the self-contained scenario reads no other file again
    configTexts.push(parsed.conf.text);
  }
  const problem = checkEvents(scenario, confs);
  if (problem !== null) return fail(problem.path, problem.message, problem.hint);
  const routerProblem = checkRouters(scenario, confs);
  if (routerProblem !== null) {
    if ('line' in routerProblem) return { ok: false, message: routerProblem.line };
    return fail(routerProblem.path, routerProblem.message, routerProblem.hint);
  }
  const profile: Profile =
    typeof override === 'object' ? override : profiles[override ?? scenario.profile ?? 'keepalived-2.2'];
  const built = buildCluster(
    profile,
    scenario.routers.map((router, i) => ({
      name: router.name,
      ...(router.address === undefined ? {} : { address: router.address }),
      conf: confs[i] as KeepalivedConf,
      ...(router.scripts === undefined ? {} : { scripts: router.scripts }),
    })),
  );
  if (!built.ok) {
    const { pos, message, hint } = built.error;
    return pos === undefined
      ? fail(['routers'], message, hint)
      : { ok: false, message: `${pos.file}:${pos.line}:${pos.col}: ${message} (${hint})` };
  }
  if (limits !== undefined) {
    const work = scenarioWork(built.cluster, scenario.until, scenario.events.length);
    if (work > limits.maxWork) {
      return fail(
        ['until'],
        `${scenario.routers.length} routers over ${scenario.until} s are about ${work} units of simulated work, more than ${limitText('maxWork', limits.maxWork)}`,
        'a shorter "until", fewer routers or a longer advert_int',
      );
    }
  }
  warnings.push(...built.notes);
  const selfContained: Scenario = {
    ...scenario,
    routers: scenario.routers.map(({ config: _path, configText: _text, ...router }, i) => ({
      ...router,
      configText: configTexts[i] ?? '',
    })),
  };
  return {
    ok: true,
    value: { file, scenario, selfContained, configTexts, confs, cluster: built.cluster, warnings },
  };
}

/** Reads a scenario file (at most the input limit) and prepares it, with `limits` applied. */
export function prepareScenarioFile(
  path: string,
  override: ProfileName | undefined,
  read?: ReadText,
  limits: InputLimits = defaultLimits,
): Prepared {
  const reader = read ?? boundedReader(limits);
  let text: string;
  try {
    text = reader(path);
  } catch (error) {
    const shown = escapeText(path);
    if (error instanceof InputTooLarge) {
      return {
        ok: false,
        message: `${shown}: the file is larger than ${limitText('maxInputBytes', limits.maxInputBytes)}`,
      };
    }
    return { ok: false, message: `${shown}: cannot read the scenario file (check the path)` };
  }
  return prepareScenarioText(text, path, override, reader, limits);
}
