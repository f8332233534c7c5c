import { describe, expect, it } from 'vitest';
import type { ProfileName } from '../../model/profiles.ts';
import { prepareScenarioText } from '../../src/loadScenario.ts';
import { renderLog } from '../../src/renderLog.ts';
import type { ScenarioEvent, ScenarioRouter } from '../../src/scenario.ts';
import { simulate } from '../../src/simulate.ts';
import type { Trace } from '../../src/trace.ts';

/** A one-instance config (VRID 51, priority 100 unless `instance` says otherwise), with `blocks` before it. */
function conf(blocks: string, instance = '', globals = ''): string {
  return `${globals === '' ? '' : `global_defs {\n${globals}}\n`}${blocks}vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
${instance.includes('priority') ? '' : '  priority 100\n'}${instance}  virtual_ipaddress {
    10.0.0.100/24
  }
}
`;
}

function prepare(profile: ProfileName, routers: ScenarioRouter[], events: ScenarioEvent[], until: number) {
  return prepareScenarioText(JSON.stringify({ profile, routers, events, until }), 't.json', undefined);
}

function run(profile: ProfileName, routers: ScenarioRouter[], events: ScenarioEvent[], until: number): Trace {
  const prepared = prepare(profile, routers, events, until);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario } = prepared.value;
  return simulate(cluster, scenario.events, scenario.until);
}

/** Router A's log as "t text" lines (ms), without wire, harness and -D lines. */
function log(trace: Trace, router = 'A'): string[] {
  return renderLog(trace, { wire: false, events: false, detail: false })
    .split('\n')
    .filter((line) => line.slice(9, 16).trim() === router)
    .map((line) => `${Number(line.slice(0, 8))} ${line.slice(17)}`);
}

const start = (router = 'A', at = 0): ScenarioEvent => ({ at, do: 'start', router });
const fileBlock = (weight: string) => `track_file flag {\n  file /tmp/flag\n${weight}}\n`;

describe('track_file (2.2.7 track_file.c)', () => {
  it('weight 0: a non-zero number is FAULT, 0 is back', () => {
    const trace = run(
      'keepalived-2.2',
      [{ name: 'A', configText: conf(fileBlock('  weight 0\n'), '  track_file {\n    flag\n  }\n') }],
      [start(), { at: 5, do: 'fail', router: 'A', file: 'flag' }, { at: 7, do: 'ok', router: 'A', file: 'flag' }],
      9,
    );
    expect(log(trace).filter((l) => l.includes('STATE'))).toEqual([
      '0.01 (VI_1) Entering BACKUP STATE (init)',
      '3.619 (VI_1) Entering MASTER STATE',
      '5 (VI_1) Entering FAULT STATE',
      '7 (VI_1) Entering BACKUP STATE',
    ]);
  });

  it("weighted: the file's number times the weight counts (default weight 1); −254 or less is FAULT", () => {
    const trace = run(
      'keepalived-2.2',
      [
        {
          name: 'A',
          configText: conf(fileBlock(''), '  track_file {\n    flag weight -10\n  }\n'),
          files: { flag: 2 },
        },
      ],
      [
        start(),
        { at: 5, do: 'fail', router: 'A', file: 'flag', value: 30 },
        { at: 7, do: 'ok', router: 'A', file: 'flag' },
      ],
      9,
    );
    expect(log(trace).filter((l) => l.includes('priority') || l.includes('FAULT'))).toEqual([
      '0.01 (VI_1) Changing effective priority from 100 to 80',
      '5 (VI_1) Entering FAULT STATE',
      '7 (VI_1) Changing effective priority from 80 to 100',
    ]);
  });
});

describe('track_process (2.2.7 track_process.c)', () => {
  const processBlock = (extra = '') => `vrrp_track_process web {\n  process nginx\n${extra}}\n`;
  it('losing the quorum is logged and takes a weight-0 instance to FAULT', () => {
    const trace = run(
      'keepalived-2.2',
      [{ name: 'A', configText: conf(processBlock(), '  track_process {\n    web\n  }\n') }],
      [start(), { at: 5, do: 'fail', router: 'A', process: 'web' }, { at: 8, do: 'ok', router: 'A', process: 'web' }],
      9,
    );
    expect(log(trace).filter((l) => !l.includes('(init)') && !l.includes('MASTER'))).toEqual([
      '5 Quorum lost for tracked process web',
      '5 (VI_1) Entering FAULT STATE',
      '8 Quorum gained for tracked process web',
      '8 (VI_1) Entering BACKUP STATE',
    ]);
  });

  it('terminate_delay: a process back within the delay was never lost', () => {
    const trace = run(
      'keepalived-2.2',
      [{ name: 'A', configText: conf(processBlock('  terminate_delay 2\n'), '  track_process {\n    web\n  }\n') }],
      [
        start(),
        { at: 5, do: 'fail', router: 'A', process: 'web' },
        { at: 6, do: 'ok', router: 'A', process: 'web' },
        { at: 8, do: 'fail', router: 'A', process: 'web' },
      ],
      11,
    );
    expect(log(trace).filter((l) => l.includes('Quorum'))).toEqual(['10 Quorum lost for tracked process web']);
  });
});

describe('a vrrp_script that hangs (its runs reach their timeout)', () => {
  const hanging = `vrrp_script chk {\n  script "/bin/true"\n  interval 5\n  timeout 2\n}\n`;
  for (const [profile, text] of [
    ['keepalived-2.2', 'VRRP_Script(chk) timed_out'],
    ['keepalived-1.2', 'VRRP_Script(chk) timed out'],
  ] as const) {
    it(`counts as a failure at launch + timeout (${profile}: "${text}")`, () => {
      const trace = run(
        profile,
        [{ name: 'A', configText: conf(hanging, '  track_script {\n    chk\n  }\n') }],
        [start(), { at: 6, do: 'hang', router: 'A' }],
        14,
      );
      const failed = log(trace).filter((l) => l.includes('timed'));
      // runs at 0.0x, 5.0x, 10.0x: the one at 10 hangs and is killed 2 s later
      expect(failed).toHaveLength(1);
      expect(Number(failed[0]?.split(' ')[0])).toBeCloseTo(12, 1);
      expect(failed[0]).toContain(text);
      expect(trace.entries.some((e) => e.kind === 'state' && e.state === 'FAULT')).toBe(true);
    });
  }
});

describe('global_defs and instance keywords that change elections (2.2.7)', () => {
  it('vrrp_startup_delay: no master before the delay, and keepalived says so', () => {
    const trace = run(
      'keepalived-2.2',
      [{ name: 'A', configText: conf('', '', '  vrrp_startup_delay 5\n') }],
      [start()],
      10,
    );
    expect(log(trace)).toEqual([
      '0.01 Delaying startup for 5 seconds',
      '0.01 (VI_1) Entering BACKUP STATE (init)',
      '8.619 (VI_1) Entering MASTER STATE',
    ]);
  });

  it('lower_prio_no_advert: the master does not answer a lower advert', () => {
    const routers = [
      { name: 'A', address: '10.0.0.1', configText: conf('', '  priority 150\n  lower_prio_no_advert\n') },
      { name: 'B', address: '10.0.0.2', configText: conf('', '  priority 100\n') },
    ];
    // B, cut off, becomes MASTER too; back on the LAN its adverts reach A
    const events: ScenarioEvent[] = [
      start('A'),
      start('B'),
      { at: 5, do: 'isolate', router: 'B' },
      { at: 10, do: 'rejoin', router: 'B' },
    ];
    const trace = run('keepalived-2.2', routers, events, 12);
    const heard = trace.entries.find((e) => e.kind === 'log' && e.msg === 'lower-priority-advert' && e.router === 'A');
    expect(heard !== undefined && log(trace).some((l) => l.endsWith('with lower priority 100, ours 150'))).toBe(true);
    const answered = trace.entries.filter(
      (e) => e.kind === 'advert' && e.router === 'A' && e.t >= (heard?.t ?? 0) && e.t < (heard?.t ?? 0) + 0.001,
    );
    expect(answered).toEqual([]);
  });

  it('higher_prio_send_advert: a yielding master sends one advert first', () => {
    const routers = [
      { name: 'A', address: '10.0.0.1', configText: conf('', '  priority 100\n  higher_prio_send_advert\n') },
      { name: 'B', address: '10.0.0.2', configText: conf('', '  priority 150\n') },
    ];
    const trace = run('keepalived-2.2', routers, [start('A'), start('B', 6)], 12);
    const yielded = trace.entries.find(
      (e) => e.kind === 'state' && e.router === 'A' && e.state === 'BACKUP' && e.t > 6,
    );
    const last = trace.entries.filter((e) => e.kind === 'advert' && e.router === 'A' && e.t === yielded?.t);
    expect(last).toHaveLength(1);
  });

  it('strict mode: `state MASTER` must match ownership, preempt_delay goes, unicast is refused', () => {
    const strict = run(
      'keepalived-2.2',
      [{ name: 'A', configText: conf('', '  state MASTER\n  preempt_delay 5\n', '  vrrp_strict\n') }],
      [start()],
      1,
    );
    expect(log(strict).slice(0, 1)).toEqual(['0.01 (VI_1) State MASTER must match being address owner']);
    const unicast = prepare(
      'keepalived-2.2',
      [{ name: 'A', configText: conf('', '  unicast_peer {\n    10.0.0.2\n  }\n', '  vrrp_strict\n') }],
      [],
      1,
    );
    expect(unicast.ok).toBe(false);
    expect(!unicast.ok && unicast.message).toMatch(/Unicast peers are not supported in strict mode/);
  });

  it('under keepalived-1.2 the 2.x trackers and keywords are left out, with a note', () => {
    const prepared = prepare(
      'keepalived-1.2',
      [{ name: 'A', configText: conf(fileBlock(''), '  track_file {\n    flag\n  }\n') }],
      [],
      1,
    );
    expect(prepared.ok && prepared.value.warnings).toContain(
      'router A: vrrp_instance VI_1: keepalived 1.2.13 has no track_file: profile keepalived-1.2 runs it without "flag"',
    );
    const delayed = prepare(
      'keepalived-1.2',
      [{ name: 'A', configText: conf('', '', '  vrrp_startup_delay 5\n') }],
      [],
      1,
    );
    expect(delayed.ok && delayed.value.warnings).toContain(
      'router A: keepalived 1.2.13 has no global_defs vrrp_startup_delay: profile keepalived-1.2 runs without it',
    );
  });
});
