import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import type { KeepalivedConf } from '../../src/config/types.ts';
import { prepareScenarioText } from '../../src/loadScenario.ts';
import { routerAddresses } from '../../src/routerAddresses.ts';
import { simulate } from '../../src/simulate.ts';
import { unicastFindings } from '../../src/unicastFindings.ts';

/** A one-instance config on VRID 61 with these unicast peers (none: multicast). */
function text(priority: number, peers: readonly string[], src?: string): string {
  const unicast = peers.length === 0 ? '' : `  unicast_peer {\n${peers.map((p) => `    ${p}\n`).join('')}  }\n`;
  return `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 61
  priority ${priority}
${src === undefined ? '' : `  unicast_src_ip ${src}\n`}${unicast}  virtual_ipaddress {
    10.0.0.100/24
  }
}
`;
}

function conf(source: string, file = 'x.conf'): KeepalivedConf {
  const parsed = parseKeepalivedConf(source, file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.conf;
}

describe("a router's address", () => {
  it('is its unicast_src_ip, else the one the other files leave for it, else the one given, else 10.99.0.N', () => {
    const confs = [
      conf(text(100, ['10.0.0.2', '10.0.0.3'])),
      conf(text(100, ['10.0.0.1', '10.0.0.3'])),
      conf(text(100, ['10.0.0.1', '10.0.0.2'], '10.0.0.3')),
      conf(text(100, [])),
      conf(text(100, [])),
    ];
    const settled = routerAddresses(confs, [undefined, undefined, '10.9.9.9', '10.0.0.7'], ['A', 'B', 'C', 'D', 'E']);
    expect(settled.addresses).toEqual([
      { address: '10.0.0.1', source: 'peers' },
      { address: '10.0.0.2', source: 'peers' },
      { address: '10.0.0.3', source: 'unicast_src_ip' },
      { address: '10.0.0.7', source: 'given' },
      { address: '10.99.0.1', source: 'assigned' },
    ]);
    expect(settled.notes).toEqual([
      "router A: address 10.0.0.1, the one the other routers' unicast_peer lists give it",
      "router B: address 10.0.0.2, the one the other routers' unicast_peer lists give it",
      'router E: no address given, using 10.99.0.1 (set unicast_src_ip, or --address)',
    ]);
  });

  it('is not guessed when the peer lists leave two candidates', () => {
    const confs = [conf(text(100, [])), conf(text(100, ['10.0.0.1', '10.0.0.5']))];
    expect(routerAddresses(confs, [undefined, undefined], ['A', 'B']).addresses[0]?.source).toBe('assigned');
  });
});

describe('unicast findings', () => {
  const named = (name: string, address: string, source: string) => ({ name, address, conf: conf(source) });

  it('a symmetric pair has none', () => {
    expect(
      unicastFindings([
        named('A', '10.0.0.1', text(100, ['10.0.0.2'])),
        named('B', '10.0.0.2', text(100, ['10.0.0.1'])),
      ]),
    ).toEqual([]);
  });

  it('names the peer that does not list back, the peer that is no router, and unicast against multicast', () => {
    expect(
      unicastFindings([
        named('A', '10.0.0.1', text(100, ['10.0.0.2', '10.0.0.3'])),
        named('B', '10.0.0.2', text(100, ['10.0.0.9'])),
        named('C', '10.0.0.3', text(100, [])),
      ]),
    ).toEqual([
      "router B's vrrp_instance VI_1 (VRID 61) does not list A (10.0.0.1) in unicast_peer, while A lists it: B's adverts never reach A, so both can be MASTER at once (add 10.0.0.1 to its unicast_peer)",
      "router C's vrrp_instance VI_1 (VRID 61) uses multicast while A sends it unicast adverts: keepalived drops an advert of the other kind, so they never hear each other and both can be MASTER (give both unicast_peer lists, or neither)",
      "router B's vrrp_instance VI_1 (VRID 61) lists unicast_peer 10.0.0.9, which is no router's address here: its adverts to 10.0.0.9 reach none of these routers (give every router's keepalived.conf, and its unicast_src_ip)",
    ]);
  });
});

describe('unicast in the world', () => {
  function masters(routers: { name: string; configText: string }[]): string[] {
    const prepared = prepareScenarioText(
      JSON.stringify({ routers, events: routers.map((r) => ({ at: 0, do: 'start', router: r.name })), until: 10 }),
      'u.json',
      undefined,
    );
    if (!prepared.ok) throw new Error(prepared.message);
    const { cluster, scenario } = prepared.value;
    const last = new Map<string, string>();
    for (const e of simulate(cluster, scenario.events, scenario.until).entries)
      if (e.kind === 'state') last.set(e.router, e.state);
    return [...last].filter(([, s]) => s === 'MASTER').map(([r]) => r);
  }

  it('a pair without unicast_src_ip hears each other: one master', () => {
    expect(
      masters([
        { name: 'A', configText: text(150, ['10.0.0.2']) },
        { name: 'B', configText: text(100, ['10.0.0.1']) },
      ]),
    ).toEqual(['A']);
  });

  it('an asymmetric list makes two masters; unicast and multicast never hear each other', () => {
    expect(
      masters([
        { name: 'A', configText: text(100, ['10.0.0.2'], '10.0.0.1') },
        { name: 'B', configText: text(150, ['10.0.0.9'], '10.0.0.2') },
      ]),
    ).toEqual(['A', 'B']);
    expect(
      masters([
        { name: 'A', configText: text(100, ['10.0.0.2'], '10.0.0.1') },
        { name: 'B', configText: text(150, []) },
      ]),
    ).toEqual(['A', 'B']);
  });
});
