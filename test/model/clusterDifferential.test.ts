import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMachine } from '../../model/compileMachine.ts';
import type { ProfileName } from '../../model/profiles.ts';
import { vrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';
import { createXstateStepper } from '../../model/xstateStepper.ts';
import { type FixedRouter, fixedClusterSource } from '../../src/arbitraries/fixedClusterSource.ts';
import { runScenario } from '../../src/check.ts';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import { traceToJson } from '../../src/traceJson.ts';
import { SEED } from '../properties/suite.ts';

// The machine's sync-group, track_file, track_process and advert-keyword paths, compiled and
// through xstate's own transition(): the same traces on clusters fast-check varies around fixed
// configs (test/model/differential.test.ts does the generated single-instance clusters).

const instance = (name: string, vrid: number, priority: number, body = '') => `vrrp_instance ${name} {
  interface eth0
  virtual_router_id ${vrid}
  priority ${priority}
${body}  virtual_ipaddress {
    10.0.${vrid}.1/24
  }
}
`;

const syncGroup = (members: readonly string[], extra = '') =>
  `vrrp_sync_group G {\n  group {\n${members.map((m) => `    ${m}\n`).join('')}  }\n${extra}}\n`;

const script = 'vrrp_script chk {\n  script "/bin/true"\n  interval 1\n  timeout 1\n  fall 2\n}\n';
const file = 'track_file flag {\n  file /tmp/flag\n  weight -20\n}\n';
const process = 'vrrp_track_process web {\n  process nginx\n  terminate_delay 2\n}\n';

/** Clusters of two routers, A then B, each a config per priority. */
const clusters: Record<string, (priority: number) => string> = {
  'a sync group of two, a script and an interface': (p) =>
    script +
    syncGroup(['VI_1', 'VI_2']) +
    instance('VI_1', 51, p, '  track_script {\n    chk\n  }\n') +
    instance('VI_2', 52, p, '  advert_int 2\n  track_interface {\n    eth1\n  }\n'),
  'a sync group of three with tracking weights': (p) =>
    script +
    syncGroup(['VI_1', 'VI_2', 'VI_3'], '  sync_group_tracking_weight\n') +
    instance('VI_1', 51, p, '  track_script {\n    chk weight -60\n  }\n') +
    instance('VI_2', 52, p) +
    instance('VI_3', 53, p, '  advert_int 3\n'),
  'a file, a process and the advert keywords': (p) =>
    `global_defs {\n  vrrp_startup_delay 2\n  vrrp_lower_prio_no_advert\n}\n${file}${process}${instance(
      'VI_1',
      51,
      p,
      '  higher_prio_send_advert\n  track_file {\n    flag\n  }\n  track_process {\n    web weight -60\n  }\n',
    )}`,
};

function routers(configOf: (priority: number) => string): FixedRouter[] {
  return [150, 100].map((priority, i) => {
    const name = i === 0 ? 'A' : 'B';
    const parsed = parseKeepalivedConf(configOf(priority), `${name}.conf`);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return { name, address: `10.0.0.${i + 1}`, configText: parsed.conf.text, conf: parsed.conf };
  });
}

const PROFILES: readonly ProfileName[] = ['keepalived-1.2', 'keepalived-2.2'];

describe('the compiled stepper against xstate transition(), on clusters with sync groups and new trackers', () => {
  const compiled = compileMachine(vrrpInstanceMachine);
  const oracle = createXstateStepper(vrrpInstanceMachine);
  for (const [name, configOf] of Object.entries(clusters)) {
    it(`gives byte-identical traces: ${name}, 2 × 100 scenarios`, () => {
      const source = fixedClusterSource(routers(configOf), 30, 0.0002);
      const differ: string[] = [];
      let groupSyncs = 0;
      fc.sample(source.arbitrary, { numRuns: 100, seed: SEED }).forEach((value, i) => {
        for (const profile of PROFILES) {
          const scenario = source.toScenario(value, profile);
          const fast = runScenario(scenario, profile, compiled).trace;
          if (traceToJson(fast) !== traceToJson(runScenario(scenario, profile, oracle).trace))
            differ.push(`${profile} #${i}`);
          groupSyncs += fast.entries.filter((e) => e.kind === 'log' && e.msg === 'group-syncing').length;
        }
      });
      expect(differ).toEqual([]);
      // the runs went through the paths under test
      if (name.includes('sync group')) expect(groupSyncs).toBeGreaterThan(100);
    });
  }

  it('fails when a sync-group guard of the compiled path is broken', () => {
    const broken = compileMachine(
      vrrpInstanceMachine.provide({ guards: { 'the sync group lets us become master': () => true } }),
    );
    const source = fixedClusterSource(
      routers(clusters['a sync group of three with tracking weights'] ?? String),
      30,
      0,
    );
    const differ = fc.sample(source.arbitrary, { numRuns: 30, seed: SEED }).filter((value) => {
      const scenario = source.toScenario(value, 'keepalived-2.2');
      const a = traceToJson(runScenario(scenario, 'keepalived-2.2', broken).trace);
      return a !== traceToJson(runScenario(scenario, 'keepalived-2.2', oracle).trace);
    });
    expect(differ.length).toBeGreaterThan(0);
  });
});
