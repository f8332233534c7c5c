/**
 * Each place where keepalived 2.2.7 is more lenient or stricter than a naive reader, with the
 * keepalived source it follows, what vrrp-check makes of it, and — where keepalived is installed —
 * keepalived's own config test agreeing on accept or refuse.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import { formatConfError, formatConfWarning, type KeepalivedConf } from '../../src/config/types.ts';
import { interfacesIn, keepalivedConfigTest, keepalivedUnavailable } from './keepalivedConfigTest.ts';

interface Case {
  readonly name: string;
  /** The keepalived 2.2.7 source the behaviour comes from. */
  readonly source: string;
  readonly text: string;
  /** Checks of the parsed configuration, or the error's message (a part of it) when refused. */
  readonly outcome: ((conf: KeepalivedConf, warnings: string[]) => void) | { readonly refused: string };
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const VIP = '    virtual_ipaddress { 10.0.0.100/24 }';
const instance = (name: string, ...body: string[]) => [`vrrp_instance ${name} {`, ...body, '}'];
const minimal = (...body: string[]) =>
  lines(...instance('VI_1', '    interface eth0', '    virtual_router_id 51', VIP, ...body));
const script = (name: string, ...body: string[]) => [`vrrp_script ${name} {`, ...body, '}'];
const tracking = (...names: string[]) => ['    track_script {', ...names.map((n) => `        ${n}`), '    }'];

const cases: readonly Case[] = [
  {
    name: 'a comment after a value, with # or !',
    source: 'lib/parser.c decomment',
    text: minimal('    priority 101 # primary', '    advert_int 2! two seconds'),
    outcome: (conf) => expect([conf.instances[0]?.priority, conf.instances[0]?.advertIntSeconds]).toEqual([101, 2]),
  },
  {
    name: 'state SLAVE is BACKUP, with a warning',
    source: 'vrrp_parser.c vrrp_state_handler ("unknown state, defaulting to BACKUP")',
    text: minimal('    state SLAVE'),
    outcome: (conf, warnings) => {
      expect(conf.instances[0]?.state).toBe('BACKUP');
      expect(warnings.join('\n')).toMatch(/unknown state "SLAVE" in vrrp_instance VI_1: keepalived uses BACKUP/);
    },
  },
  {
    name: 'state master in lower case is BACKUP too',
    source: 'vrrp_parser.c vrrp_state_handler (strcmp with "MASTER")',
    text: minimal('    state master'),
    outcome: (conf) => expect(conf.instances[0]?.state).toBe('BACKUP'),
  },
  {
    name: 'state BACKUP after state MASTER keeps MASTER',
    source: 'vrrp_parser.c vrrp_state_handler ("state previously set as MASTER - ignoring BACKUP")',
    text: minimal('    state MASTER', '    state BACKUP'),
    outcome: (conf) => expect(conf.instances[0]?.state).toBe('MASTER'),
  },
  {
    name: 'no interface, even with unicast peers, is refused in 2.2.7',
    source: 'vrrp.c chk_min_cfg ("Unknown interface!": VRRP_FLAG_UNICAST is only set later, in vrrp_complete_instance)',
    text: lines(
      ...instance(
        'VI_1',
        '    virtual_router_id 51',
        '    unicast_src_ip 10.0.0.1',
        '    unicast_peer { 10.0.0.2 }',
        VIP,
      ),
    ),
    outcome: { refused: 'vrrp_instance VI_1 has no interface: keepalived refuses it, even with unicast_peer' },
  },
  {
    name: 'no interface without unicast is refused',
    source: 'vrrp.c chk_min_cfg',
    text: lines(...instance('VI_1', '    virtual_router_id 51', VIP)),
    outcome: { refused: 'has no interface' },
  },
  {
    name: 'interface lo is ignored, then the instance is refused',
    source: 'vrrp_parser.c vrrp_int_handler ("cannot use a loopback interface"), vrrp.c chk_min_cfg',
    text: lines(...instance('VI_1', '    interface lo', '    virtual_router_id 51', VIP)),
    outcome: { refused: 'interface "lo" of vrrp_instance VI_1 is the loopback interface' },
  },
  {
    name: 'a duplicate vrrp_script name is accepted: every track_script finds the first',
    source: 'vrrp_data.c alloc_vrrp_script (no check), vrrp_track.c find_script_by_name',
    text: lines(
      ...script('chk', '    script "/bin/true"', '    weight 10'),
      ...script('chk', '    script "/bin/false"', '    weight -30'),
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', VIP, ...tracking('chk')),
    ),
    outcome: (conf, warnings) => {
      expect(conf.scripts.map((s) => [s.name, s.weight])).toEqual([['chk', 10]]);
      expect(warnings.join('\n')).toMatch(/duplicate vrrp_script "chk" \(first defined on line 1 of k\.conf\)/);
    },
  },
  {
    name: 'a duplicate vrrp_script after one without a command: the second is the one found',
    source: 'vrrp_parser.c vrrp_vscript_end_handler ("No script set ... removing")',
    text: lines(
      ...script('chk', '    weight 10'),
      ...script('chk', '    script "/bin/false"', '    weight -30'),
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', VIP, ...tracking('chk')),
    ),
    outcome: (conf) => {
      expect(conf.scripts.map((s) => [s.name, s.weight])).toEqual([['chk', -30]]);
      expect(conf.instances[0]?.trackScripts.map((t) => t.name)).toEqual(['chk']);
    },
  },
  {
    name: 'a track_script above its vrrp_script is not tracked',
    source: 'vrrp_track.c alloc_track_script (names are resolved while reading: "track script not found, ignoring")',
    text: lines(
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', VIP, ...tracking('late')),
      ...script('late', '    script "/bin/true"'),
    ),
    outcome: (conf) => expect(conf.instances[0]?.trackScripts).toEqual([]),
  },
  {
    name: 'advert_int 1000 is ignored: the default 1 s stays',
    source: 'vrrp_parser.c vrrp_adv_handler (read_decimal_unsigned_strvec from 0.01 to 255 s)',
    text: minimal('    advert_int 1000'),
    outcome: (conf, warnings) => {
      expect(conf.instances[0]?.advertIntSeconds).toBeUndefined();
      expect(warnings.join('\n')).toMatch(
        /invalid advert_int "1000" .*keepalived ignores it and keeps the default 1 s/,
      );
    },
  },
  {
    name: 'advert_int 0 is ignored too',
    source: 'vrrp_parser.c vrrp_adv_handler',
    text: minimal('    advert_int 0'),
    outcome: (conf) => expect(conf.instances[0]?.advertIntSeconds).toBeUndefined(),
  },
  {
    name: 'priority 256 is the default 100',
    source: 'vrrp_parser.c vrrp_prio_handler ("Priority not valid! ... Using default 100")',
    text: minimal('    state MASTER', '    priority 256'),
    outcome: (conf) => expect(conf.instances[0]?.priority).toBe(100),
  },
  {
    name: 'a missing parameter stops keepalived',
    source: 'lib/parser.c null_strvec',
    text: minimal('    priority'),
    outcome: { refused: 'priority needs a value' },
  },
  {
    name: 'an invalid virtual_router_id is ignored, then the instance is refused',
    source: 'vrrp_parser.c vrrp_vrid_handler, vrrp.c chk_min_cfg',
    text: lines(...instance('VI_1', '    interface eth0', '    virtual_router_id 300', VIP)),
    outcome: { refused: 'virtual_router_id "300" of vrrp_instance VI_1 is not an integer from 1 to 255' },
  },
  {
    name: 'the same VRID twice on one interface is refused',
    source: 'vrrp.c check_vrid_conflicts ("both use VRID")',
    text: lines(
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', VIP),
      ...instance('VI_2', '    interface eth0', '    virtual_router_id 51', '    virtual_ipaddress { 10.0.0.101/24 }'),
    ),
    outcome: {
      refused:
        'vrrp_instance VI_2 has virtual_router_id 51 like vrrp_instance VI_1 (line 3) and both use it on interface eth0',
    },
  },
  {
    name: 'the same VRID on two interfaces is accepted',
    source: 'vrrp.c check_vrid_conflicts (another interface is another VRID space)',
    text: lines(
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', VIP),
      ...instance('VI_2', '    interface eth1', '    virtual_router_id 51', '    virtual_ipaddress { 10.0.1.100/24 }'),
    ),
    outcome: (conf) =>
      expect(conf.instances.map((i) => [i.interface, i.virtualRouterId])).toEqual([
        ['eth0', 51],
        ['eth1', 51],
      ]),
  },
  {
    name: 'the same VRID on one interface with another multicast group is accepted',
    source: 'vrrp.c check_vrid_conflicts (different mcast_dst_ip)',
    text: lines(
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', VIP),
      ...instance(
        'VI_2',
        '    interface eth0',
        '    virtual_router_id 51',
        '    mcast_dst_ip 224.0.0.19',
        '    virtual_ipaddress { 10.0.0.101/24 }',
      ),
    ),
    outcome: (conf) => expect(conf.instances[1]?.mcastDstIp).toBe('224.0.0.19'),
  },
  {
    name: 'the same VRID twice unicast to a common peer is refused',
    source: 'vrrp.c check_vrid_conflicts ("duplicate VRID conflict")',
    text: lines(
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', '    unicast_peer { 192.0.2.9 }', VIP),
      ...instance(
        'VI_2',
        '    interface eth0',
        '    virtual_router_id 51',
        '    unicast_peer { 192.0.2.9 }',
        '    virtual_ipaddress { 10.0.0.101/24 }',
      ),
    ),
    outcome: { refused: 'both send unicast from the same address on eth0 to 192.0.2.9' },
  },
  {
    name: 'the same VRID unicast and multicast are separate',
    source: 'vrrp.c check_vrid_conflicts ("Unicast and multicast are separate VRID spaces")',
    text: lines(
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', '    unicast_peer { 192.0.2.9 }', VIP),
      ...instance('VI_2', '    interface eth0', '    virtual_router_id 51', '    virtual_ipaddress { 10.0.0.101/24 }'),
    ),
    outcome: (conf) => expect(conf.instances).toHaveLength(2),
  },
  {
    name: 'no virtual_ipaddress is a warning with VRRP version 2',
    source: 'vrrp.c vrrp_complete_instance ("at least one is sensible")',
    text: lines(...instance('VI_1', '    interface eth0', '    virtual_router_id 51')),
    outcome: (_conf, warnings) => expect(warnings.join('\n')).toMatch(/has no virtual_ipaddress/),
  },
  {
    name: 'no virtual_ipaddress is refused with version 3',
    source: 'vrrp.c vrrp_complete_instance ("at least one is required")',
    text: lines(...instance('VI_1', '    interface eth0', '    virtual_router_id 51', '    version 3')),
    outcome: { refused: 'keepalived refuses it with VRRP version 3' },
  },
  {
    name: 'no virtual_ipaddress is refused with global vrrp_strict, set below the instance',
    source: 'vrrp.c vrrp_complete_instance (strict_mode from global_data->vrrp_strict)',
    text: lines(
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51'),
      'global_defs {',
      '    vrrp_strict',
      '}',
    ),
    outcome: { refused: 'keepalived refuses it with strict mode' },
  },
  {
    name: 'vrrp_strict with unicast peers is accepted by 2.2.7',
    source: 'vrrp.c vrrp_complete_instance (its strict/unicast check reads VRRP_FLAG_UNICAST before setting it)',
    text: lines(
      'global_defs {',
      '    vrrp_strict',
      '}',
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', '    unicast_peer { 192.0.2.9 }', VIP),
    ),
    outcome: (conf) =>
      expect([conf.globalDefs.vrrpStrict, conf.instances[0]?.unicastPeers]).toEqual([true, ['192.0.2.9']]),
  },
  {
    name: 'a unicast keyword without peers means multicast',
    source: 'vrrp.c vrrp_complete_instance ("A unicast keyword has been specified without any unicast peers")',
    text: minimal('    unicast_src_ip 10.0.0.1'),
    outcome: (_conf, warnings) =>
      expect(warnings.join('\n')).toMatch(/unicast keyword but no unicast_peer: keepalived uses multicast/),
  },
  {
    name: "vrrp_script weight out of range keeps strtol's value",
    source: 'vrrp_parser.c vrrp_vscript_weight_handler (assigns the value after reporting it)',
    text: lines(...script('chk', '    script "/bin/true"', '    weight 255')),
    outcome: (conf) => expect(conf.scripts[0]?.weight).toBe(255),
  },
  {
    name: 'rise 0 is 1, interval 0 is 1',
    source: 'vrrp_parser.c vrrp_vscript_rise_handler, vrrp_vscript_interval_handler',
    text: lines(...script('chk', '    script "/bin/true"', '    rise 0', '    interval 0')),
    outcome: (conf) => expect([conf.scripts[0]?.rise, conf.scripts[0]?.intervalSeconds]).toEqual([1, 1]),
  },
  {
    name: 'skip_check_adv_addr false still sets it',
    source: 'vrrp_parser.c vrrp_skip_check_adv_addr_handler (any valid value sets the flag)',
    text: minimal('    skip_check_adv_addr false'),
    outcome: (conf) => expect(conf.instances[0]?.skipCheckAdvAddr).toBe(true),
  },
  {
    name: 'an unknown keyword with a block: its lines belong to the instance and its "}" closes it',
    source: 'lib/parser.c process_stream ("Unknown keyword", "Unexpected \'{\' - ignoring")',
    text: lines(
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      VIP,
      '    prioritee {',
      '        priority 42',
      '    }',
      '    priority 7',
      '}',
    ),
    outcome: (conf, warnings) => {
      expect(conf.instances[0]?.priority).toBe(42);
      expect(warnings.join('\n')).toMatch(/unknown keyword "prioritee" in vrrp_instance VI_1, ignored with its "\{"/);
    },
  },
  {
    name: 'track_script without "{" takes the lines up to the next "}"',
    source: 'lib/parser.c alloc_value_block ("Block has extra parameters", "\'{\' missing from beginning of block")',
    text: lines(
      ...script('chk', '    script "/bin/true"'),
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      VIP,
      '    track_script chk',
      '}',
      'vrrp_instance VI_2 {',
      '    interface eth0',
      '    virtual_router_id 52',
      '}',
    ),
    outcome: (conf) => expect(conf.instances.map((i) => [i.name, i.virtualRouterId])).toEqual([['VI_1', 52]]),
  },
  {
    name: 'a second vrrp_instance of the same name is skipped',
    source: 'vrrp_parser.c vrrp_handler ("vrrp instance already defined", skip_block)',
    text: lines(
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', VIP),
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 52', VIP),
    ),
    outcome: (conf) => expect(conf.instances.map((i) => i.virtualRouterId)).toEqual([51]),
  },
  {
    name: '$NAME=value definitions are substituted; $NAME/24 is not a reference',
    source: 'lib/parser.c check_definition, replace_param, find_definition',
    text: lines(
      '$PRIO=150',
      '$IF=eth0',
      ...instance('VI_1', '    interface $IF', '    virtual_router_id 51', `    priority $${'{PRIO}'}`, VIP),
    ),
    outcome: (conf) => expect([conf.instances[0]?.interface, conf.instances[0]?.priority]).toEqual(['eth0', 150]),
  },
  {
    name: 'global_defs keywords that change elections are kept, typed',
    source: 'core/global_parser.c (vrrp_startup_delay_handler, vrrp_version_handler, vrrp_strict_handler, …)',
    text: lines(
      'global_defs {',
      '    vrrp_startup_delay 5.5',
      '    vrrp_version 2',
      '    vrrp_garp_master_refresh 60',
      '    vrrp_garp_master_repeat 0',
      '    vrrp_higher_prio_send_advert',
      '    vrrp_lower_prio_no_advert false',
      '    vrrp_skip_check_adv_addr',
      '    vrrp_mcast_group4 224.0.0.19',
      '}',
    ),
    outcome: (conf) =>
      expect(conf.globalDefs).toEqual({
        vrrpStartupDelaySeconds: 5.5,
        vrrpVersion: 2,
        vrrpGarpMasterRefreshSeconds: 60,
        vrrpGarpMasterRepeat: 1,
        vrrpHigherPrioSendAdvert: true,
        vrrpLowerPrioNoAdvert: false,
        vrrpSkipCheckAdvAddr: true,
        vrrpMcastGroup4: '224.0.0.19',
        other: [],
      }),
  },
  {
    name: 'sync groups keep the members keepalived keeps',
    source: 'vrrp_sync.c vrrp_sync_set_group ("doesn\'t exist - ignoring", "cannot exist in more than one sync group")',
    text: lines(
      ...instance('VI_1', '    interface eth0', '    virtual_router_id 51', VIP),
      ...instance('VI_2', '    interface eth1', '    virtual_router_id 52', '    virtual_ipaddress { 10.0.1.100/24 }'),
      'vrrp_sync_group G1 {',
      '    group { VI_1 VI_2 VI_9 }',
      '    notify_master "/bin/true"',
      '}',
      'vrrp_sync_group G2 {',
      '    group {',
      '        VI_2',
      '    }',
      '}',
    ),
    outcome: (conf, warnings) => {
      expect(conf.syncGroups.map((g) => [g.name, g.members, g.notifies.length])).toEqual([['G1', ['VI_1', 'VI_2'], 1]]);
      expect(warnings.join('\n')).toMatch(/vrrp_instance "VI_9" of vrrp_sync_group G1 does not exist/);
      expect(warnings.join('\n')).toMatch(/vrrp_sync_group G2 has no instance left: keepalived removes it/);
    },
  },
  {
    name: 'a sync group mixing address owners and others is warned about, in group order',
    source: 'vrrp_sync.c vrrp_sync_set_group ("has some member(s) as address owner and some not")',
    text: lines(
      ...instance(
        'VI_1',
        '    state MASTER',
        '    interface eth0',
        '    virtual_router_id 51',
        '    priority 255',
        VIP,
      ),
      ...instance('VI_2', '    state BACKUP', '    interface eth0', '    virtual_router_id 52', VIP),
      ...instance(
        'VI_3',
        '    state MASTER',
        '    interface eth0',
        '    virtual_router_id 53',
        '    priority 255',
        VIP,
      ),
      ...instance('VI_4', '    state BACKUP', '    interface eth0', '    virtual_router_id 54', VIP),
      'vrrp_sync_group G1 {',
      '    group { VI_1 VI_2 }',
      '}',
      // keepalived checks only a BACKUP member after owners: with VI_4 first it reports nothing
      'vrrp_sync_group G2 {',
      '    group { VI_4 VI_3 }',
      '}',
    ),
    outcome: (_conf, warnings) => {
      const mixed = warnings.filter((w) => /address owner and some not/.test(w));
      expect(mixed).toHaveLength(1);
      expect(mixed[0]).toMatch(/vrrp_sync_group G1 has some member\(s\) as address owner/);
    },
  },
  {
    name: 'track_file and vrrp_track_process blocks, tracked by an instance',
    source: 'trackers/track_file.c, vrrp_parser.c vrrp_tprocess_*_handler, vrrp_track.c alloc_track_process',
    text: lines(
      'track_file flag {',
      '    file /run/keepalived.flag',
      '    weight -20',
      '    init_file 0 overwrite',
      '}',
      'vrrp_track_process haproxy {',
      '    process haproxy',
      '    weight 10',
      '    quorum 1',
      '    delay 2.5',
      '}',
      ...instance(
        'VI_1',
        '    interface eth0',
        '    virtual_router_id 51',
        VIP,
        '    track_file { flag }',
        '    track_process {',
        '        haproxy weight 20',
        '    }',
      ),
    ),
    outcome: (conf) => {
      expect(conf.trackFiles).toEqual([
        {
          name: 'flag',
          file: '/run/keepalived.flag',
          weight: -20,
          initFile: { value: 0, overwrite: true },
          pos: expect.anything(),
        },
      ]);
      expect(conf.trackProcesses[0]).toMatchObject({
        name: 'haproxy',
        process: 'haproxy',
        weight: 10,
        quorum: 1,
        delaySeconds: 2.5,
      });
      expect(conf.instances[0]?.trackFiles.map((t) => t.name)).toEqual(['flag']);
      expect(conf.instances[0]?.trackProcesses.map((t) => [t.name, t.weight])).toEqual([['haproxy', 20]]);
    },
  },
  {
    name: 'a mask or range after a unicast address is dropped',
    source: 'lib/utils.c inet_stosockaddr ("remove range and mask stuff")',
    text: minimal('    unicast_src_ip 192.0.2.1/24', '    unicast_peer {', '        192.0.2.2/24', '    }'),
    outcome: (conf, warnings) => {
      expect([conf.instances[0]?.unicastSrcIp, conf.instances[0]?.unicastPeers]).toEqual(['192.0.2.1', ['192.0.2.2']]);
      expect(warnings).toEqual([]);
    },
  },
  {
    name: 'unicast_peer lines with their TTL options',
    source: 'vrrp_data.c alloc_vrrp_unicast_peer',
    text: minimal('    unicast_peer {', '        192.0.2.2 min_ttl 1 max_ttl 64', '        192.0.2.3', '    }'),
    outcome: (conf) =>
      expect(conf.instances[0]?.peers.map((p) => [p.address, p.minTtl, p.maxTtl])).toEqual([
        ['192.0.2.2', 1, 64],
        ['192.0.2.3', undefined, undefined],
      ]),
  },
];

const FILE = 'k.conf';
const why = keepalivedUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'vrrp-check-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keepalived 2.2.7 parity of the reader', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = parseKeepalivedConf(c.text, FILE);
    if (typeof c.outcome === 'function') {
      if (!result.ok) throw new Error(`refused: ${formatConfError(result.error)} (${c.source})`);
      c.outcome(result.conf, result.conf.warnings.map(formatConfWarning));
    } else {
      expect(result.ok ? 'accepted' : formatConfError(result.error)).toContain(c.outcome.refused);
    }
  });

  describe(`keepalived -t agrees${why === null ? '' : ` (skipped: ${why})`}`, () => {
    it.for(cases.map((c, index) => ({ ...c, index })))('$name', (c, context) => {
      if (why !== null) context.skip(why);
      const file = join(dir, `case-${c.index}.conf`);
      writeFileSync(file, c.text);
      // $IF names eth0, which the text alone does not show
      const verdict = keepalivedConfigTest(file, [...new Set([...interfacesIn([c.text]), 'eth0', 'eth1'])]);
      const said = verdict.rejects ? `refuses: ${verdict.reason}` : 'accepts';
      expect(said).toMatch(typeof c.outcome === 'function' ? /^accepts$/ : /^refuses: /);
    });
  });
});
