import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profiles } from '../../model/profiles.ts';
import { allProperties } from '../../properties/index.ts';
import { main } from '../../src/cli/main.ts';
import { prepareScenarioValue } from '../../src/loadScenario.ts';
import type { ScenarioRouter } from '../../src/scenario.ts';
import { defaultScope, verify } from '../../src/verify/verify.ts';
import { EXAMPLES } from '../golden/oracleRecordings.ts';

const sound = ['A.conf', 'B.conf'].map((f) => join(EXAMPLES, 'check-sound', f));
const mistake = ['A.conf', 'B.conf'].map((f) => join(EXAMPLES, 'check-weight-smaller-than-gap', f));
const small = ['--faults', '0', '--flips', '1', '--restarts', '0'];

describe('vrrp-check verify', () => {
  it('finds the weight mistake with a shortest witness that replays', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vrrp-'));
    const result = await main(['verify', ...mistake, ...small, '--out', out]);
    expect(result.code).toBe(1);
    // the weight is not larger than the gap: the precise claim does not apply, the pitfall is reached
    expect(result.stdout).toMatch(
      /· a failed tracker moves the VIP \[always\]: does not apply to these configs \(it needs a tracked script whose failure can take its router below a healthy peer/,
    );
    expect(result.stdout).toMatch(
      /✖ a tracker failure leaves the VIP where it is \[pitfall\]: found in the scope — shortest witness below \(depth \d+\)/,
    );
    expect(result.stdout).toContain('✖ a tracker failure leaves the VIP where it is: found, a configuration mistake');
    expect(result.stdout).toMatch(/its priority went from 110 to 105 \(weight -5\), not below B's 100/);
    const saved = join(out, 'verify-a-tracker-failure-leaves-the-vip-where-it-is.keepalived-2.2.json');
    expect(result.stdout).toContain(`replay with: vrrp-check run ${saved} --profile keepalived-2.2`);
    expect(result.stdout).toMatch(
      /^Exit 1: pitfall "a tracker failure leaves the VIP where it is" found in these configs\.$/m,
    );
    // the saved scenario, judged on its own, shows the same
    const again = await main([
      'check',
      '--scenario',
      saved,
      '--property',
      'a tracker failure leaves the VIP where it is',
    ]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/from 110 to 105/);
    // the JSON report says the same
    const json = JSON.parse((await main(['verify', ...mistake, ...small, '--out', out, '--json'])).stdout ?? '');
    const verdict = json.verdicts.find(
      (v: { property: string }) => v.property === 'a tracker failure leaves the VIP where it is',
    );
    expect(verdict).toMatchObject({ status: 'witnessed', pitfall: 'mistake', counts: true });
    expect(json.exit).toBe(1);
  });

  it('proves the sound pair within its scope, with the states it explored', async () => {
    const result = await main(['verify', ...sound, ...small]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Scope: every start order .*≤ 0 faults .*≤ 1 script flip, ≤ 0 restarts, simultaneous stimuli in every order/m,
    );
    expect(result.stdout).toMatch(
      /^Explored: [\d,]+ states generated, [\d,]+ distinct, depth \d+, queue peak [\d,]+; [\d,]+ paths judged\.$/m,
    );
    expect(result.stdout).toMatch(/✓ single master \[always\]: holds in the scope/);
    expect(result.stdout).toMatch(/claim\(s\) hold in the scope, 0 fail/);
    expect(result.stdout).toMatch(/^Exit 0\.$/m);
    expect(result.stderr).toMatch(/distinct states in [\d.]+ CPU-s/);
  });

  it('judges the pairs under keepalived 1.2.13 too: the sound pair exits 0, the weight mistake 1', async () => {
    const profile = ['--profile', 'keepalived-1.2'];
    const sound12 = await main(['verify', ...sound, ...small, ...profile]);
    expect(sound12.code).toBe(0);
    // a known 1.2.13 behaviour is reported, not counted
    expect(sound12.stdout).toMatch(/⚠ a first advert ignores the trackers \[pitfall\]: found in the scope/);
    expect(sound12.stdout).toMatch(/^Exit 0\.$/m);
    const out = mkdtempSync(join(tmpdir(), 'vrrp-'));
    const mistake12 = await main(['verify', ...mistake, ...small, ...profile, '--out', out]);
    expect(mistake12.code).toBe(1);
    expect(mistake12.stdout).toMatch(
      /✖ a tracker failure leaves the VIP where it is \[pitfall\]: found in the scope — shortest witness below/,
    );
    expect(mistake12.stdout).toContain(
      `replay with: vrrp-check run ${join(out, 'verify-a-tracker-failure-leaves-the-vip-where-it-is.keepalived-1.2.json')} --profile keepalived-1.2`,
    );
  }, 180_000);

  it('gives the same bytes every time', async () => {
    const args = ['verify', ...mistake, '--faults', '0', '--flips', '0', '--restarts', '1', '--json'];
    const first = await main(args);
    expect((await main(args)).stdout).toBe(first.stdout);
    const json = JSON.parse(first.stdout ?? '');
    expect(json.stats.distinct).toBeGreaterThan(1000);
    expect(json.coverage.length).toBeGreaterThan(40);
  });

  it('gives the same report for any number of workers', async () => {
    // enough paths (2,789) for the judging to be spread over the workers
    const args = ['verify', ...sound, '--faults', '1', '--flips', '0', '--restarts', '0', '--races', '0'];
    const one = await main([...args, '--workers', '1']);
    const two = await main([...args, '--workers', '2']);
    expect(one.stdout).toMatch(/2,789 paths judged/);
    expect(two.stdout).toBe(one.stdout);
  });

  it('refuses bad bounds in one line, exit 2', async () => {
    expect((await main(['verify', ...sound, '--faults', '-1'])).stderr).toBe(
      'vrrp-check: --faults must be an integer from 0 to 8 (got "-1")\n',
    );
    expect((await main(['verify'])).code).toBe(2);
  });

  it('says INCOMPLETE at the state limit, and how to split a scope of faults and flips', async () => {
    const both = await main(['verify', ...sound, '--max-states', '2000']);
    expect(both.stdout).toContain('INCOMPLETE: the search stopped at 2,000 distinct states;');
    expect(both.stdout).toContain('verify the bounds one at a time, with --flips 0 and then with --faults 0');
    const faultsOnly = await main(['verify', ...sound, '--max-states', '2000', '--flips', '0']);
    expect(faultsOnly.stdout).toContain('INCOMPLETE');
    expect(faultsOnly.stdout).not.toContain('one at a time');
  });
});

describe('the search', () => {
  it('reaches, by replaying each judged path, the very world it explored', async () => {
    const routers: ScenarioRouter[] = mistake.map((file, i) => ({
      name: i === 0 ? 'A' : 'B',
      address: `10.0.0.${i + 1}`,
      config: file,
    }));
    for (const profile of ['keepalived-1.2', 'keepalived-2.2'] as const) {
      const prepared = prepareScenarioValue({ routers, events: [], until: 1 }, join(EXAMPLES, 'x.json'), profile);
      if (!prepared.ok) throw new Error(prepared.message);
      const withText = prepared.value.selfContained.routers;
      const scope = defaultScope(prepared.value.cluster, withText, {
        faults: 0,
        flips: 1,
        restarts: 1,
        maxStates: 400_000,
      });
      const result = await verify({
        profile: profiles[profile],
        routers: withText,
        cluster: prepared.value.cluster,
        properties: allProperties.slice(0, 2),
        scope,
        checkReplay: true,
      });
      expect(result.stats.paths).toBeGreaterThan(50);
    }
  });
});
