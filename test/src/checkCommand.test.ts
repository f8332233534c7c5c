import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClusterSource } from '../../src/arbitraries/fixedClusterSource.ts';
import { readConfs } from '../../src/cli/checkCommand.ts';
import { main } from '../../src/cli/main.ts';
import { EXAMPLES } from '../golden/oracleRecordings.ts';

const sound = ['A.conf', 'B.conf'].map((f) => join(EXAMPLES, 'check-sound', f));
const mistake = ['A.conf', 'B.conf'].map((f) => join(EXAMPLES, 'check-weight-smaller-than-gap', f));

describe('vrrp-check check', () => {
  it('the sound pair exits 0: every claim holds on enough runs or does not apply to these configs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vrrp-'));
    const result = await main(['check', ...sound, '--out', out, '--seed', '42']);
    expect(result.stdout).toMatch(
      /\n15 claim\(s\) hold, 0 fail, 0 on weak evidence, 3 do not apply .*; 0 pitfall\(s\) found\.\nExit 0\.\n$/,
    );
    expect(result.stdout).not.toMatch(/FAILS|weak evidence, held/);
    expect(result.code).toBe(0);
    expect(readdirSync(out)).toEqual([]);
  });

  it('the classic mistake exits 1 with a finding whose Why line explains the gap, saved and replayable', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vrrp-'));
    const result = await main(['check', ...mistake, '--out', out, '--seed', '42']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/✓[^\n]*FAILS/);
    expect(result.stdout).toMatch(
      /\n✖ a tracker failure leaves the VIP where it is: found, a configuration mistake: it fails the check\n/,
    );
    expect(result.stdout).toMatch(
      /\n {4}Why: VRID 51: A's script chk failed at [\d.]+ s; its priority went from 110 to 105 \(weight -5\), not below B's 100, .* \|weight\| must be at least 11 .* Fix: make \|weight\| larger than the gap/,
    );
    const saved = join(out, 'a-tracker-failure-leaves-the-vip-where-it-is.keepalived-2.2.json');
    expect(result.stdout).toMatch(
      new RegExp(
        `\\n {4}replay with: vrrp-check run ${saved.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --profile keepalived-2.2 {3}\\(seed 42, path "[\\d:]+", shrunk \\d+ time\\(s\\)\\)\\n`,
      ),
    );
    expect(result.stdout).toMatch(
      /\nExit 1: pitfall "a tracker failure leaves the VIP where it is" found in these configs\.\n$/,
    );
    expect(JSON.parse(readFileSync(saved, 'utf8')).routers).toHaveLength(2);
    // the saved file, judged on its own, shows the same
    const again = await main([
      'check',
      '--scenario',
      saved,
      '--property',
      'a tracker failure leaves the VIP where it is',
    ]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/from 110 to 105/);
  });

  it('--profile keepalived-1.2 on the sound pair reports 1.2.13 behaviours as findings and exits 0, unless asked for', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vrrp-'));
    const args = ['check', ...sound, '--out', out, '--seed', '42', '--profile', 'keepalived-1.2'];
    const result = await main(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /\n⚠ a restarted router keeps the VIP of its killed run: found, a known keepalived 1\.2\.13 behaviour: reported, not counted; add --property "a restarted router keeps the VIP of its killed run" to make it fail the check\n {4}Why: VRID 51: /,
    );
    expect(result.stdout).toMatch(/\nExit 0\.\n$/);
    const asked = await main([...args, '--property', 'a restarted router keeps the VIP of its killed run']);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toMatch(
      /\nExit 1: pitfall "a restarted router keeps the VIP of its killed run" found \(asked for with --property\)\.\n$/,
    );
  });

  it('a witness never seen makes the claims it stands for unverified: exit 1', async () => {
    const result = await main([
      'check',
      ...sound,
      '--runs',
      '2',
      // two runs of this seed elect a master but see no failover: the claim holds, its witness is missing
      '--seed',
      '5',
      '--property',
      'single master',
      '--property',
      'failover happens',
    ]);
    expect(result.stdout).toMatch(/\n\? single master \[always\]: weak evidence, held on only 2 applicable runs/);
    expect(result.stdout).toMatch(
      /\n✖ "single master" unverified: its witness "failover happens" was never seen in 2 runs\n/,
    );
    expect(result.code).toBe(1);
  });

  it('the same seed gives the same report', async () => {
    const args = ['check', ...mistake, '--out', mkdtempSync(join(tmpdir(), 'vrrp-')), '--runs', '60', '--seed', '7'];
    expect((await main(args)).stdout).toBe((await main(args)).stdout);
  });

  it('an unknown property lists the known ones, exit 2', async () => {
    const result = await main(['check', ...sound, '--property', 'no split brain']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^vrrp-check: unknown property "no split brain" \(known: "single master", "failover happens", .*\)\n$/,
    );
  });

  it('a malformed keepalived.conf is one line with file:line:col, exit 2', async () => {
    const result = await main([
      'check',
      join(import.meta.dirname, '..', 'fixtures', 'conf', 'recorded-a.conf'),
      join(EXAMPLES, 'seed-example-1', 'scenario.json'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^vrrp-check: .*scenario\.json:\d+:\d+: .*\(.*\)\n$/);
  });

  it('bad numbers and missing files are one-line errors, exit 2', async () => {
    expect((await main(['check', ...sound, '--runs', 'many'])).stderr).toBe(
      'vrrp-check: --runs must be an integer from 1 to 1000000 (got "many")\n',
    );
    expect((await main(['check', 'nope.conf'])).stderr).toBe(
      'vrrp-check: nope.conf: cannot read this keepalived.conf (check the path)\n',
    );
    expect((await main(['check'])).code).toBe(2);
    expect((await main(['check', ...sound, '--jitter', '-1'])).stderr).toBe(
      'vrrp-check: --jitter must be a number of seconds from 0 to 1 (got "-1")\n',
    );
  });

  it('says in its scope how much jitter it explored', async () => {
    const args = ['check', ...sound, '--runs', '20', '--property', 'single master', '--seed', '42'];
    expect((await main(args)).stdout).toMatch(
      /; 20 runs per property, seed 42, 30 s after the last event, jitter ≤ 200 µs in half the runs\n/,
    );
    expect((await main([...args, '--jitter', '0'])).stdout).toMatch(/30 s after the last event, no jitter\n/);
  });

  it('takes each tracked interface of a dual-homed router down, not only the first', () => {
    // both uplinks tracked: eth1 vital (FAULT), eth2 with a weight; check used to fail eth1 only
    const dir = mkdtempSync(join(tmpdir(), 'vrrp-uplinks-'));
    const files = [150, 100].map((priority, i) => {
      const file = join(dir, `${'AB'[i]}.conf`);
      writeFileSync(
        file,
        `vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority ${priority}\n    track_interface {\n        eth1\n        eth2 weight -60\n    }\n    virtual_ipaddress {\n        10.99.0.100/24\n    }\n}\n`,
      );
      return file;
    });
    const routers = readConfs(files, []);
    if (typeof routers === 'string') throw new Error(routers);
    const source = fixedClusterSource(routers.routers, 30, 0);
    const downed = new Set(
      fc
        .sample(source.arbitrary, { numRuns: 300, seed: 1 })
        .flatMap((v) => source.toScenario(v, 'keepalived-2.2').events)
        .filter((e) => e.do === 'linkdown' && e.router === 'A')
        .map((e) => e.interface ?? 'eth0'),
    );
    expect([...downed].sort()).toEqual(['eth0', 'eth1', 'eth2']);
  });

  it('a dual-homed pair (examples/track-two-uplinks) exits 0: its weights are seen at boot and on either uplink', async () => {
    const pair = ['A.conf', 'B.conf'].map((f) => join(EXAMPLES, 'track-two-uplinks', f));
    for (const profile of ['keepalived-2.2', 'keepalived-1.2']) {
      const result = await main(['check', ...pair, '--seed', '42', '--profile', profile, '--workers', '1']);
      expect(result.stdout).not.toMatch(/unverified|FAILS/);
      expect(result.code).toBe(0);
    }
  });

  it('--jitter sets the bound of the scenarios it generates; 0 generates none', () => {
    const routers = readConfs(sound, []);
    if (typeof routers === 'string') throw new Error(routers);
    const jitters = (max: number) => {
      const source = fixedClusterSource(routers.routers, 30, max);
      return fc
        .sample(source.arbitrary, { numRuns: 100, seed: 1 })
        .map((v) => source.toScenario(v, 'keepalived-2.2').jitter);
    };
    expect(jitters(0).every((j) => j === undefined)).toBe(true);
    const some = jitters(0.0005);
    expect(some.filter((j) => j !== undefined).length).toBeGreaterThan(20);
    expect(some.filter((j) => j !== undefined).length).toBeLessThan(80);
    expect(new Set(some.map((j) => j?.max))).toEqual(new Set([undefined, 0.0005]));
  });

  it('--json prints the verdicts as data: a claim on too few applicable runs is weak evidence, with the runs needed', async () => {
    const result = await main([
      'check',
      ...sound,
      '--json',
      '--runs',
      '30',
      '--property',
      'single master',
      '--seed',
      '42',
    ]);
    const report = JSON.parse(result.stdout ?? '');
    expect(report.verdicts).toHaveLength(1);
    expect(report.verdicts[0]).toMatchObject({
      property: 'single master',
      profile: 'keepalived-2.2',
      status: 'weak',
      runs: 30,
      seed: 42,
      counts: false,
    });
    expect(report.verdicts[0].needed).toBeGreaterThan(100);
    expect(report.exit).toBe(0);
  });

  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    '--json on the sound pair (%s): at least 100 applicable runs per claim, and 90 percent of the reachable machine transitions',
    async (profile) => {
      const result = await main(['check', ...sound, '--json', '--seed', '7', '--profile', profile]);
      const report = JSON.parse(result.stdout ?? '');
      expect(report.exit).toBe(0);
      for (const v of report.verdicts) {
        if (v.kind === 'sometimes' || v.status === 'not-configured') continue;
        expect(v.status, v.property).toBe('holds');
        expect(v.applicable, v.property).toBeGreaterThanOrEqual(100);
      }
      const m = report.coverage.machine;
      expect(m.total).toBe(72);
      // 1.2.13: a BACKUP that forced an election and then hears an advert not below its own takes
      // "backup ADVERT held for the group or forcing an election"
      expect(m.reachable).toBe(profile === 'keepalived-1.2' ? 25 : 19);
      expect(m.unexpected).toEqual([]);
      expect(m.percent).toBeGreaterThanOrEqual(90);
    },
  );
});
