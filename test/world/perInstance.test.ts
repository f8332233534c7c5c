import { describe, expect, it } from 'vitest';
import { timelines } from '../../src/analysis/timelines.ts';
import { prepareScenarioText } from '../../src/loadScenario.ts';
import type { Scenario } from '../../src/scenario.ts';
import { simulate } from '../../src/simulate.ts';
import type { Trace } from '../../src/trace.ts';

/** A router with VRID 51 on eth0 and on eth1, at the given priorities. */
function twoLans(priority0: number, priority1: number): string {
  const block = (name: string, iface: string, priority: number, vip: string) => `vrrp_instance ${name} {
  interface ${iface}
  virtual_router_id 51
  priority ${priority}
  virtual_ipaddress {
    ${vip}
  }
}
`;
  return block('VI_eth0', 'eth0', priority0, '10.99.0.100/24') + block('VI_eth1', 'eth1', priority1, '10.98.0.100/24');
}

function run(scenario: Scenario): Trace {
  const prepared = prepareScenarioText(JSON.stringify(scenario), 'perInstance.json', undefined);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario: s } = prepared.value;
  return simulate(cluster, s.events, s.until, undefined, s.jitter);
}

/** Each instance's last state, as "router/instance state". */
function lastStates(trace: Trace): string[] {
  const last = new Map<string, string>();
  for (const e of trace.entries) if (e.kind === 'state') last.set(`${e.router}/${e.instance}`, e.state);
  return [...last].map(([k, v]) => `${k} ${v}`).sort();
}

const pair = (events: Scenario['events'], until = 12): Scenario => ({
  routers: [
    { name: 'A', address: '10.99.0.1', configText: twoLans(150, 100) },
    { name: 'B', address: '10.99.0.2', configText: twoLans(100, 150) },
  ],
  events: [{ at: 0, do: 'start', router: 'A' }, { at: 0, do: 'start', router: 'B' }, ...events],
  until,
});

describe('the same VRID on two interfaces', () => {
  it('is two LANs: each elects its own master', () => {
    const trace = run(pair([]));
    expect(lastStates(trace)).toEqual(['A/VI_eth0 MASTER', 'A/VI_eth1 BACKUP', 'B/VI_eth0 BACKUP', 'B/VI_eth1 MASTER']);
    expect(trace.routers.flatMap((r) => r.instances.map((i) => `${r.name}/${i.name} ${i.lan}`))).toEqual([
      'A/VI_eth0 eth0',
      'A/VI_eth1 eth1',
      'B/VI_eth0 eth0',
      'B/VI_eth1 eth1',
    ]);
    expect(timelines(trace).groups.map((g) => `${g.vrid} ${g.lan} ${g.instances.length}`)).toEqual([
      '51 eth0 2',
      '51 eth1 2',
    ]);
  });

  it('an interface going down takes only the instance on it: the other LAN keeps its master', () => {
    const trace = run(pair([{ at: 8, do: 'linkdown', router: 'B', interface: 'eth1' }], 14));
    expect(lastStates(trace)).toEqual(['A/VI_eth0 MASTER', 'A/VI_eth1 MASTER', 'B/VI_eth0 BACKUP', 'B/VI_eth1 FAULT']);
    // B's eth1 adverts after the link went down never reached the LAN; its eth0 ones did
    const late = trace.entries.filter((e) => e.kind === 'advert' && e.router === 'B' && e.t > 8 && e.priority > 0);
    expect(late.every((e) => e.kind === 'advert' && e.instance === 'VI_eth0')).toBe(true);
  });

  it('on the same interface is refused as keepalived refuses it (the config reader), with the file and line', () => {
    const conf = twoLans(100, 100).replace('interface eth1', 'interface eth0');
    const prepared = prepareScenarioText(
      JSON.stringify({ routers: [{ name: 'A', configText: conf }], events: [], until: 1 }),
      'dup.json',
      undefined,
    );
    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.message).toMatch(
      /^dup\.json#routers\[0\]\.configText:11:21: vrrp_instance VI_eth1 has virtual_router_id 51 like vrrp_instance VI_eth0 .*check_vrid_conflicts\) \(.*\)$/,
    );
  });
});
