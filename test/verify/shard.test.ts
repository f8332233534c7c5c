import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profiles } from '../../model/profiles.ts';
import { createStepper } from '../../model/stepper.ts';
import { allProperties } from '../../properties/index.ts';
import { main } from '../../src/cli/main.ts';
import { prepareScenarioValue } from '../../src/loadScenario.ts';
import type { ScenarioRouter } from '../../src/scenario.ts';
import { explore, type Shard } from '../../src/verify/explore.ts';
import { defaultScope, type VerifyResult, verify } from '../../src/verify/verify.ts';
import { mergeVerifyShards, type VerifyJob, verifyShardFile } from '../../src/verify/verifyShard.ts';
import { canonicalHash } from '../../src/world/canonical.ts';
import { initialWorld } from '../../src/world/initialWorld.ts';
import { statics } from '../../src/world/statics.ts';
import { EXAMPLES } from '../golden/oracleRecordings.ts';

const mistake = ['A.conf', 'B.conf'].map((f) => join(EXAMPLES, 'check-weight-smaller-than-gap', f));
const sound = ['A.conf', 'B.conf'].map((f) => join(EXAMPLES, 'check-sound', f));
const small = ['--faults', '0', '--flips', '1', '--restarts', '0'];

/** The weight mistake's pair, its small scope (no fault, one flip: about 76,000 states), as the API takes it. */
function mistakeSearch() {
  const routers: ScenarioRouter[] = mistake.map((config, i) => ({
    name: i === 0 ? 'A' : 'B',
    address: `10.0.0.${i + 1}`,
    config,
  }));
  const prepared = prepareScenarioValue({ routers, events: [], until: 1 }, join(EXAMPLES, 'x.json'), undefined);
  if (!prepared.ok) throw new Error(prepared.message);
  const withText = prepared.value.selfContained.routers;
  const cluster = prepared.value.cluster;
  const scope = defaultScope(cluster, withText, { faults: 0, flips: 1, restarts: 0 });
  return { routers: withText, cluster, scope };
}

/** What a verdict says, less the counts of paths (which add up over the shards) and the example itself. */
const outcome = (r: VerifyResult) => r.verdicts.map((v) => `${v.property}: ${v.status} ${v.depth ?? ''}`);

describe('verify in shards (--shard K/N, then merge)', () => {
  // small searches are split at a low level here (perShard 64): the default waits for 4,096 states a shard
  const split = (k: number, n: number): Shard => ({ k, n, perShard: 64 });

  it('covers every state of the whole search, and each shard only its part', () => {
    const { cluster, scope } = mistakeSearch();
    const model = statics(cluster, createStepper(), 0);
    const key = (w: Parameters<typeof canonicalHash>[1]) => {
      const { a, b } = canonicalHash(model, w);
      return `${a}:${b}`;
    };
    const whole = new Set<string>();
    explore(
      model,
      initialWorld(model, null),
      scope,
      () => true,
      (w) => whole.add(key(w)),
    );
    const parts = [1, 2, 3].map((k) => {
      const seen = new Set<string>();
      const stats = explore(
        model,
        initialWorld(model, null),
        scope,
        () => true,
        (w) => seen.add(key(w)),
        split(k, 3),
      );
      return { seen, stats };
    });
    const splitDepth = parts[0]?.stats.shard?.splitDepth ?? null;
    expect(splitDepth).not.toBeNull();
    for (const p of parts) expect(p.stats.shard?.splitDepth).toBe(splitDepth);
    const missed = [...whole].filter((s) => !parts.some((p) => p.seen.has(s)));
    expect(missed).toEqual([]);
    // each shard leaves out much of the whole: the work is shared out
    for (const p of parts) expect(p.seen.size).toBeLessThan(0.8 * whole.size);
  });

  it('merged, gives every claim the verdict and the shortest depth of the whole search', async () => {
    const { routers, cluster, scope } = mistakeSearch();
    const profile = profiles['keepalived-2.2'];
    const base = { profile, routers, cluster, properties: allProperties, scope, workers: 1 };
    const whole = await verify(base);
    const job: VerifyJob = {
      profile: profile.name,
      routers,
      properties: allProperties.map((p) => p.name),
      asked: false,
      scope,
    };
    const files = [];
    for (const k of [1, 2, 3])
      files.push(verifyShardFile(job, split(k, 3), await verify({ ...base, shard: split(k, 3) })));
    const merged = mergeVerifyShards(files);
    expect(merged.shards?.splitDepth).not.toBeNull();
    expect(outcome(merged)).toEqual(outcome(whole));
    // the weight mistake is among them, found by both as deep
    expect(outcome(merged)).toContain(
      `a tracker failure leaves the VIP where it is: witnessed ${whole.verdicts.find((v) => v.property === 'a tracker failure leaves the VIP where it is')?.depth}`,
    );
    // every path of the whole search is judged in some shard; a path reached from two shards' parts is judged by each
    expect(merged.stats.paths).toBeGreaterThanOrEqual(whole.stats.paths);
    expect(merged.stats.distinct).toBeGreaterThanOrEqual(whole.stats.distinct);
    const taken = (r: VerifyResult) => r.coverage.filter((c) => c.taken > 0).map((c) => c.transition);
    expect(taken(merged)).toEqual(taken(whole));
    // a merge short of a shard would miss what that shard alone found: it is refused (the CLI test)
  });

  it('on the command line: shards print JSON, merge prints the report of the whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrp-shards-'));
    const whole = await main(['verify', ...mistake, ...small, '--workers', '1', '--out', dir]);
    const files: string[] = [];
    for (const k of [1, 2]) {
      const result = await main(['verify', ...mistake, ...small, '--workers', '1', '--shard', `${k}/2`]);
      expect(result.code).toBe(0);
      const file = join(dir, `s${k}.json`);
      writeFileSync(file, result.stdout ?? '');
      files.push(file);
    }
    const merged = await main(['merge', ...files, '--out', dir]);
    expect(merged.code).toBe(whole.code);
    expect(merged.code).toBe(1);
    // this search is too small to share out: shard 1 searched it whole, and the report is the whole's
    expect(merged.stdout).toContain('Searched as 2 shards: the search never grew past 8,192 states a level');
    expect((merged.stdout ?? '').replace(/^Searched as .*\n/m, '')).toBe(whole.stdout);
    // --json says how it was shared out
    const json = JSON.parse((await main(['merge', ...files, '--out', dir, '--json'])).stdout ?? '');
    expect(json.shards).toEqual({ n: 2, splitDepth: null });

    // a shard missing, given twice, or of another search: one line, exit 2
    expect(await main(['merge', files[0] as string])).toEqual({
      code: 2,
      stderr: 'vrrp-check: shard 2/2 missing (run verify --shard for it)\n',
    });
    expect((await main(['merge', files[0] as string, files[0] as string])).stderr).toBe(
      `vrrp-check: ${files[0]}: shard 1/2 is given twice\n`,
    );
    const other = await main(['verify', ...sound, ...small, '--workers', '1', '--shard', '2/2']);
    const otherFile = join(dir, 'other.json');
    writeFileSync(otherFile, other.stdout ?? '');
    expect((await main(['merge', files[0] as string, otherFile])).stderr).toBe(
      `vrrp-check: ${otherFile}: a shard of another verify (its configs, options or N differ from ${files[0]})\n`,
    );
    const check = await main(['check', ...sound, '--runs', '2', '--seed', '1', '--workers', '1', '--shard', '2/2']);
    const checkFile = join(dir, 'check.json');
    writeFileSync(checkFile, check.stdout ?? '');
    expect((await main(['merge', files[0] as string, checkFile])).stderr).toBe(
      'vrrp-check: give the shards of one check or of one verify, not of both\n',
    );
    for (const bad of ['3/2', '0/2', '1/0', 'half'])
      expect(await main(['verify', ...mistake, '--shard', bad])).toEqual({
        code: 2,
        stderr: `vrrp-check: --shard must be K/N with 1 ≤ K ≤ N ≤ 1024 (got "${bad}"; write e.g. --shard 1/4)\n`,
      });
  });
});
