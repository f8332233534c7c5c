import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Why a live conform run cannot happen here, or null when it can. */
export function liveUnavailable(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.geteuid?.() !== 0) return 'not root';
  const version = spawnSync('keepalived', ['--version'], { encoding: 'utf8' });
  if (version.error !== undefined) return 'keepalived is not installed';
  if (!/Keepalived v2\./.test(`${version.stdout}${version.stderr}`)) return 'keepalived is not 2.x';
  for (const tool of ['ip', 'tcpdump']) {
    if (spawnSync(tool, ['-V'], { encoding: 'utf8' }).error !== undefined) return `${tool} is not installed`;
  }
  return null;
}

const read = (path: string) => {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return '';
  }
};

/**
 * What a conform run of process `pid` has left: its namespaces, its temporary folders, and the
 * processes that carry its mark (environment) or name its run directory, one line each.
 */
export function leftBy(pid: number): string[] {
  const mark = `vck${pid}-`;
  const namespaces = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.startsWith(mark))
    .map((line) => `namespace ${line.split(' ')[0]}`);
  const folders = readdirSync(tmpdir())
    .filter((name) => name.startsWith(mark))
    .map((name) => `folder ${tmpdir()}/${name}`);
  const processes = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((entry) => {
      const environ = read(`/proc/${entry}/environ`).split('\0');
      const cmdline = read(`/proc/${entry}/cmdline`).replace(/\0/g, ' ');
      return environ.includes(`VRRP_CHECK_CONFORM_PID=${pid}`) || cmdline.includes(`/${mark}`);
    })
    .map((entry) => `process ${entry} ${read(`/proc/${entry}/cmdline`).replace(/\0/g, ' ').trim()}`);
  return [...namespaces, ...folders, ...processes];
}

/** Whether a process still runs (a zombie does not). */
export function running(pid: number): boolean {
  return read(`/proc/${pid}/stat`) !== '' && !/^\d+ \(.*\) Z/s.test(read(`/proc/${pid}/stat`));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to `ms`) until `done` holds; whether it did. */
export async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 100) {
    if (done()) return true;
    await sleep(100);
  }
  return done();
}

/**
 * The command names (comm) of the processes a conform run of process `pid` has going now: those
 * inside its network namespaces, whoever started them, and those carrying its mark.
 */
export function processesOf(pid: number): string[] {
  const mark = `vck${pid}-`;
  const inodes = new Set<string>();
  for (const name of readdirOr('/run/netns')) {
    if (!name.startsWith(mark)) continue;
    try {
      inodes.add(`net:[${statSync(`/run/netns/${name}`).ino}]`);
    } catch {
      // deleted meanwhile
    }
  }
  return readdirOr('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid && Number(entry) !== pid)
    .filter((entry) => {
      let net = '';
      try {
        net = readlinkSync(`/proc/${entry}/ns/net`);
      } catch {
        return false;
      }
      return inodes.has(net) || read(`/proc/${entry}/environ`).split('\0').includes(`VRRP_CHECK_CONFORM_PID=${pid}`);
    })
    .map((entry) => read(`/proc/${entry}/comm`).trim())
    .filter((comm) => comm !== '');
}

function readdirOr(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
