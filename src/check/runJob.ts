import type { Verdict } from '../check.ts';
import { decisions, isShown, verdictsOf } from '../check.ts';
import { type CheckJob, jobOptions } from './checkJob.ts';
import type { WorkerTask } from './checkWorker.ts';
import { generatedValues, judgeRuns } from './judgeRuns.ts';
import type { RunRecord } from './runRecord.ts';
import { type Shrunk, shrink } from './shrink.ts';
import { WorkerPool, workerFile } from './workerPool.ts';

/** Runs judged per task: small enough to stop soon after the last claim is decided. */
const BLOCK = 10;

export interface RunJobOptions {
  /** Worker threads; 1 runs everything in this thread. */
  readonly workers: number;
  /** The slice of runs [from, to) (a shard); the whole check by default. */
  readonly from?: number;
  readonly to?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The pool of check workers for a job. */
class Pool extends WorkerPool<WorkerTask> {
  constructor(job: CheckJob, size: number) {
    super(workerFile(import.meta.url, './checkWorker'), job, size);
  }
}

/**
 * Phase one of a check: the job's runs (or a shard's slice of them), each simulated once and
 * judged by the claims still open, in blocks spread over the worker threads. The records are the
 * same for any number of workers: a block skips only claims decided by an earlier run.
 */
export async function jobRecords(job: CheckJob, options: RunJobOptions): Promise<RunRecord[]> {
  const from = options.from ?? 0;
  const to = options.to ?? job.runs;
  const local = jobOptions(job);
  const records: RunRecord[] = [];
  const open = () => decisions(records, local.properties).map((d) => d === undefined);
  if (options.workers <= 1) {
    const values = generatedValues(local, to);
    for (let start = from; start < to; start += BLOCK) {
      const stillOpen = open();
      if (!stillOpen.some((o) => o)) break;
      const end = Math.min(to, start + BLOCK);
      records.push(...judgeRuns(local, start, end, stillOpen, values));
      options.onProgress?.(end - from, to - from);
    }
    return records;
  }
  const pool = new Pool(job, options.workers);
  try {
    const inFlight = new Set<Promise<void>>();
    let done = 0;
    for (let start = from; start < to; start += BLOCK) {
      while (inFlight.size >= options.workers * 2) await Promise.race(inFlight);
      const stillOpen = open();
      if (!stillOpen.some((o) => o)) break;
      const end = Math.min(to, start + BLOCK);
      const block = pool
        .run<{ records: RunRecord[] }>({ kind: 'runs', from: start, to: end, open: stillOpen })
        .then((reply) => {
          records.push(...reply.records);
          done += end - start;
          options.onProgress?.(done, to - from);
          inFlight.delete(block);
        });
      inFlight.add(block);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  return records.sort((a, b) => a.index - b.index);
}

/** Phase two: the verdicts, with each decided claim's run shrunk (spread over the workers). */
export async function jobVerdicts(job: CheckJob, records: readonly RunRecord[], workers: number): Promise<Verdict[]> {
  const local = jobOptions(job);
  // a witness of a claim is not shown (only that it was seen): only counterexamples and findings are shrunk
  const decided = decisions(records, local.properties).map((d, p) =>
    local.properties[p] !== undefined && isShown(local.properties[p]) ? d : undefined,
  );
  const shrunk = new Map<number, Shrunk>();
  if (workers <= 1) {
    decided.forEach((d, p) => {
      const property = local.properties[p];
      if (d !== undefined && property !== undefined) shrunk.set(p, shrink(local, property, d.index, d.crashed));
    });
  } else if (decided.some((d) => d !== undefined)) {
    const pool = new Pool(job, Math.min(workers, decided.filter((d) => d !== undefined).length));
    try {
      await Promise.all(
        decided.map(async (d, p) => {
          if (d === undefined) return;
          const reply = await pool.run<{ shrunk: Shrunk }>({
            kind: 'shrink',
            property: p,
            index: d.index,
            crashed: d.crashed,
          });
          shrunk.set(p, reply.shrunk);
        }),
      );
    } finally {
      await pool.close();
    }
  }
  return verdictsOf(records, { ...local, profile: job.profile }, (_, p) => shrunk.get(p) ?? { shrinks: 0 });
}
