import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { type Profile, type ProfileName, profiles } from '../model/profiles.ts';
import { buildCluster, type Cluster } from './cluster.ts';
import { parseKeepalivedConf } from './config/parseKeepalivedConf.ts';
import { formatConfError, formatConfWarning, type KeepalivedConf, type ParseResult } from './config/types.ts';
import { findJsonSyntaxError, formatJsonPath, type JsonPath, locateJsonPath, offsetToPos } from './jsonLocate.ts';
import { type Scenario, validateScenario } from './scenario.ts';

/** A scenario ready to simulate under one profile. */
export interface PreparedScenario {
  readonly file: string;
  readonly scenario: Scenario;
  readonly cluster: Cluster;
  /** Config warnings and notes, one line each. */
  readonly warnings: readonly string[];
}

export type Prepared =
  | { readonly ok: true; readonly value: PreparedScenario }
  | { readonly ok: false; readonly message: string };

export type ReadText = (path: string) => string;

const readUtf8: ReadText = (path) => readFileSync(path, 'utf8');

function at(file: string, text: string, path: JsonPath, message: string, hint: string): string {
  const pos = locateJsonPath(text, path);
  const where = pos === null ? file : `${file}:${pos.line}:${pos.col}`;
  return `${where}: ${formatJsonPath(path)}: ${message} (${hint})`;
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
          message: `router ${event.router} has no vrrp_script "${event.script}"`,
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
 * Reads and checks a scenario and its keepalived.conf files, and builds the cluster for a
 * profile (the `override`, else the scenario's, else keepalived-2.2). Never throws: a problem
 * comes back as one line naming the file, the place, the rule and the fix.
 */
export function prepareScenarioText(
  text: string,
  file: string,
  override: ProfileName | undefined,
  read: ReadText = readUtf8,
): Prepared {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const error = findJsonSyntaxError(text);
    const pos = offsetToPos(text, error?.offset ?? 0);
    return {
      ok: false,
      message: `${file}:${pos.line}:${pos.col}: not valid JSON: unexpected ${error?.found ?? 'input'} (fix the JSON syntax)`,
    };
  }
  return prepareScenarioValue(json, file, override, read, text);
}

/**
 * As prepareScenarioText, for a scenario already parsed (or built in memory). `text`, when given,
 * is the JSON it came from, for line numbers in messages.
 */
export function prepareScenarioValue(
  json: unknown,
  file: string,
  override: ProfileName | Profile | undefined,
  read: ReadText = readUtf8,
  text = '',
  parse: (text: string, file: string) => ParseResult = parseKeepalivedConf,
): Prepared {
  const checked = validateScenario(json);
  if (!checked.ok)
    return { ok: false, message: at(file, text, checked.error.path, checked.error.message, checked.error.hint) };
  const scenario = checked.scenario;
  const base = dirname(file);
  const warnings: string[] = [];
  const confs: KeepalivedConf[] = [];
  for (const [index, router] of scenario.routers.entries()) {
    let confText: string;
    let confFile: string;
    if (router.config !== undefined) {
      const path = resolve(base, router.config);
      confFile = relative(process.cwd(), path) || path;
      try {
        confText = read(path);
      } catch {
        return {
          ok: false,
          message: at(
            file,
            text,
            ['routers', index, 'config'],
            `cannot read ${confFile}`,
            'check the path; it is relative to the scenario file',
          ),
        };
      }
    } else {
      confText = router.configText ?? '';
      confFile = `${file}#routers[${index}].configText`;
    }
    const parsed = parse(confText, confFile);
    if (!parsed.ok) return { ok: false, message: formatConfError(parsed.error) };
    for (const warning of parsed.conf.warnings) warnings.push(formatConfWarning(warning));
    confs.push(parsed.conf);
  }
  const problem = checkEvents(scenario, confs);
  if (problem !== null) return { ok: false, message: at(file, text, problem.path, problem.message, problem.hint) };
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
    return {
      ok: false,
      message:
        pos === undefined
          ? `${file}: ${message} (${hint})`
          : `${pos.file}:${pos.line}:${pos.col}: ${message} (${hint})`,
    };
  }
  warnings.push(...built.notes);
  return { ok: true, value: { file, scenario, cluster: built.cluster, warnings } };
}

export function prepareScenarioFile(
  path: string,
  override: ProfileName | undefined,
  read: ReadText = readUtf8,
): Prepared {
  let text: string;
  try {
    text = read(path);
  } catch {
    return { ok: false, message: `${path}: cannot read the scenario file (check the path)` };
  }
  return prepareScenarioText(text, path, override, read);
}
