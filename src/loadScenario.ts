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

/**
 * A fail or ok of a track_file or vrrp_track_process: null when the event names neither, else
 * undefined when the router has it, else the problem.
 */
function namedTracker(
  event: Scenario['events'][number],
  conf: KeepalivedConf,
  index: number,
): { path: JsonPath; message: string; hint: string } | undefined | null {
  const kinds = [
    ['file', event.file, conf.trackFiles, 'track_file'],
    ['process', event.process, conf.trackProcesses, 'vrrp_track_process'],
  ] as const;
  for (const [key, name, list, keyword] of kinds) {
    if (name === undefined) continue;
    if (list.some((item) => item.name === name)) return undefined;
    return {
      path: ['events', index, key],
      message: `router ${event.router} has no ${keyword} "${name}"`,
      hint:
        list.length === 0 ? `its config has no ${keyword}` : `${keyword}s are ${list.map((i) => i.name).join(', ')}`,
    };
  }
  return null;
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
    const named = namedTracker(event, conf, index);
    if (named !== null) {
      if (named !== undefined) return named;
    } else if (event.do === 'fail' || event.do === 'ok' || event.do === 'hang') {
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
 * What buildCluster would refuse without a place in a file, said with one: a `scripts`, `files`
 * or `processes` outcome for an object the router's config does not define (its place in the
 * scenario). Two instances on one VRID are the reader's to refuse, on one interface only
 * (keepalived's check_vrid_conflicts): on two interfaces they are two LANs.
 */
function checkRouters(
  scenario: Scenario,
  confs: readonly KeepalivedConf[],
): { path: JsonPath; message: string; hint: string } | { line: string } | null {
  for (const [index, router] of scenario.routers.entries()) {
    const conf = confs[index];
    if (conf === undefined) continue;
    const kinds = [
      ['scripts', router.scripts, conf.scripts, 'vrrp_script'],
      ['files', router.files, conf.trackFiles, 'track_file'],
      ['processes', router.processes, conf.trackProcesses, 'vrrp_track_process'],
    ] as const;
    for (const [field, given, defined, keyword] of kinds) {
      for (const name of Object.keys(given ?? {})) {
        if (defined.some((item) => item.name === name)) continue;
        const names = defined.map((item) => item.name);
        return {
          path: ['routers', index, field, name],
          message: `no ${keyword} ${quoteText(name)} in ${conf.file}`,
          hint: names.length === 0 ? `the config has no ${keyword}` : `${keyword}s are ${names.join(', ')}`,
        };
      }
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
      ...(router.files === undefined ? {} : { files: router.files }),
      ...(router.processes === undefined ? {} : { processes: router.processes }),
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
