import { type Steps, valueAt } from '../src/analysis/timelines.ts';
import type { Trace, TraceRouter } from '../src/trace.ts';
import { toUs } from './vrrpTimers.ts';

/** One run of a router's keepalived process, in µs: started, VRRP up (start-up done), ended (Infinity: still running). */
export interface ProcessRun {
  readonly startUs: number;
  readonly upUs: number;
  readonly endUs: number;
}

/** A boolean world fact over time, in µs: its value after every entry at or before t. */
export interface Fact {
  readonly steps: Steps<boolean>;
  readonly initially: boolean;
}

/** What the harness did to one router, as the trace's world facts say, in µs. */
export interface RouterFacts {
  readonly router: TraceRouter;
  readonly runs: readonly ProcessRun[];
  /** Interface name → up (administratively and with carrier). */
  readonly links: ReadonlyMap<string, Fact>;
  /** Script name → what the script returns (ok) from then on. */
  readonly checks: ReadonlyMap<string, Fact>;
  readonly isolated: Fact;
}

export const factAt = (fact: Fact | undefined, tUs: number, missing: boolean): boolean =>
  fact === undefined ? missing : valueAt(fact.steps, tUs, fact.initially);

/** The fact changed at some time in (fromUs, toUs]. */
export function changesWithin(fact: Fact | undefined, fromUs: number, toUs: number): boolean {
  return fact?.steps.times.some((t) => t > fromUs && t <= toUs) === true;
}

class Builder {
  readonly times: number[] = [];
  readonly values: boolean[] = [];
  constructor(readonly initially: boolean) {}
  set(t: number, value: boolean): void {
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === t) this.values[last] = value;
    else {
      this.times.push(t);
      this.values.push(value);
    }
  }
  fact(): Fact {
    return { steps: { times: this.times, values: this.values }, initially: this.initially };
  }
}

function fold(trace: Trace, router: TraceRouter): RouterFacts {
  const startup = toUs(trace.daemon.startup);
  const runs: ProcessRun[] = [];
  const links = new Map<string, Builder>();
  const checks = new Map<string, Builder>(router.scripts.map((s) => [s.name, new Builder(s.initially === 'ok')]));
  const isolated = new Builder(false);
  let started: number | null = null;
  for (const entry of trace.entries) {
    if (entry.router !== router.name) continue;
    const t = toUs(entry.t);
    if (entry.kind === 'process') {
      if (entry.running) started = t;
      else if (started !== null) {
        runs.push({ startUs: started, upUs: started + startup, endUs: t });
        started = null;
      }
    } else if (entry.kind === 'link') {
      let link = links.get(entry.interface);
      if (link === undefined) {
        link = new Builder(true);
        links.set(entry.interface, link);
      }
      link.set(t, entry.up);
    } else if (entry.kind === 'check') checks.get(entry.script)?.set(t, entry.ok);
    else if (entry.kind === 'isolated') isolated.set(t, entry.isolated);
  }
  if (started !== null) runs.push({ startUs: started, upUs: started + startup, endUs: Number.POSITIVE_INFINITY });
  const facts = (m: Map<string, Builder>) => new Map([...m].map(([k, b]) => [k, b.fact()] as const));
  return { router, runs, links: facts(links), checks: facts(checks), isolated: isolated.fact() };
}

const cache = new WeakMap<Trace, ReadonlyMap<string, RouterFacts>>();

/** Every router's world facts, folded once per trace. */
export function routerFacts(trace: Trace): ReadonlyMap<string, RouterFacts> {
  let facts = cache.get(trace);
  if (facts === undefined) {
    facts = new Map(trace.routers.map((r) => [r.name, fold(trace, r)]));
    cache.set(trace, facts);
  }
  return facts;
}

/** The process run of a router that covers t (from its start to its end), if any. */
export function runAt(facts: RouterFacts, tUs: number): ProcessRun | undefined {
  return facts.runs.find((r) => r.startUs <= tUs && tUs < r.endUs);
}
