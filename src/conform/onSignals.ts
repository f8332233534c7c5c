import type { Cleanup } from './cleanup.ts';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** How often the parent process is looked at (ms). */
const PARENT_POLL_MS = 200;

/**
 * Runs `body` with SIGINT, SIGTERM and SIGHUP turned into an abort of its signal, then cleans up
 * whatever happened. A second Ctrl-C does not cut the clean-up short; if the process exits
 * anyway, the clean-up runs synchronously at exit. The loss of the parent process counts as a
 * hang-up: `npx vrrp-check conform …` runs conform under `sh -c`, and a SIGTERM to npx ends npx
 * and that shell without passing it on, so conform would otherwise run to the scenario's end.
 */
export async function withCleanupOnSignals<T>(
  cleanup: Cleanup,
  notify: (line: string) => void,
  body: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  /** `why` begins the lines said; `reason` ends the run's one-line report. */
  const stop = (why: string, reason: string) => {
    if (controller.signal.aborted) {
      notify(`vrrp-check: ${why}: still cleaning up, one moment\n`);
      return;
    }
    notify(`vrrp-check: ${why}: stopping keepalived and removing the namespaces\n`);
    controller.abort(reason);
  };
  const onSignal = (signal: NodeJS.Signals) => stop(signal, `interrupted by ${signal}`);
  const onExit = () => cleanup.runSync();
  const parent = process.ppid;
  // real time: conform drives real processes; unref'd, so that it never keeps the process alive
  const watch = setInterval(() => {
    if (process.ppid !== parent && !controller.signal.aborted) {
      stop(`its parent process (pid ${parent}) exited`, `interrupted: its parent process (pid ${parent}) exited`);
    }
  }, PARENT_POLL_MS);
  watch.unref();
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', onExit);
  try {
    return await body(controller.signal);
  } finally {
    clearInterval(watch);
    await cleanup.run();
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', onExit);
  }
}
