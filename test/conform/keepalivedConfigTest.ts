import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why keepalived's own config check cannot run here, or null: it needs keepalived 2.x and root (netns). */
export function configTestUnavailable(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.geteuid?.() !== 0) return 'not root (the check runs in a network namespace)';
  const version = spawnSync('keepalived', ['--version'], { encoding: 'utf8' });
  if (version.error !== undefined) return 'keepalived is not installed';
  if (!/Keepalived v2\./.test(`${version.stdout}${version.stderr}`)) return 'keepalived is not 2.x';
  if (spawnSync('ip', ['-V'], { encoding: 'utf8' }).error !== undefined) return 'ip is not installed';
  return null;
}

/**
 * What keepalived 2.2.7 reports as a config error about settings it read as written, and then
 * runs with in its own way (vrrp.c vrrp_complete_instance, vrrp_track.c): combinations of
 * settings, not words or values misread. The model is to reproduce each; where it does not
 * (an owner's weighted trackers, a track listed twice, noted in issue 13's report), a live
 * conform run shows the difference.
 */
const SEMANTIC = [
  /^\(\S+\) ignoring tracked script \S+ with weights due to address_owner$/,
  /^\(\S+\) ignoring \S+ tracked interface due to address owner$/,
  /^\(\S+\) Ignoring track_interface \S+ since own interface$/,
  /^\(\S+\) duplicate track_(?:script|interface) \S+ - ignoring$/,
  /^\(\S+\) No VIP specified; at least one is sensible$/,
  /^\(\S+\) nopreempt is incompatible with priority 255\. resetting nopreempt$/,
  /^\(\S+\) Warning - nopreempt will not work with initial state MASTER - clearing$/,
  /^\(\S+\) Warning - preempt delay will not work with initial state MASTER - clearing$/,
  /^\(\S+\) preempt_delay is incompatible with nopreempt mode - resetting$/,
  /^\(\S+\) A unicast keyword has been specified without any unicast peers\. Defaulting to multicast\. .*$/,
  // vrrp_sync.c vrrp_sync_set_group, vrrp.c vrrp_complete_instance and sync_group_tracking_init:
  // the reader warns of the first two, the model logs the others and runs as keepalived does
  /^Sync group \S+ has only 1 virtual router\(s\) - this probably isn't what you want$/,
  /^Sync group \S+ has some member\(s\) as address owner and some not as address owner\. This won't work\.$/,
  /^\(\S+\) ignoring \S+ tracked interface weight due to SYNC group$/,
  /^\(\S+\) ignoring tracked script \S+ with weights due to SYNC group$/,
  /^\(\S+\) Cannot have weighted track script '\S+' with member having priority 255 - clearing weight$/,
  /^\(\S+\) track_interface \S+ is configured on VRRP instance and sync group\. Remove vrrp instance or sync group config$/,
];

export interface ConfigTest {
  /** keepalived -t's exit status: 0 no error, 5 errors it still runs with, 1 or 6 cannot run or insecure. */
  readonly code: number | null;
  readonly lines: readonly string[];
  /** Exit 0, or 5 with only the semantic reports above: every keyword and value read as written. */
  readonly accepted: boolean;
}

let count = 0;

/**
 * `keepalived -t -f FILE` (2.2.7's --config-test) on a config, in a network namespace of its own
 * where each interface the config names exists, so that only the config is judged.
 */
export function keepalivedConfigTest(text: string): ConfigTest {
  const ns = `vckt${process.pid}-${++count}`;
  const dir = mkdtempSync(join(tmpdir(), `${ns}-`));
  try {
    const file = join(dir, 'keepalived.conf');
    writeFileSync(file, text);
    spawnSync('ip', ['netns', 'add', ns]);
    const names = new Set<string>();
    const candidates = [
      ...text.matchAll(/^ {4}interface (\S+)$|^ {8}([A-Za-z]\S*?)(?: weight -?\d+(?: reverse)?)?$/gm),
    ].map((m) => m[1] ?? m[2]);
    // every name of a track_interface block, those that begin with a digit too (a Linux name may)
    for (const block of text.matchAll(/^ {4}track_interface \{\n((?: {8}\S.*\n)*)/gm))
      candidates.push(...(block[1] ?? '').split('\n').map((line) => line.trim().split(/\s+/)[0]));
    for (const name of candidates) if (name !== undefined && /^[A-Za-z0-9_.-]{1,15}$/.test(name)) names.add(name);
    // veth pairs, as conform's test LAN has (this kernel may lack the dummy driver); `name` before
    // the name, since a bare one that is one of ip's own words ("state", "mtu") is read as that
    // (fuzz seed 987654321 wrote `interface state`)
    [...names].forEach((name, i) => {
      const args = ['-n', ns, 'link', 'add', 'name', name, 'type', 'veth', 'peer', 'name', `vckpeer${i}`];
      const add = spawnSync('ip', args, { encoding: 'utf8' });
      if (add.status !== 0)
        throw new Error(`the test harness could not create interface ${name}: ${add.stderr.trim()}`);
    });
    const result = spawnSync('ip', ['netns', 'exec', ns, 'keepalived', '-t', '-f', file], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    const lines = `${result.stdout}${result.stderr}`
      .split('\n')
      .map((line) => line.replace(/^\([^)]*: Line \d+\) /, '').trim())
      .filter((line) => line !== '');
    const accepted =
      result.status === 0 || (result.status === 5 && lines.every((l) => SEMANTIC.some((r) => r.test(l))));
    return { code: result.status, lines, accepted };
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
    rmSync(dir, { recursive: true, force: true });
  }
}
