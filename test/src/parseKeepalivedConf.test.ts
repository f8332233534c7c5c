import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import type { KeepalivedConf, ParsedInstance } from '../../src/config/types.ts';
import { formatConfError, formatConfWarning } from '../../src/config/types.ts';

const FILE = 'k.conf';

function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/conf/${name}`, import.meta.url), 'utf8');
}

function parsed(text: string): KeepalivedConf {
  const result = parseKeepalivedConf(text, FILE);
  if (!result.ok) throw new Error(`unexpected error: ${formatConfError(result.error)}`);
  return result.conf;
}

function errorOf(text: string): string {
  const result = parseKeepalivedConf(text, FILE);
  if (result.ok) throw new Error('expected an error, the file parsed');
  return formatConfError(result.error);
}

function warningsOf(text: string): string[] {
  return parsed(text).warnings.map(formatConfWarning);
}

function onlyInstance(text: string): ParsedInstance {
  const { instances } = parsed(text);
  expect(instances).toHaveLength(1);
  return instances[0]!;
}

function pos(line: number, col: number, file = FILE) {
  return { file, line, col };
}

/** The lists of an instance that sets none of them. */
const NO_LISTS = {
  trackScripts: [],
  trackInterfaces: [],
  trackFiles: [],
  trackProcesses: [],
  trackBfds: [],
  virtualIpAddresses: [],
  virtualIpAddressesExcluded: [],
  virtualRoutes: [],
  virtualRules: [],
  unicastPeers: [],
  peers: [],
  notifies: [],
  unmodelled: [],
};

/** Wraps instance body lines (indented by 4) between a minimal valid header and "}"; the body starts on line 4. */
function instanceWith(...body: string[]): string {
  return lines('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', ...body, '}');
}

/** The warnings of `text` that are not the "no virtual_ipaddress" one of a minimal instance. */
function otherWarningsOf(text: string): string[] {
  return warningsOf(text).filter((w) => !w.includes('has no virtual_ipaddress'));
}

describe('parseKeepalivedConf', () => {
  it('reads the recorded single-node config to exact values', () => {
    const text = fixture('recorded-a.conf');
    expect(parseKeepalivedConf(text, 'a.conf')).toStrictEqual({
      ok: true,
      conf: {
        file: 'a.conf',
        routerId: 'A',
        globalDefs: { routerId: 'A', other: [] },
        scripts: [
          {
            name: 'chk',
            script: '/usr/bin/test -f $RUN/A.flag',
            intervalSeconds: 1,
            weight: 3,
            initFail: false,
            pos: pos(4, 13, 'a.conf'),
          },
        ],
        instances: [
          {
            ...NO_LISTS,
            name: 'VI_1',
            state: 'BACKUP',
            interface: 'eth0',
            virtualRouterId: 51,
            priority: 99,
            advertIntSeconds: 1,
            nopreempt: false,
            dontTrackPrimary: false,
            trackScripts: [{ name: 'chk', pos: pos(20, 9, 'a.conf') }],
            virtualIpAddresses: ['10.99.0.100/24'],
            pos: pos(9, 15, 'a.conf'),
          },
        ],
        syncGroups: [],
        trackFiles: [],
        trackProcesses: [],
        unmodelled: [],
        sources: ['a.conf'],
        text,
        warnings: [],
      },
    });
  });

  it('reads a full two-instance config with unicast peers, trackers, a sync group and unmodelled keywords', () => {
    const conf = parsed(fixture('lb1-two-instances.conf'));
    expect(conf.routerId).toBe('lb1');
    expect(conf.globalDefs).toStrictEqual({
      routerId: 'lb1',
      vrrpSkipCheckAdvAddr: true,
      other: [
        { keyword: 'notification_email', args: ['ops@example.com'], pos: pos(3, 4) },
        { keyword: 'notification_email_from', args: ['keepalived@lb1'], pos: pos(6, 4) },
        { keyword: 'smtp_server', args: ['127.0.0.1'], pos: pos(7, 4) },
      ],
    });
    expect(conf.scripts).toStrictEqual([
      {
        name: 'chk_haproxy',
        script: '/usr/bin/killall -0 haproxy',
        intervalSeconds: 2,
        timeoutSeconds: 1,
        weight: -20,
        rise: 2,
        fall: 3,
        user: 'root',
        initFail: false,
        pos: pos(12, 13),
      },
      {
        // keepalived reads "interval 0.5" as 0 (strtoul), then uses 1 (vrrp_vscript_interval_handler)
        name: 'chk_backend',
        script: '/usr/local/bin/check_backend --port 8080',
        intervalSeconds: 1,
        fall: 2,
        initFail: true,
        pos: pos(22, 13),
      },
    ]);
    expect(conf.syncGroups).toStrictEqual([
      {
        name: 'VG_1',
        members: ['VI_WEB', 'VI_DB'],
        trackScripts: [],
        trackInterfaces: [],
        trackFiles: [],
        trackProcesses: [],
        trackBfds: [],
        notifies: [],
        pos: pos(29, 17),
      },
    ]);
    expect(conf.instances).toStrictEqual([
      {
        ...NO_LISTS,
        name: 'VI_WEB',
        state: 'MASTER',
        interface: 'eth0',
        virtualRouterId: 51,
        priority: 150,
        advertIntSeconds: 1,
        nopreempt: true,
        preemptDelaySeconds: 30,
        dontTrackPrimary: true,
        unicastSrcIp: '192.168.1.11',
        unicastPeers: ['192.168.1.12', '192.168.1.13'],
        peers: [
          { address: '192.168.1.12', pos: pos(47, 9) },
          { address: '192.168.1.13', pos: pos(48, 9) },
        ],
        authentication: { type: 'PASS', pass: 's3cret', pos: pos(50, 5) },
        virtualIpAddresses: ['192.168.1.100/24', '192.168.1.101'],
        trackInterfaces: [
          { name: 'eth1', weight: -10, pos: pos(59, 9) },
          { name: 'eth2', pos: pos(60, 9) },
        ],
        trackScripts: [
          { name: 'chk_haproxy', pos: pos(63, 9) },
          { name: 'chk_backend', weight: 5, pos: pos(64, 9) },
        ],
        notifies: [{ kind: 'notify_master', command: '/etc/keepalived/notify.sh master', pos: pos(66, 5) }],
        garpMasterDelaySeconds: 5,
        pos: pos(36, 15),
      },
      {
        ...NO_LISTS,
        name: 'VI_DB',
        state: 'BACKUP',
        interface: 'eth1',
        virtualRouterId: 52,
        priority: 100,
        advertIntSeconds: 0.5,
        nopreempt: false,
        dontTrackPrimary: false,
        virtualIpAddresses: ['10.0.0.50/32'],
        trackScripts: [{ name: 'chk_backend', pos: pos(80, 9) }],
        pos: pos(70, 15),
      },
    ]);
    expect(conf.warnings.map(formatConfWarning)).toEqual([
      'k.conf:3:4: warning: "notification_email" in global_defs does not change VRRP elections, not modelled',
      'k.conf:6:4: warning: "notification_email_from" in global_defs does not change VRRP elections, not modelled',
      'k.conf:7:4: warning: "smtp_server" in global_defs does not change VRRP elections, not modelled',
      'k.conf:9:4: warning: "vrrp_skip_check_adv_addr" in global_defs is not modelled yet (it changes which adverts a router accepts): vrrp-check runs without it',
      'k.conf:19:5: warning: "user" in vrrp_script chk_haproxy is not modelled (vrrp-check never runs the script)',
      'k.conf:24:14: warning: "0.5" for interval in vrrp_script chk_backend is not a plain number: keepalived reads it as 0',
      'k.conf:24:14: warning: interval 0 in vrrp_script chk_backend: keepalived uses 1',
      'k.conf:50:5: warning: "authentication" in vrrp_instance VI_WEB is not modelled yet (adverts whose authentication differs are dropped): vrrp-check runs the instance without it',
      'k.conf:66:5: warning: "notify_master" in vrrp_instance VI_WEB does not change VRRP elections, not modelled',
      'k.conf:67:5: warning: "garp_master_delay" in vrrp_instance VI_WEB does not change VRRP elections, not modelled',
    ]);
  });

  it('reads several instances and scripts in order; a track_script needs its vrrp_script above it', () => {
    const conf = parsed(
      lines(
        'vrrp_script early {',
        '    script true',
        '}',
        'vrrp_instance VI_1 {',
        '    interface eth0',
        '    virtual_router_id 1',
        '    track_script {',
        '        early',
        '        late',
        '    }',
        '}',
        'vrrp_instance VI_2 {',
        '    interface eth1',
        '    virtual_router_id 2',
        '}',
        'vrrp_script late {',
        '    script true',
        '}',
      ),
    );
    expect(conf.instances.map((i) => [i.name, i.interface, i.virtualRouterId])).toEqual([
      ['VI_1', 'eth0', 1],
      ['VI_2', 'eth1', 2],
    ]);
    expect(conf.scripts.map((s) => s.name)).toEqual(['early', 'late']);
    expect(conf.instances[0]!.trackScripts).toEqual([{ name: 'early', pos: pos(8, 9) }]);
    expect(conf.warnings.map(formatConfWarning)[0]).toBe(
      'k.conf:9:9: warning: track_script "late" in vrrp_instance VI_1 names no vrrp_script defined above it: keepalived ignores it (a vrrp_script must come before the instances that track it)',
    );
  });

  it('leaves every optional field absent when the file does not set it', () => {
    const text = lines('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '}');
    const conf = parsed(text);
    expect(conf).toStrictEqual({
      file: FILE,
      globalDefs: { other: [] },
      scripts: [],
      instances: [
        {
          ...NO_LISTS,
          name: 'VI_1',
          interface: 'eth0',
          virtualRouterId: 51,
          nopreempt: false,
          dontTrackPrimary: false,
          pos: pos(1, 15),
        },
      ],
      syncGroups: [],
      trackFiles: [],
      trackProcesses: [],
      unmodelled: [],
      sources: [FILE],
      text,
      warnings: [
        {
          pos: pos(1, 15),
          message: 'vrrp_instance VI_1 has no virtual_ipaddress ("at least one is sensible", keepalived warns)',
        },
      ],
    });
    expect(Object.keys(conf)).not.toContain('routerId');
  });

  it('returns no instances and no error for an empty file, a comment-only file or one with only global_defs', () => {
    for (const text of ['', '\n\n', '# nothing here\n! nor here\n', 'global_defs {\n router_id x\n}\n']) {
      const conf = parsed(text);
      expect(conf.instances).toEqual([]);
      expect(conf.scripts).toEqual([]);
      expect(conf.warnings).toEqual([]);
    }
  });

  it('ignores comments started by # or ! anywhere outside double quotes (lib/parser.c decomment)', () => {
    const instance = onlyInstance(
      lines(
        '# leading comment',
        '! another { with braces } that must not count',
        'vrrp_instance VI_1 { # comment after the brace',
        '    interface eth0 ! interface comment',
        '    virtual_router_id 51#glued to the value',
        '    priority 100 # one hundred',
        '    virtual_ipaddress {',
        '        # 10.0.0.9/24 commented out',
        '        10.0.0.1/24 ! the only VIP',
        '    }',
        '}',
      ),
    );
    expect(instance.interface).toBe('eth0');
    expect(instance.virtualRouterId).toBe(51);
    expect(instance.priority).toBe(100);
    expect(instance.virtualIpAddresses).toEqual(['10.0.0.1/24']);
  });

  it('keeps # and ! inside double quotes, and \\# or \\! outside them, as text', () => {
    const { scripts } = parsed(
      lines(
        'vrrp_script chk {',
        '    script "/bin/check # not a comment !"',
        '    user no!body',
        '}',
        'vrrp_script esc {',
        '    script /bin/echo \\#1',
        '}',
      ),
    );
    expect(scripts.map((s) => [s.script, s.user])).toEqual([
      ['/bin/check # not a comment !', 'no'],
      ['/bin/echo #1', undefined],
    ]);
  });

  it('reads a quoted script with spaces as one string, and an unquoted one as the rest of the line', () => {
    const { scripts } = parsed(
      lines(
        'vrrp_script quoted {',
        '    script "/usr/bin/test -f /tmp/x"',
        '}',
        'vrrp_script bare {',
        '    script   /usr/bin/pgrep   -x nginx',
        '}',
        'vrrp_script braces {',
        '    script "/bin/sh -c \'test { -f x }\'"',
        '}',
      ),
    );
    expect(scripts.map((s) => s.script)).toEqual([
      '/usr/bin/test -f /tmp/x',
      '/usr/bin/pgrep -x nginx',
      "/bin/sh -c 'test { -f x }'",
    ]);
  });

  it('splits braces glued to words (read_line cuts a line at each brace)', () => {
    const conf = parsed(
      lines(
        'vrrp_script chk{',
        '    script true}',
        'vrrp_instance VI_1{',
        '    interface eth0',
        '    virtual_router_id 51',
        '    virtual_ipaddress {10.0.0.1/24}',
        '    track_script{chk weight 2}}',
      ),
    );
    expect(conf.scripts).toEqual([{ name: 'chk', script: 'true', initFail: false, pos: pos(1, 13) }]);
    expect(conf.instances[0]!.virtualIpAddresses).toEqual(['10.0.0.1/24']);
    expect(conf.instances[0]!.trackScripts).toEqual([{ name: 'chk', weight: 2, pos: pos(7, 18) }]);
  });

  it('reads blocks written on one line and a "{" on the line after its keyword', () => {
    const instance = onlyInstance(
      lines(
        'vrrp_instance VI_1',
        '{',
        '    interface eth0',
        '    virtual_router_id 51',
        '    virtual_ipaddress { 10.0.0.1/24 }',
        '    unicast_peer',
        '    {',
        '        10.0.0.2',
        '    }',
        '}',
      ),
    );
    expect(instance.virtualIpAddresses).toEqual(['10.0.0.1/24']);
    expect(instance.unicastPeers).toEqual(['10.0.0.2']);
  });

  it('lets the later of nopreempt and preempt win', () => {
    expect(onlyInstance(instanceWith('    nopreempt', '    preempt')).nopreempt).toBe(false);
    expect(onlyInstance(instanceWith('    preempt', '    nopreempt')).nopreempt).toBe(true);
    expect(onlyInstance(instanceWith('    nopreempt')).nopreempt).toBe(true);
  });

  it('accepts decimal advert_int and preempt_delay bounds', () => {
    const instance = onlyInstance(instanceWith('    advert_int 0.25', '    preempt_delay 0'));
    expect(instance.advertIntSeconds).toBe(0.25);
    expect(instance.preemptDelaySeconds).toBe(0);
    expect(onlyInstance(instanceWith('    preempt_delay 1000')).preemptDelaySeconds).toBe(1000);
    expect(onlyInstance(instanceWith('    priority 255')).priority).toBe(255);
    expect(onlyInstance(instanceWith('    advert_int 255')).advertIntSeconds).toBe(255);
    expect(onlyInstance(instanceWith('    advert_int 0.01')).advertIntSeconds).toBe(0.01);
  });

  it('records each virtual_ipaddress line by its address only and skips IPv6 ones with a warning', () => {
    const text = instanceWith(
      '    virtual_ipaddress {',
      '        10.0.0.1/24 dev eth0 label eth0:1',
      '        fe80::1/64',
      '        10.0.0.2',
      '    }',
    );
    expect(onlyInstance(text).virtualIpAddresses).toEqual(['10.0.0.1/24', '10.0.0.2']);
    expect(warningsOf(text)).toEqual([
      'k.conf:6:9: warning: virtual_ipaddress "fe80::1" in vrrp_instance VI_1 is not of the instance\'s address family: keepalived skips it',
    ]);
  });

  it('a name tracked in an earlier block of the instance is a duplicate too (vrrp_track.c searches the whole list)', () => {
    const text = instanceWith(
      '    track_interface {',
      '        eth1 weight 2',
      '    }',
      '    track_interface {',
      '        eth1 weight -2',
      '        eth2',
      '    }',
      '    virtual_ipaddress { 10.0.0.1 }',
    );
    expect(onlyInstance(text).trackInterfaces).toEqual([
      { name: 'eth1', weight: 2, pos: pos(5, 9) },
      { name: 'eth2', pos: pos(9, 9) },
    ]);
    expect(warningsOf(text)).toEqual([
      'k.conf:8:9: warning: duplicate track_interface "eth1" in vrrp_instance VI_1, ignored as keepalived does',
    ]);
  });

  it('reads track weights and "reverse" (modelled: src/resolveTrackers.ts)', () => {
    const text = lines(
      'vrrp_script chk {',
      '    script true',
      '    weight -5 reverse',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '    track_script {',
      '        chk weight 7 reverse',
      '    }',
      '    track_interface {',
      '        eth1 weight -253',
      '        eth2 weight 253',
      '    }',
      '    virtual_ipaddress { 10.0.0.1 }',
      '}',
    );
    const conf = parsed(text);
    expect(conf.scripts[0]!.weight).toBe(-5);
    expect(conf.scripts[0]!.weightReverse).toBe(true);
    expect(conf.instances[0]!.trackScripts).toEqual([{ name: 'chk', weight: 7, reverse: true, pos: pos(9, 9) }]);
    expect(conf.instances[0]!.trackInterfaces).toEqual([
      { name: 'eth1', weight: -253, pos: pos(12, 9) },
      { name: 'eth2', weight: 253, pos: pos(13, 9) },
    ]);
    expect(conf.warnings.map(formatConfWarning)).toEqual([]);
  });

  it('reads an unmodelled block inside an instance whole, with one warning naming it', () => {
    const text = instanceWith(
      '    authentication {',
      '        auth_type PASS',
      '        auth_pass secret',
      '    }',
      '    virtual_routes {',
      '        src 10.0.0.1 to 10.1.0.0/16 via 10.0.0.254',
      '    }',
      '    virtual_ipaddress_excluded { 10.0.0.9 }',
      '    priority 42',
    );
    const instance = onlyInstance(text);
    expect(instance.priority).toBe(42);
    expect(instance.virtualRoutes).toEqual(['src 10.0.0.1 to 10.1.0.0/16 via 10.0.0.254']);
    expect(instance.virtualIpAddressesExcluded).toEqual(['10.0.0.9']);
    expect(otherWarningsOf(text)).toEqual([
      'k.conf:4:5: warning: "authentication" in vrrp_instance VI_1 is not modelled yet (adverts whose authentication differs are dropped): vrrp-check runs the instance without it',
      'k.conf:8:5: warning: "virtual_routes" in vrrp_instance VI_1 does not change VRRP elections, not modelled',
      'k.conf:11:5: warning: "virtual_ipaddress_excluded" in vrrp_instance VI_1 does not change VRRP elections, not modelled',
    ]);
  });

  it('warns about every keyword it does not model, in instances and scripts, and about unknown ones', () => {
    const text = lines(
      'vrrp_script chk {',
      '    script true',
      '    user nobody',
      '    frobnicate 3',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '    garp_master_repeat 3',
      '    notify_backup /etc/keepalived/backup.sh',
      '    smtp_alert',
      '    mcast_src_ip 10.0.0.1',
      '    use_vmac',
      '    virtual_ipaddress { 10.0.0.9 }',
      '}',
    );
    const conf = parsed(text);
    expect(conf.instances[0]!.mcastSrcIp).toBe('10.0.0.1');
    expect(conf.instances[0]!.useVmac).toBe(true);
    expect(conf.instances[0]!.smtpAlert).toBe(true);
    expect(conf.instances[0]!.garpMasterRepeat).toBe(3);
    expect(warningsOf(text)).toEqual([
      'k.conf:3:5: warning: "user" in vrrp_script chk is not modelled (vrrp-check never runs the script)',
      'k.conf:4:5: warning: unknown keyword "frobnicate" in vrrp_script chk, ignored',
      'k.conf:9:5: warning: "garp_master_repeat" in vrrp_instance VI_1 does not change VRRP elections, not modelled',
      'k.conf:10:5: warning: "notify_backup" in vrrp_instance VI_1 does not change VRRP elections, not modelled',
      'k.conf:11:5: warning: "smtp_alert" in vrrp_instance VI_1 does not change VRRP elections, not modelled',
      'k.conf:12:5: warning: "mcast_src_ip" in vrrp_instance VI_1 is not modelled yet (it is the address adverts come from, which breaks priority ties): vrrp-check runs the instance without it',
      'k.conf:13:5: warning: "use_vmac" in vrrp_instance VI_1 does not change VRRP elections, not modelled',
    ]);
  });

  it("skips the health checker's blocks and other top-level blocks with warnings", () => {
    const text = lines(
      'global_defs {',
      '    enable_script_security',
      '    router_id lb2',
      '}',
      'virtual_server 10.0.0.1 80 {',
      '    real_server 10.0.1.1 80 {',
      '        TCP_CHECK { connect_timeout 3 }',
      '    }',
      '}',
      'static_ipaddress {',
      '    192.168.0.1/24 dev eth0',
      '}',
      'strange_keyword yes',
    );
    const conf = parsed(text);
    expect(conf.routerId).toBe('lb2');
    expect(conf.globalDefs.enableScriptSecurity).toBe(true);
    expect(conf.warnings.map(formatConfWarning)).toEqual([
      'k.conf:2:5: warning: "enable_script_security" in global_defs is not modelled (vrrp-check never runs scripts)',
      'k.conf:5:1: warning: block "virtual_server" belongs to keepalived\'s health checker (LVS), not modelled, ignored',
      'k.conf:10:1: warning: block "static_ipaddress" is not modelled, ignored',
      'k.conf:13:1: warning: unknown keyword "strange_keyword" at the top level, ignored',
    ]);
  });

  it('warns about extra arguments and reads a block after a keyword that takes none as keepalived does', () => {
    // lib/parser.c process_stream: "Unexpected '{' - ignoring"; the block's lines stay in the instance
    const text = instanceWith(
      '    priority 100 200',
      '    nopreempt please',
      '    advert_int 1',
      '    {',
      '    advert_int 2',
      '    }',
      '    priority 7',
    );
    const conf = parsed(text);
    expect(conf.instances[0]!.priority).toBe(100);
    expect(conf.instances[0]!.advertIntSeconds).toBe(2);
    expect(conf.warnings.map(formatConfWarning)).toEqual([
      'k.conf:4:18: warning: extra argument "200" after priority ignored',
      'k.conf:5:15: warning: extra argument "please" after nopreempt ignored',
      'k.conf:7:5: warning: "advert_int" takes no block: keepalived ignores this "{" and reads the lines after it as part of vrrp_instance VI_1, and its "}" closes vrrp_instance VI_1',
      'k.conf:10:5: warning: unknown keyword "priority" at the top level, ignored',
      'k.conf:11:1: warning: unexpected "}" with no open block, ignored as keepalived does',
      'k.conf:1:15: warning: vrrp_instance VI_1 has no virtual_ipaddress ("at least one is sensible", keepalived warns)',
    ]);
  });

  it('records unicast_src_ip and skips an IPv6 one with a warning', () => {
    expect(onlyInstance(instanceWith('    unicast_src_ip 10.1.2.3')).unicastSrcIp).toBe('10.1.2.3');
    const text = instanceWith(
      '    unicast_src_ip fd00::1',
      '    unicast_peer {',
      '        fd00::2',
      '    }',
      '    virtual_ipaddress { fd00::100 }',
    );
    expect(onlyInstance(text)).not.toHaveProperty('unicastSrcIp');
    expect(warningsOf(text)).toEqual([
      'k.conf:4:20: warning: IPv6 instance vrrp_instance VI_1 is not modelled: vrrp-check runs it as IPv4',
      'k.conf:6:9: warning: IPv6 address "fd00::2" in unicast_peer of vrrp_instance VI_1 is not modelled, skipped',
      'k.conf:8:25: warning: IPv6 address "fd00::100" in virtual_ipaddress of vrrp_instance VI_1 is not modelled, skipped',
    ]);
  });

  it('never runs or touches the script: the command is only recorded', () => {
    const marker = `/tmp/vrrp-check-must-not-exist-${process.pid}`;
    const { scripts } = parsed(lines('vrrp_script chk {', `    script "/usr/bin/touch ${marker}"`, '}'));
    expect(scripts[0]!.script).toBe(`/usr/bin/touch ${marker}`);
    expect(() => readFileSync(marker)).toThrow();
  });

  describe('errors: what keepalived 2.2.7 refuses', () => {
    it.each([
      [
        // lib/parser.c null_strvec: a handler reading a missing parameter stops keepalived
        'priority without its value',
        instanceWith('    priority'),
        'k.conf:4:5: priority needs a value: an integer from 1 to 255 (write e.g. "priority 100")',
      ],
      [
        'interface without its value',
        lines('vrrp_instance VI_1 {', '    interface', '}'),
        'k.conf:2:5: interface needs a value: an interface name (write e.g. "interface eth0")',
      ],
      [
        'state without its value',
        instanceWith('    state'),
        'k.conf:4:5: state needs a value: MASTER or BACKUP (write e.g. "state BACKUP")',
      ],
      [
        'vrrp_script without a name',
        lines('vrrp_script{', '}'),
        'k.conf:1:1: vrrp_script needs a value: a name (write e.g. "vrrp_script chk {")',
      ],
      [
        'script weight without its value',
        lines('vrrp_script chk {', '    weight', '}'),
        'k.conf:2:5: weight needs a value: an integer from -253 to 253 (write e.g. "weight 10")',
      ],
      [
        // vrrp.c chk_min_cfg: "the virtual router id must be set"
        'an instance without virtual_router_id',
        lines('vrrp_instance VI_1 {', '    interface eth0', '}'),
        'k.conf:1:15: vrrp_instance VI_1 has no virtual_router_id: keepalived refuses it (write e.g. "virtual_router_id 51" (1 to 255) in the block)',
      ],
      [
        'virtual_router_id 0, which keepalived ignores',
        lines('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 0', '}'),
        'k.conf:3:23: virtual_router_id "0" of vrrp_instance VI_1 is not an integer from 1 to 255: keepalived ignores it and then refuses the instance (write e.g. "virtual_router_id 51" (1 to 255) in the block)',
      ],
      [
        // vrrp.c chk_min_cfg: "Unknown interface!"
        'an instance without interface',
        lines('vrrp_instance VI_1 {', '    virtual_router_id 51', '}'),
        'k.conf:1:15: vrrp_instance VI_1 has no interface: keepalived refuses it (write e.g. "interface eth0" in the block)',
      ],
      [
        'an interface name longer than 15 characters',
        lines('vrrp_instance VI_1 {', '    interface eth0.1234567890123', '    virtual_router_id 51', '}'),
        'k.conf:2:15: interface "eth0.1234567890123" of vrrp_instance VI_1 is longer than 15 characters: keepalived ignores it and then refuses the instance (write e.g. "interface eth0" in the block)',
      ],
    ])('reports %s', (_name, text, expected) => {
      expect(errorOf(text)).toBe(expected);
    });

    it('reports the first problem keepalived meets when there are several', () => {
      expect(errorOf(lines('vrrp_instance VI_1 {', '}', 'vrrp_instance VI_2 {', '    priority', '}'))).toMatch(
        /^k\.conf:4:5: priority needs a value/,
      );
    });
  });

  describe('what keepalived 2.2.7 reads on from, with a warning', () => {
    it.each([
      [
        'an unterminated quote (decomment, alloc_strvec_r)',
        lines('vrrp_script chk {', '    script "/bin/true', '}'),
        [
          'k.conf:2:12: warning: unterminated quote: keepalived reads on to the end of the line',
          'k.conf:2:12: warning: unmatched quote: keepalived drops the rest of the line',
          'k.conf:1:13: warning: vrrp_script chk has no "script" line: keepalived removes it, and tracking it has no effect',
        ],
      ],
      [
        'an instance never closed',
        lines(
          'vrrp_instance VI_1 {',
          '    interface eth0',
          '    virtual_router_id 51',
          '    virtual_ipaddress { 10.0.0.1 }',
        ),
        ['k.conf:1:1: warning: block "vrrp_instance VI_1" is never closed: keepalived reads it to the end of the file'],
      ],
      [
        'a stray "}" at the top level',
        lines('global_defs {', '}', '}'),
        ['k.conf:3:1: warning: unexpected "}" with no open block, ignored as keepalived does'],
      ],
      [
        'a stray "{" at the top level',
        lines('  {', '}'),
        [
          'k.conf:1:3: warning: unexpected "{" at the top level, ignored as keepalived does',
          'k.conf:2:1: warning: unexpected "}" with no open block, ignored as keepalived does',
        ],
      ],
      [
        'vrrp_instance without a name (vrrp_handler skips the block)',
        lines('vrrp_instance {', '  priority 1', '}'),
        ['k.conf:1:1: warning: vrrp_instance must have one name: keepalived skips this block'],
      ],
      [
        'vrrp_instance without "{" (process_stream: "Missing \'{\' at beginning of configuration block")',
        lines('global_defs', '    router_id a', '}'),
        ['k.conf:2:5: warning: "{" missing at the start of "global_defs": keepalived reads on as if it were there'],
      ],
      [
        'router_id without its value (routerid_handler)',
        lines('global_defs {', '    router_id', '}'),
        ['k.conf:2:5: warning: router_id without a name: keepalived ignores it'],
      ],
      [
        'two vrrp_instance blocks with the same name (vrrp_handler: "already defined")',
        lines(
          'vrrp_instance VI_1 {',
          '    interface eth0',
          '    virtual_router_id 51',
          '    virtual_ipaddress { 10.0.0.1 }',
          '}',
          'vrrp_instance VI_1 {',
          '    interface eth0',
          '    virtual_router_id 52',
          '}',
        ),
        [
          'k.conf:6:15: warning: duplicate vrrp_instance "VI_1" (first defined on line 1 of k.conf): keepalived skips this block',
        ],
      ],
    ])('reads on from %s', (_name, text, expected) => {
      expect(warningsOf(text)).toEqual(expected);
    });
  });

  it('never throws, whatever the text, and positions stay inside the file', () => {
    const pieces = [
      'vrrp_instance',
      'vrrp_script',
      'global_defs',
      'track_script',
      'virtual_ipaddress',
      'unicast_peer',
      'authentication',
      'interface',
      'virtual_router_id',
      'priority',
      'weight',
      'script',
      'state',
      'include',
      'MASTER',
      'VI_1',
      'chk',
      'eth0',
      '51',
      '-3',
      '10.0.0.1/24',
      '{',
      '}',
      '"',
      '"a b"',
      '#',
      '!',
      '$',
      '$A=1',
      '$A',
      '$'.concat('{A}'),
      '\\',
      ' ',
      '\n',
      '\t',
      '\r\n',
    ];
    const text = fc.oneof(
      fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(' ')),
      fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join('')),
      fc.string({ maxLength: 200 }),
    );
    const noFiles = { list: () => undefined, stat: () => undefined, read: () => undefined };
    fc.assert(
      fc.property(text, (source) => {
        const result = parseKeepalivedConf(source, FILE, noFiles);
        const sourceLines = source.split('\n');
        const findings = result.ok ? result.conf.warnings.map(formatConfWarning) : [formatConfError(result.error)];
        const positions = result.ok ? result.conf.warnings.map((w) => w.pos) : [result.error.pos];
        for (const p of positions) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeGreaterThanOrEqual(1);
          // Every position is a character of that line.
          expect(p.col).toBeLessThanOrEqual(sourceLines[p.line - 1]?.length ?? 0);
        }
        for (const finding of findings) expect(finding).not.toContain('\n');
      }),
      { numRuns: 2000 },
    );
  });
});
