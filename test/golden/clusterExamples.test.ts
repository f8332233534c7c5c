import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { EXAMPLES } from './oracleRecordings.ts';

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
    expect(result.stdout).toMatch(/✖ a failed tracker moves the VIP \[always\]: FAILS/);
    expect(result.stdout).toMatch(/\(weight -2\), not below/);
    expect(result.code).toBe(1);
  });
});
