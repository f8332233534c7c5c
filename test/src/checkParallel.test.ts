import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { EXAMPLES } from '../golden/oracleRecordings.ts';

// worker threads run the compiled dist/ (npm test builds it first)
const mistake = ['A.conf', 'B.conf'].map((f) => join(EXAMPLES, 'check-weight-smaller-than-gap', f));
const common = ['--runs', '80', '--seed', '11'];

describe('check on several cores and machines', () => {
  it('gives byte-identical reports for any number of workers', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vrrp-'));
    const one = await main(['check', ...mistake, ...common, '--workers', '1', '--out', out]);
    const two = await main(['check', ...mistake, ...common, '--workers', '2', '--out', out]);
    const three = await main(['check', ...mistake, ...common, '--workers', '3', '--out', out, '--json']);
    const oneJson = await main(['check', ...mistake, ...common, '--workers', '1', '--out', out, '--json']);
    expect(one.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
    expect(three.stdout).toBe(oneJson.stdout);
  });

  it('two shards merged give the unsharded report, byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrp-'));
    const whole = await main(['check', ...mistake, ...common, '--workers', '1', '--out', join(dir, 'out')]);
    const files = [];
    for (const k of [2, 1]) {
      const shard = await main(['check', ...mistake, ...common, '--workers', '1', '--shard', `${k}/2`, '--json']);
      expect(shard.code).toBe(0);
      const file = join(dir, `shard-${k}.json`);
      writeFileSync(file, shard.stdout ?? '');
      files.push(file);
    }
    const merged = await main(['merge', ...files, '--workers', '1', '--out', join(dir, 'out')]);
    expect(merged.stdout).toBe(whole.stdout);
    expect(merged.code).toBe(whole.code);
  });

  it('merge refuses missing, repeated or foreign shards, in one line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrp-'));
    const shard = async (k: number, seed: string) => {
      const result = await main(['check', ...mistake, '--runs', '20', '--seed', seed, '--shard', `${k}/2`, '--json']);
      const file = join(dir, `s${k}-${seed}.json`);
      writeFileSync(file, result.stdout ?? '');
      return file;
    };
    const a1 = await shard(1, '1');
    const a2 = await shard(2, '1');
    const b2 = await shard(2, '2');
    expect((await main(['merge', a1])).stderr).toBe('vrrp-check: shard 2/2 missing (run check --shard for it)\n');
    expect((await main(['merge', a1, a1])).stderr).toMatch(/shard 1\/2 is given twice\n$/);
    const foreign = await main(['merge', a1, b2]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/a shard of another check/);
    expect((await main(['merge', a1, a2])).code).toBeLessThan(2);
    expect((await main(['check', ...mistake, '--shard', '3/2'])).stderr).toMatch(/^vrrp-check: --shard must be K\/N/);
  });
});
