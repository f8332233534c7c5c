import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A compiled worker script (dist/…/NAME.js) beside this module, also when this module runs from
 * its TypeScript source (the tests).
 */
export function workerFile(from: string, relative: string): URL {
  const beside = new URL(`${relative}.js`, from);
  if (existsSync(fileURLToPath(beside))) return beside;
  const here = fileURLToPath(from);
  const src = here.lastIndexOf('/src/');
  return new URL(`file://${here.slice(0, src)}/dist${here.slice(src, here.lastIndexOf('/'))}/${relative}.js`);
}

type Handlers = { done: (reply: unknown) => void; fail: (e: Error) => void };

/** A pool of worker threads for one job, each taking the next task as it is free. */
export class WorkerPool<Task> {
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly waiting: (Handlers & { task: Task })[] = [];
  private readonly busy = new Map<Worker, Handlers>();

  constructor(file: URL, workerData: unknown, size: number) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(file, { workerData });
      worker.on('message', (reply) => this.finished(worker, (h) => h.done(reply)));
      worker.on('error', (e) => this.finished(worker, (h) => h.fail(e)));
      return worker;
    });
    this.idle = [...this.workers];
  }

  run<R>(task: Task): Promise<R> {
    return new Promise<R>((done, fail) => {
      this.waiting.push({ task, done: done as (reply: unknown) => void, fail });
      this.next();
    });
  }

  private finished(worker: Worker, settle: (h: Handlers) => void) {
    const handlers = this.busy.get(worker);
    this.busy.delete(worker);
    this.idle.push(worker);
    if (handlers !== undefined) settle(handlers);
    this.next();
  }

  private next(): void {
    for (;;) {
      const worker = this.idle.pop();
      if (worker === undefined) return;
      const item = this.waiting.shift();
      if (item === undefined) {
        this.idle.push(worker);
        return;
      }
      this.busy.set(worker, { done: item.done, fail: item.fail });
      worker.postMessage(item.task);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
