import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profiles } from '../../model/profiles.ts';
import { prepareScenarioFile } from '../../src/loadScenario.ts';
import { simulate } from '../../src/simulate.ts';
import { traceToJson } from '../../src/traceJson.ts';
import { holders, run, scenarioOf, states } from './scenarioBuilder.ts';

const start = (router: string, at = 0) => ({ at, do: 'start' as const, router });

describe('simulate', () => {
  it('gives a byte-identical trace for the same scenario', () => {
    const scenario = scenarioOf(
      { A: { priority: 101, weight: -10 }, B: { priority: 100, weight: -10 }, C: { priority: 100 } },
      [
        start('A'),
        start('B', 0.3),
        start('C', 0.3),
        { at: 7, do: 'fail', router: 'A' },
        { at: 12, do: 'kill', router: 'B' },
      ],
      30,
      'keepalived-2.2',
    );
    expect(traceToJson(run(scenario))).toBe(traceToJson(run(scenario)));
  });

  it("starts a daemon's VRRP the profile's start-up time after the start event", () => {
    const twoTwo = run(scenarioOf({ A: {} }, [start('A', 1)], 2, 'keepalived-2.2'));
    const oneTwo = run(scenarioOf({ A: {} }, [start('A', 1)], 2, 'keepalived-1.2'));
    expect(states(twoTwo, 'A')[0]).toEqual([1.01, 'BACKUP']);
    expect(states(oneTwo, 'A')[0]).toEqual([1.004, 'BACKUP']);
  });

  it('a lone backup becomes master after the master-down interval (2.2: one step, 1.2: two)', () => {
    expect(states(run(scenarioOf({ A: {} }, [start('A')], 6, 'keepalived-2.2')), 'A')).toEqual([
      [0.01, 'BACKUP'],
      [3.619, 'MASTER'],
    ]);
    expect(states(run(scenarioOf({ A: {} }, [start('A')], 6, 'keepalived-1.2')), 'A')).toEqual([
      [0.004, 'BACKUP'],
      [3.614, 'TRANSITION'],
      [4.615, 'MASTER'],
    ]);
  });

  it('stop sends priority 0 and the highest backup takes over after its skew time', () => {
    const trace = run(
      scenarioOf(
        { A: { priority: 110 }, B: { priority: 100 } },
        [start('A'), start('B', 1), { at: 10, do: 'stop', router: 'A' }],
        12,
        'keepalived-2.2',
      ),
    );
    const zero = trace.entries.find((e) => e.kind === 'advert' && e.priority === 0);
    expect(zero?.t).toBe(10);
    expect(states(trace, 'B').at(-1)).toEqual([10.609, 'MASTER']);
    expect(holders(trace, 11)).toEqual(['B']);
  });

  it('kill is silent: the VIP stays on the dead router and the backup takes over after the full master-down', () => {
    const trace = run(
      scenarioOf(
        { A: { priority: 110 }, B: { priority: 100 } },
        [start('A'), start('B', 1), { at: 10, do: 'kill', router: 'A' }],
        16,
        'keepalived-2.2',
      ),
    );
    expect(trace.entries.some((e) => e.kind === 'advert' && e.priority === 0)).toBe(false);
    const takeover = states(trace, 'B').at(-1);
    expect(takeover?.[1]).toBe('MASTER');
    expect(takeover?.[0]).toBeGreaterThan(12.6);
    expect(holders(trace, 15).sort()).toEqual(['A', 'B']);
  });

  it('a restarted 2.2.7 removes the VIP its killed predecessor left; 1.2.13 does not', () => {
    const events = [start('A'), start('B', 1), { at: 10, do: 'kill' as const, router: 'A' }, start('A', 20)];
    // A is master when killed, and comes back as a nopreempt backup
    const routers = { A: { priority: 110, nopreempt: true }, B: { priority: 100 } };
    expect(holders(run(scenarioOf(routers, events, 30, 'keepalived-2.2')), 29)).toEqual(['B']);
    expect(holders(run(scenarioOf(routers, events, 30, 'keepalived-1.2')), 29).sort()).toEqual(['A', 'B']);
  });

  it("fail is seen at the script's next run, not at once", () => {
    const trace = run(
      scenarioOf({ A: { weight: -10 } }, [start('A'), { at: 5.5, do: 'fail', router: 'A' }], 8, 'keepalived-2.2'),
    );
    const change = trace.entries.find((e) => e.kind === 'priority');
    // runs at start-up (0.01 s) and every interval, each re-armed timerLagUs late: the 6th sees it
    const lag = profiles['keepalived-2.2'].timing.timerLagUs / 1e6;
    expect(change).toMatchObject({ from: 100, to: 90 });
    expect(change?.t).toBeCloseTo(0.01 + 6 * (1 + lag), 6);
  });

  it("1.2.13's timers all fire wakeLagUs late: a master's adverts drift, and a packet-armed timer lags too", () => {
    const lag = profiles['keepalived-1.2'].timing.wakeLagUs / 1e6;
    expect(lag).toBeGreaterThan(0);
    const trace = run(
      scenarioOf(
        { A: { priority: 110 }, B: {} },
        [start('A'), start('B', 0.5), { at: 15, do: 'kill', router: 'A' }],
        22,
        'keepalived-1.2',
      ),
    );
    const sent = (router: string) =>
      trace.entries.flatMap((e) => (e.kind === 'advert' && e.router === router ? [e.t] : []));
    const a = sent('A');
    // A's adverts: period advert_int + lag, from its Entering MASTER on
    for (let k = 1; k < a.length; k++) expect((a[k] ?? 0) - (a[k - 1] ?? 0)).toBeCloseTo(1 + lag, 6);
    expect(a.length).toBeGreaterThan(10);
    // B's master-down timer, re-armed by A's last advert, fires master-down (3 + 156/256 s) + lag later
    const transition = trace.entries.find((e) => e.kind === 'state' && e.router === 'B' && e.state === 'TRANSITION');
    expect((transition?.t ?? 0) - (a.at(-1) ?? 0)).toBeCloseTo(3 + 156 / 256 + lag, 6);
  });

  it('linkdown puts a 2.2.7 master in FAULT at once; 1.2.13 notices at its next advert timer', () => {
    const events = [start('A'), { at: 8.5, do: 'linkdown' as const, router: 'A' }];
    expect(states(run(scenarioOf({ A: {} }, events, 10, 'keepalived-2.2')), 'A').at(-1)).toEqual([8.5, 'FAULT']);
    expect(states(run(scenarioOf({ A: {} }, events, 10, 'keepalived-1.2')), 'A').at(-1)).toEqual([8.618, 'FAULT']);
  });

  it('isolate is silent: the isolated master keeps MASTER and the other side elects its own', () => {
    const trace = run(
      scenarioOf(
        { A: { priority: 110 }, B: { priority: 100 } },
        [start('A'), start('B', 1), { at: 8, do: 'isolate', router: 'A' }],
        14,
        'keepalived-2.2',
      ),
    );
    expect(states(trace, 'A').at(-1)?.[1]).toBe('MASTER');
    expect(states(trace, 'B').at(-1)?.[1]).toBe('MASTER');
    expect(
      trace.entries
        .filter((e) => e.kind === 'advert' && e.router === 'A' && e.t > 8)
        .every((e) => e.kind === 'advert' && !e.wire),
    ).toBe(true);
  });

  it('rejoin ends the split: the higher priority stays master', () => {
    const trace = run(
      scenarioOf(
        { A: { priority: 110 }, B: { priority: 100 } },
        [start('A'), start('B', 1), { at: 8, do: 'isolate', router: 'A' }, { at: 14, do: 'rejoin', router: 'A' }],
        18,
        'keepalived-2.2',
      ),
    );
    expect(states(trace, 'A').at(-1)?.[1]).toBe('MASTER');
    expect(states(trace, 'B').at(-1)?.[1]).toBe('BACKUP');
  });

  it('cut drops the carrier: the router faults like linkdown, and uncut brings it back to BACKUP', () => {
    const trace = run(
      scenarioOf(
        { A: {} },
        [start('A'), { at: 5, do: 'cut', router: 'A' }, { at: 6, do: 'uncut', router: 'A' }],
        7,
        'keepalived-2.2',
      ),
    );
    expect(states(trace, 'A').slice(-2)).toEqual([
      [5, 'FAULT'],
      [6, 'BACKUP'],
    ]);
  });

  it('breaks ties as documented: two equal deadlines both fire before either advert is delivered', () => {
    // A stops; B and C (equal priority) get the same skew deadline, both go master, C keeps it (higher address)
    const trace = run(
      scenarioOf(
        { A: { priority: 110 }, B: { priority: 100 }, C: { priority: 100 } },
        [start('A'), start('B', 1), start('C', 1), { at: 10, do: 'stop', router: 'A' }],
        13,
        'keepalived-2.2',
      ),
    );
    expect(states(trace, 'B').slice(-2)).toEqual([
      [10.609, 'MASTER'],
      [10.609, 'BACKUP'],
    ]);
    expect(states(trace, 'C').at(-1)).toEqual([10.609, 'MASTER']);
  });

  it('applies events at the same time in file order', () => {
    const trace = run(
      scenarioOf(
        { A: { weight: -10 } },
        [start('A'), { at: 3, do: 'fail', router: 'A' }, { at: 3, do: 'ok', router: 'A' }],
        5,
        'keepalived-2.2',
      ),
    );
    expect(trace.entries.some((e) => e.kind === 'priority')).toBe(false);
  });
});

describe('simulate: jitter', () => {
  const seeds = Array.from({ length: 30 }, (_, seed) => seed);
  const killed = scenarioOf(
    { A: { priority: 110 }, B: { priority: 100 } },
    [start('A'), start('B', 1), { at: 10, do: 'kill', router: 'A' }],
    16,
    'keepalived-2.2',
  );
  const takeover = (trace: ReturnType<typeof run>) => states(trace, 'B').at(-1)?.[0] ?? Number.NaN;

  it("an advert's arrival and a router's wake-up each come 0 to max late: B's takeover after A's last advert moves by up to twice max", () => {
    const lastAdvert = (trace: ReturnType<typeof run>) =>
      trace.entries.filter((e) => e.kind === 'advert' && e.router === 'A' && e.t <= 10).at(-1)?.t ?? Number.NaN;
    const exact = run(killed);
    const masterDown = takeover(exact) - lastAdvert(exact);
    expect(masterDown).toBeGreaterThan(3.6);
    const extra = seeds.map((seed) => {
      const trace = run({ ...killed, jitter: { max: 0.3, seed } });
      return takeover(trace) - lastAdvert(trace) - masterDown;
    });
    for (const x of extra) {
      expect(x).toBeGreaterThanOrEqual(-1e-9);
      expect(x).toBeLessThanOrEqual(0.6 + 1e-6);
    }
    expect(new Set(extra.map((x) => x.toFixed(6))).size).toBeGreaterThan(10);
    // some delays exceed one max: both the delivery and the wake-up were late
    expect(extra.some((x) => x > 0.3)).toBe(true);
  });

  it('replays exactly: the same seed gives a byte-identical trace, and max 0 is no jitter', () => {
    const jittered = { ...killed, jitter: { max: 0.3, seed: 7 } };
    expect(traceToJson(run(jittered))).toBe(traceToJson(run(jittered)));
    expect(traceToJson(run({ ...killed, jitter: { max: 0, seed: 7 } }))).toBe(traceToJson(run(killed)));
    expect(traceToJson(run({ ...killed, jitter: { max: 0.3, seed: 8 } }))).not.toBe(traceToJson(run(jittered)));
  });

  it('decides a race the fixed tie-break settles one way: equal backups after a stop, both ways', () => {
    const stopped = scenarioOf(
      { A: { priority: 110 }, B: { priority: 100 }, C: { priority: 100 } },
      [start('A'), start('B', 1), start('C', 1), { at: 10, do: 'stop', router: 'A' }],
      13,
      'keepalived-2.2',
    );
    const winners = new Set(
      seeds.map((seed) => holders(run({ ...stopped, jitter: { max: 0.0002, seed } }), 12).join()),
    );
    expect([...winners].sort()).toEqual(['B', 'C']);
    expect(holders(run(stopped), 12)).toEqual(['C']);
  });
});

describe('simulate: jitter at a preempt_delay tie', () => {
  // B advertises every second; A's preempt clock starts at B's first advert and ends exactly at B's
  // next one, which is inside the delay when the clock's start lag exceeds B's drift (0.2 ms)
  const file = join(import.meta.dirname, '..', '..', 'examples', 'conform-preempt-delay-tie', 'scenario.json');
  const prepared = prepareScenarioFile(file, undefined);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario } = prepared.value;
  const takeover = (jitter?: { max: number; seed: number }) => {
    const trace = simulate(cluster, scenario.events, scenario.until, undefined, jitter);
    const t = trace.entries.find((e) => e.kind === 'state' && e.router === 'A' && e.state === 'MASTER')?.t;
    // inside the delay: A discards from the advert after the tie and takes over one interval later
    return t === undefined ? 'never' : t > 10.5 ? 'inside' : 'outside';
  };

  it('without jitter the clock starts the measured 0.7 ms late: the advert on the tie is inside the delay', () => {
    expect(takeover()).toBe('inside');
  });

  it('under jitter the start lag is drawn (0 to 1.4 ms): both outcomes, the measured majority more often', () => {
    const outcomes = Array.from({ length: 200 }, (_, seed) => takeover({ max: 0.0002, seed }));
    const inside = outcomes.filter((o) => o === 'inside').length;
    const outside = outcomes.filter((o) => o === 'outside').length;
    expect(inside + outside).toBe(200);
    expect(outside).toBeGreaterThan(0);
    expect(inside).toBeGreaterThan(outside);
  });
});

describe('simulate: signals during start-up', () => {
  it("a SIGTERM during the daemon's start-up kills it before it does anything, as keepalived's default action does", () => {
    const trace = run(
      scenarioOf(
        { A: {}, B: {} },
        [start('A'), start('B', 1), { at: 1.005, do: 'stop', router: 'B' }, start('B', 2)],
        3,
        'keepalived-2.2',
      ),
    );
    expect(states(trace, 'B')).toEqual([[2.01, 'BACKUP']]);
    expect(trace.entries.filter((e) => e.router === 'B' && e.kind === 'log' && e.msg === 'stopping')).toEqual([]);
  });

  it('a SIGKILL during start-up kills it before it does anything', () => {
    const trace = run(
      scenarioOf(
        { A: {}, B: {} },
        [start('A'), start('B', 1), { at: 1.005, do: 'kill', router: 'B' }],
        3,
        'keepalived-2.2',
      ),
    );
    expect(states(trace, 'B')).toEqual([]);
  });
});
