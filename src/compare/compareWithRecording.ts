import type { ProfileName } from '../../model/profiles.ts';
import { renderMessages } from '../renderLog.ts';
import type { Trace } from '../trace.ts';
import type { Recording } from './readRecording.ts';

/**
 * The messages that carry keepalived's state and elections: state changes, priority changes,
 * the advert comparisons and forced elections, sync groups moving their members, tracked
 * processes' quorum. GARP, VIP and start-up chatter are left out.
 */
const significant: Readonly<Record<ProfileName, RegExp>> = {
  'keepalived-1.2':
    /^VRRP_Instance\(\S+\) (Transition to MASTER STATE|Entering (BACKUP|MASTER|FAULT) STATE|Now in FAULT state|Received (higher|lower) prio advert.*|forcing a new MASTER election|prio is higher than received advert)$|^VRRP_Group\(\S+\) (Syncing instances to \S+ state|Transition to MASTER state|Leaving FAULT state)$/,
  'keepalived-2.2':
    /^\(\S+\) (Entering (BACKUP|MASTER|FAULT) STATE.*|Changing effective priority from \d+ to \d+|Master received advert from .*|Received advert from .* forcing new election|received lower priority \(\d+\) advert from .* - discarding|Warning - nopreempt will not work.*|Backup received priority 0 advertisement|entering FAULT state)$|^\(\S+\): entering FAULT state.*$|^VRRP_Group\(\S+\):? Syncing .*$|^Quorum (gained|lost) for tracked process \S+$/,
};

export function isSignificantMessage(profile: ProfileName, text: string): boolean {
  return significant[profile].test(text);
}

export interface TimedItem {
  readonly t: number;
  readonly what: string;
}

export interface RouterComparison {
  readonly router: string;
  readonly part: 'messages' | 'adverts';
  /** As compared: with `burst`, each burst in its canonical form (net priority change, then sorted). */
  readonly model: readonly TimedItem[];
  readonly recorded: readonly TimedItem[];
  /** The first position where they differ, or −1. */
  readonly firstDifference: number;
  readonly reason: string;
}

export interface Comparison {
  readonly matches: boolean;
  readonly parts: readonly RouterComparison[];
}

export interface CompareOptions {
  readonly profile: ProfileName;
  /** Seconds either way. */
  readonly tolerance: number;
  /** Items after this time (the scenario's end) are not compared. */
  readonly end: number;
  /** Router name → its address on the LAN, to attribute the recorded adverts. */
  readonly addresses: ReadonlyMap<string, string>;
  /** Compare the order and text only, not the times. */
  readonly ignoreTimes?: boolean;
  /**
   * Seconds: messages this close to the previous one form a burst, compared without their order,
   * and a burst's priority changes as one net change. Real keepalived orders such bursts by process
   * scheduling (which script's child exits first); the model orders them one fixed way.
   */
  readonly burst?: number;
}

const PRIORITY_CHANGE = /^\((\S+)\) Changing effective priority from (\d+) to (\d+)$/;

/** Bursts of near-simultaneous messages in a canonical form: net priority change, then sorted. */
function canonicalBursts(items: readonly TimedItem[], window: number): TimedItem[] {
  const out: TimedItem[] = [];
  let burst: TimedItem[] = [];
  const flush = () => {
    const first = burst[0];
    if (first === undefined) return;
    const rest = burst.filter((item) => !PRIORITY_CHANGE.test(item.what)).map((item) => item.what);
    // per instance: the first change's "from" and the last change's "to"
    const net = new Map<string, [string, string]>();
    for (const item of burst) {
      const [, instance, from, to] = PRIORITY_CHANGE.exec(item.what) ?? [];
      if (instance === undefined || from === undefined || to === undefined) continue;
      net.set(instance, [net.get(instance)?.[0] ?? from, to]);
    }
    for (const [instance, [from, to]] of net) {
      if (from !== to) rest.push(`(${instance}) Changing effective priority from ${from} to ${to}`);
    }
    for (const what of rest.sort()) out.push({ t: first.t, what });
    burst = [];
  };
  for (const item of items) {
    const last = burst.at(-1);
    if (last !== undefined && item.t - last.t > window) flush();
    burst.push(item);
  }
  flush();
  return out;
}

function compareSequences(
  model: readonly TimedItem[],
  recorded: readonly TimedItem[],
  options: CompareOptions,
): [number, string] {
  // an item within the tolerance of the end may fall on either side of it in a real run
  const settled = (items: readonly TimedItem[]) => items.filter((item) => item.t <= options.end - options.tolerance);
  const m = settled(model);
  const r = settled(recorded);
  const n = Math.max(m.length, r.length);
  // the other side's counterpart of a settled item may itself lie just past the cut-off
  const pairedPastCutOff = (item: TimedItem, others: readonly TimedItem[], i: number) => {
    const other = others[i];
    return other !== undefined && other.what === item.what && Math.abs(other.t - item.t) <= options.tolerance + 1e-9;
  };
  for (let i = 0; i < n; i++) {
    const a = m[i];
    const b = r[i];
    if (a === undefined) {
      if (b !== undefined && pairedPastCutOff(b, model, i)) continue;
      return [i, `the model stops here; keepalived went on with "${b?.what}" at ${b?.t.toFixed(3)}`];
    }
    if (b === undefined) {
      if (pairedPastCutOff(a, recorded, i)) continue;
      return [i, `keepalived stops here; the model went on with "${a.what}" at ${a.t.toFixed(3)}`];
    }
    if (a.what !== b.what)
      return [i, `model "${a.what}" at ${a.t.toFixed(3)}, keepalived "${b.what}" at ${b.t.toFixed(3)}`];
    const dt = Math.abs(a.t - b.t);
    if (options.ignoreTimes !== true && dt > options.tolerance + 1e-9) {
      return [
        i,
        `"${a.what}": model at ${a.t.toFixed(3)}, keepalived at ${b.t.toFixed(3)} (${(dt * 1000).toFixed(0)} ms apart)`,
      ];
    }
  }
  return [-1, ''];
}

/**
 * Compares a model trace with a recording of real keepalived, router by router: the sequence of
 * state and election messages (text equal, each within the tolerance) and the priorities of the
 * adverts each router put on the wire (equal, each within the tolerance).
 */
export function compareWithRecording(trace: Trace, recording: Recording, options: CompareOptions): Comparison {
  const parts: RouterComparison[] = [];
  const modelMessages = renderMessages(trace).filter((line) => isSignificantMessage(options.profile, line.text));
  for (const { name } of trace.routers) {
    const model = modelMessages.filter((line) => line.router === name).map((line) => ({ t: line.t, what: line.text }));
    const recorded = recording.lines
      .filter(
        (line) => line.source === name && line.t <= options.end && isSignificantMessage(options.profile, line.text),
      )
      .map((line) => ({ t: line.t, what: line.text }));
    // the sequences as compared, so that a difference's position reads the same in a side-by-side
    const burst = options.burst;
    const compared = {
      model: burst === undefined ? model : canonicalBursts(model, burst),
      recorded: burst === undefined ? recorded : canonicalBursts(recorded, burst),
    };
    const [firstDifference, reason] = compareSequences(compared.model, compared.recorded, options);
    parts.push({ router: name, part: 'messages', ...compared, firstDifference, reason });

    const address = options.addresses.get(name);
    // one packet per unicast peer
    const modelAdverts = trace.entries.flatMap((entry) =>
      entry.kind === 'advert' && entry.router === name && entry.wire
        ? (entry.to ?? ['']).map(() => ({ t: entry.t, what: `prio ${entry.priority}` }))
        : [],
    );
    const recordedAdverts = recording.adverts
      .filter((advert) => advert.from === address && advert.t <= options.end)
      .map((advert) => ({ t: advert.t, what: `prio ${advert.priority}` }));
    const [advertDifference, advertReason] = compareSequences(modelAdverts, recordedAdverts, options);
    parts.push({
      router: name,
      part: 'adverts',
      model: modelAdverts,
      recorded: recordedAdverts,
      firstDifference: advertDifference,
      reason: advertReason,
    });
  }
  return { matches: parts.every((part) => part.firstDifference < 0), parts };
}

/** One line per difference: `B messages #3: model "…" at 8.613, keepalived "…" at 8.635`. */
export function describeDifferences(comparison: Comparison): string[] {
  return comparison.parts
    .filter((part) => part.firstDifference >= 0)
    .map((part) => `${part.router} ${part.part} #${part.firstDifference + 1}: ${part.reason}`);
}
