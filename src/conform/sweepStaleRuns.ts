// Drives real processes: removes what conform runs that were killed outright left behind.
import { lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execCommand } from './exec.ts';
import { markedPid, RUN_MARK_ENV } from './runMark.ts';

/** Whether a process exists (one of another user counts: it is not ours to judge). */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const stale = (pid: number | null): pid is number => pid !== null && pid !== process.pid && !exists(pid);

const kill = (pid: number) => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
};

/** The conform pid in a process's environment, or null (not ours, or unreadable). */
function processMark(pid: string): number | null {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
    const entry = environ.find((variable) => variable.startsWith(`${RUN_MARK_ENV}=`));
    return entry === undefined ? null : Number(entry.slice(RUN_MARK_ENV.length + 1));
  } catch {
    return null;
  }
}

export interface Swept {
  readonly namespaces: number;
  readonly processes: number;
  readonly directories: number;
  /** The dead conform runs they belonged to. */
  readonly pids: readonly number[];
}

/**
 * At the start of a conform run: every network namespace, process and run directory marked with
 * the pid of a conform process that no longer exists (runMark.ts) is killed or removed. Runs of
 * live conform processes (another run in parallel) are left alone.
 */
export async function sweepStaleRuns(): Promise<Swept> {
  const pids = new Set<number>();
  let processes = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const mark = processMark(entry);
    if (stale(mark)) {
      kill(Number(entry));
      pids.add(mark);
      processes++;
    }
  }
  let namespaces = 0;
  const list = await execCommand('ip', ['netns', 'list']);
  for (const ns of list.stdout.split('\n').map((line) => line.trim().split(/\s+/)[0] ?? '')) {
    const mark = markedPid(ns);
    if (!stale(mark)) continue;
    const inside = await execCommand('ip', ['netns', 'pids', ns]);
    for (const pid of inside.stdout.split('\n').filter((line) => /^\d+$/.test(line.trim()))) {
      kill(Number(pid));
      processes++;
    }
    await execCommand('ip', ['netns', 'del', ns]);
    pids.add(mark);
    namespaces++;
  }
  let directories = 0;
  const base = tmpdir();
  const uid = process.getuid?.();
  for (const name of readdirSync(base)) {
    const mark = markedPid(name);
    if (!stale(mark)) continue;
    const path = join(base, name);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    // only a directory of ours: never follow a link, never remove another user's file
    if (stat === undefined || !stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue;
    rmSync(path, { recursive: true, force: true });
    pids.add(mark);
    directories++;
  }
  return { namespaces, processes, directories, pids: [...pids].sort((a, b) => a - b) };
}
