/**
 * Runs the real keepalived's config test (`keepalived -t -f FILE`, keepalived/core/main.c
 * config_test_exit) in a fresh network namespace that has the interfaces the configuration names,
 * so that the host's network is not touched and "interface doesn't exist" does not decide.
 */
import { spawnSync } from 'node:child_process';

export interface KeepalivedVerdict {
  readonly rejects: boolean;
  /** The line of keepalived's output that shows it refuses the configuration, or ''. */
  readonly reason: string;
  readonly output: string;
  readonly code: number | null;
}

/**
 * What makes keepalived 2.2.7 refuse to run a configuration: vrrp.c chk_min_cfg,
 * vrrp_complete_instance and check_vrid_conflicts make vrrp_complete_init() fail (the VRRP process
 * stops with KEEPALIVED_EXIT_CONFIG), and lib/parser.c null_strvec exits. In `-t` mode these only
 * print, and the exit status keeps the least severe message (report_config_error), so the output
 * decides.
 */
const REFUSALS: readonly RegExp[] = [
  /the virtual router id must be set/,
  /\) Unknown interface!/,
  /No VIP specified; at least one is required/,
  /Unicast instances must have unicast_src_ip or interface/,
  /Non link-local address required if interface omitted/,
  /duplicate VRID conflict with/,
  /both use VRID \d+ with IPv/,
  /is missing a parameter/,
  /Non-existent interface specified in configuration/,
];

/** Why keepalived's config test cannot run here, or null when it can. */
export function keepalivedUnavailable(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.geteuid?.() !== 0) return 'not root (a network namespace is needed)';
  const version = spawnSync('keepalived', ['--version'], { encoding: 'utf8' });
  if (version.error !== undefined) return 'keepalived is not installed';
  if (!/Keepalived v2\.2\.7\b/.test(`${version.stdout}${version.stderr}`)) return 'keepalived is not 2.2.7';
  const probe = spawnSync('unshare', ['--net', 'ip', 'link', 'add', 'probe0', 'type', 'bridge'], { encoding: 'utf8' });
  if (probe.status !== 0) return `no network namespace with a bridge (${(probe.stderr || String(probe.error)).trim()})`;
  return null;
}

/** The interface names a configuration's text mentions: instances, track_interface entries, `dev` of addresses. */
export function interfacesIn(texts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const raw of texts) {
    const text = raw.replace(/[#!].*$/gm, '');
    for (const m of text.matchAll(/(?:^|[\s{])(?:interface|dev|lvs_sync_daemon_interface)\s+([^\s{}"]+)/g))
      names.add(m[1] ?? '');
    for (const block of text.matchAll(/track_interface\s*\{([^}]*)\}/g)) {
      for (const line of (block[1] ?? '').split('\n')) {
        const first = line.trim().split(/\s+/)[0];
        if (first) names.add(first);
      }
    }
  }
  return [...names].filter((n) => n !== '' && n !== 'lo' && n.length < 16 && /^[\w.:@-]+$/.test(n)).sort();
}

/** keepalived's verdict on `file`, run from `cwd` (where relative includes are found). */
export function keepalivedConfigTest(file: string, interfaces: readonly string[], cwd?: string): KeepalivedVerdict {
  const script = [
    'f="$1"; shift; n=1',
    'for i in "$@"; do ip link add name "$i" type bridge || exit 90; ip link set dev "$i" up; ip addr add "192.0.2.$n/24" dev "$i"; n=$((n+1)); done',
    'exec keepalived -t -f "$f"',
  ].join('\n');
  const run = spawnSync('unshare', ['--net', 'sh', '-c', script, 'sh', file, ...interfaces], {
    encoding: 'utf8',
    timeout: 30_000,
    ...(cwd === undefined ? {} : { cwd }),
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status === 90) throw new Error(`could not create the interfaces ${interfaces.join(', ')}: ${output}`);
  const refusal = output.split('\n').find((line) => REFUSALS.some((r) => r.test(line)));
  // exit 2: null_strvec; 4: a missing file or interface; 6 without a security message: an include error
  const byCode = run.status === 2 || run.status === 4 || (run.status === 6 && !output.includes('SECURITY VIOLATION'));
  return {
    rejects: refusal !== undefined || byCode,
    reason: refusal ?? (byCode ? `exit status ${run.status}` : ''),
    output,
    code: run.status,
  };
}
