import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import { flagCheck, rewriteConf } from '../../src/conform/rewriteConf.ts';

const RUN = '/tmp/vck1-1-abc';

const conf = `global_defs {
    router_id A
    script_user root
    enable_script_security
}
vrrp_script chk {
    script "/usr/local/bin/check_nginx --really"   # the user's check
    interval 1
    weight 3
    user nobody
}
vrrp_script other
{
    script /bin/rm -rf /
    fall 2
}
vrrp_script nocmd {
    interval 2
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 99
    notify_master "/etc/keepalived/became_master.sh"
    notify /etc/keepalived/notify.sh
    virtual_ipaddress {
        10.99.0.100/24
    }
    track_script {
        chk
        other
        nocmd
    }
}
include /etc/keepalived/more.conf
`;

describe('rewriteConf: scripts become flag checks, user commands go', () => {
  const result = rewriteConf(conf, RUN, 'A');
  const parsed = parseKeepalivedConf(result.text, 'A.conf');

  it('every vrrp_script checks its flag file, and only that', () => {
    expect(result.scripts).toEqual(['chk', 'other', 'nocmd']);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.conf.scripts.map((s) => [s.name, s.script])).toEqual([
      ['chk', `/usr/bin/test -f ${RUN}/A.chk.flag`],
      ['other', `/usr/bin/test -f ${RUN}/A.other.flag`],
      ['nocmd', `/usr/bin/test -f ${RUN}/A.nocmd.flag`],
    ]);
    expect(flagCheck(RUN, 'A', 'chk')).toBe(`/usr/bin/test -f ${RUN}/A.chk.flag`);
  });

  it('no user command is left in the text', () => {
    for (const gone of ['check_nginx', 'rm -rf', 'became_master', 'notify.sh', 'more.conf', 'user nobody']) {
      expect(result.text).not.toContain(gone);
    }
  });

  it('keeps everything else as written: timers, weights, the instance', () => {
    if (!parsed.ok) throw new Error('unparsable');
    expect(parsed.conf.scripts.map((s) => [s.intervalSeconds, s.weight, s.fall])).toEqual([
      [1, 3, undefined],
      [undefined, undefined, 2],
      [2, undefined, undefined],
    ]);
    const [instance] = parsed.conf.instances;
    expect(instance?.priority).toBe(99);
    expect(instance?.trackScripts.map((t) => t.name)).toEqual(['chk', 'other', 'nocmd']);
    expect(result.text).toContain('    script_user root\n');
  });

  it('says what it removed, one line each', () => {
    expect(result.warnings).toEqual([
      'line 10: vrrp_script chk: "user" removed (the flag check runs as root)',
      'line 25: "notify_master" removed (conform never runs user commands or reads other files)',
      'line 26: "notify" removed (conform never runs user commands or reads other files)',
      'line 36: "include" removed (conform never runs user commands or reads other files)',
    ]);
  });

  it('a config without scripts is unchanged', () => {
    const plain = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 1\n}\n';
    expect(rewriteConf(plain, RUN, 'B')).toEqual({ text: plain, scripts: [], warnings: [] });
  });
});
