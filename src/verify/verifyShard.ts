import { compileMachine } from '../../model/compileMachine.ts';
import { type ProfileName, profiles } from '../../model/profiles.ts';
import { vrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';
import { findProperty } from '../../properties/index.ts';
import type { Property } from '../../properties/property.ts';
import { decides } from '../check/runRecord.ts';
import { simulateScenario } from '../check/simulateScenario.ts';
import type { Scenario, ScenarioRouter } from '../scenario.ts';
import type { ExploreStats, Scope, Shard } from './explore.ts';
import type { PathJudgement } from './judgePaths.ts';
import { pathVerdicts, type VerifyResult } from './verify.ts';

/** The version of the verify shard file format. */
export const VERIFY_SHARD_FORMAT = 1;

/** What a search in shards was asked: the same in every shard of it. */
export interface VerifyJob {
  readonly profile: ProfileName;
  readonly routers: readonly ScenarioRouter[];
  /** The claims judged, by name, in order. */
  readonly properties: readonly string[];
  /** Whether they were asked for (--property), not all by default: the report counts findings so. */
  readonly asked: boolean;
  readonly scope: Scope;
}

/**
 * What `vrrp-check verify --shard K/N` prints: its part of the search, enough for `vrrp-check
 * merge` to judge the whole as verify does. Each judged path is its depth and a row of `rows`
 * (the judgement vectors, each written once: most paths say the same); the scenario is kept of
 * each path that is the first in the shard to decide a claim, since only such a path can be the
 * merged search's example.
 */
export interface VerifyShardFile {
  readonly vrrpCheckVerifyShard: typeof VERIFY_SHARD_FORMAT;
  readonly job: VerifyJob;
  readonly shard: Shard;
  readonly stats: ExploreStats;
  readonly cpuSeconds: number;
  readonly coverage: VerifyResult['coverage'];
  readonly rows: readonly PathJudgement[];
  /** Per judged path, in the order judged: [depth, row]. */
  readonly paths: readonly (readonly [number, number])[];
  /** Scenarios by path index: the first path of the shard to decide each claim. */
  readonly examples: Readonly<Record<string, Scenario>>;
}

/** The shard file of a shard's search. */
export function verifyShardFile(job: VerifyJob, shard: Shard, result: VerifyResult): VerifyShardFile {
  const judged = result.judged ?? [];
  const properties = job.properties.map((name) => findProperty(name) as Property);
  const rows: PathJudgement[] = [];
  const rowOf = new Map<string, number>();
  const paths = judged.map(({ depth, judgements }): [number, number] => {
    const key = JSON.stringify(judgements);
    let row = rowOf.get(key);
    if (row === undefined) {
      row = rows.length;
      rows.push(judgements);
      rowOf.set(key, row);
    }
    return [depth, row];
  });
  const examples: Record<string, Scenario> = {};
  properties.forEach((property, p) => {
    const index = judged.findIndex(({ judgements }) => {
      const j = judgements[p];
      return j !== undefined && decides(property, j);
    });
    const path = judged[index];
    if (path !== undefined) examples[String(index)] = path.scenario;
  });
  return {
    vrrpCheckVerifyShard: VERIFY_SHARD_FORMAT,
    job,
    shard,
    stats: result.stats,
    cpuSeconds: result.cpuSeconds,
    coverage: result.coverage,
    rows,
    paths,
    examples,
  };
}

/**
 * The whole search from all its shards (each given once): their paths in breadth-first order
 * (by depth, then shard, then the order each shard judged them), judged as verify judges one
 * search, so that the verdicts, and the depth of each shortest example, are the unsharded
 * search's. States and paths add up over the shards, those every shard explored before they
 * parted counted once; a state reached later from two shards' parts counts twice.
 */
export function mergeVerifyShards(files: readonly VerifyShardFile[]): VerifyResult {
  const [first] = files;
  if (first === undefined) throw new Error('no shard to merge');
  const { job } = first;
  const properties = job.properties.map((name) => findProperty(name) as Property);
  const order = files
    .flatMap((file) => file.paths.map(([depth, row], index) => ({ file, depth, row, index })))
    .sort((x, y) => x.depth - y.depth || x.file.shard.k - y.file.shard.k || x.index - y.index);
  const profile = profiles[job.profile];
  const stepper = compileMachine(vrrpInstanceMachine);
  const verdicts = pathVerdicts(
    order.map((o) => o.file.rows[o.row] as PathJudgement),
    order.map((o) => o.depth),
    properties,
    job.profile,
    (i) => {
      const o = order[i] as (typeof order)[number];
      const scenario = o.file.examples[String(o.index)];
      if (scenario === undefined) throw new Error(`shard ${o.file.shard.k}/${o.file.shard.n} lacks path ${o.index}`);
      return scenario;
    },
    (scenario) => simulateScenario(scenario, profile, stepper).trace,
  );
  // what every shard explored alike before they parted counts once
  const alike = (f: (s: { generated: number; distinct: number }) => number) =>
    (files.length - 1) * f(first.stats.shard?.shared ?? { generated: 0, distinct: 0 });
  const sum = (f: (s: ExploreStats) => number) => files.reduce((n, file) => n + f(file.stats), 0);
  const max = (f: (s: ExploreStats) => number) => Math.max(...files.map((file) => f(file.stats)));
  return {
    scope: job.scope,
    stats: {
      generated: sum((s) => s.generated) - alike((s) => s.generated),
      distinct: sum((s) => s.distinct) - alike((s) => s.distinct),
      depth: max((s) => s.depth),
      queuePeak: max((s) => s.queuePeak),
      paths: sum((s) => s.paths),
      incomplete: files.some((file) => file.stats.incomplete),
    },
    verdicts,
    coverage: first.coverage.map((c, i) => ({
      transition: c.transition,
      taken: files.reduce((n, file) => n + (file.coverage[i]?.taken ?? 0), 0),
    })),
    cpuSeconds: files.reduce((n, file) => n + file.cpuSeconds, 0),
    shards: { n: first.shard.n, splitDepth: first.stats.shard?.splitDepth ?? null },
  };
}
