/**
 * npm run bench [-- --json] [-- --seconds S]: how many scenarios the simulator runs per
 * CPU-second (process.cpuUsage, so that a shared machine's load does not show), against a
 * hand-written reducer of the same scenarios (bench/reducer.ts, the speed of light) and the
 * same machine stepped by xstate's own transition(), all measured in the same run: compare the
 * ratios, not the figures. Clusters of 2, 3 and 5 routers, 60 s of simulated time each (two
 * tracked scripts per router, a script failure and recovery, a master stop and restart).
 */
import { secondsToUs } from '../model/formulas.ts';
import { type ProfileName, profiles } from '../model/profiles.ts';
import { createStepper } from '../model/stepper.ts';
import { createXstateStepper } from '../model/xstateStepper.ts';
import { allProperties } from '../properties/index.ts';
import { jobOptions } from '../src/check/checkJob.ts';
import { checkAll } from '../src/check.ts';
import { readConfs } from '../src/cli/checkCommand.ts';
import { writeKeepalivedConf } from '../src/config/writeKeepalivedConf.ts';
import { prepareScenarioValue } from '../src/loadScenario.ts';
import type { Scenario, ScenarioEvent } from '../src/scenario.ts';
import { simulate } from '../src/simulate.ts';
import { traceToJson } from '../src/traceJson.ts';
import { defaultScope, verify } from '../src/verify/verify.ts';
import { perCpuSecond } from './cpu.ts';
import { reduce } from './reducer.ts';

const HORIZON = 60;

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
    until: HORIZON,
  };
}

export interface SimulationFigures {
  readonly routers: number;
  readonly horizon: number;
  readonly profile: ProfileName;
  readonly scenariosPerCpuSecond: number;
  readonly reducerPerCpuSecond: number;
  readonly xstatePerCpuSecond: number;
  readonly jitteredPerCpuSecond: number;
}

function simulationFigures(profile: ProfileName, routers: number, seconds: number): SimulationFigures {
  const prepared = prepareScenarioValue(scenario(routers), 'bench.json', profiles[profile]);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario: s } = prepared.value;
  const compiled = createStepper();
  const xstate = createXstateStepper();
  // both steppers must give the same trace, or the comparison means nothing
  if (
    traceToJson(simulate(cluster, s.events, s.until, compiled)) !==
    traceToJson(simulate(cluster, s.events, s.until, xstate))
  )
    throw new Error('the compiled stepper and xstate disagree');
  let seed = 0;
  const untilUs = secondsToUs(s.until);
  return {
    routers,
    horizon: HORIZON,
    profile,
    scenariosPerCpuSecond: perCpuSecond(() => simulate(cluster, s.events, s.until, compiled), seconds),
    reducerPerCpuSecond: perCpuSecond(() => reduce(cluster, s.events, untilUs), seconds),
    xstatePerCpuSecond: perCpuSecond(() => simulate(cluster, s.events, s.until, xstate), seconds / 2),
    jitteredPerCpuSecond: perCpuSecond(
      () => simulate(cluster, s.events, s.until, compiled, { max: 0.0002, seed: seed++ }),
      seconds / 2,
    ),
  };
}

export interface CheckFigures {
  readonly check: 'check-sound';
  readonly runs: number;
  readonly simulations: number;
  readonly cpuSeconds: number;
  readonly simulationsPerCpuSecond: number;
  /** The same check with xstate's transition() as the stepper: how many times longer it takes. */
  readonly xstateCpuRatio: number;
}

/** `vrrp-check check` on the bundled sound pair with default options (one thread), in CPU time. */
function checkFigures(): CheckFigures {
  const root = new URL('../../examples/check-sound/', import.meta.url).pathname;
  const confs = readConfs([`${root}A.conf`, `${root}B.conf`], []);
  if (typeof confs === 'string') throw new Error(confs);
  const job = {
    profile: 'keepalived-2.2' as const,
    properties: [] as string[],
    runs: 300,
    seed: 42,
    horizon: 30,
    jitter: 0.0002,
    routers: confs.routers.map((r) => ({
      name: r.name,
      address: r.address,
      file: r.conf.file,
      configText: r.configText,
    })),
  };
  const measure = (stepper: ReturnType<typeof createStepper>) => {
    const options = jobOptions(job);
    let simulations = 0;
    const source = {
      arbitrary: options.source.arbitrary,
      toScenario: (value: Parameters<typeof options.source.toScenario>[0], profile: ProfileName) => {
        simulations++;
        return options.source.toScenario(value, profile);
      },
    };
    const start = process.cpuUsage();
    // as vrrp-check check runs it: only what the report shows is shrunk
    checkAll({
      ...options,
      properties: allProperties,
      source,
      stepper,
      runs: job.runs,
      seed: job.seed,
      shrinkWitnesses: false,
    });
    const used = process.cpuUsage(start);
    return { simulations, cpuSeconds: (used.user + used.system) / 1e6 };
  };
  measure(createStepper());
  const compiled = measure(createStepper());
  const xstate = measure(createXstateStepper());
  return {
    check: 'check-sound',
    runs: job.runs,
    simulations: compiled.simulations,
    cpuSeconds: compiled.cpuSeconds,
    simulationsPerCpuSecond: compiled.simulations / compiled.cpuSeconds,
    xstateCpuRatio: xstate.cpuSeconds / compiled.cpuSeconds,
  };
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const secondsAt = args.indexOf('--seconds');
const seconds = Number(secondsAt >= 0 ? args[secondsAt + 1] : (process.env.BENCH_SECONDS ?? 1));
const figures: SimulationFigures[] = [];
if (!json) {
  console.log(`vrrp-check bench: ${HORIZON} s scenarios, ~${seconds} CPU-s per figure, Node ${process.version}`);
  console.log('per CPU-second; ratios within this run (reducer: hand-written speed of light; xstate: transition())');
  console.log('');
  console.log('profile          routers  scenarios  reducer  ÷reducer  xstate  ×xstate  jittered');
}
for (const profile of ['keepalived-2.2', 'keepalived-1.2'] as const) {
  for (const routers of [2, 3, 5]) {
    const f = simulationFigures(profile, routers, seconds);
    figures.push(f);
    if (json) console.log(JSON.stringify(f));
    else
      console.log(
        `${profile.padEnd(16)} ${String(routers).padStart(7)}  ${f.scenariosPerCpuSecond.toFixed(0).padStart(9)}  ${f.reducerPerCpuSecond.toFixed(0).padStart(7)}  ${`1/${(f.reducerPerCpuSecond / f.scenariosPerCpuSecond).toFixed(1)}`.padStart(8)}  ${f.xstatePerCpuSecond.toFixed(0).padStart(6)}  ${`${(f.scenariosPerCpuSecond / f.xstatePerCpuSecond).toFixed(1)}×`.padStart(7)}  ${f.jitteredPerCpuSecond.toFixed(0).padStart(8)}`,
      );
  }
}

const c = checkFigures();
// the target: check at most 4× the CPU time the reducer needs for 10,000 three-router scenarios
const reducer3 = figures.find((f) => f.routers === 3 && f.profile === 'keepalived-2.2')?.reducerPerCpuSecond ?? 1;
const reducerSeconds = 10_000 / reducer3;
if (json) console.log(JSON.stringify({ ...c, reducer10kCpuSeconds: reducerSeconds }));
else {
  console.log('');
  console.log(
    `check on examples/check-sound (default options, one thread): ${c.simulations} simulations in ${c.cpuSeconds.toFixed(2)} CPU-s, ${c.simulationsPerCpuSecond.toFixed(0)} per CPU-s; ${(c.cpuSeconds / reducerSeconds).toFixed(1)}× the reducer's 10,000 three-router scenarios (${reducerSeconds.toFixed(2)} CPU-s); with xstate's transition(): ${c.xstateCpuRatio.toFixed(1)}× the CPU time`,
  );
}

/** `vrrp-check verify` on the bundled sound pair (no fault, one flip, one restart): states per CPU-second. */
async function verifyFigures() {
  const root = new URL('../../examples/check-sound/', import.meta.url).pathname;
  const confs = readConfs([`${root}A.conf`, `${root}B.conf`], []);
  if (typeof confs === 'string') throw new Error(confs);
  const routers = confs.routers.map((r) => ({ name: r.name, address: r.address, configText: r.configText }));
  const prepared = prepareScenarioValue({ routers, events: [], until: 1 }, 'verify.json', profiles['keepalived-2.2']);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster } = prepared.value;
  const scope = defaultScope(cluster, routers, { faults: 0, flips: 1, restarts: 1 });
  const result = await verify({
    profile: profiles['keepalived-2.2'],
    routers,
    cluster,
    properties: allProperties,
    scope,
  });
  return {
    verify: 'check-sound',
    distinctStates: result.stats.distinct,
    paths: result.stats.paths,
    cpuSeconds: result.cpuSeconds,
    statesPerCpuSecond: result.stats.distinct / result.cpuSeconds,
  };
}

const v = await verifyFigures();
if (json) console.log(JSON.stringify(v));
else
  console.log(
    `verify on examples/check-sound (no fault, one flip, one restart; one thread): ${v.distinctStates} distinct states, ${v.paths} paths judged, in ${v.cpuSeconds.toFixed(2)} CPU-s: ${v.statesPerCpuSecond.toFixed(0)} states per CPU-s`,
  );
