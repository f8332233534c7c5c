import { type ExecResult, execCommand } from './exec.ts';
import { type KeepalivedVersion, parseKeepalivedVersion } from './keepalivedVersion.ts';
import { type Swept, sweepStaleRuns } from './sweepStaleRuns.ts';

/** What conform needs from the machine; tests inject their own. */
export interface ConformDeps {
  readonly platform: string;
  /** Effective uid 0. */
  readonly isRoot: () => boolean;
  /** Runs a program to completion (version probes). */
  readonly exec: (file: string, args: readonly string[]) => Promise<ExecResult>;
  /** Removes what conform runs killed outright left behind (sweepStaleRuns). */
  readonly sweep: () => Promise<Swept>;
}

export const systemDeps: ConformDeps = {
  platform: process.platform,
  isRoot: () => process.geteuid?.() === 0,
  exec: (file, args) => execCommand(file, args, 10_000),
  sweep: sweepStaleRuns,
};

export type Preflight =
  | { readonly ok: true; readonly version: KeepalivedVersion }
  | { readonly ok: false; readonly reason: string };

const missing = (result: ExecResult) => result.error === 'ENOENT' || result.error === 'EACCES';

/**
 * Whether a live run can start: Linux, root, iproute2, tcpdump, and a keepalived whose version
 * vrrp-check models. The reason, when not, is one line that says what to do.
 */
export async function preflight(keepalived: string, deps: ConformDeps): Promise<Preflight> {
  if (deps.platform !== 'linux') {
    return { ok: false, reason: `conform needs Linux network namespaces; this is ${deps.platform}` };
  }
  if (!deps.isRoot()) {
    return {
      ok: false,
      reason: 'conform needs root (it creates network namespaces and runs keepalived): run it as root, e.g. with sudo',
    };
  }
  if (missing(await deps.exec('ip', ['-V']))) {
    return { ok: false, reason: "iproute2's ip is not installed (apt-get install iproute2)" };
  }
  const probe = await deps.exec(keepalived, ['--version']);
  if (missing(probe) || (probe.code === null && probe.error !== undefined)) {
    return {
      ok: false,
      reason: `keepalived not found ("${keepalived}"): install it (apt-get install keepalived) or give --keepalived PATH`,
    };
  }
  const version = parseKeepalivedVersion(`${probe.stdout}\n${probe.stderr}`);
  if (!version.ok) return { ok: false, reason: version.reason };
  if (missing(await deps.exec('tcpdump', ['--version']))) {
    return { ok: false, reason: 'tcpdump is not installed (apt-get install tcpdump)' };
  }
  const netns = await deps.exec('ip', ['netns', 'list']);
  if (netns.code !== 0) {
    const said = (netns.stderr.trim() || netns.error || '').split('\n')[0];
    return { ok: false, reason: `network namespaces are not available (ip netns list: ${said})` };
  }
  return { ok: true, version: version.version };
}
