/**
 * A worker thread of `vrrp-check check --workers N`: it runs the slices of runs and the shrinks
 * the main thread hands it, for one job, and sends back plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckJob } from './checkJob.ts';
import { jobOptions } from './checkJob.ts';
import { generatedValues, judgeRuns } from './judgeRuns.ts';
import { shrink } from './shrink.ts';

export type WorkerTask =
  | { readonly kind: 'runs'; readonly from: number; readonly to: number; readonly open: readonly boolean[] }
  | { readonly kind: 'shrink'; readonly property: number; readonly index: number; readonly crashed: boolean };

const options = jobOptions(workerData as CheckJob);
let values: unknown[] = [];

parentPort?.on('message', (task: WorkerTask) => {
  if (task.kind === 'runs') {
    if (values.length < task.to) values = generatedValues(options, Math.max(task.to, (workerData as CheckJob).runs));
    parentPort?.postMessage({ task, records: judgeRuns(options, task.from, task.to, task.open, values as never[]) });
  } else {
    const property = options.properties[task.property];
    if (property === undefined) throw new Error(`no property ${task.property}`);
    parentPort?.postMessage({ task, shrunk: shrink(options, property, task.index, task.crashed) });
  }
});
