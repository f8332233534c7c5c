import { describe, expect, it } from 'vitest';
import type { ProfileName } from '../../model/profiles.ts';
import { prepareScenarioText } from '../../src/loadScenario.ts';
import { renderLog } from '../../src/renderLog.ts';
import type { ScenarioEvent } from '../../src/scenario.ts';
import { simulate } from '../../src/simulate.ts';
import type { Trace } from '../../src/trace.ts';

interface Member {
  readonly name: string;
  readonly vrid: number;
  readonly priority: number;
  readonly advertInt?: number;
  /** A track_script line for the instance, e.g. "chk" or "chk weight -20". */
  readonly track?: string;
}

/** One router's config: a vrrp_script "chk", the members in group G (unless `group` is false). */
function conf(members: readonly Member[], group = 'G', extra = ''): string {
  const script = 'vrrp_script chk {\n  script "/bin/true"\n  interval 1\n}\n';
  const sync = `vrrp_sync_group ${group} {\n  group {\n${members.map((m) => `    ${m.name}\n`).join('')}  }\n${extra}}\n`;
  const instances = members.map(
    (m) => `vrrp_instance ${m.name} {
  interface eth0
  virtual_router_id ${m.vrid}
  priority ${m.priority}
  advert_int ${m.advertInt ?? 1}
  virtual_ipaddress {
    10.0.${m.vrid}.1/24
  }
${m.track === undefined ? '' : `  track_script {\n    ${m.track}\n  }\n`}}
`,
  );
  return script + sync + instances.join('');
}

function run(
  profile: ProfileName,
  confs: Readonly<Record<string, string>>,
  events: ScenarioEvent[],
  until: number,
): Trace {
  const scenario = {
    profile,
    routers: Object.entries(confs).map(([name, configText], i) => ({ name, address: `10.0.0.${i + 1}`, configText })),
    events,
    until,
  };
  const prepared = prepareScenarioText(JSON.stringify(scenario), 'sync.json', undefined);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario: s } = prepared.value;
  return simulate(cluster, s.events, s.until);
}

/** The log lines of one router, without the time: what keepalived says, in order. */
function said(trace: Trace, router: string): string[] {
  return renderLog(trace, { wire: false, events: false, detail: false })
    .split('\n')
    .filter((line) => line.slice(9, 16).trim() === router)
    .map((line) => line.slice(17));
}

/** Each instance's last state, as "router/instance STATE". */
function finalStates(trace: Trace): string[] {
  const last = new Map<string, string>();
  for (const e of trace.entries) if (e.kind === 'state') last.set(`${e.router}/${e.instance}`, e.state);
  return [...last].map(([k, v]) => `${k} ${v}`).sort();
}

const start = (router: string, at = 0): ScenarioEvent => ({ at, do: 'start', router });
const pair = (a: number, b: number, track?: string) => ({
  A: conf([
    { name: 'VI_1', vrid: 51, priority: a, ...(track === undefined ? {} : { track }) },
    { name: 'VI_2', vrid: 52, priority: a },
  ]),
  B: conf([
    { name: 'VI_1', vrid: 51, priority: b },
    { name: 'VI_2', vrid: 52, priority: b },
  ]),
});

describe('a vrrp_sync_group (keepalived 2.2.7 vrrp_sync.c)', () => {
  it("a member's FAULT takes the group with it: its sibling leaves MASTER with one priority-0 advert, and the peer takes both", () => {
    const trace = run(
      'keepalived-2.2',
      pair(150, 100, 'chk'),
      [start('A'), start('B'), { at: 10, do: 'fail', router: 'A' }],
      14,
    );
    const lines = said(trace, 'A');
    const at = lines.indexOf('(VI_1) Entering FAULT STATE');
    expect(lines.slice(at, at + 3)).toEqual([
      '(VI_1) Entering FAULT STATE',
      'VRRP_Group(G) Syncing instances to FAULT state',
      '(VI_2) Entering FAULT STATE',
    ]);
    const zeros = trace.entries.filter((e) => e.kind === 'advert' && e.router === 'A' && e.priority === 0);
    expect(zeros.map((e) => (e.kind === 'advert' ? e.instance : ''))).toEqual(['VI_1', 'VI_1', 'VI_2']);
    expect(finalStates(trace)).toEqual(['A/VI_1 FAULT', 'A/VI_2 FAULT', 'B/VI_1 MASTER', 'B/VI_2 MASTER']);
  });

  it('holds a member in BACKUP until every member wants MASTER, then takes all of them at once', () => {
    // VI_2's master-down interval is 3 × 3 s + skew: VI_1's fires first and must wait for it
    const trace = run(
      'keepalived-2.2',
      {
        A: conf([
          { name: 'VI_1', vrid: 51, priority: 100 },
          { name: 'VI_2', vrid: 52, priority: 100, advertInt: 3 },
        ]),
      },
      [start('A')],
      12,
    );
    const masters = trace.entries.filter((e) => e.kind === 'state' && e.state === 'MASTER');
    expect(masters.map((e) => [e.kind === 'state' ? e.instance : '', Math.round(e.t * 1000) / 1000])).toEqual([
      ['VI_2', 9.619],
      ['VI_1', 9.619],
    ]);
    // VI_1 timed out twice (3.619, then a full master-down interval later), was held both times, and
    // became MASTER with VI_2
    const timeouts = trace.entries.filter(
      (e) => e.kind === 'log' && e.msg === 'advert-timeout' && e.instance === 'VI_1',
    );
    expect(timeouts.map((e) => Math.round(e.t * 1000) / 1000)).toEqual([3.619, 7.229]);
    expect(said(trace, 'A')).toContain('VRRP_Group(G) Syncing instances to MASTER state');
  });

  it("a recovered member stays in FAULT while its sibling is still down; the sibling's recovery brings both back", () => {
    const confs = {
      A: conf([
        { name: 'VI_1', vrid: 51, priority: 150, track: 'chk' },
        { name: 'VI_2', vrid: 52, priority: 150 },
      ]).replace('  virtual_router_id 52', '  track_interface {\n    eth1\n  }\n  virtual_router_id 52'),
    };
    const trace = run(
      'keepalived-2.2',
      confs,
      [
        start('A'),
        { at: 6, do: 'fail', router: 'A' },
        { at: 7, do: 'linkdown', router: 'A', interface: 'eth1' },
        { at: 9, do: 'ok', router: 'A' },
        { at: 12, do: 'linkup', router: 'A', interface: 'eth1' },
      ],
      13,
    );
    const states = trace.entries.flatMap((e) =>
      e.kind === 'state' && e.t > 6 ? [`${Math.round(e.t)} ${e.instance} ${e.state}`] : [],
    );
    expect(states).toEqual(['6 VI_1 FAULT', '6 VI_2 FAULT', '12 VI_2 BACKUP', '12 VI_1 BACKUP']);
  });

  it('starts in FAULT when a member is down at start, saying which member synced it', () => {
    const trace = run(
      'keepalived-2.2',
      {
        A: conf([
          { name: 'VI_1', vrid: 51, priority: 100 },
          { name: 'VI_2', vrid: 52, priority: 100 },
        ]),
      },
      [{ at: 0, do: 'linkdown', router: 'A' }, start('A')],
      2,
    );
    // keepalived logs both causes before the group line (README "Where the model departs"); one burst
    expect(said(trace, 'A')).toEqual([
      '(VI_1): entering FAULT state (interface eth0 down)',
      'VRRP_Group(G): Syncing VI_1 to FAULT state',
      '(VI_1) entering FAULT state',
      '(VI_2): entering FAULT state (interface eth0 down)',
      '(VI_2) entering FAULT state',
      'VRRP_Script(chk) succeeded',
    ]);
  });

  it('ignores weighted trackers of its members, as keepalived says when it starts', () => {
    const trace = run(
      'keepalived-2.2',
      {
        A: conf([
          { name: 'VI_1', vrid: 51, priority: 100, track: 'chk weight -20' },
          { name: 'VI_2', vrid: 52, priority: 100 },
        ]),
      },
      [start('A'), { at: 5, do: 'fail', router: 'A' }],
      8,
    );
    expect(said(trace, 'A')[0]).toBe('(VI_1) ignoring tracked script chk with weights due to SYNC group');
    expect(trace.entries.some((e) => e.kind === 'priority')).toBe(false);
  });

  it('keeps the weights with sync_group_tracking_weight', () => {
    const trace = run(
      'keepalived-2.2',
      {
        A: conf(
          [
            { name: 'VI_1', vrid: 51, priority: 100, track: 'chk weight -20' },
            { name: 'VI_2', vrid: 52, priority: 100 },
          ],
          'G',
          '  sync_group_tracking_weight\n',
        ),
      },
      [start('A'), { at: 5, do: 'fail', router: 'A' }],
      8,
    );
    expect(said(trace, 'A')).toContain('(VI_1) Changing effective priority from 100 to 80');
  });

  it("a tracker of both the group and a member counts with the group's weight, as keepalived warns", () => {
    const member = (name: string, vrid: number, track: string) => ({ name, vrid, priority: 100, track });
    const text = conf(
      [member('VI_1', 51, 'chk weight -10'), member('VI_2', 52, 'chk weight -10')],
      'G',
      '  sync_group_tracking_weight\n  track_script {\n    chk weight -30\n  }\n',
    );
    const trace = run('keepalived-2.2', { A: text }, [start('A'), { at: 5, do: 'fail', router: 'A' }], 8);
    const lines = said(trace, 'A');
    expect(lines).toContain(
      '(VI_1) track_script chk is configured on VRRP instance and sync group. Remove vrrp instance config',
    );
    expect(lines).toContain('(VI_1) Changing effective priority from 100 to 70');
  });
});

describe('a vrrp_sync_group under keepalived 1.2.13 (vrrp_sync.c, vrrp_scheduler.c TSM)', () => {
  it('syncs the group to MASTER when a member makes its "Transition to MASTER"', () => {
    const trace = run('keepalived-1.2', { A: pair(100, 100).A }, [start('A')], 6);
    expect(said(trace, 'A').filter((l) => !l.startsWith('VRRP_Script'))).toEqual([
      'VRRP_Instance(VI_1) Entering BACKUP STATE',
      'VRRP_Instance(VI_2) Entering BACKUP STATE',
      'VRRP_Instance(VI_2) Transition to MASTER STATE',
      'VRRP_Group(G) Syncing instances to MASTER state',
      'VRRP_Instance(VI_1) Transition to MASTER STATE',
      'VRRP_Instance(VI_1) Entering MASTER STATE',
      'VRRP_Instance(VI_2) Entering MASTER STATE',
    ]);
  });

  it('a MASTER synced to FAULT leaves at its next advert timer (wantstate GOTO_FAULT)', () => {
    const confs = {
      A: pair(150, 100, 'chk').A.replace(
        'advert_int 1\n  virtual_ipaddress {\n    10.0.52',
        'advert_int 2\n  virtual_ipaddress {\n    10.0.52',
      ),
    };
    const trace = run('keepalived-1.2', confs, [start('A'), { at: 12.3, do: 'fail', router: 'A' }], 20);
    const fault = trace.entries.filter((e) => e.kind === 'state' && e.state === 'FAULT');
    expect(fault.map((e) => (e.kind === 'state' ? e.instance : ''))).toEqual(['VI_1', 'VI_2']);
    // VI_2 (advert_int 2) goes at its own next timer, later than VI_1's
    expect((fault[1]?.t ?? 0) > (fault[0]?.t ?? 0)).toBe(true);
    expect(said(trace, 'A')).toContain('VRRP_Group(G) Syncing instances to FAULT state');
  });
});
