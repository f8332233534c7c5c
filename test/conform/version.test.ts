import { describe, expect, it } from 'vitest';
import { keepalivedCommandLine } from '../../src/conform/keepalivedCommandLine.ts';
import { parseKeepalivedVersion } from '../../src/conform/keepalivedVersion.ts';

const files = {
  conf: '/r/A.conf',
  pid: '/r/A.ka.pid',
  vrrpPid: '/r/A.vrrp.pid',
  checkersPid: '/r/A.chk.pid',
  bfdPid: '/r/A.bfd.pid',
};

describe('keepalived --version', () => {
  it('2.2.7 (Debian 12, printed on stderr with a copyright and build lines) is keepalived-2.2', () => {
    const output =
      'Keepalived v2.2.7 (01/16,2022)\n\nCopyright(C) 2001-2022 Alexandre Cassen, <acassen@gmail.com>\n\nBuilt with kernel headers for Linux 5.19.11\n';
    expect(parseKeepalivedVersion(output)).toEqual({
      ok: true,
      version: { banner: 'Keepalived v2.2.7 (01/16,2022)', version: '2.2.7', profile: 'keepalived-2.2' },
    });
  });

  it('a 1.2.13 banner is keepalived-1.2', () => {
    const result = parseKeepalivedVersion('Keepalived v1.2.13 (11/26,2026)\n');
    expect(result).toEqual({
      ok: true,
      version: { banner: 'Keepalived v1.2.13 (11/26,2026)', version: '1.2.13', profile: 'keepalived-1.2' },
    });
  });

  it('any 2.x is modelled by keepalived-2.2, any 1.x by keepalived-1.2', () => {
    expect(parseKeepalivedVersion('Keepalived v2.3.1 (05/24,2024)').ok && 'ok').toBe('ok');
    const v = parseKeepalivedVersion('Keepalived v2.3.1 (05/24,2024)');
    expect(v.ok ? v.version.profile : null).toBe('keepalived-2.2');
    const w = parseKeepalivedVersion('Keepalived v1.3.5 (03/19,2017), git commit v1.3.5-6-g6fa32f2');
    expect(w.ok ? w.version.profile : null).toBe('keepalived-1.2');
  });

  it('another major version or no banner is a one-line reason', () => {
    const three = parseKeepalivedVersion('Keepalived v3.0.0 (01/01,2030)');
    expect(three).toEqual({ ok: false, reason: expect.stringMatching(/^keepalived 3\.0\.0 is not modelled/) });
    const none = parseKeepalivedVersion('bash: keepalived: command not found\n');
    expect(none.ok).toBe(false);
    expect(none.ok ? '' : none.reason).toMatch(/^cannot tell keepalived's version from "bash: keepalived/);
    expect(none.ok ? '' : none.reason).not.toMatch(/\n/);
  });
});

describe('keepalived command line', () => {
  it('2.2.7: as the reference recordings ran it (-G, -i, -b; no -R)', () => {
    expect(keepalivedCommandLine('keepalived-2.2', 'A', files).join(' ')).toBe(
      '-P -n -l -D -G -i A -f /r/A.conf -p /r/A.ka.pid -r /r/A.vrrp.pid -c /r/A.chk.pid -b /r/A.bfd.pid',
    );
  });

  it('1.2.13: no -G, -i or -b, which it does not have; -R so that a killed child is not respawned', () => {
    const args = keepalivedCommandLine('keepalived-1.2', 'A', files);
    expect(args.join(' ')).toBe('-P -n -l -D -R -f /r/A.conf -p /r/A.ka.pid -r /r/A.vrrp.pid -c /r/A.chk.pid');
    for (const absent of ['-G', '-i', '-b']) expect(args).not.toContain(absent);
  });
});
