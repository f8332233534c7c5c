/**
 * npm run bench: how many scenarios the simulator runs per second.
 *
 * For clusters of 2, 3 and 5 routers, 60 s of simulated time each (two tracked scripts per
 * router, a script failure and recovery, a master stop and restart), it prints scenarios per
 * second and simulated seconds per wall second on one core, and the ratio against driving the
 * same machine through xstate's createActor with a SimulatedClock, measured in the same run,
 * and the cost of a 200 µs jitter (a seeded delay per delivery and wake-up) against none.
 */
import { performance } from 'node:perf_hooks';
import { profiles } from '../model/profiles.ts';
import { createStepper, type Stepper } from '../model/stepper.ts';
import { writeKeepalivedConf } from '../src/config/writeKeepalivedConf.ts';
import { prepareScenarioValue } from '../src/loadScenario.ts';
import type { Scenario, ScenarioEvent } from '../src/scenario.ts';
import { simulate } from '../src/simulate.ts';
import { traceToJson } from '../src/traceJson.ts';
import { createActorStepper } from './actorStepper.ts';

const UNTIL = 60;

function scenario(routers: number): Scenario {
  const names = ['A', 'B', 'C', 'D', 'E'].slice(0, routers);
  const events: ScenarioEvent[] = names.map((router, i) => ({ at: i * 0.3, do: 'start', router }));
  events.push(
    { at: 15, do: 'fail', router: 'A', script: 'chk' },
    { at: 30, do: 'ok', router: 'A', script: 'chk' },
    { at: 40, do: 'stop', router: 'A' },
    { at: 45, do: 'start', router: 'A' },
  );
  return {
    routers: names.map((name, i) => ({
      name,
      address: `10.99.0.${i + 1}`,
      configText: writeKeepalivedConf({
        routerId: name,
        state: i === 0 ? 'MASTER' : 'BACKUP',
        priority: 110 - i * 5,
        advertInt: 1,
        nopreempt: false,
        preemptDelay: 0,
        scripts: [
          { name: 'chk', weight: -20, rise: 2, fall: 2, interval: 1 },
          { name: 'web', weight: 0, rise: 1, fall: 1, interval: 2 },
        ],
        trackInterfaces: [],
        vip: '10.99.0.100/24',
        vrid: 51,
      }),
    })),
    events,
    until: UNTIL,
  };
}

/** Scenarios per second over about `seconds` of wall time. */
function measure(run: () => void, seconds: number): number {
  for (let i = 0; i < 20; i++) run();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let i = 0; i < 10; i++) run();
    n += 10;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
console.log(`vrrp-check bench: ${UNTIL} s scenarios, ~${seconds} s of wall time per figure, Node ${process.version}`);
console.log('');
console.log('profile          routers  scenarios/s  sim-s/wall-s  createActor scen/s  ratio  jitter scen/s  ratio');
for (const profile of [profiles['keepalived-2.2'], profiles['keepalived-1.2']]) {
  for (const routers of [2, 3, 5]) {
    const prepared = prepareScenarioValue(scenario(routers), 'bench.json', profile);
    if (!prepared.ok) throw new Error(prepared.message);
    const { cluster, scenario: s } = prepared.value;
    const pure: Stepper = createStepper();
    const once = (stepper: Stepper) => simulate(cluster, s.events, s.until, stepper);
    // both drivers must give the same trace, or the comparison means nothing
    if (traceToJson(once(pure)) !== traceToJson(once(createActorStepper())))
      throw new Error('the two drivers disagree');
    const fast = measure(() => once(pure), seconds);
    const slow = measure(() => once(createActorStepper()), seconds);
    let seed = 0;
    const jittered = measure(() => simulate(cluster, s.events, s.until, pure, { max: 0.0002, seed: seed++ }), seconds);
    console.log(
      `${profile.name.padEnd(16)} ${String(routers).padStart(7)}  ${fast.toFixed(0).padStart(11)}  ${(fast * UNTIL).toFixed(0).padStart(12)}  ${slow.toFixed(0).padStart(18)}  ${(fast / slow).toFixed(1).padStart(5)}×  ${jittered.toFixed(0).padStart(13)}  ${(jittered / fast).toFixed(2).padStart(5)}×`,
    );
  }
}
