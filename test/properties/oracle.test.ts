import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { expectedPriority } from '../../properties/expectedPriority.ts';
import { scriptTimeline } from '../../properties/scriptStatus.ts';
import { runScenario } from '../../src/check.ts';
import type { Scenario } from '../../src/scenario.ts';

const conf = (extra: string) =>
  `vrrp_script chk {\n  script "/bin/true"\n  interval 2\n  fall 3\n  rise 2\n  weight -20\n}\nvrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 110\n  advert_int 1\n${extra}  virtual_ipaddress {\n    10.99.0.100/24\n  }\n  track_script {\n    chk\n  }\n}\n`;

/** A alone: started at 0 (VRRP up at the start-up time), its check failing from 10 s to 30 s. */
function run(profile: 'keepalived-1.2' | 'keepalived-2.2', jitter?: Scenario['jitter']) {
  const scenario: Scenario = {
    routers: [{ name: 'A', address: '10.99.0.1', configText: conf('') }],
    events: [
      { at: 0, do: 'start', router: 'A' },
      { at: 10, do: 'fail', router: 'A' },
      { at: 30, do: 'ok', router: 'A' },
    ],
    until: 45,
    ...(jitter === undefined ? {} : { jitter }),
  };
  return runScenario(scenario, profile, createStepper()).trace;
}

describe("the claims' own emulation of keepalived's trackers", () => {
  it('a script turns bad at its fall-th failed run, good at its rise-th good run, one run every interval (+ the period lag)', () => {
    const trace = run('keepalived-2.2');
    const chk = scriptTimeline(trace, 'A', 'chk');
    if (chk === undefined) throw new Error('no script');
    // 2.2.7: up at 0.010 s, then every 2 s + 200 µs: runs 5, 6, 7 after 10 s fail (10.011, 12.011, 14.012)
    const runs = chk.runs.map((r) => r.earliestUs);
    expect(runs.slice(0, 3)).toEqual([10_000, 2_010_200, 4_010_400]);
    const third = runs.filter((t) => t > 10_000_000)[2] as number;
    expect([...chk.statesAt(third - 1)]).toEqual(['up']);
    expect([...chk.statesAt(third + 1)]).toEqual(['down']);
    const second = runs.filter((t) => t > 30_000_000)[1] as number;
    expect([...chk.statesAt(second - 1)]).toEqual(['down']);
    expect([...chk.statesAt(second + 1)]).toEqual(['up']);
    // at the very µs of a run, either side can be seen (the run and an advert race within the instant)
    expect(chk.statesAt(third).size).toBe(2);
  });

  it('under jitter each run may be late by the bound, more each run: the state is uncertain only near a run', () => {
    const trace = run('keepalived-2.2', { max: 0.0002, seed: 3 });
    const chk = scriptTimeline(trace, 'A', 'chk');
    // the run that takes the script bad: the third after the check fails, the seventh
    const turning = chk?.runs[7];
    if (chk === undefined || turning === undefined) throw new Error('no runs');
    expect(turning.latestUs - turning.earliestUs).toBe(8 * 200);
    expect([...chk.statesAt(turning.earliestUs - 1)]).toEqual(['up']);
    expect(chk.statesAt(turning.earliestUs + 1000).size).toBe(2);
    expect([...chk.statesAt(turning.latestUs + 1)]).toEqual(['down']);
  });

  it('1.2.13: the priority is the base one until the first tick, one advert_int after start-up; then the trackers count', () => {
    const trace = run('keepalived-1.2');
    const config = trace.routers[0]?.instances[0];
    if (config === undefined) throw new Error('no instance');
    // VRRP up at 4 ms; first tick at 1.004 s + 700 µs wake lag
    expect(expectedPriority(trace, 'A', config, 1_004_000)).toBe(110);
    expect(expectedPriority(trace, 'A', config, 1_005_000)).toBe(110);
    // bad from the third failed run after 10 s; counted from the tick after it
    expect(expectedPriority(trace, 'A', config, 17_000_000)).toBe(90);
    expect(expectedPriority(trace, 'A', config, 40_000_000)).toBe(110);
  });

  it('2.2.7: the trackers count from the run that changed them, clamped to 1..254', () => {
    const trace = run('keepalived-2.2');
    const config = trace.routers[0]?.instances[0];
    if (config === undefined) throw new Error('no instance');
    expect(expectedPriority(trace, 'A', config, 9_000_000)).toBe(110);
    expect(expectedPriority(trace, 'A', config, 17_000_000)).toBe(90);
    expect(expectedPriority(trace, 'A', config, 44_000_000)).toBe(110);
    // and the model agrees with every advert it sent
    const adverts = trace.entries.filter((e) => e.kind === 'advert' && e.priority > 0);
    for (const x of adverts) {
      if (x.kind !== 'advert') continue;
      const expected = expectedPriority(trace, 'A', config, Math.round(x.t * 1e6));
      if (expected !== undefined) expect(x.priority, `advert at ${x.t}`).toBe(expected);
    }
  });
});
