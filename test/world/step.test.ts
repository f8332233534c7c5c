import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secondsToUs } from '../../model/formulas.ts';
import { createStepper } from '../../model/stepper.ts';
import { scenarioArbitrary, toScenario } from '../../src/arbitraries/scenarioArbitrary.ts';
import type { Cluster } from '../../src/cluster.ts';
import { prepareScenarioValue } from '../../src/loadScenario.ts';
import type { Scenario } from '../../src/scenario.ts';
import { randomState } from '../../src/seededRandom.ts';
import { runWorld, simulate } from '../../src/simulate.ts';
import type { Trace, TraceEntry } from '../../src/trace.ts';
import { traceToJson } from '../../src/traceJson.ts';
import { canonical } from '../../src/world/canonical.ts';
import { initialWorld } from '../../src/world/initialWorld.ts';
import { type Statics, statics } from '../../src/world/statics.ts';
import { step } from '../../src/world/step.ts';
import { traceHeader } from '../../src/world/traceHeader.ts';
import type { World } from '../../src/world/world.ts';
import { SEED } from '../properties/suite.ts';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function prepared(scenario: Scenario): Cluster {
  const result = prepareScenarioValue(scenario, 'g.json', scenario.profile ?? 'keepalived-2.2');
  if (!result.ok) throw new Error(result.message);
  return result.value.cluster;
}

/** The simulator's loop with the pure step, every world frozen: the worlds it went through, and the trace. */
function purely(cluster: Cluster, scenario: Scenario, visit: (model: Statics, world: World) => void = () => {}): Trace {
  const jitterUs = scenario.jitter === undefined ? 0 : secondsToUs(scenario.jitter.max);
  const model = statics(cluster, createStepper(), jitterUs);
  const start = deepFreeze(initialWorld(model, jitterUs > 0 ? randomState(scenario.jitter?.seed ?? 0) : null));
  const entries: TraceEntry[] = [];
  runWorld(model, start, scenario.events, secondsToUs(scenario.until), (world, stimulus) => {
    const [after, recorded] = step(model, world, stimulus);
    // the same world and stimulus give the same result
    expect(step(model, world, stimulus)[1]).toEqual(recorded);
    deepFreeze(after);
    visit(model, after);
    entries.push(...recorded);
    return after;
  });
  return { ...traceHeader(cluster, scenario.until, scenario.jitter), entries };
}

describe('the world step', () => {
  it('is pure: it never writes the world it is given, and gives the in-place loop’s trace byte for byte', () => {
    fc.sample(scenarioArbitrary, { numRuns: 150, seed: SEED }).forEach((gen) => {
      for (const profile of ['keepalived-1.2', 'keepalived-2.2'] as const) {
        const scenario = toScenario(gen, profile);
        const cluster = prepared(scenario);
        const fast = simulate(cluster, scenario.events, scenario.until, createStepper(), scenario.jitter);
        expect(traceToJson(purely(cluster, scenario))).toBe(traceToJson(fast));
      }
    });
  });

  it('records the world facts with the event that set them', () => {
    const conf =
      'vrrp_script chk {\n  script "true"\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  track_script {\n    chk\n  }\n  virtual_ipaddress {\n    10.99.0.100/24\n  }\n}\n';
    const scenario: Scenario = {
      routers: [{ name: 'A', configText: conf }],
      events: [
        { at: 0, do: 'start', router: 'A' },
        { at: 1, do: 'fail', router: 'A' },
        { at: 2, do: 'linkdown', router: 'A' },
        { at: 3, do: 'isolate', router: 'A' },
        { at: 4, do: 'kill', router: 'A' },
      ],
      until: 5,
    };
    const cluster = prepared(scenario);
    const facts = simulate(cluster, scenario.events, scenario.until).entries.filter((e) =>
      ['process', 'link', 'isolated', 'check'].includes(e.kind),
    );
    expect(facts).toEqual([
      { t: 0, router: 'A', kind: 'process', running: true },
      { t: 1, router: 'A', kind: 'check', script: 'chk', ok: false },
      { t: 2, router: 'A', kind: 'link', interface: 'eth0', up: false },
      { t: 3, router: 'A', kind: 'isolated', isolated: true },
      { t: 4, router: 'A', kind: 'process', running: false },
    ]);
  });
});

describe('the canonical world', () => {
  it('does not depend on when: the same run started 7 s later goes through the same canonical worlds', () => {
    fc.sample(scenarioArbitrary, { numRuns: 40, seed: SEED + 3 }).forEach((gen) => {
      const { jitter: _, ...scenario } = toScenario(gen, 'keepalived-2.2');
      const later = {
        ...scenario,
        events: scenario.events.map((e) => ({ ...e, at: e.at + 7 })),
        until: scenario.until + 7,
      };
      const seen = (s: Scenario) => {
        const out: string[] = [];
        purely(prepared(s), s, (model, world) => out.push(canonical(model, world)));
        return out;
      };
      expect(seen(later)).toEqual(seen(scenario));
    });
  });

  it('tells apart worlds that differ in any one thing, and settles into a cycle of few forms', () => {
    // three routers that start and settle (the generator's first run once; its stories now run long,
    // through many episodes, and scripts of other intervals drift against the adverts)
    const conf = (priority: number, extra: string) =>
      `vrrp_script chk {\n  script "/bin/true"\n  interval 1\n  weight -6\n}\nvrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  advert_int 1\n${extra}  virtual_ipaddress {\n    10.99.0.100/24\n  }\n  track_script {\n    chk\n  }\n}\n`;
    const scenario: Scenario = {
      profile: 'keepalived-2.2',
      routers: [
        { name: 'A', address: '10.99.0.1', configText: conf(184, '') },
        { name: 'B', address: '10.99.0.2', configText: conf(237, '') },
        { name: 'C', address: '10.99.0.3', configText: conf(233, '  nopreempt\n') },
      ],
      events: [
        { at: 0.006, do: 'start', router: 'B' },
        { at: 0.265, do: 'start', router: 'A' },
        { at: 8.226, do: 'start', router: 'C' },
      ],
      until: 52,
    };
    const forms: string[] = [];
    let model: Statics | undefined;
    let middle: World | undefined;
    purely(prepared(scenario), scenario, (m, world) => {
      model = m;
      forms.push(canonical(m, world));
      if (forms.length === 40) middle = world;
    });
    // a settled cluster repeats itself: its worlds, timers made relative, come round again
    expect(new Set(forms).size).toBeLessThan(forms.length);
    if (model === undefined || middle === undefined) throw new Error('no world');
    const w = middle;
    const r0 = w.routers[0]!;
    const i0 = r0.instances[0]!;
    const variants: World[] = [
      w,
      { ...w, now: w.now + 1 },
      { ...w, random: 1 },
      { ...w, routers: [{ ...r0, isolated: !r0.isolated }, ...w.routers.slice(1)] },
      { ...w, routers: [{ ...r0, adminDown: ['eth9'] }, ...w.routers.slice(1)] },
      { ...w, routers: [{ ...r0, instances: [{ ...i0, vipHeld: !i0.vipHeld }] }, ...w.routers.slice(1)] },
      {
        ...w,
        inFlight: [...w.inFlight, { at: w.now, router: 0, instance: 0, fromRouter: 1, fromInstance: 0, priority: 7 }],
      },
    ];
    const m = model;
    expect(new Set(variants.map((v) => canonical(m, v))).size).toBe(variants.length);
  });
});
