import type { CheckJob } from './checkJob.ts';
import type { RunRecord } from './runRecord.ts';

/** The version of the shard file format. */
export const SHARD_FORMAT = 1;

/** What `vrrp-check check --shard K/N` prints: its slice of the runs' records, and the job they belong to. */
export interface ShardFile {
  readonly vrrpCheckShard: typeof SHARD_FORMAT;
  readonly job: CheckJob;
  readonly shard: { readonly k: number; readonly n: number };
  readonly records: readonly RunRecord[];
}
