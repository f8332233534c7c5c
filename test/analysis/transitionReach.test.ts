import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ProfileName, profiles } from '../../model/profiles.ts';
import { createStepper } from '../../model/stepper.ts';
import { machineCoverage } from '../../src/analysis/machineCoverage.ts';
import {
  configFeatures,
  machineTransitions,
  reachableMask,
  TRANSITION_REACH,
  transitionKey,
} from '../../src/analysis/transitionReach.ts';
import { fixedClusterSource } from '../../src/arbitraries/fixedClusterSource.ts';
import { scenarioArbitrary, toScenario } from '../../src/arbitraries/scenarioArbitrary.ts';
import { judgeRuns } from '../../src/check/judgeRuns.ts';
import { addCoverage, NO_COVERAGE } from '../../src/check/runRecord.ts';
import { runScenario } from '../../src/check.ts';
import { readConfs } from '../../src/cli/checkCommand.ts';
import { SEED } from '../properties/suite.ts';

describe('the reach table of the machine transitions', () => {
  it('names every transition of the compiled machine, and nothing else', () => {
    const keys = machineTransitions().map(transitionKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => TRANSITION_REACH[k] === undefined)).toEqual([]);
    expect(Object.keys(TRANSITION_REACH).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it.each([
    ['keepalived-1.2', 45],
    ['keepalived-2.2', 38],
  ] as const)('with every config feature, %s reaches %i (the profile switches alone decide)', (profile, n) => {
    const all = Object.fromEntries(Object.keys(configFeatures({ routers: [] } as never)).map((k) => [k, true]));
    const semantics = profiles[profile].semantics;
    const reachable = Object.values(TRANSITION_REACH).filter((r) => r.reach(semantics, all as never));
    expect(reachable.length).toBe(n);
  });

  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'on generated clusters (%s), no run takes a transition the table says its configs cannot reach',
    (profile: ProfileName) => {
      const records = judgeRuns(
        {
          properties: [],
          profile: profiles[profile],
          source: { arbitrary: scenarioArbitrary, toScenario },
          stepper: createStepper(),
          seed: SEED,
          runs: 400,
          countTransitions: true,
        },
        0,
        400,
        [true],
      );
      for (const record of records) {
        const c = machineCoverage(record.coverage);
        expect(c.unexpected, `run ${record.index}`).toEqual([]);
      }
      const total = records.reduce((sum, r) => addCoverage(sum, r.coverage), NO_COVERAGE);
      // and together they take most of what the profile can reach
      expect(machineCoverage(total).percent).toBeGreaterThanOrEqual(90);
    },
  );

  // the generated clusters have no sync group, lower_prio_no_advert or higher_prio_send_advert
  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'on a cluster of sync groups (%s), no run takes a transition the table says its configs cannot reach',
    (profile: ProfileName) => {
      const files = ['a', 'b', 'c'].map((r) =>
        join(import.meta.dirname, '..', 'fixtures', 'conf', 'sync-groups', `${r}.conf`),
      );
      const confs = readConfs(files, []);
      if (typeof confs === 'string') throw new Error(confs);
      const records = judgeRuns(
        {
          properties: [],
          profile: profiles[profile],
          source: fixedClusterSource(confs.routers, 30, 0.0002),
          stepper: createStepper(),
          seed: SEED,
          runs: 60,
          countTransitions: true,
        },
        0,
        60,
        [true],
      );
      for (const record of records) {
        const c = machineCoverage(record.coverage);
        expect(c.unexpected, `run ${record.index}`).toEqual([]);
      }
      // and the runs do move the groups: their members take GROUP transitions
      const sum = records.reduce((total, r) => addCoverage(total, r.coverage), NO_COVERAGE);
      const keys = machineTransitions().map(transitionKey);
      const taken = Object.keys(sum.machine).map((id) => keys[Number(id)] ?? '');
      expect(taken.filter((k) => k.includes(' GROUP ')).length).toBeGreaterThanOrEqual(4);
    },
  );

  it('the mask of a run lists what its configs can reach', () => {
    const run = runScenario(
      {
        routers: [
          {
            name: 'A',
            configText:
              'vrrp_instance V {\n interface eth0\n virtual_router_id 1\n priority 100\n virtual_ipaddress {\n 10.0.0.9\n }\n}\n',
          },
        ],
        events: [{ at: 0, do: 'start', router: 'A' }],
        until: 5,
      },
      'keepalived-2.2',
      createStepper(),
    );
    const features = configFeatures(run.trace);
    expect(features.peers).toBe(false);
    expect(features.weightZero).toBe(true);
    expect(reachableMask(run.trace, profiles['keepalived-2.2'].semantics)).toMatch(/^[0-9a-f]+$/);
  });
});
