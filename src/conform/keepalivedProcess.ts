// Drives real processes in real time: one keepalived daemon, its log read line by line as it comes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { markedEnv } from './runMark.ts';

export interface KeepalivedLaunch {
  readonly binary: string;
  /** The router's network namespace. */
  readonly ns: string;
  readonly args: readonly string[];
  /** Each line keepalived logs (console timestamp removed), as soon as it arrives. */
  readonly onLine: (text: string) => void;
}

/** keepalived 2.x prefixes console lines with ctime's `%c`; 1.2.13 does not. */
const CONSOLE_STAMP = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}: /;
const CHILD = /Starting (?:VRRP|Healthcheck|BFD) child process, pid=(\d+)/;

const signal = (pid: number, sig: NodeJS.Signals): void => {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
};

/** One keepalived run in a router's namespace (`ip netns exec NS keepalived …`). */
export class KeepalivedProcess {
  readonly pid: number | undefined;
  /** Resolves when the parent process has exited. */
  readonly exited: Promise<void>;
  private readonly children = new Set<number>();
  private ended = false;

  constructor(launch: KeepalivedLaunch) {
    // its own process group: a Ctrl-C at the terminal reaches vrrp-check, which then cleans up
    const child = spawn('ip', ['netns', 'exec', launch.ns, launch.binary, ...launch.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: markedEnv(),
    });
    this.pid = child.pid;
    this.exited = new Promise((resolve) => {
      const end = () => {
        this.ended = true;
        resolve();
      };
      child.once('exit', end);
      child.once('error', end);
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        const text = line.replace(CONSOLE_STAMP, '').trim();
        const started = CHILD.exec(text);
        if (started !== null) this.children.add(Number(started[1]));
        launch.onLine(text);
      });
    }
  }

  /** False once the parent has exited (its pid may then belong to someone else). */
  get running(): boolean {
    return !this.ended;
  }

  /** The VRRP (and any other) child processes: from the log, and from the kernel. */
  childPids(): number[] {
    const pids = new Set(this.children);
    if (this.pid !== undefined) {
      try {
        for (const pid of readFileSync(`/proc/${this.pid}/task/${this.pid}/children`, 'utf8').trim().split(/\s+/)) {
          if (pid !== '') pids.add(Number(pid));
        }
      } catch {
        // parent gone, or no /proc children file: the log's pids remain
      }
    }
    return [...pids];
  }

  /** stop: SIGTERM to the parent, which stops the VRRP child (a master sends priority 0). */
  stop(): void {
    if (this.pid !== undefined && this.running) signal(this.pid, 'SIGTERM');
  }

  /**
   * kill: a silent crash. The parent is frozen first, so that it neither respawns the child nor
   * dies before it (2.2.7's child has PR_SET_PDEATHSIG SIGTERM and would stop cleanly, sending
   * priority 0); then SIGKILL to the children and the parent.
   */
  kill(): void {
    if (this.pid === undefined || !this.running) return;
    signal(this.pid, 'SIGSTOP');
    for (const pid of this.childPids()) signal(pid, 'SIGKILL');
    signal(this.pid, 'SIGKILL');
  }
}
