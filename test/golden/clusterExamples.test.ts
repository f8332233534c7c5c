import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { describeDifferences } from '../../src/compare/compareWithRecording.ts';
import { EXAMPLES, runAgainstRecordings } from './oracleRecordings.ts';

/** `vrrp-check check` on an example's A.conf and B.conf, with a fixed seed. */
async function checkExample(name: string, ...options: string[]) {
  const confs = ['A.conf', 'B.conf'].map((f) => join(EXAMPLES, name, f));
  const out = mkdtempSync(join(tmpdir(), 'vrrp-examples-'));
  return main(['check', ...confs, '--out', out, '--seed', '42', '--workers', '1', ...options]);
}

describe('the bundled cluster examples', () => {
  it('two-vrids-active-active: each router MASTER of one VRID holds "single master", exit 0', async () => {
    const result = await checkExample('two-vrids-active-active');
    expect(result.stdout).toMatch(/✓ single master \[always\]: holds/);
    expect(result.code).toBe(0);
  });

  it('unicast-no-src-ip: the addresses come from the peer lists, and the pair holds, exit 0', async () => {
    const result = await checkExample('unicast-no-src-ip');
    expect(result.stdout).toMatch(/A 192\.168\.10\.11, B 192\.168\.10\.12/);
    expect(result.stdout).toMatch(/✓ single master \[always\]: holds/);
    expect(result.code).toBe(0);
  });

  it('unicast-asymmetric: warned, and "single master" fails with two masters, exit 1', async () => {
    const result = await checkExample('unicast-asymmetric', '--property', 'single master');
    expect(result.stderr).toMatch(/router B's vrrp_instance VI_1 \(VRID 61\) does not list A \(192\.168\.10\.11\)/);
    expect(result.stderr).toMatch(/unicast_peer 192\.168\.10\.13, which is no router's address here/);
    expect(result.stdout).toMatch(/✖ single master \[always\]: FAILS/);
    expect(result.stdout).toMatch(/are all MASTER/);
    expect(result.code).toBe(1);
  });

  it('kubeadm-fall-10: the weight mistake of a slow tracker is found with default options, exit 1', async () => {
    const result = await checkExample('kubeadm-fall-10');
    // the horizon follows the slowest tracker: interval 3 × (fall 10 + 1) + timeout 3 and the timers
    expect(result.stdout).toMatch(/, 49 s after the last event,/);
    // weight −2 against a gap of 8 (110 − 2 for the failing check against 100): a pitfall found, not a claim failed
    expect(result.stdout).toMatch(
      /✖ a tracker failure leaves the VIP where it is \[pitfall\] under keepalived-2\.2: found in these configs/,
    );
    expect(result.stdout).toMatch(/its priority went from 110 to 108 \(weight -2\), not below/);
    expect(result.code).toBe(1);
  });
});

describe('the cluster recordings of real keepalived 2.2.7 (examples/conform-…)', () => {
  const recordings = [
    'conform-sync-group',
    'conform-sync-group-owners',
    'conform-sync-group-state-master',
    'conform-two-vrids-active-active',
    'conform-unicast-no-src-ip',
    'conform-unicast-asymmetric',
  ];

  for (const name of recordings) {
    it(`${name}: the model matches it, message for message and advert for advert, at 100 ms`, () => {
      const dir = join(EXAMPLES, name);
      const run = runAgainstRecordings({ dir, name, recordings: ['recorded'] }, 0.1);
      expect(run.comparisons.map((c) => describeDifferences(c.comparison))).toEqual([[]]);
    });
  }

  it('conform-sync-group: without its sync group the model would not match the recording', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrp-nogroup-'));
    const from = join(EXAMPLES, 'conform-sync-group');
    for (const file of ['A.conf', 'B.conf']) {
      const text = readFileSync(join(from, file), 'utf8').replace(/vrrp_sync_group G \{[\s\S]*?\n\}\n/, '');
      writeFileSync(join(dir, file), text);
    }
    copyFileSync(join(from, 'scenario.json'), join(dir, 'scenario.json'));
    mkdirSync(join(dir, 'recorded'));
    copyFileSync(join(from, 'recorded', 'merged.log'), join(dir, 'recorded', 'merged.log'));
    const run = runAgainstRecordings({ dir, name: 'no group', recordings: ['recorded'] }, 0.1);
    expect(describeDifferences(run.comparisons[0]?.comparison ?? { matches: true, parts: [] }).length).toBeGreaterThan(
      0,
    );
  });
});
