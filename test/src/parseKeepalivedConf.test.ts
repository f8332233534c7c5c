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

/** Wraps instance body lines (indented by 4) between a minimal valid header and "}"; the body starts on line 4. */
function instanceWith(...body: string[]): string {
  return lines('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', ...body, '}');
}

describe('parseKeepalivedConf', () => {
  it('reads the recorded single-node config to exact values', () => {
    expect(parseKeepalivedConf(fixture('recorded-a.conf'), 'a.conf')).toStrictEqual({
      ok: true,
      conf: {
        file: 'a.conf',
        routerId: 'A',
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
            name: 'VI_1',
            state: 'BACKUP',
            interface: 'eth0',
            virtualRouterId: 51,
            priority: 99,
            advertIntSeconds: 1,
            nopreempt: false,
            dontTrackPrimary: false,
            trackScripts: [{ name: 'chk', pos: pos(20, 9, 'a.conf') }],
            trackInterfaces: [],
            virtualIpAddresses: ['10.99.0.100/24'],
            unicastPeers: [],
            pos: pos(9, 15, 'a.conf'),
          },
        ],
        warnings: [],
      },
    });
  });

  it('reads a full two-instance config with unicast peers, trackers and skipped blocks', () => {
    const conf = parsed(fixture('lb1-two-instances.conf'));
    expect(conf.routerId).toBe('lb1');
    expect(conf.scripts).toStrictEqual([
      {
        name: 'chk_haproxy',
        script: '/usr/bin/killall -0 haproxy',
        intervalSeconds: 2,
        timeoutSeconds: 1,
        weight: -20,
        rise: 2,
        fall: 3,
        initFail: false,
        pos: pos(12, 13),
      },
      {
        name: 'chk_backend',
        script: '/usr/local/bin/check_backend --port 8080',
        intervalSeconds: 0.5,
        fall: 2,
        initFail: true,
        pos: pos(22, 13),
      },
    ]);
    expect(conf.instances).toStrictEqual([
      {
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
        virtualIpAddresses: ['192.168.1.100/24', '192.168.1.101'],
        trackInterfaces: [
          { name: 'eth1', weight: -10, pos: pos(59, 9) },
          { name: 'eth2', pos: pos(60, 9) },
        ],
        trackScripts: [
          { name: 'chk_haproxy', pos: pos(63, 9) },
          { name: 'chk_backend', weight: 5, pos: pos(64, 9) },
        ],
        pos: pos(36, 15),
      },
      {
        name: 'VI_DB',
        state: 'BACKUP',
        interface: 'eth1',
        virtualRouterId: 52,
        priority: 100,
        advertIntSeconds: 0.5,
        nopreempt: false,
        dontTrackPrimary: false,
        unicastPeers: [],
        virtualIpAddresses: ['10.0.0.50/32'],
        trackInterfaces: [],
        trackScripts: [{ name: 'chk_backend', pos: pos(80, 9) }],
        pos: pos(70, 15),
      },
    ]);
    expect(conf.warnings.map(formatConfWarning)).toEqual([
      'k.conf:29:1: warning: block "vrrp_sync_group" is not modelled, ignored',
      'k.conf:50:5: warning: block "authentication" in vrrp_instance VI_WEB is not modelled, ignored',
    ]);
  });

  it('reads several instances and scripts, resolving a track_script defined after its instance', () => {
    const conf = parsed(
      lines(
        'vrrp_instance VI_1 {',
        '    interface eth0',
        '    virtual_router_id 1',
        '    track_script {',
        '        late',
        '    }',
        '}',
        'vrrp_instance VI_2 {',
        '    interface eth1',
        '    virtual_router_id 2',
        '}',
        'vrrp_script early {',
        '}',
        'vrrp_script late {',
        '    script true',
        '}',
        'vrrp_instance VI_3 {',
        '    interface eth2',
        '    virtual_router_id 3',
        '}',
      ),
    );
    expect(conf.instances.map((i) => [i.name, i.interface, i.virtualRouterId])).toEqual([
      ['VI_1', 'eth0', 1],
      ['VI_2', 'eth1', 2],
      ['VI_3', 'eth2', 3],
    ]);
    expect(conf.scripts.map((s) => s.name)).toEqual(['early', 'late']);
    expect(conf.instances[0]!.trackScripts).toEqual([{ name: 'late', pos: pos(5, 9) }]);
    expect(conf.warnings).toEqual([]);
  });

  it('leaves every optional field absent when the file does not set it', () => {
    const text = lines(
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '}',
      'vrrp_script s {',
      '}',
    );
    const conf = parsed(text);
    expect(conf).toStrictEqual({
      file: FILE,
      scripts: [{ name: 's', initFail: false, pos: pos(5, 13) }],
      instances: [
        {
          name: 'VI_1',
          interface: 'eth0',
          virtualRouterId: 51,
          nopreempt: false,
          dontTrackPrimary: false,
          trackScripts: [],
          trackInterfaces: [],
          virtualIpAddresses: [],
          unicastPeers: [],
          pos: pos(1, 15),
        },
      ],
      warnings: [],
    });
    expect(Object.keys(conf)).not.toContain('routerId');
    expect(Object.keys(conf.instances[0]!).sort()).toEqual(
      [
        'name',
        'interface',
        'virtualRouterId',
        'nopreempt',
        'dontTrackPrimary',
        'trackScripts',
        'trackInterfaces',
        'virtualIpAddresses',
        'unicastPeers',
        'pos',
      ].sort(),
    );
  });

  it('returns no instances and no error for an empty file, a comment-only file or one with only global_defs', () => {
    for (const text of ['', '\n\n', '# nothing here\n! nor here\n', 'global_defs {\n router_id x\n}\n']) {
      const conf = parsed(text);
      expect(conf.instances).toEqual([]);
      expect(conf.scripts).toEqual([]);
      expect(conf.warnings).toEqual([]);
    }
  });

  it('ignores comments started by # or ! at the start of a line, after a value and inside blocks', () => {
    const instance = onlyInstance(
      lines(
        '# leading comment',
        '! another { with braces } that must not count',
        'vrrp_instance VI_1 { # comment after the brace',
        '    interface eth0 ! interface comment',
        '    virtual_router_id 51 #trailing',
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

  it('keeps # and ! inside a word or inside quotes as text, not as a comment', () => {
    const { scripts } = parsed(
      lines('vrrp_script chk {', '    script "/bin/check # not a comment !"', '    user no!body', '}'),
    );
    expect(scripts[0]!.script).toBe('/bin/check # not a comment !');
    const text = lines('vrrp_script chk {', '    interval 2#x', '}');
    expect(errorOf(text)).toBe(
      'k.conf:2:14: invalid interval "2#x": must be a number of seconds > 0 (write e.g. "interval 2")',
    );
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

  it('splits braces glued to words', () => {
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
      'k.conf:6:9: warning: IPv6 address "fe80::1/64" in virtual_ipaddress of vrrp_instance VI_1 is not modelled, skipped',
    ]);
  });

  it('reads track weights, and warns that "reverse" is not modelled', () => {
    const text = lines(
      'vrrp_script chk {',
      '    weight -5 reverse',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '    track_script {',
      '        chk weight 7 reverse',
      '    }',
      '    track_interface {',
      '        eth1 weight -254',
      '        eth2 weight 254',
      '    }',
      '}',
    );
    const conf = parsed(text);
    expect(conf.scripts[0]!.weight).toBe(-5);
    expect(conf.instances[0]!.trackScripts).toEqual([{ name: 'chk', weight: 7, pos: pos(8, 9) }]);
    expect(conf.instances[0]!.trackInterfaces).toEqual([
      { name: 'eth1', weight: -254, pos: pos(11, 9) },
      { name: 'eth2', weight: 254, pos: pos(12, 9) },
    ]);
    expect(conf.warnings.map(formatConfWarning)).toEqual([
      'k.conf:2:15: warning: "reverse" weight in vrrp_script chk is not modelled, ignored',
      'k.conf:8:22: warning: "reverse" weight in track_script entry "chk" of vrrp_instance VI_1 is not modelled, ignored',
    ]);
  });

  it('skips an unmodelled block inside an instance whole, with one warning naming it', () => {
    const text = instanceWith(
      '    authentication {',
      '        auth_type PASS',
      '        auth_pass { nested } x',
      '    }',
      '    virtual_routes {',
      '        src 10.0.0.1 to 10.1.0.0/16 via 10.0.0.254',
      '    }',
      '    virtual_ipaddress_excluded { 10.0.0.9 }',
      '    priority 42',
    );
    expect(onlyInstance(text).priority).toBe(42);
    expect(warningsOf(text)).toEqual([
      'k.conf:4:5: warning: block "authentication" in vrrp_instance VI_1 is not modelled, ignored',
      'k.conf:8:5: warning: block "virtual_routes" in vrrp_instance VI_1 is not modelled, ignored',
      'k.conf:11:5: warning: block "virtual_ipaddress_excluded" in vrrp_instance VI_1 is not modelled, ignored',
    ]);
  });

  it('warns about unknown keywords in instances and scripts, and stays silent for known harmless ones', () => {
    const text = lines(
      'vrrp_script chk {',
      '    user nobody',
      '    frobnicate 3',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '    garp_master_delay 5',
      '    garp_master_repeat 3',
      '    garp_master_refresh 60',
      '    notify_master "/etc/keepalived/master.sh"',
      '    notify_backup /etc/keepalived/backup.sh',
      '    notify_fault /etc/keepalived/fault.sh',
      '    notify_stop /etc/keepalived/stop.sh',
      '    notify /etc/keepalived/notify.sh',
      '    smtp_alert',
      '    lvs_sync_daemon_interface eth1',
      '    mcast_src_ip 10.0.0.1',
      '    native_ipv6',
      '    use_vmac',
      '}',
    );
    expect(warningsOf(text)).toEqual([
      'k.conf:3:5: warning: unknown or unmodelled keyword "frobnicate" in vrrp_script chk, ignored',
      'k.conf:20:5: warning: unknown or unmodelled keyword "use_vmac" in vrrp_instance VI_1, ignored',
    ]);
  });

  it('skips other top-level blocks and include with warnings, and global_defs content silently', () => {
    const text = lines(
      'include /etc/keepalived/conf.d/*.conf',
      'global_defs {',
      '    notification_email {',
      '        ops@example.com',
      '    }',
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
    expect(conf.warnings.map(formatConfWarning)).toEqual([
      'k.conf:1:1: warning: "include /etc/keepalived/conf.d/*.conf" is not followed, the included files are not checked',
      'k.conf:9:1: warning: block "virtual_server" is not modelled, ignored',
      'k.conf:14:1: warning: block "static_ipaddress" is not modelled, ignored',
      'k.conf:17:1: warning: unknown top-level keyword "strange_keyword", ignored',
    ]);
  });

  it('warns about extra arguments and about a block after a keyword that takes none', () => {
    const text = instanceWith('    priority 100 200', '    nopreempt please', '    advert_int 1', '    {', '    }');
    const instance = onlyInstance(text);
    expect(instance.priority).toBe(100);
    expect(instance.advertIntSeconds).toBe(1);
    expect(warningsOf(text)).toEqual([
      'k.conf:4:18: warning: extra argument "200" after priority ignored',
      'k.conf:5:15: warning: extra argument "please" after nopreempt ignored',
      'k.conf:6:5: warning: "advert_int" takes no block, block ignored',
    ]);
  });

  it('records unicast_src_ip and skips an IPv6 one with a warning', () => {
    expect(onlyInstance(instanceWith('    unicast_src_ip 10.1.2.3')).unicastSrcIp).toBe('10.1.2.3');
    const text = instanceWith('    unicast_src_ip fd00::1');
    expect(onlyInstance(text)).not.toHaveProperty('unicastSrcIp');
    expect(warningsOf(text)).toEqual([
      'k.conf:4:20: warning: IPv6 address "fd00::1" in unicast_src_ip of vrrp_instance VI_1 is not modelled, skipped',
    ]);
  });

  it('never runs or touches the script: the command is only recorded', () => {
    const marker = `/tmp/vrrp-check-must-not-exist-${process.pid}`;
    const { scripts } = parsed(lines('vrrp_script chk {', `    script "/usr/bin/touch ${marker}"`, '}'));
    expect(scripts[0]!.script).toBe(`/usr/bin/touch ${marker}`);
    expect(() => readFileSync(marker)).toThrow();
  });

  describe('errors', () => {
    it.each([
      [
        'an unterminated quote',
        lines('vrrp_script chk {', '    script "/bin/true', '}'),
        'k.conf:2:12: unterminated quoted string (close it with a double quote on the same line)',
      ],
      [
        'an instance never closed',
        lines('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51'),
        'k.conf:1:1: block "vrrp_instance VI_1" is never closed (add a closing "}")',
      ],
      [
        'a skipped block never closed',
        lines('global_defs {', '    router_id a', '    notification_email {', '        a@b'),
        'k.conf:3:5: block "notification_email" is never closed (add a closing "}")',
      ],
      [
        'an inner block missing its "}" so the next instance lands inside',
        lines(
          'vrrp_instance VI_1 {',
          '    interface eth0',
          '    virtual_router_id 51',
          '    virtual_ipaddress {',
          '        10.0.0.1/24',
          '}',
          'vrrp_instance VI_2 {',
          '    interface eth0',
          '    virtual_router_id 52',
          '}',
        ),
        'k.conf:1:1: block "vrrp_instance VI_1" is not closed before "vrrp_instance VI_2" on line 7 (add a closing "}")',
      ],
      [
        'a stray "}" at top level',
        lines('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '}', '}'),
        'k.conf:5:1: unexpected "}" with no open block (remove it, or add the "{" it closes)',
      ],
      [
        'a stray "{" inside an instance',
        lines('vrrp_instance VI_1 {', '    {', '}'),
        'k.conf:2:5: unexpected "{" (remove it, or write the keyword it belongs to)',
      ],
      [
        'a stray "{" at top level',
        lines('  {', '}'),
        'k.conf:1:3: unexpected "{" (remove it, or write the keyword it belongs to)',
      ],
      [
        'vrrp_instance without a name',
        lines('vrrp_instance {', '}'),
        'k.conf:1:1: vrrp_instance needs a name (write e.g. "vrrp_instance VI_1 {")',
      ],
      [
        'vrrp_script without a name',
        lines('vrrp_script{', '}'),
        'k.conf:1:1: vrrp_script needs a name (write e.g. "vrrp_script chk {")',
      ],
      [
        'vrrp_instance without "{"',
        lines('vrrp_instance VI_1', '    interface eth0', '}'),
        'k.conf:1:1: expected "{" after vrrp_instance VI_1 (open the block, e.g. "vrrp_instance VI_1 {")',
      ],
      [
        'global_defs without "{"',
        lines('global_defs', '    router_id a'),
        'k.conf:1:1: expected "{" after global_defs (open the block, e.g. "global_defs {")',
      ],
      [
        'track_script without "{"',
        instanceWith('    track_script chk'),
        'k.conf:4:5: expected "{" after track_script chk (open the block, e.g. "track_script { chk }")',
      ],
      [
        'virtual_ipaddress without "{"',
        instanceWith('    virtual_ipaddress 10.0.0.1/24'),
        'k.conf:4:5: expected "{" after virtual_ipaddress 10.0.0.1/24 (open the block, e.g. "virtual_ipaddress { 10.0.0.100/24 }")',
      ],
      [
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
        'script without a command',
        lines('vrrp_script chk {', '    script', '}'),
        'k.conf:2:5: script needs a value: a command (write e.g. "script /usr/local/bin/check_service")',
      ],
      [
        'router_id without its value',
        lines('global_defs {', '    router_id', '}'),
        'k.conf:2:5: router_id needs a value: a name (write e.g. "router_id lb1")',
      ],
      [
        'a non-numeric priority',
        instanceWith('    priority high'),
        'k.conf:4:14: invalid priority "high": must be an integer from 1 to 255 (write e.g. "priority 100")',
      ],
      [
        'priority 256',
        instanceWith('    priority 256'),
        'k.conf:4:14: invalid priority "256": must be an integer from 1 to 255 (write e.g. "priority 100")',
      ],
      [
        'a decimal priority',
        instanceWith('    priority 1.5'),
        'k.conf:4:14: invalid priority "1.5": must be an integer from 1 to 255 (write e.g. "priority 100")',
      ],
      [
        'virtual_router_id 0',
        lines('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 0', '}'),
        'k.conf:3:23: invalid virtual_router_id "0": must be an integer from 1 to 255 (write e.g. "virtual_router_id 51")',
      ],
      [
        'advert_int 0',
        instanceWith('    advert_int 0'),
        'k.conf:4:16: invalid advert_int "0": must be a number of seconds > 0 (write e.g. "advert_int 1")',
      ],
      [
        'a negative advert_int',
        instanceWith('    advert_int -1'),
        'k.conf:4:16: invalid advert_int "-1": must be a number of seconds > 0 (write e.g. "advert_int 1")',
      ],
      [
        'preempt_delay above 1000',
        instanceWith('    preempt_delay 1001'),
        'k.conf:4:19: invalid preempt_delay "1001": must be a number of seconds from 0 to 1000 (write e.g. "preempt_delay 60")',
      ],
      [
        'a non-numeric interval',
        lines('vrrp_script chk {', '    interval two', '}'),
        'k.conf:2:14: invalid interval "two": must be a number of seconds > 0 (write e.g. "interval 2")',
      ],
      [
        'timeout 0',
        lines('vrrp_script chk {', '    timeout 0', '}'),
        'k.conf:2:13: invalid timeout "0": must be a number of seconds > 0 (write e.g. "timeout 2")',
      ],
      [
        'script weight 255',
        lines('vrrp_script chk {', '    weight 255', '}'),
        'k.conf:2:12: invalid weight "255": must be an integer from -254 to 254 (write e.g. "weight 10")',
      ],
      [
        'script weight without its value',
        lines('vrrp_script chk {', '    weight', '}'),
        'k.conf:2:5: weight needs a value: an integer from -254 to 254 (write e.g. "weight 10")',
      ],
      [
        'rise 0',
        lines('vrrp_script chk {', '    rise 0', '}'),
        'k.conf:2:10: invalid rise "0": must be an integer >= 1 (write e.g. "rise 2")',
      ],
      [
        'a decimal fall',
        lines('vrrp_script chk {', '    fall 1.5', '}'),
        'k.conf:2:10: invalid fall "1.5": must be an integer >= 1 (write e.g. "fall 2")',
      ],
      [
        'a track_script weight out of range',
        lines(
          'vrrp_script chk {',
          '}',
          'vrrp_instance VI_1 {',
          '    interface eth0',
          '    virtual_router_id 51',
          '    track_script {',
          '        chk weight 300',
          '    }',
          '}',
        ),
        'k.conf:7:20: invalid weight "300" for track_script entry "chk": must be an integer from -254 to 254 (write e.g. "chk weight 10")',
      ],
      [
        'a track_interface weight without its value',
        instanceWith('    track_interface {', '        eth1 weight', '    }'),
        'k.conf:5:14: weight for track_interface entry "eth1" needs a value: an integer from -254 to 254 (write e.g. "eth1 weight 10")',
      ],
      [
        'an invalid state',
        instanceWith('    state master'),
        'k.conf:4:11: invalid state "master" in vrrp_instance VI_1: must be MASTER or BACKUP (write "state MASTER" or "state BACKUP", in upper case)',
      ],
      [
        'a virtual_ipaddress octet above 255',
        instanceWith('    virtual_ipaddress {', '        10.0.0.256/24', '    }'),
        'k.conf:5:9: invalid virtual_ipaddress "10.0.0.256/24" in vrrp_instance VI_1: expected an IPv4 address with an optional /0..32 prefix (write e.g. "10.0.0.1/24")',
      ],
      [
        'a virtual_ipaddress prefix above 32',
        instanceWith('    virtual_ipaddress {', '        10.0.0.1/33', '    }'),
        'k.conf:5:9: invalid virtual_ipaddress "10.0.0.1/33" in vrrp_instance VI_1: expected an IPv4 address with an optional /0..32 prefix (write e.g. "10.0.0.1/24")',
      ],
      [
        'an invalid unicast_src_ip',
        instanceWith('    unicast_src_ip 10.0.0'),
        'k.conf:4:20: invalid unicast_src_ip "10.0.0" in vrrp_instance VI_1: expected an IPv4 address (write e.g. "10.0.0.1")',
      ],
      [
        'a unicast_peer with a prefix',
        instanceWith('    unicast_peer {', '        10.0.0.2/24', '    }'),
        'k.conf:5:9: invalid unicast_peer "10.0.0.2/24" in vrrp_instance VI_1: expected an IPv4 address (write e.g. "10.0.0.1")',
      ],
      [
        'a track_script naming no vrrp_script',
        lines(
          'vrrp_script chk_a {',
          '}',
          'vrrp_instance VI_1 {',
          '    interface eth0',
          '    virtual_router_id 51',
          '    track_script {',
          '        chk_a',
          '        chk_b weight 2',
          '    }',
          '}',
        ),
        'k.conf:8:9: track_script "chk_b" in vrrp_instance VI_1 names no vrrp_script (define "vrrp_script chk_b { ... }" or fix the name)',
      ],
      [
        'two vrrp_instance blocks with the same name',
        lines(
          'vrrp_instance VI_1 {',
          '    interface eth0',
          '    virtual_router_id 51',
          '}',
          'vrrp_instance VI_1 {',
          '    interface eth0',
          '    virtual_router_id 52',
          '}',
        ),
        'k.conf:5:15: duplicate vrrp_instance "VI_1" (first defined on line 1) (give each vrrp_instance a unique name)',
      ],
      [
        'two vrrp_script blocks with the same name',
        lines('vrrp_script chk {', '}', '', 'vrrp_script chk {', '}'),
        'k.conf:4:13: duplicate vrrp_script "chk" (first defined on line 1) (give each vrrp_script a unique name)',
      ],
      [
        'an instance without virtual_router_id',
        lines('vrrp_instance VI_1 {', '    interface eth0', '}'),
        'k.conf:1:15: vrrp_instance VI_1 has no virtual_router_id (add "virtual_router_id N" (1 to 255) to the block)',
      ],
      [
        'an instance without interface',
        lines('vrrp_instance VI_1 {', '    virtual_router_id 51', '}'),
        'k.conf:1:15: vrrp_instance VI_1 has no interface (add "interface IFNAME" to the block)',
      ],
      [
        'blocks nested absurdly deep',
        lines(...Array.from({ length: 40 }, () => 'x {')),
        'k.conf:33:1: blocks nested too deeply (check the braces)',
      ],
    ])('reports %s', (_name, text, expected) => {
      expect(errorOf(text)).toBe(expected);
    });

    it('reports the first problem in the file when there are several', () => {
      expect(errorOf(instanceWith('    priority 0', '    advert_int 0'))).toMatch(
        /^k\.conf:4:14: invalid priority "0"/,
      );
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
    fc.assert(
      fc.property(text, (source) => {
        const result = parseKeepalivedConf(source, FILE);
        const sourceLines = source.split('\n');
        const findings = result.ok ? result.conf.warnings.map(formatConfWarning) : [formatConfError(result.error)];
        const positions = result.ok ? result.conf.warnings.map((w) => w.pos) : [result.error.pos];
        for (const p of positions) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeGreaterThanOrEqual(1);
          // Every position is the start of a token on that line.
          expect(p.col).toBeLessThanOrEqual(sourceLines[p.line - 1]?.length ?? 0);
        }
        for (const finding of findings) expect(finding).not.toContain('\n');
      }),
      { numRuns: 2000 },
    );
  });
});
