import type { Trace } from './trace.ts';

/** The trace as JSON, one entry per line so that two traces diff line by line. */
export function traceToJson(trace: Trace): string {
  const head = JSON.stringify({
    profile: trace.profile,
    until: trace.until,
    daemon: trace.daemon,
    ...(trace.jitter === undefined ? {} : { jitter: trace.jitter }),
    ...(trace.races === undefined ? {} : { races: trace.races }),
    routers: trace.routers,
  });
  const lines = trace.entries.map((entry) => JSON.stringify(entry));
  return `${head.slice(0, -1)},"entries":[\n${lines.join(',\n')}\n]}\n`;
}
