import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileName } from '../../model/profiles.ts';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import { formatConfError } from '../../src/config/types.ts';
import { flagCheck } from '../../src/conform/flagFile.ts';
import { modelledConf } from '../../src/conform/modelledConf.ts';
import { writeConformConf } from '../../src/conform/writeConformConf.ts';
import { bypassConf, userCommandWords } from './bypassConf.ts';
import { conformConfGrammar } from './conformConfGrammar.ts';
import { configTestUnavailable, keepalivedConfigTest } from './keepalivedConfigTest.ts';

const RUN = '/tmp/vck1-1-abcdef';
const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const profiles: readonly ProfileName[] = ['keepalived-2.2', 'keepalived-1.2'];

function confFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return confFiles(path);
    return name.endsWith('.conf') ? [path] : [];
  });
}

function parsed(text: string, file = 'A.conf') {
  const result = parseKeepalivedConf(text, file);
  if (!result.ok) throw new Error(formatConfError(result.error));
  return result.conf;
}

function written(text: string, profile: ProfileName = 'keepalived-2.2', router = 'A'): string {
  const result = writeConformConf(parsed(text), { router, runDir: RUN, profile });
  if (!result.ok) throw new Error(formatConfError(result.error));
  return result.text;
}

const refusal = (text: string, profile: ProfileName = 'keepalived-2.2') => {
  const result = writeConformConf(parsed(text), { router: 'A', runDir: RUN, profile });
  if (result.ok) throw new Error(`written:\n${result.text}`);
  return formatConfError(result.error);
};

const instance = (body: string, name = 'VI_1') =>
  `vrrp_instance ${name} {\n    interface eth0\n    virtual_router_id 51\n${body}    virtual_ipaddress {\n        10.99.0.100/24\n    }\n}\n`;

describe('writeConformConf: keepalived gets only what conform writes', () => {
  const bypass = bypassConf('A', '/tmp/vrrp-check-pwned-x', '/tmp/vrrp-check-inc');

  it('no word of a user command reaches the config, in any of the bypasses of issue 13', () => {
    for (const profile of profiles) {
      const text = written(bypass, profile);
      for (const word of userCommandWords) expect(text).not.toContain(word);
      expect(text).not.toMatch(/^\s*user\b/m);
      expect(conformConfGrammar(text)).toEqual([]);
    }
  });

  it('each vrrp_script, the one-line one too, runs the test of its flag file, and only that', () => {
    const text = written(bypass);
    const scripts = [...text.matchAll(/^ {4}script "(.*)"$/gm)].map((m) => m[1]);
    expect(scripts).toEqual(['oneline', 'chk', 'defined'].map((name) => flagCheck(RUN, 'A', name)));
    expect(text).toMatch(/^vrrp_script oneline \{\n {4}script "[^"]+"\n\}$/m);
  });

  it('writes the modelled configuration: the text reads back to the same model', () => {
    for (const file of confFiles(EXAMPLES)) {
      const conf = parsed(readFileSync(file, 'utf8'), file);
      for (const profile of profiles) {
        const text = written(readFileSync(file, 'utf8'), profile);
        expect(modelledConf(parsed(text), profile)).toEqual(modelledConf(conf, profile));
        expect(conformConfGrammar(text)).toEqual([]);
      }
    }
  });

  it('pins the shape of a written config', () => {
    const text = written(
      `global_defs {\n    router_id lb1\n    script_user nobody\n}\nvrrp_script chk {\n    script "/bin/check --x"\n    interval 2\n    weight -5\n    fall 2\n    init_fail\n}\n${instance('    state MASTER\n    priority 150\n    advert_int 1\n    nopreempt\n    preempt_delay 2.5\n    track_interface {\n        eth1 weight 10\n    }\n    track_script {\n        chk weight 20\n    }\n    unicast_src_ip 10.99.0.1\n    unicast_peer {\n        10.99.0.2\n    }\n    notify_master /etc/x.sh\n')}`,
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
});

describe('writeConformConf: what it cannot write safely is refused, with its place', () => {
  const cases: readonly (readonly [string, string, RegExp])[] = [
    [
      'an instance name keepalived would read as a definition use',
      instance('', '$VI'),
      /^A\.conf:1:15: vrrp_instance name "\$VI" cannot be given to keepalived as it is \(conform writes names of letters/,
    ],
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
      'an interface name longer than Linux allows',
      instance('').replace('eth0', 'eth0123456789abcdef'),
      /^A\.conf:1:15: vrrp_instance VI_1: interface "eth0123456789abcdef" cannot be given/,
    ],
    [
      'a fractional advert_int, which keepalived rounds',
      instance('    advert_int 0.5\n'),
      /^A\.conf:1:15: vrrp_instance VI_1: advert_int 0\.5 is not a value keepalived reads as written: whole seconds from 1 to 255/,
    ],
    [
      'an advert_int keepalived refuses',
      instance('    advert_int 300\n'),
      /advert_int 300 is not a value keepalived reads as written/,
    ],
    [
      'a fractional script interval, which keepalived ignores',
      `vrrp_script chk {\n    script /bin/true\n    interval 1.5\n}\n${instance('')}`,
      /^A\.conf:1:13: vrrp_script chk: interval 1\.5 is not a value keepalived reads as written: whole seconds from 1 to 4294 \(vrrp_parser\.c vrrp_vscript_interval_handler\)/,
    ],
    [
      'a rise beyond INT_MAX',
      `vrrp_script chk {\n    script /bin/true\n    rise 99999999999\n}\n${instance('')}`,
      /rise 99999999999 is not a value keepalived reads as written: an integer from 1 to 2147483647/,
    ],
    [
      'a track weight of 254, which keepalived lowers to 253',
      `vrrp_script chk {\n    script /bin/true\n}\n${instance('    track_script {\n        chk weight 254\n    }\n')}`,
      /^A\.conf:\d+:9: vrrp_instance VI_1: weight 254 is not a value keepalived reads as written/,
    ],
  ];
  for (const [what, text, message] of cases) {
    it(what, () => expect(refusal(text)).toMatch(message));
  }

  it('a fractional preempt_delay for 1.2.13 (atoi), not for 2.2.7', () => {
    const text = instance('    preempt_delay 1.5\n');
    expect(refusal(text, 'keepalived-1.2')).toMatch(/preempt_delay 1\.5 is not a value keepalived reads as written/);
    expect(written(text)).toMatch(/^ {4}preempt_delay 1\.5$/m);
  });
});

describe('writeConformConf: keepalived 2.2.7 reads the config as written (keepalived -t)', () => {
  const why = configTestUnavailable();
  it(`every example's config and the bypass config${why === null ? '' : ` (skipped: ${why})`}`, (context) => {
    if (why !== null) context.skip(why);
    const texts = [
      ...confFiles(EXAMPLES).map((file) => written(readFileSync(file, 'utf8'))),
      written(bypassConf('A', '/tmp/vrrp-check-pwned-x', '/tmp/vrrp-check-inc')),
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
