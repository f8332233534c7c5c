import type { ProfileName } from '../../model/profiles.ts';
import { prepareScenarioText } from '../../src/loadScenario.ts';
import type { Scenario, ScenarioEvent } from '../../src/scenario.ts';
import { simulate } from '../../src/simulate.ts';
import type { Trace, TraceEntry } from '../../src/trace.ts';

export interface RouterOptions {
  readonly state?: 'MASTER' | 'BACKUP';
  readonly priority?: number;
  readonly weight?: number;
  readonly nopreempt?: boolean;
  readonly preemptDelay?: number;
  readonly advertInt?: number;
  readonly rise?: number;
  readonly fall?: number;
  readonly extra?: string;
}

/** A one-instance keepalived.conf, with a track script "chk" when a weight is given. */
export function conf(o: RouterOptions = {}): string {
  const script =
    o.weight === undefined
      ? ''
      : `vrrp_script chk {\n  script "/bin/true"\n  interval 1\n  weight ${o.weight}\n  rise ${o.rise ?? 1}\n  fall ${o.fall ?? 1}\n}\n`;
  return `${script}vrrp_instance VI_1 {
  state ${o.state ?? 'BACKUP'}
  interface eth0
  virtual_router_id 51
  priority ${o.priority ?? 100}
  advert_int ${o.advertInt ?? 1}
${o.nopreempt ? '  nopreempt\n' : ''}${o.preemptDelay === undefined ? '' : `  preempt_delay ${o.preemptDelay}\n`}${o.extra ?? ''}  virtual_ipaddress {
    10.99.0.100/24
  }
${o.weight === undefined ? '' : '  track_script {\n    chk\n  }\n'}}
`;
}

export function scenarioOf(
  routers: Readonly<Record<string, RouterOptions>>,
  events: readonly ScenarioEvent[],
  until: number,
  profile: ProfileName,
): Scenario {
  return {
    profile,
    routers: Object.entries(routers).map(([name, options], i) => ({
      name,
      address: `10.99.0.${i + 1}`,
      configText: conf(options),
    })),
    events,
    until,
  };
}

export function run(scenario: Scenario): Trace {
  const prepared = prepareScenarioText(JSON.stringify(scenario), 'test.json', undefined);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario: s } = prepared.value;
  return simulate(cluster, s.events, s.until, undefined, s.jitter);
}

/** Each router's state changes as [t, state], t rounded to ms. */
export function states(trace: Trace, router: string): [number, string][] {
  return trace.entries.flatMap((e) =>
    e.kind === 'state' && e.router === router ? [[Math.round(e.t * 1000) / 1000, e.state]] : [],
  );
}

export function holders(trace: Trace, at: number): string[] {
  const held = new Map<string, boolean>();
  for (const e of trace.entries) {
    if (e.t > at) break;
    if (e.kind === 'vip') held.set(e.router, e.held);
  }
  return [...held].filter(([, h]) => h).map(([r]) => r);
}

export const kinds = (trace: Trace, kind: TraceEntry['kind']) => trace.entries.filter((e) => e.kind === kind);
