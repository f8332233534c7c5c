import type { Trace, TraceScript } from '../src/trace.ts';
import { changesWithin, type Fact, factAt, type RouterFacts, routerFacts } from './routerFacts.ts';
import { toUs } from './vrrpTimers.ts';

/** What keepalived makes of a vrrp_script: no result yet, good, or bad. */
export type ScriptState = 'init' | 'up' | 'down';

/** A script's rise/fall counter: its state and how many results in a row went the other way. */
interface Counter {
  readonly state: ScriptState;
  readonly streak: number;
}

/**
 * One run of the script (keepalived vrrp_script_child_thread): the first result decides the
 * state; then `fall` failures in a row take a good script bad and `rise` successes in a row a
 * bad one good (keepalived.conf(5) "rise", "fall").
 */
function ran(c: Counter, ok: boolean, script: TraceScript): Counter {
  if (c.state === 'init') return { state: ok ? 'up' : 'down', streak: 0 };
  const against = c.state === 'up' ? !ok : ok;
  if (!against) return { state: c.state, streak: 0 };
  const needed = c.state === 'up' ? script.fall : script.rise;
  return c.streak + 1 >= needed
    ? { state: c.state === 'up' ? 'down' : 'up', streak: 0 }
    : { ...c, streak: c.streak + 1 };
}

const key = (c: Counter) => `${c.state}${c.streak}`;

function dedupe(counters: readonly Counter[]): Counter[] {
  const seen = new Map<string, Counter>();
  for (const c of counters) seen.set(key(c), c);
  return [...seen.values()];
}

/** One run of a script: when it may have happened (µs), and the counters it may have left. */
export interface ScriptRun {
  readonly earliestUs: number;
  readonly latestUs: number;
  readonly before: readonly Counter[];
  readonly after: readonly Counter[];
}

/** A script of one router through a trace: its runs, with what was certain and what was not. */
export interface ScriptTimeline {
  readonly script: TraceScript;
  readonly runs: readonly ScriptRun[];
  /** The states the script may be in at t: empty while its router's daemon is not up. */
  statesAt(tUs: number): ReadonlySet<ScriptState>;
}

/** The values a fact may have at an instant somewhere in [from, to]. */
function valuesWithin(fact: Fact | undefined, fromUs: number, toUs: number): boolean[] {
  const first = factAt(fact, fromUs, true);
  return changesWithin(fact, fromUs, toUs) ? [first, !first] : [first];
}

/**
 * The runs of a script, emulated from the configuration and the world facts: the daemon runs
 * each script when its VRRP comes up, then every `interval` plus the period lag (its event loop
 * re-arms the timer from when it woke) plus the wake lag, each run up to the jitter bound late
 * and counting from when it really ran; its result is what the harness made the script return.
 */
function emulate(trace: Trace, facts: RouterFacts, script: TraceScript): ScriptRun[] {
  const period = toUs(script.interval) + toUs(trace.daemon.periodLag) + toUs(trace.daemon.wakeLag);
  const jitter = toUs(trace.jitter?.max ?? 0);
  const until = toUs(trace.until);
  const check = facts.checks.get(script.name);
  const runs: ScriptRun[] = [];
  for (const process of facts.runs) {
    let counters: Counter[] = [{ state: script.initFail ? 'down' : 'init', streak: 0 }];
    const end = Math.min(process.endUs, until + 1);
    for (let k = 0; process.upUs + k * period < end; k++) {
      const earliestUs = process.upUs + k * period;
      const latestUs = earliestUs + (k + 1) * jitter;
      const outcomes = valuesWithin(check, earliestUs, latestUs);
      const after = dedupe(counters.flatMap((c) => outcomes.map((ok) => ran(c, ok, script))));
      runs.push({ earliestUs, latestUs, before: counters, after });
      counters = after;
    }
  }
  return runs;
}

/** Every state a script may be in: what the claims say once it has hung. */
const ANY: ReadonlySet<ScriptState> = new Set<ScriptState>(['init', 'up', 'down']);

/**
 * When the script first hung (the harness made a run outlast its `timeout`), in µs: from then on
 * its runs end when keepalived kills them, off the interval's beat, and these claims do not follow
 * its state (any of the three). Infinity when it never hangs.
 */
function firstHangUs(trace: Trace, router: string, script: TraceScript): number {
  if (script.initially === 'hang') return 0;
  const hang = trace.entries.find(
    (e) => e.kind === 'check' && e.router === router && e.script === script.name && e.hang,
  );
  return hang === undefined ? Number.POSITIVE_INFINITY : toUs(hang.t);
}

function timeline(trace: Trace, facts: RouterFacts, script: TraceScript): ScriptTimeline {
  const runs = emulate(trace, facts, script);
  const initial: ScriptState = script.initFail ? 'down' : 'init';
  const hungFrom = firstHangUs(trace, facts.router.name, script);
  return {
    script,
    runs,
    statesAt(tUs) {
      const process = facts.runs.find((p) => p.upUs <= tUs && tUs < p.endUs);
      if (process === undefined) return new Set();
      if (tUs >= hungFrom) return ANY;
      // the last run that may have happened by t; one that may come at t, or later, may not have
      let lo = 0;
      let hi = runs.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((runs[mid] as ScriptRun).earliestUs <= tUs) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const run = runs[found];
      if (run === undefined || run.earliestUs < process.upUs) return new Set([initial]);
      const counters = tUs <= run.latestUs ? [...run.before, ...run.after] : run.after;
      return new Set(counters.map((c) => c.state));
    },
  };
}

const cache = new WeakMap<Trace, Map<string, ScriptTimeline>>();

/** The emulated timeline of a router's script, once per trace. */
export function scriptTimeline(trace: Trace, router: string, script: string): ScriptTimeline | undefined {
  let byKey = cache.get(trace);
  if (byKey === undefined) {
    byKey = new Map();
    cache.set(trace, byKey);
  }
  const k = `${router}\n${script}`;
  const cached = byKey.get(k);
  if (cached !== undefined) return cached;
  const facts = routerFacts(trace).get(router);
  const spec = facts?.router.scripts.find((s) => s.name === script);
  if (facts === undefined || spec === undefined) return undefined;
  const made = timeline(trace, facts, spec);
  byKey.set(k, made);
  return made;
}
