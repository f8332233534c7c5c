import type { ProfileName } from '../model/profiles.ts';
import type { LogMessage } from '../model/types.ts';
import type { RouterLogMessage, Trace, TraceEntry } from './trace.ts';

export interface RenderLogOptions {
  /** Lines keepalived prints only with -D (--log-detail); on by default, as in the recordings. */
  readonly detail?: boolean;
  /** Adverts on the LAN, as tcpdump prints them ("WIRE" lines). */
  readonly wire?: boolean;
  /** The scenario's own events ("HARNESS EVENT" lines). */
  readonly events?: boolean;
}

interface Line {
  readonly text: string;
  readonly detail?: boolean;
}

type Message = LogMessage | RouterLogMessage;

/** keepalived 1.2.13's messages (vrrp.c, vrrp_scheduler.c, vrrp_daemon.c). */
function text12(instance: string | undefined, m: Message): Line[] {
  const vi = (s: string) => `VRRP_Instance(${instance}) ${s}`;
  switch (m.msg) {
    case 'entering-backup':
      return [{ text: vi('Entering BACKUP STATE') }];
    case 'transition-to-master':
      return [{ text: vi('Transition to MASTER STATE') }];
    case 'entering-master':
      return [{ text: vi('Entering MASTER STATE') }];
    case 'entering-fault':
      return [{ text: vi('Entering FAULT STATE') }];
    case 'now-in-fault':
      return [{ text: vi('Now in FAULT state') }];
    case 'kernel-reports-down':
      return m.interfaces.map((name) => ({ text: `Kernel is reporting: interface ${name} DOWN` }));
    case 'kernel-reports-up':
      return [
        { text: `Kernel is reporting: interface ${m.interface} UP` },
        ...(m.tracked ? [{ text: 'Kernel is reporting: tracked interface are UP' }] : []),
      ];
    case 'higher-priority-advert':
    case 'same-priority-higher-address':
      return [{ text: vi('Received higher prio advert') }];
    case 'lower-priority-advert':
      return [{ text: vi('Received lower prio advert, forcing new election') }];
    case 'forcing-election':
      return [{ text: vi('forcing a new MASTER election') }];
    case 'prio-higher-than-advert':
      return [{ text: vi('prio is higher than received advert') }];
    case 'sending-priority-zero':
      return [{ text: vi('sending 0 priority') }];
    case 'script-succeeded':
      return [{ text: `VRRP_Script(${m.script}) succeeded` }];
    case 'script-failed':
      return [{ text: `VRRP_Script(${m.script}) failed` }];
    case 'config-warning':
      return [{ text: m.text }];
    case 'stopping':
      return [{ text: 'Stopping Keepalived v1.2.13' }];
    // vrrp_scheduler.c vrrp_script_child_thread
    case 'script-timed-out':
      return [{ text: `VRRP_Script(${m.script}) timed out` }];
    // vrrp_sync.c
    case 'group-syncing':
      return [{ text: `VRRP_Group(${m.group}) Syncing instances to ${m.to} state` }];
    case 'group-transition-to-master':
      return [{ text: `VRRP_Group(${m.group}) Transition to MASTER state` }];
    case 'group-leaving-fault':
      return [
        { text: `Kernel is reporting: Group(${m.group}) UP` },
        { text: `VRRP_Group(${m.group}) Leaving FAULT state` },
      ];
    default:
      // 2.2.7-only messages: 1.2.13 has no such line
      return [];
  }
}

/** keepalived 2.2.7's messages (vrrp.c, vrrp_scheduler.c, vrrp_track.c, keepalived_netlink.c). */
function text22(instance: string | undefined, m: Message): Line[] {
  const vi = (s: string) => `(${instance}) ${s}`;
  switch (m.msg) {
    case 'entering-backup':
      return [{ text: vi(m.init === true ? 'Entering BACKUP STATE (init)' : 'Entering BACKUP STATE') }];
    case 'entering-master':
      return [{ text: vi('Entering MASTER STATE') }];
    case 'entering-fault':
      return [{ text: vi('Entering FAULT STATE') }];
    case 'fault-at-start':
      return [
        {
          text:
            m.cause === 'script'
              ? `(${instance}): entering FAULT state due to script ${m.tracker}`
              : `(${instance}): entering FAULT state (interface ${m.tracker} down)`,
        },
      ];
    case 'entering-fault-at-start':
      return [{ text: vi('entering FAULT state') }];
    case 'higher-priority-advert':
      return [{ text: vi(`Master received advert from ${m.from} with higher priority ${m.priority}, ours ${m.ours}`) }];
    case 'same-priority-higher-address':
      return [
        {
          text: vi(
            `Master received advert from ${m.from} with same priority ${m.priority} but higher IP address than ours`,
          ),
        },
      ];
    case 'lower-priority-advert':
      return [
        {
          text: vi(
            `Received advert from ${m.from} with lower priority ${m.priority}, ours ${m.ours}${m.quiet === true ? '' : ', forcing new election'}`,
          ),
        },
      ];
    case 'discarding-lower-advert':
      return [{ text: vi(`received lower priority (${m.priority}) advert from ${m.from} - discarding`) }];
    case 'two-owners':
      return [
        {
          text: vi(
            'CONFIGURATION ERROR: local instance and a remote instance are both configured as address owner, please fix - reducing local priority',
          ),
        },
      ];
    case 'backup-received-priority-zero':
      return [{ text: vi('Backup received priority 0 advertisement'), detail: true }];
    case 'master-received-priority-zero':
      return [{ text: vi('Master received priority 0 message'), detail: true }];
    case 'advert-timeout':
      return [{ text: vi('Receive advertisement timeout'), detail: true }];
    case 'sending-priority-zero':
      return [{ text: vi('sent 0 priority'), detail: true }];
    case 'preempt-delay-start': {
      const whole = Math.floor(m.delayUs / 1_000_000);
      const frac = String(m.delayUs % 1_000_000).padStart(6, '0');
      return [{ text: vi(`start preempt delay (${whole}.${frac})`), detail: true }];
    }
    case 'preempt-delay-stop':
      return [{ text: vi('stop preempt delay'), detail: true }];
    case 'script-succeeded':
      return [{ text: `VRRP_Script(${m.script}) succeeded` }];
    case 'script-failed':
      return [{ text: `VRRP_Script(${m.script}) failed (exited with status ${m.status})` }];
    case 'script-now-returning':
      return [{ text: `Script \`${m.script}\` now returning ${m.status}` }];
    case 'interface-changed':
      return [{ text: `Netlink reports ${m.interface} ${m.up ? 'up' : 'down'}` }];
    case 'config-warning':
      return [{ text: m.text }];
    case 'stopping':
      return [{ text: 'Stopping' }];
    // vrrp_scheduler.c vrrp_script_child_thread: a forced termination is "timed_out"
    case 'script-timed-out':
      return [{ text: `VRRP_Script(${m.script}) timed_out` }];
    case 'process-quorum':
      return [{ text: `Quorum ${m.up ? 'gained' : 'lost'} for tracked process ${m.process}` }];
    case 'startup-delay':
      return [{ text: `Delaying startup for ${m.seconds} seconds` }];
    // vrrp_sync.c vrrp_sync_master/backup/fault, vrrp_track.c initialise_tracking_priorities
    case 'group-syncing':
      return [{ text: `VRRP_Group(${m.group}) Syncing instances to ${m.to} state` }];
    case 'group-fault-at-start':
      return [{ text: `VRRP_Group(${m.group}): Syncing ${instance} to FAULT state` }];
    default:
      // 1.2.13-only messages
      return [];
  }
}

const harnessText: Record<string, string> = {
  stop: 'stop %R (SIGTERM)',
  kill: 'kill %R (SIGKILL)',
  fail: 'fail %R (track script now fails)',
  ok: 'ok %R (track script now succeeds)',
  hang: 'hang %R (track script runs now time out)',
};

/** What a fail or ok does to a track_file or a tracked process. */
function trackedText(entry: Extract<TraceEntry, { kind: 'event' }>): string | null {
  if (entry.file !== undefined) {
    const value = entry.do === 'ok' ? 0 : (entry.value ?? 1);
    return `${entry.do} ${entry.router} (track file ${entry.file} now holds ${value})`;
  }
  if (entry.process !== undefined) {
    return `${entry.do} ${entry.router} (tracked process ${entry.process} ${entry.do === 'ok' ? 'runs again' : 'is gone'})`;
  }
  return null;
}

function entryLines(profile: ProfileName, trace: Trace, entry: TraceEntry, options: RenderLogOptions): Line[] {
  const twelve = profile === 'keepalived-1.2';
  switch (entry.kind) {
    case 'log':
      return twelve ? text12(entry.instance, entry) : text22(entry.instance, entry);
    case 'priority':
      // 1.2.13 never logs a priority change; 2.2.7 logs those made by vrrp_set_effective_priority
      return twelve || entry.silent === true
        ? []
        : [{ text: `(${entry.instance}) Changing effective priority from ${entry.from} to ${entry.to}` }];
    case 'vip': {
      const what = entry.held ? 'setting' : 'removing';
      return [
        {
          text: twelve
            ? `VRRP_Instance(${entry.instance}) ${what} protocol VIPs.`
            : `(${entry.instance}) ${what} VIPs.`,
          detail: true,
        },
      ];
    }
    case 'advert': {
      if (!options.wire || !entry.wire) return [];
      const router = trace.routers.find((r) => r.name === entry.router);
      const instance = router?.instances.find((i) => i.name === entry.instance);
      const peers =
        entry.to ?? (instance === undefined || instance.peers.length === 0 ? ['224.0.0.18'] : instance.peers);
      // tcpdump's VRRPv2 line; the packet is 16 bytes plus 4 per virtual address
      const tail = `authtype none, intvl ${instance?.advertInt ?? 1}s, length ${16 + 4 * (instance?.vips ?? 1)}`;
      return peers.map((to) => ({
        text: `IP ${router?.address ?? entry.router} > ${to}: VRRPv2, Advertisement, vrid ${entry.vrid}, prio ${entry.priority}, ${tail}`,
      }));
    }
    case 'event': {
      if (!options.events) return [];
      const tracked = trackedText(entry);
      if (tracked !== null) return [{ text: `EVENT ${tracked}` }];
      const what = (harnessText[entry.do] ?? `${entry.do} %R`).replace('%R', entry.router);
      const detail =
        entry.script === undefined
          ? entry.interface === undefined
            ? ''
            : ` ${entry.interface}`
          : ` (${entry.script})`;
      return [{ text: `EVENT ${what}${detail}` }];
    }
    case 'livelock':
      return [
        { text: `LIVELOCK: ${entry.steps} steps at this instant and time does not move; the simulation stops here` },
      ];
    case 'state':
    case 'process':
    case 'link':
    case 'isolated':
    case 'check':
    case 'file':
    case 'tracked-process':
      return [];
  }
}

function source(entry: TraceEntry): string {
  if (entry.kind === 'advert') return 'WIRE';
  if (entry.kind === 'livelock') return 'MODEL';
  if (entry.kind === 'event') return 'HARNESS';
  return entry.router;
}

/**
 * The trace as keepalived's log, in the shape of the recordings' merged.log:
 * seconds with three decimals, the source (router name, WIRE or HARNESS), then the message.
 */
export function renderLog(trace: Trace, options: RenderLogOptions = {}): string {
  const opts = { detail: options.detail ?? true, wire: options.wire ?? true, events: options.events ?? true };
  const profile = trace.profile as ProfileName;
  const out: string[] = [];
  for (const entry of trace.entries) {
    for (const line of entryLines(profile, trace, entry, opts)) {
      if (line.detail === true && !opts.detail) continue;
      out.push(`${entry.t.toFixed(3).padStart(8)} ${source(entry).padEnd(7)} ${line.text}`);
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** Only the message of each rendered line, per router, for comparing with a recording. */
export function renderMessages(
  trace: Trace,
  options: RenderLogOptions = {},
): { t: number; router: string; text: string }[] {
  const opts = { detail: options.detail ?? true, wire: false, events: false };
  const profile = trace.profile as ProfileName;
  const out: { t: number; router: string; text: string }[] = [];
  for (const entry of trace.entries) {
    for (const line of entryLines(profile, trace, entry, opts)) {
      if (line.detail === true && !opts.detail) continue;
      out.push({ t: entry.t, router: entry.router, text: line.text });
    }
  }
  return out;
}
