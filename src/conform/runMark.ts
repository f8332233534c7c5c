// Drives real processes: the marks that tie what a conform run creates to the run's process.

/**
 * Every namespace and run directory a conform run creates is named `vck<pid>-…`, and every
 * process it starts (keepalived, tcpdump) carries `VRRP_CHECK_CONFORM_PID=<pid>` in its
 * environment, `<pid>` being the conform process's own. Once that process is gone, whatever
 * still carries its mark is left over (a kill -9), and the next run removes it (sweepStaleRuns).
 */
export const RUN_MARK_ENV = 'VRRP_CHECK_CONFORM_PID';

/** The prefix of this process's namespaces and run directories. */
export function runPrefix(pid = process.pid): string {
  return `vck${pid}-`;
}

/** The conform pid a namespace or directory name is marked with, or null. */
export function markedPid(name: string): number | null {
  const match = /^vck(\d+)-/.exec(name);
  return match === null ? null : Number(match[1]);
}

/** The environment of a process a conform run starts: the caller's, marked, in the C locale. */
export function markedEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', [RUN_MARK_ENV]: String(process.pid) };
}
