import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileName } from '../../model/profiles.ts';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import { formatConfError, type KeepalivedConf, type ParsedInstance } from '../../src/config/types.ts';
import { flagCheck } from '../../src/conform/flagFile.ts';
import { modelledConf } from '../../src/conform/modelledConf.ts';
import { writeConformConf } from '../../src/conform/writeConformConf.ts';
import { acceptedBypassConf, bypassIncludeHost, refusedBypasses, userCommandWords } from './bypassConf.ts';
import { conformConfGrammar } from './conformConfGrammar.ts';
import { configTestUnavailable, keepalivedConfigTest } from './keepalivedConfigTest.ts';

const RUN = '/tmp/vck1-1-abcdef';
const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const profiles: readonly ProfileName[] = ['keepalived-2.2', 'keepalived-1.2'];
const MARK = '/tmp/vrrp-check-pwned-x';
const INC = '/tmp/vrrp-check-inc';

function confFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return confFiles(path);
      return name.endsWith('.conf') ? [path] : [];
    });
}

function parsed(text: string, file = 'A.conf'): KeepalivedConf {
  const result = parseKeepalivedConf(text, file, bypassIncludeHost(MARK, INC));
  if (!result.ok) throw new Error(formatConfError(result.error));
  return result.conf;
}

function writtenConf(conf: KeepalivedConf, profile: ProfileName = 'keepalived-2.2', router = 'A'): string {
  const result = writeConformConf(conf, { router, runDir: RUN, profile });
  if (!result.ok) throw new Error(formatConfError(result.error));
  return result.text;
}

const written = (text: string, profile: ProfileName = 'keepalived-2.2') => writtenConf(parsed(text), profile);

const refusalOf = (conf: KeepalivedConf, profile: ProfileName = 'keepalived-2.2') => {
  const result = writeConformConf(conf, { router: 'A', runDir: RUN, profile });
  if (result.ok) throw new Error(`written:\n${result.text}`);
  return formatConfError(result.error);
};

const refusal = (text: string, profile: ProfileName = 'keepalived-2.2') => refusalOf(parsed(text), profile);

const instance = (body: string, name = 'VI_1') =>
  `vrrp_instance ${name} {\n    interface eth0\n    virtual_router_id 51\n${body}    virtual_ipaddress {\n        10.99.0.100/24\n    }\n}\n`;

/** A parsed config with its first instance changed: what the writer does with values the reader never gives. */
function withInstance(text: string, change: Partial<ParsedInstance>): KeepalivedConf {
  const conf = parsed(text);
  const [first, ...rest] = conf.instances;
  if (first === undefined) throw new Error('no instance');
  return { ...conf, instances: [{ ...first, ...change }, ...rest] };
}

describe('writeConformConf: the bypasses of issue 13 that the reader accepts never reach keepalived', () => {
  const bypass = acceptedBypassConf('A', MARK, INC);
  const conf = parsed(bypass);

  it('the reader does accept them: definitions substituted, includes followed, commands read as text', () => {
    // the six include forms each brought an instance
    expect(conf.instances.map((i) => i.name)).toEqual([
      'INC_r',
      'INC_m',
      'INC_w',
      'INC_b',
      'INC_a',
      'INC_plain',
      'VI_1',
    ]);
    const vi = conf.instances.find((i) => i.name === 'VI_1');
    // $PWN became a notify_master, which came first; the one after a "}" was read as a keyword
    expect(vi?.notifies.map((n) => n.kind)).toEqual([
      'notify_master',
      'notify_backup',
      'notify_stop',
      'notify',
      'notify_master_rx_lower_pri',
      'notify_fault',
    ]);
    expect(vi?.notifies[0]?.command).toBe(`/usr/bin/touch ${MARK}-definition`);
    expect(conf.scripts.map((s) => [s.name, s.script])).toEqual([
      ['oneline', `/usr/bin/touch ${MARK}-one-line-script`],
      ['chk', `/usr/bin/touch ${MARK}-script`],
      ['defined', `/usr/bin/touch ${MARK}-definition-script`],
    ]);
    expect(conf.globalDefs.other.map((k) => k.keyword)).toEqual([
      'startup_script',
      'shutdown_script',
      'vrrp_notify_fifo',
      'vrrp_notify_fifo_script',
    ]);
    expect(conf.trackFiles.map((f) => f.file)).toEqual([`${MARK}-track-file`]);
    expect(vi?.authentication?.pass).toBe('pwned-pw');
  });

  it('no word of a user command, file or password reaches the config, for either keepalived', () => {
    for (const profile of profiles) {
      const text = writtenConf(conf, profile);
      for (const word of userCommandWords) expect(text).not.toContain(word);
      expect(text).not.toMatch(/^\s*user\b/m);
      expect(conformConfGrammar(text)).toEqual([]);
    }
  });

  it('each vrrp_script, the one-line one too, runs the test of its flag file, and only that', () => {
    const text = writtenConf(conf);
    const scripts = [...text.matchAll(/^ {4}script "(.*)"$/gm)].map((m) => m[1]);
    expect(scripts).toEqual(['oneline', 'chk', 'defined'].map((name) => flagCheck(RUN, 'A', name)));
    expect(text).toMatch(/^vrrp_script oneline \{\n {4}script "[^"]+"\n\}$/m);
  });

  it('every instance, the included ones too, is written with its own VRID and address', () => {
    const text = writtenConf(conf);
    expect([...text.matchAll(/^ {4}virtual_router_id (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([
      200, 201, 202, 203, 204, 205, 51,
    ]);
  });
});

describe('writeConformConf: the bypasses the reader refuses never reach the writer', () => {
  for (const bypass of refusedBypasses('A', MARK)) {
    it(bypass.what, () => {
      const result = parseKeepalivedConf(bypass.text, 'A.conf');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const line = formatConfError(result.error);
      expect(line).toMatch(new RegExp(`^A\\.conf:${bypass.at}: `));
      expect(line).toMatch(bypass.message);
      expect(line).not.toContain('\n');
    });
  }
});

describe('writeConformConf: every example config', () => {
  it('is written and reads back to the same model, or is refused by the reader or the writer with its place', () => {
    let count = 0;
    for (const file of confFiles(EXAMPLES)) {
      const result = parseKeepalivedConf(readFileSync(file, 'utf8'), file);
      if (!result.ok) {
        // templates and @-lines of the wild set: the reader's refusal, checked by test/wild
        expect(formatConfError(result.error)).toMatch(/^\S+:\d+:\d+: /);
        continue;
      }
      for (const profile of profiles) {
        const answer = writeConformConf(result.conf, { router: 'A', runDir: RUN, profile });
        if (!answer.ok) {
          // only the wild set holds what conform cannot run (sync groups, strict mode, …)
          expect(file).toContain('/wild/');
          expect(formatConfError(answer.error)).toMatch(/^\S+:\d+:\d+: [^\n]+ yet, and would run it without: /);
          continue;
        }
        count++;
        expect(modelledConf(parsed(answer.text), profile)).toEqual(modelledConf(result.conf, profile));
        expect(conformConfGrammar(answer.text)).toEqual([]);
      }
    }
    expect(count).toBeGreaterThan(100);
  });
});

describe('writeConformConf: what it writes', () => {
  it('pins the shape of a written config', () => {
    const text = written(
      `global_defs {\n    router_id lb1\n    script_user nobody\n}\nvrrp_script chk {\n    script "/bin/check --x"\n    interval 2\n    weight -5\n    fall 2\n    init_fail\n}\n${instance('    state MASTER\n    priority 150\n    advert_int 1\n    nopreempt\n    preempt_delay 2.5\n    track_interface {\n        eth1 weight 10\n    }\n    track_script {\n        chk weight 20\n    }\n    unicast_src_ip 10.99.0.1\n    unicast_peer {\n        10.99.0.2\n    }\n    notify_master /etc/x.sh\n    authentication {\n        auth_type PASS\n        auth_pass secret\n    }\n')}`,
    );
    expect(text).toBe(`global_defs {
    router_id A
    enable_script_security
    script_user root
}
vrrp_script chk {
    script "/usr/bin/test -f ${RUN}/A.chk.flag"
    interval 2
    weight -5
    fall 2
    init_fail
}
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    nopreempt
    preempt_delay 2.5
    track_interface {
        eth1 weight 10
    }
    track_script {
        chk weight 20
    }
    virtual_ipaddress {
        10.99.0.100/24
    }
    unicast_src_ip 10.99.0.1
    unicast_peer {
        10.99.0.2
    }
    authentication {
        auth_type PASS
        auth_pass 2bb80d53
    }
}
`);
  });

  it('for 1.2.13: no keyword it lacks (script security, init_fail)', () => {
    const text = written(
      `vrrp_script chk {\n    script /bin/true\n    init_fail\n}\n${instance('')}`,
      'keepalived-1.2',
    );
    expect(text).not.toMatch(/script_security|script_user|init_fail/);
  });

  it('a password as a stand-in: equal ones stay equal (keepalived compares 8 bytes), others differ', () => {
    const pass = (word: string) => {
      const text = written(
        instance(`    authentication {\n        auth_type PASS\n        auth_pass ${word}\n    }\n`),
      );
      expect(text).not.toContain(word);
      return /auth_pass ([0-9a-f]{8})$/m.exec(text)?.[1];
    };
    expect(pass('secret')).toMatch(/^[0-9a-f]{8}$/);
    expect(pass('secret')).toBe(pass('secret'));
    // vrrp_auth_pass_handler keeps 8 characters
    expect(pass('12345678-a')).toBe(pass('12345678-b'));
    expect(pass('secret')).not.toBe(pass('secreT'));
  });

  it('a sync group, its tracking weights and trackers, the advert options, reversed weights and vrrp_startup_delay', () => {
    const text = written(
      `global_defs {\n    vrrp_startup_delay 2.5\n    vrrp_lower_prio_no_advert\n}\nvrrp_script chk {\n    script /bin/true\n    weight 10 reverse\n}\n${instance('    higher_prio_send_advert\n    track_script {\n        chk weight -20 reverse\n    }\n')}vrrp_sync_group G {\n    group {\n        VI_1\n    }\n    notify_master /bin/x\n    sync_group_tracking_weight\n    track_interface {\n        eth1 weight 5\n    }\n}\n`,
    );
    expect(text).toContain('    vrrp_startup_delay 2.5\n    vrrp_lower_prio_no_advert true\n}');
    expect(text).toContain('    weight 10 reverse\n');
    expect(text).toContain(
      '    track_script {\n        chk weight -20 reverse\n    }\n    higher_prio_send_advert true\n',
    );
    expect(text).toMatch(
      /\nvrrp_sync_group G \{\n {4}group \{\n {8}VI_1\n {4}\}\n {4}sync_group_tracking_weight\n {4}track_interface \{\n {8}eth1 weight 5\n {4}\}\n\}\n$/,
    );
    expect(text).not.toContain('notify');
    // 1.2.13 has none of the 2.x keywords, and calls the tracking weight global_tracking
    const older = written(
      `global_defs {\n    vrrp_startup_delay 2.5\n}\n${instance('')}vrrp_sync_group G {\n    group {\n        VI_1\n    }\n    sync_group_tracking_weight\n}\n`,
      'keepalived-1.2',
    );
    expect(older).not.toMatch(/startup|sync_group_tracking_weight/);
    expect(older).toContain('    global_tracking\n');
  });

  it('no authentication where keepalived uses none: no type, or no password', () => {
    expect(written(instance('    authentication {\n        auth_pass secret\n    }\n'))).not.toMatch(/auth/);
    expect(written(instance('    authentication {\n        auth_type AH\n    }\n'))).not.toMatch(/auth/);
  });
});

describe('writeConformConf: what does not change an election is left out, and the config still runs', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['notify scripts and mail', '    notify_master /bin/x\n    smtp_alert\n'],
    ['GARP timing', '    garp_master_delay 5\n    garp_master_refresh 60\n    garp_lower_prio_repeat 2\n'],
    [
      'routes keepalived does not track, rules and excluded addresses',
      '    virtual_routes {\n        10.1.0.0/16 via 10.99.0.254\n        10.2.0.0/16 dev eth1 no_track\n    }\n    virtual_rules {\n        from 10.99.0.100 table 100\n    }\n    virtual_ipaddress_excluded {\n        10.99.0.101\n    }\n',
    ],
    ['accept mode and the advert address check', '    no_accept\n    skip_check_adv_addr\n'],
    ['a unicast TTL and peers with no limits', '    unicast_ttl 10\n    unicast_peer {\n        10.99.0.2\n    }\n'],
    [
      'keywords the reader keeps as written (debug, promote_secondaries, …)',
      '    debug 2\n    promote_secondaries\n    old_unicast_checksum\n',
    ],
    ['version 2 and a multicast group that is the default', '    version 2\n    mcast_dst_ip 224.0.0.18\n'],
  ];
  for (const [what, body] of cases) {
    it(what, () => {
      const text = written(instance(body));
      expect(conformConfGrammar(text)).toEqual([]);
      for (const word of body.split(/\s+/).filter((w) => /^[a-z_]{4,}$/.test(w) && w !== 'unicast_peer')) {
        expect(text).not.toContain(word);
      }
    });
  }

  it('global_defs keywords that do not change an election', () => {
    const text = written(
      `global_defs {\n    vrrp_garp_master_delay 5\n    vrrp_skip_check_adv_addr\n    vrrp_version 2\n    dynamic_interfaces\n    notification_email {\n        a@b.c\n    }\n    vrrp_iptables\n}\n${instance('')}`,
    );
    expect(text).not.toMatch(/garp|skip|version|dynamic|email|iptables/);
  });

  it('top-level blocks that do not change an election, and definitions nothing tracks', () => {
    const text = written(
      `static_ipaddress {\n    10.1.1.1/24 dev eth0\n}\nvirtual_server 10.99.0.100 80 {\n    real_server 10.0.0.1 80 {\n    }\n}\ntrack_file tf {\n    file /tmp/x\n}\n${instance('')}`,
    );
    expect(text).not.toMatch(/static|virtual_server|track_file/);
  });
});

describe('writeConformConf: a setting that changes an election is refused with its place', () => {
  const cases: readonly (readonly [string, string, RegExp])[] = [
    [
      'vrrp_version 3',
      `global_defs {\n    vrrp_version 3\n}\n${instance('')}`,
      /^A\.conf:2:5: global_defs: [^\n]+"vrrp_version 3"/,
    ],
    ['vrrp_strict', `global_defs {\n    vrrp_strict\n}\n${instance('')}`, /"vrrp_strict"/],
    [
      'vrrp_down_timer_adverts',
      `global_defs {\n    vrrp_down_timer_adverts 5\n}\n${instance('')}`,
      /"vrrp_down_timer_adverts"/,
    ],
    [
      'another multicast group',
      `global_defs {\n    vrrp_mcast_group4 224.0.0.19\n}\n${instance('')}`,
      /"vrrp_mcast_group4"/,
    ],
    [
      'vrrp_check_unicast_src',
      `global_defs {\n    vrrp_check_unicast_src\n}\n${instance('')}`,
      /"vrrp_check_unicast_src"/,
    ],
    [
      'a tracked file',
      `track_file tf {\n    file /tmp/x\n}\n${instance('    track_file {\n        tf\n    }\n')}`,
      /^A\.conf:8:9: vrrp_instance VI_1: conform cannot give keepalived "track_file" yet, and would run it without: [^\n]+the live harness does not write its numbers yet/,
    ],
    [
      'mcast_src_ip',
      instance('    mcast_src_ip 10.99.0.9\n'),
      /^A\.conf:4:5: [^\n]+"mcast_src_ip".*breaks priority ties/,
    ],
    ['mcast_dst_ip', instance('    mcast_dst_ip 224.0.0.19\n'), /"mcast_dst_ip"/],
    ['version 3', instance('    version 3\n'), /"version 3"/],
    [
      'a route keepalived tracks (it has its interface)',
      instance('    virtual_routes {\n        10.2.0.0/16 dev eth1\n    }\n'),
      /^A\.conf:\d+:5: vrrp_instance VI_1: conform cannot give keepalived "virtual_routes 10\.2\.0\.0\/16 dev eth1".*netlink_route_filter/,
    ],
    [
      'an IPv6 instance',
      'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        fd00::100/64\n    }\n}\n',
      /^A\.conf:1:15: vrrp_instance VI_1: conform cannot give keepalived "IPv6 addresses" yet, and would run it without: the instance runs VRRPv3 over IPv6/,
    ],
    ['strict_mode', instance('    strict_mode true\n'), /"strict_mode"/],
    ['down_timer_adverts', instance('    down_timer_adverts 5\n'), /"down_timer_adverts"/],
    ['use_vmac', instance('    use_vmac\n'), /"use_vmac"/],
    [
      'check_unicast_src',
      instance('    check_unicast_src\n    unicast_peer {\n        10.99.0.2\n    }\n'),
      /"check_unicast_src"/,
    ],
    [
      'peer TTL limits',
      instance('    unicast_peer {\n        10.99.0.2 min_ttl 250 max_ttl 255\n    }\n'),
      /"check_unicast_src".*TTL limits/,
    ],
    ['unicast_fault_no_peer without a peer', instance('    unicast_fault_no_peer\n'), /"unicast_fault_no_peer"/],
    [
      'AH authentication',
      instance('    authentication {\n        auth_type AH\n        auth_pass secret\n    }\n'),
      /^A\.conf:\d+:5: vrrp_instance VI_1: conform cannot give keepalived "auth_type AH"/,
    ],
    [
      'link polling in an instance',
      instance('    linkbeat_use_polling\n'),
      /^A\.conf:\d+:5: vrrp_instance VI_1: conform cannot give keepalived "linkbeat_use_polling".*POLLING_DELAY/,
    ],
    [
      'link polling for the whole process',
      `linkbeat_use_polling\n${instance('')}`,
      /^A\.conf:1:1: the config: conform cannot give keepalived "linkbeat_use_polling"/,
    ],
    [
      'delayed link events',
      `interface_up_down_delays {\n    eth0 2 2\n}\n${instance('')}`,
      /^A\.conf:1:1: the config: conform cannot give keepalived "interface_up_down_delays"/,
    ],
  ];
  for (const [what, text, message] of cases) {
    it(what, () => expect(refusal(text)).toMatch(message));
  }
});

describe('writeConformConf: a value it cannot write as keepalived reads it is refused, with its place', () => {
  // the reader gives keepalived's fallback for each of these (the writer writes that): the
  // writer's own check stands behind it, for a parsed config the reader never gives
  const cases: readonly (readonly [string, KeepalivedConf, RegExp])[] = [
    [
      'an instance name keepalived would read as a definition use',
      withInstance(instance(''), { name: '$VI' }),
      /^A\.conf:1:15: vrrp_instance name "\$VI" cannot be given to keepalived as it is \(conform writes names of letters/,
    ],
    [
      'an interface name longer than Linux allows',
      withInstance(instance(''), { interface: 'eth0123456789abcdef' }),
      /^A\.conf:1:15: vrrp_instance VI_1: interface "eth0123456789abcdef" cannot be given/,
    ],
    [
      'an advert_int keepalived refuses',
      withInstance(instance(''), { advertIntSeconds: 300 }),
      /advert_int 300 is not a value keepalived reads as written/,
    ],
    [
      'a fractional script interval, which keepalived ignores',
      (() => {
        const conf = parsed(`vrrp_script chk {\n    script /bin/true\n}\n${instance('')}`);
        return { ...conf, scripts: conf.scripts.map((s) => ({ ...s, intervalSeconds: 1.5 })) };
      })(),
      /^A\.conf:1:13: vrrp_script chk: interval 1\.5 is not a value keepalived reads as written: whole seconds from 1 to 4294 \(vrrp_parser\.c vrrp_vscript_interval_handler\)/,
    ],
    [
      'a rise beyond INT_MAX',
      (() => {
        const conf = parsed(`vrrp_script chk {\n    script /bin/true\n}\n${instance('')}`);
        return { ...conf, scripts: conf.scripts.map((s) => ({ ...s, rise: 99999999999 })) };
      })(),
      /rise 99999999999 is not a value keepalived reads as written: an integer from 1 to 2147483647/,
    ],
  ];
  for (const [what, conf, message] of cases) {
    it(what, () => expect(refusalOf(conf)).toMatch(message));
  }

  it("the reader's fallbacks for them, as keepalived's: the default is written", () => {
    const advert = written(instance('    advert_int 300\n'));
    expect(advert).not.toMatch(/advert_int/);
    const script = written(
      `vrrp_script chk {\n    script /bin/true\n    interval 1.5\n    rise 99999999999\n}\n${instance('')}`,
    );
    // as keepalived: interval 1.5 is read as 1, a rise beyond INT_MAX as 1 (src/config/readVrrpScript.ts)
    expect(script).toMatch(/^ {4}interval 1\n {4}rise 1$/m);
  });

  const parsedCases: readonly (readonly [string, string, RegExp])[] = [
    ['an instance name with an @', instance('', 'VI@A'), /^A\.conf:1:15: vrrp_instance name "VI@A" cannot be given/],
    [
      'a script name keepalived would read as an include on its track_script line',
      `vrrp_script includer {\n    script /bin/true\n}\n${instance('    track_script {\n        includer\n    }\n')}`,
      /^A\.conf:1:13: vrrp_script name "includer" cannot be given/,
    ],
    [
      'an escape sequence in a name, shown escaped',
      instance('', 'VI\x1b[31m'),
      /^A\.conf:1:15: vrrp_instance name "VI\\x1b\[31m" cannot be given/,
    ],
    [
      'a fractional advert_int, which keepalived rounds',
      instance('    advert_int 0.5\n'),
      /^A\.conf:1:15: vrrp_instance VI_1: advert_int 0\.5 is not a value keepalived reads as written: whole seconds from 1 to 255/,
    ],
    [
      'a track weight of 254, which keepalived lowers to 253',
      `vrrp_script chk {\n    script /bin/true\n}\n${instance('    track_script {\n        chk weight 254\n    }\n')}`,
      /^A\.conf:\d+:9: vrrp_instance VI_1: weight 254 is not a value keepalived reads as written/,
    ],
  ];
  for (const [what, text, message] of parsedCases) {
    it(what, () => expect(refusal(text)).toMatch(message));
  }

  it('a fractional preempt_delay for 1.2.13 (atoi), not for 2.2.7', () => {
    const text = instance('    preempt_delay 1.5\n');
    expect(refusal(text, 'keepalived-1.2')).toMatch(/preempt_delay 1\.5 is not a value keepalived reads as written/);
    expect(written(text)).toMatch(/^ {4}preempt_delay 1\.5$/m);
  });
});

describe('writeConformConf: a field of the parsed config it does not know', () => {
  it('is refused, not left out of the live run in silence', () => {
    const conf = parsed(instance(''));
    const [first] = conf.instances;
    if (first === undefined) throw new Error('no instance');
    const withGroup = { ...conf, instances: [{ ...first, syncGroup: 'G1' }] };
    const result = writeConformConf(withGroup, { router: 'A', runDir: RUN, profile: 'keepalived-2.2' });
    expect(result.ok || formatConfError(result.error)).toMatch(
      /^A\.conf:1:15: vrrp_instance VI_1: conform cannot give keepalived "syncGroup" yet, and would run it without/,
    );
    const unset = { ...conf, syncGroups: [] };
    expect(writeConformConf(unset, { router: 'A', runDir: RUN, profile: 'keepalived-2.2' }).ok).toBe(true);
  });
});

describe('writeConformConf: keepalived 2.2.7 reads the config as written (keepalived -t)', () => {
  const why = configTestUnavailable();
  it(`every example's written config and the accepted bypasses${why === null ? '' : ` (skipped: ${why})`}`, (context) => {
    if (why !== null) context.skip(why);
    const texts = [
      ...confFiles(EXAMPLES).flatMap((file) => {
        const result = parseKeepalivedConf(readFileSync(file, 'utf8'), file);
        if (!result.ok) return [];
        const answer = writeConformConf(result.conf, { router: 'A', runDir: RUN, profile: 'keepalived-2.2' });
        return answer.ok ? [answer.text] : [];
      }),
      written(acceptedBypassConf('A', MARK, INC)),
      written(instance('    authentication {\n        auth_type PASS\n        auth_pass secret\n    }\n')),
    ];
    const rejected = texts
      .map((text) => ({ text, test: keepalivedConfigTest(text) }))
      .filter(({ test }) => !test.accepted);
    expect(rejected.map(({ test }) => [test.code, ...test.lines])).toEqual([]);
  }, 120_000);

  it(`the check itself tells a bad config (${why === null ? 'a typo is rejected' : `skipped: ${why}`})`, (context) => {
    if (why !== null) context.skip(why);
    expect(keepalivedConfigTest(`vrrp_instance VI_1 {\n    interfce eth0\n}\n`).accepted).toBe(false);
  });
});
