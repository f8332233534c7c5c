// Drives real processes in real time: waits (briefly) for the killed ones to be gone.
import { existsSync, readFileSync } from 'node:fs';
import { execCommand, execCommandSync } from './exec.ts';
import { pause } from './realClock.ts';

const kill = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
};

const ourNamespaces = (list: string, prefix: string): string[] =>
  list
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name.startsWith(prefix));

const pidsOf = (text: string): number[] =>
  text
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isSafeInteger(pid) && pid > 1 && pid !== process.pid);

/**
 * Everything a conform run made, to be undone whatever happens: the processes it started (by
 * pid), then every process inside and every network namespace whose name starts with the run's
 * prefix (by name). Runs on success, error, SIGINT/SIGTERM, and synchronously at exit.
 */
export class Cleanup {
  private readonly pids = new Map<number, string>();

  constructor(readonly prefix: string) {}

  track(pid: number | undefined, what: string): void {
    if (pid !== undefined) this.pids.set(pid, what);
  }

  untrack(pid: number | undefined): void {
    if (pid !== undefined) this.pids.delete(pid);
  }

  /** Kills what is left and deletes the namespaces; returns what could not be undone, one line each. */
  async run(): Promise<string[]> {
    for (const pid of this.pids.keys()) kill(pid, 'SIGKILL');
    const problems: string[] = [];
    const list = await execCommand('ip', ['netns', 'list']);
    for (const ns of ourNamespaces(list.stdout, this.prefix)) {
      const pids = await execCommand('ip', ['netns', 'pids', ns]);
      for (const pid of pidsOf(pids.stdout)) kill(pid, 'SIGKILL');
    }
    for (const ns of ourNamespaces(list.stdout, this.prefix)) {
      const deleted = await execCommand('ip', ['netns', 'del', ns]);
      if (deleted.code !== 0 && existsSync(`/run/netns/${ns}`)) problems.push(`cannot delete namespace ${ns}`);
    }
    for (let i = 0; i < 100 && [...this.pids.keys()].some(alive); i++) await pause(10);
    for (const [pid, what] of this.pids) {
      if (alive(pid)) problems.push(`${what} (pid ${pid}) is still running`);
    }
    this.pids.clear();
    return problems;
  }

  /** The same, blocking: for process exit, when nothing asynchronous runs any more. */
  runSync(): void {
    for (const pid of this.pids.keys()) kill(pid, 'SIGKILL');
    this.pids.clear();
    const list = execCommandSync('ip', ['netns', 'list']);
    for (const ns of ourNamespaces(list.stdout, this.prefix)) {
      for (const pid of pidsOf(execCommandSync('ip', ['netns', 'pids', ns]).stdout)) kill(pid, 'SIGKILL');
      execCommandSync('ip', ['netns', 'del', ns]);
    }
  }
}

/** Running, or stopped: a zombie waiting for its parent is gone for our purpose. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
