import type { ProfileName } from '../../model/profiles.ts';
import type { Trace } from '../trace.ts';

const s3 = (t: number) => t.toFixed(3);

/** A router's state changes in order: "BACKUP 0.004 → TRANSITION 3.617 → MASTER 4.617". */
export function stateStory(trace: Trace, router: string): string {
  const first = trace.routers.find((r) => r.name === router)?.instances[0]?.name;
  const steps = trace.entries.flatMap((e) =>
    e.kind === 'state' && e.router === router && e.instance === first && e.state !== 'INIT'
      ? [`${e.state} ${s3(e.t)}`]
      : [],
  );
  return steps.length === 0 ? 'never started' : steps.join(' → ');
}

/** The priorities a router put on the wire, as runs: "100 ×2, 103 ×5". */
export function advertRuns(trace: Trace, router: string): string {
  const runs: [number, number][] = [];
  for (const e of trace.entries) {
    if (e.kind !== 'advert' || e.router !== router || !e.wire) continue;
    const last = runs.at(-1);
    if (last !== undefined && last[0] === e.priority) last[1]++;
    else runs.push([e.priority, 1]);
  }
  return runs.length === 0 ? 'none' : runs.map(([p, n]) => `${p} ×${n}`).join(', ');
}

function firstAdvert(trace: Trace, router: string, after: number): { t: number; priority: number } | undefined {
  const e = trace.entries.find((x) => x.kind === 'advert' && x.router === router && x.t >= after && x.priority > 0);
  return e?.kind === 'advert' ? { t: e.t, priority: e.priority } : undefined;
}

/** Who holds the VIP at the end of the run. */
export function finalHolders(trace: Trace): string[] {
  const held = new Map<string, boolean>();
  for (const e of trace.entries) if (e.kind === 'vip') held.set(e.router, e.held);
  return [...held].filter(([, h]) => h).map(([r]) => r);
}

/**
 * The seed article's observation told from two traces of the same cluster: the router started
 * last, its first advert (base priority or not), and when it won.
 */
export function seedObservation(traces: Readonly<Record<ProfileName, Trace>>): string {
  const one = traces['keepalived-1.2'];
  const two = traces['keepalived-2.2'];
  const starts = one.entries.filter((e) => e.kind === 'event' && e.do === 'start');
  const late = starts.at(-1);
  if (late === undefined) return '';
  const router = late.router;
  const base = one.routers.find((r) => r.name === router)?.instances[0]?.priority ?? 0;
  const masterAt = (trace: Trace) =>
    trace.entries.find((e) => e.kind === 'state' && e.router === router && e.state === 'MASTER' && e.t >= late.t)?.t;
  const a1 = firstAdvert(one, router, late.t);
  const a2 = firstAdvert(two, router, late.t);
  const m1 = masterAt(one);
  const m2 = masterAt(two);
  const parts: string[] = [];
  if (a1 !== undefined) {
    parts.push(
      `Under keepalived 1.2.13, ${router} (configured priority ${base}) starts at ${s3(late.t)} s and sends its first advert at ${s3(a1.t)} s with priority ${a1.priority}${a1.priority === base ? ' — its base priority: the tracker weights do not count yet' : ', its weights already counted'}. Its states: ${stateStory(one, router)}. On the wire: ${advertRuns(one, router)}.`,
    );
  }
  if (m1 !== undefined) parts.push(`It holds the VIP from ${s3(m1)} s.`);
  if (a2 !== undefined) {
    parts.push(
      `Under keepalived 2.2.7 the same router enters BACKUP first and its first advert, at ${s3(a2.t)} s, carries ${a2.priority}${a2.priority === base ? ', its base priority' : ': the weights were applied the moment the scripts returned'}. Its states: ${stateStory(two, router)}.`,
    );
  }
  if (m2 !== undefined)
    parts.push(
      `It holds the VIP from ${s3(m2)} s: 2.2.7 never forces an election, a backup waits out its master-down timer.`,
    );
  return parts.join(' ');
}
