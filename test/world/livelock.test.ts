import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { vrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';
import { prepareScenarioValue } from '../../src/loadScenario.ts';
import { renderLog } from '../../src/renderLog.ts';
import type { Scenario } from '../../src/scenario.ts';
import { LIVELOCK_STEPS, simulate } from '../../src/simulate.ts';

const conf = (priority: number) =>
  `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  advert_int 1\n  virtual_ipaddress {\n    10.99.0.100/24\n  }\n}\n`;

// A and B become masters while B is cut off; when it rejoins, each master answers the other's
// advert with its own at once
const scenario: Scenario = {
  profile: 'keepalived-2.2',
  routers: [
    { name: 'A', address: '10.99.0.1', configText: conf(100) },
    { name: 'B', address: '10.99.0.2', configText: conf(90) },
  ],
  events: [
    { at: 0, do: 'start', router: 'A' },
    { at: 0, do: 'start', router: 'B' },
    { at: 0, do: 'isolate', router: 'B' },
    { at: 6, do: 'rejoin', router: 'B' },
  ],
  until: 20,
};

describe('a livelock', () => {
  const prepared = prepareScenarioValue(scenario, 'l.json', 'keepalived-2.2');
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster } = prepared.value;

  it('ends the run with a livelock entry where time stopped moving, instead of running forever', () => {
    // every advert looks lower to a master, so two masters answer each other in zero time
    const broken = createStepper(
      vrrpInstanceMachine.provide({
        guards: { 'advert is from a lower router': ({ event }) => event.type === 'ADVERT' },
      }),
    );
    const trace = simulate(cluster, scenario.events, scenario.until, broken);
    const last = trace.entries.at(-1);
    expect(last).toMatchObject({ kind: 'livelock', steps: LIVELOCK_STEPS });
    expect(last?.t).toBeGreaterThan(6);
    expect(last?.t).toBeLessThan(8);
    expect(renderLog(trace)).toMatch(/MODEL {3}LIVELOCK: 10000 steps at this instant/);
  });

  it('never happens on the real model: the masters merge', () => {
    const trace = simulate(cluster, scenario.events, scenario.until, createStepper());
    expect(trace.entries.some((e) => e.kind === 'livelock')).toBe(false);
  });
});
