import type { Cleanup } from './cleanup.ts';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `body` with SIGINT, SIGTERM and SIGHUP turned into an abort of its signal, then cleans up
 * whatever happened. A second Ctrl-C does not cut the clean-up short; if the process exits
 * anyway, the clean-up runs synchronously at exit.
 */
export async function withCleanupOnSignals<T>(
  cleanup: Cleanup,
  notify: (line: string) => void,
  body: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      notify(`vrrp-check: ${signal}: still cleaning up, one moment\n`);
      return;
    }
    notify(`vrrp-check: ${signal}: stopping keepalived and removing the namespaces\n`);
    controller.abort(`interrupted by ${signal}`);
  };
  const onExit = () => cleanup.runSync();
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', onExit);
  try {
    return await body(controller.signal);
  } finally {
    await cleanup.run();
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', onExit);
  }
}
