import { isProfileName, type ProfileName, profileNames } from '../model/profiles.ts';
import { escapeText, quoteText } from './escapeText.ts';
import type { JsonPath } from './jsonLocate.ts';

/** What the harness can do to a router; see README "Scenario file format". */
export const scenarioEventKinds = [
  'start',
  'stop',
  'kill',
  'fail',
  'ok',
  'hang',
  'linkdown',
  'linkup',
  'cut',
  'uncut',
  'isolate',
  'rejoin',
] as const;

export type ScenarioEventKind = (typeof scenarioEventKinds)[number];

/** What a vrrp_script returns from now on: success, failure, or nothing until its timeout kills it. */
export type ScriptOutcome = 'ok' | 'fail' | 'hang';

/** Whether a tracked process runs (has its quorum) from now on. */
export type ProcessOutcome = 'ok' | 'fail';

export interface ScenarioRouter {
  readonly name: string;
  /** IPv4 address of the router on the LAN; defaults to unicast_src_ip, else 10.99.0.N in order. */
  readonly address?: string;
  /** keepalived.conf path, relative to the scenario file. */
  readonly config?: string;
  /** keepalived.conf text, instead of `config`. */
  readonly configText?: string;
  /** Each script's outcome at start, "ok" by default. */
  readonly scripts?: Readonly<Record<string, ScriptOutcome>>;
  /** Each track_file's number at start: its init_file value, else 0, by default. */
  readonly files?: Readonly<Record<string, number>>;
  /** Each vrrp_track_process at start: "ok" (running, its quorum met) by default. */
  readonly processes?: Readonly<Record<string, ProcessOutcome>>;
}

export interface ScenarioEvent {
  /** Seconds. */
  readonly at: number;
  readonly do: ScenarioEventKind;
  readonly router: string;
  /** For fail/ok/hang: the vrrp_script; optional when the router has one tracked object. */
  readonly script?: string;
  /** For fail/ok: a track_file instead (fail writes `value`, 1 by default; ok writes 0). */
  readonly file?: string;
  /** For fail/ok: a vrrp_track_process instead (fail: the process goes; ok: it runs again). */
  readonly process?: string;
  /** For fail on a track_file: the number written to it. */
  readonly value?: number;
  /** For linkdown/linkup/cut/uncut: the interface; defaults to the router's VRRP interface. */
  readonly interface?: string;
}

/**
 * Jitter: each advert reaches each receiver, and each router wakes for its due timers, a seeded
 * random time late. Real routers race on µs (which of two near-equal timers fires before the
 * other's advert is read); with jitter the simulator explores those races, and a seed replays one
 * exactly.
 */
export interface Jitter {
  /** Seconds: every delay is drawn uniformly from 0 .. max, in whole µs. */
  readonly max: number;
  /** 0 .. 2^32 − 1. */
  readonly seed: number;
}

/**
 * The order of µs races, as the exhaustive search found it: whenever several stimuli are due
 * within `window` seconds of the earliest, the next choice (an index in the simulator's order,
 * 0 when the choices run out) says which comes first. A scenario `vrrp-check verify` writes
 * replays its path exactly.
 */
export interface Races {
  /** Seconds. */
  readonly window: number;
  readonly choices: readonly number[];
}

export interface Scenario {
  readonly description?: string;
  readonly profile?: ProfileName;
  readonly routers: readonly ScenarioRouter[];
  /** Applied in time order; events at the same time in file order. */
  readonly events: readonly ScenarioEvent[];
  /** Seconds simulated. */
  readonly until: number;
  /** Absent: adverts arrive the µs they are sent and timers fire on time. */
  readonly jitter?: Jitter;
  /** Absent: simultaneous stimuli go in the simulator's fixed order. */
  readonly races?: Races;
}

export interface ScenarioError {
  readonly path: JsonPath;
  readonly message: string;
  readonly hint: string;
}

export type ScenarioCheck =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly error: ScenarioError };

/** The largest jitter accepted, in seconds: a LAN or host slower than this is broken. */
export const MAX_JITTER_SECONDS = 1;

/**
 * The jitter explored when none is given (check, conform's race search, run --jitter-seed): a
 * bridge between namespaces on one host delivers in tens of µs, and this bound lets near-equal
 * timers race both ways (examples/oracle-1.2/s6c).
 */
export const DEFAULT_JITTER_SECONDS = 0.0002;

/** A jitter seed: a 32-bit unsigned integer. */
export function isJitterSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

/** The longest scenario accepted: a day of virtual time. */
export const MAX_UNTIL_SECONDS = 86_400;

/** The shortest: one tick of the virtual clock. */
const MIN_UNTIL_SECONDS = 0.000001;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ROUTER_NAME = /^[A-Za-z0-9_.-]{1,32}$/;
/** A Linux interface name (IFNAMSIZ − 1 characters), as an event may name one. */
const INTERFACE_NAME = /^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,15}$/;

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

const scriptEvents: readonly ScenarioEventKind[] = ['fail', 'ok', 'hang'];
const trackerEvents: readonly ScenarioEventKind[] = ['fail', 'ok'];
/** A track_file's number: keepalived reads it with strtol into an int (track_file.c process_track_file). */
const FILE_VALUE_MAX = 2 ** 31 - 1;
const interfaceEvents: readonly ScenarioEventKind[] = ['linkdown', 'linkup', 'cut', 'uncut'];

class Invalid extends Error {
  constructor(readonly detail: ScenarioError) {
    super(detail.message);
  }
}

function fail(path: JsonPath, message: string, hint: string): never {
  throw new Invalid({ path, message, hint });
}

/** A JSON value as a message shows it: on one line, escaped, and cut short when long. */
function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return escapeText(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function record(value: unknown, path: JsonPath, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `${what} must be an object`, 'see README "Scenario file format"');
  }
  return value as Record<string, unknown>;
}

function onlyKeys(value: Record<string, unknown>, path: JsonPath, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      fail([...path, key], `unknown field ${quoteText(key)}`, `allowed fields are ${allowed.join(', ')}`);
    }
  }
}

function seconds(value: unknown, path: JsonPath, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(path, `expected a number of seconds ≥ 0, got ${shown(value)}`, 'write seconds as a JSON number');
  }
  if (value > max) fail(path, `${value} s is beyond ${max} s`, `use at most ${max}`);
  return value;
}

function optionalString(value: unknown, path: JsonPath): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') fail(path, 'expected a non-empty string', 'write it as a JSON string');
  return value;
}

function parseRouter(value: unknown, path: JsonPath): ScenarioRouter {
  const raw = record(value, path, 'a router');
  onlyKeys(raw, path, ['name', 'address', 'config', 'configText', 'scripts', 'files', 'processes']);
  const name = optionalString(raw.name, [...path, 'name']);
  if (name === undefined) fail([...path, 'name'], 'a router needs a name', 'add "name": "A"');
  if (!ROUTER_NAME.test(name)) {
    fail(
      [...path, 'name'],
      `router name ${quoteText(name)} is not usable in logs`,
      'use letters, digits, "_", "." or "-" (≤ 32)',
    );
  }
  const address = optionalString(raw.address, [...path, 'address']);
  if (address !== undefined && !isIPv4(address)) {
    fail([...path, 'address'], `${quoteText(address)} is not an IPv4 address`, 'write it like "10.99.0.1"');
  }
  const config = optionalString(raw.config, [...path, 'config']);
  const configText = raw.configText === undefined ? undefined : raw.configText;
  if (configText !== undefined && typeof configText !== 'string') {
    fail([...path, 'configText'], 'configText must be a string', 'put the keepalived.conf text in one JSON string');
  }
  if ((config === undefined) === (configText === undefined)) {
    fail(
      path,
      `router ${name} needs exactly one of "config" or "configText"`,
      'give a keepalived.conf path or its text',
    );
  }
  let scripts: Record<string, ScriptOutcome> | undefined;
  if (raw.scripts !== undefined) {
    const given = record(raw.scripts, [...path, 'scripts'], 'scripts');
    // no prototype: a script may be called "constructor" or "__proto__"
    scripts = Object.create(null) as Record<string, ScriptOutcome>;
    for (const [script, outcome] of Object.entries(given)) {
      if (outcome !== 'ok' && outcome !== 'fail' && outcome !== 'hang') {
        fail(
          [...path, 'scripts', script],
          `script outcome must be "ok", "fail" or "hang", got ${shown(outcome)}`,
          'use "ok", "fail" or "hang"',
        );
      }
      scripts[script] = outcome;
    }
  }
  let files: Record<string, number> | undefined;
  if (raw.files !== undefined) {
    const given = record(raw.files, [...path, 'files'], 'files');
    files = Object.create(null) as Record<string, number>;
    for (const [file, value] of Object.entries(given)) files[file] = fileValue(value, [...path, 'files', file]);
  }
  let processes: Record<string, ProcessOutcome> | undefined;
  if (raw.processes !== undefined) {
    const given = record(raw.processes, [...path, 'processes'], 'processes');
    processes = Object.create(null) as Record<string, ProcessOutcome>;
    for (const [process, outcome] of Object.entries(given)) {
      if (outcome !== 'ok' && outcome !== 'fail') {
        fail(
          [...path, 'processes', process],
          `process outcome must be "ok" or "fail", got ${shown(outcome)}`,
          'use "ok" (running) or "fail" (gone)',
        );
      }
      processes[process] = outcome;
    }
  }
  return {
    name,
    ...(address === undefined ? {} : { address }),
    ...(config === undefined ? {} : { config }),
    ...(typeof configText === 'string' ? { configText } : {}),
    ...(scripts === undefined ? {} : { scripts }),
    ...(files === undefined ? {} : { files }),
    ...(processes === undefined ? {} : { processes }),
  };
}

function fileValue(value: unknown, path: JsonPath): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > FILE_VALUE_MAX) {
    fail(
      path,
      `a track_file number must be an integer, got ${shown(value)}`,
      `use -${FILE_VALUE_MAX} .. ${FILE_VALUE_MAX}`,
    );
  }
  return value;
}

function parseEvent(json: unknown, path: JsonPath, routers: readonly string[], until: number): ScenarioEvent {
  const raw = record(json, path, 'an event');
  onlyKeys(raw, path, ['at', 'do', 'router', 'script', 'file', 'process', 'value', 'interface']);
  const at = seconds(raw.at, [...path, 'at'], until);
  const kind = raw.do;
  if (typeof kind !== 'string' || !(scenarioEventKinds as readonly string[]).includes(kind)) {
    fail([...path, 'do'], `unknown event ${shown(kind)}`, `use one of ${scenarioEventKinds.join(', ')}`);
  }
  const doWhat = kind as ScenarioEventKind;
  const router = optionalString(raw.router, [...path, 'router']);
  if (router === undefined) fail([...path, 'router'], 'an event needs a router', `use one of ${routers.join(', ')}`);
  if (!routers.includes(router)) {
    fail([...path, 'router'], `unknown router ${quoteText(router)}`, `routers are ${routers.join(', ')}`);
  }
  const script = optionalString(raw.script, [...path, 'script']);
  if (script !== undefined && !scriptEvents.includes(doWhat)) {
    fail([...path, 'script'], `"script" does not apply to "${doWhat}"`, 'only fail, ok and hang name a script');
  }
  const file = optionalString(raw.file, [...path, 'file']);
  const process = optionalString(raw.process, [...path, 'process']);
  for (const [key, named] of [
    ['file', file],
    ['process', process],
  ] as const) {
    if (named !== undefined && !trackerEvents.includes(doWhat)) {
      fail([...path, key], `"${key}" does not apply to "${doWhat}"`, `only fail and ok name a ${key}`);
    }
  }
  if ([script, file, process].filter((n) => n !== undefined).length > 1) {
    fail(path, 'an event names one tracked object', 'give one of "script", "file" or "process"');
  }
  const value = raw.value === undefined ? undefined : fileValue(raw.value, [...path, 'value']);
  if (value !== undefined && (file === undefined || doWhat !== 'fail')) {
    fail(
      [...path, 'value'],
      '"value" applies to a fail of a file',
      'write e.g. { "do": "fail", "file": "x", "value": 2 }',
    );
  }
  const iface = optionalString(raw.interface, [...path, 'interface']);
  if (iface !== undefined && !INTERFACE_NAME.test(iface)) {
    fail(
      [...path, 'interface'],
      `${quoteText(iface)} is not an interface name`,
      'use letters, digits, "_", "." or "-" (≤ 15), as Linux does',
    );
  }
  if (iface !== undefined && !interfaceEvents.includes(doWhat)) {
    fail(
      [...path, 'interface'],
      `"interface" does not apply to "${doWhat}"`,
      `only ${interfaceEvents.join(', ')} name an interface`,
    );
  }
  return {
    at,
    do: doWhat,
    router,
    ...(script === undefined ? {} : { script }),
    ...(file === undefined ? {} : { file }),
    ...(process === undefined ? {} : { process }),
    ...(value === undefined ? {} : { value }),
    ...(iface === undefined ? {} : { interface: iface }),
  };
}

function parseJitter(value: unknown): Jitter {
  const raw = record(value, ['jitter'], '"jitter"');
  onlyKeys(raw, ['jitter'], ['max', 'seed']);
  if (raw.max === undefined) fail(['jitter'], '"jitter" needs "max"', 'add "max": SECONDS, e.g. 0.0002');
  const max = seconds(raw.max, ['jitter', 'max'], MAX_JITTER_SECONDS);
  const seed = raw.seed ?? 0;
  if (!isJitterSeed(seed)) {
    fail(['jitter', 'seed'], `seed must be an integer 0 .. 4294967295, got ${shown(seed)}`, 'e.g. "seed": 1');
  }
  return { max, seed };
}

function parseRaces(value: unknown): Races {
  const raw = record(value, ['races'], 'races');
  onlyKeys(raw, ['races'], ['window', 'choices']);
  const window = seconds(raw.window, ['races', 'window'], MAX_JITTER_SECONDS);
  if (!Array.isArray(raw.choices))
    fail(['races', 'choices'], '"choices" must be a list', 'write e.g. "choices": [0, 1]');
  const choices = raw.choices.map((c: unknown, i: number) => {
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > 255) {
      fail(['races', 'choices', i], `a choice is an index 0 .. 255, got ${JSON.stringify(c)}`, 'e.g. 0 or 1');
    }
    return c;
  });
  return { window, choices };
}

/** Checks a parsed JSON value against the scenario format; never throws. */
export function validateScenario(value: unknown): ScenarioCheck {
  try {
    const raw = record(value, [], 'a scenario');
    onlyKeys(raw, [], ['description', 'profile', 'routers', 'events', 'until', 'jitter', 'races']);
    const description = raw.description;
    if (description !== undefined && typeof description !== 'string') {
      fail(['description'], 'description must be a string', 'write it as a JSON string');
    }
    let profile: ProfileName | undefined;
    if (raw.profile !== undefined) {
      if (typeof raw.profile !== 'string' || !isProfileName(raw.profile)) {
        fail(['profile'], `unknown profile ${shown(raw.profile)}`, `use ${profileNames.join(' or ')}`);
      }
      profile = raw.profile;
    }
    if (raw.until === undefined)
      fail(['until'], 'a scenario needs "until"', 'add "until": SECONDS, the time to simulate');
    const until = seconds(raw.until, ['until'], MAX_UNTIL_SECONDS);
    // the virtual clock counts whole µs: a shorter scenario is empty (and a time axis of 1e-20 s
    // made the SVG renderer run out of memory)
    if (until < MIN_UNTIL_SECONDS) {
      fail(
        ['until'],
        `"until" must be at least ${MIN_UNTIL_SECONDS} s (1 µs)`,
        'give the number of seconds to simulate',
      );
    }
    if (!Array.isArray(raw.routers) || raw.routers.length === 0) {
      fail(['routers'], 'a scenario needs a non-empty "routers" list', 'add at least one router');
    }
    const routers = raw.routers.map((r: unknown, i: number) => parseRouter(r, ['routers', i]));
    const names = new Set<string>();
    const addresses = new Set<string>();
    routers.forEach((r, i) => {
      if (names.has(r.name))
        fail(['routers', i, 'name'], `router name "${r.name}" is used twice`, 'give each router its own name');
      names.add(r.name);
      if (r.address !== undefined) {
        if (addresses.has(r.address)) {
          fail(['routers', i, 'address'], `address ${r.address} is used twice`, 'give each router its own address');
        }
        addresses.add(r.address);
      }
    });
    if (raw.events !== undefined && !Array.isArray(raw.events))
      fail(['events'], '"events" must be a list', 'write [ {...}, ... ]');
    const events = ((raw.events as unknown[] | undefined) ?? []).map((e, i) =>
      parseEvent(e, ['events', i], [...names], until),
    );
    return {
      ok: true,
      scenario: {
        ...(typeof description === 'string' ? { description } : {}),
        ...(profile === undefined ? {} : { profile }),
        routers,
        events,
        until,
        ...(raw.jitter === undefined ? {} : { jitter: parseJitter(raw.jitter) }),
        ...(raw.races === undefined ? {} : { races: parseRaces(raw.races) }),
      },
    };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.detail };
    throw e;
  }
}
