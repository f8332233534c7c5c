import type { Verdict } from '../check.ts';
import { renderLog } from '../renderLog.ts';
import { collapseWire } from './collapseWire.ts';
import { renderTimeline } from './renderTimeline.ts';

export interface RenderVerdictOptions {
  /** Where the example's scenario was saved, for the replay command. */
  readonly savedAs?: string;
  /** Include the keepalived-style log of the example (default true). */
  readonly log?: boolean;
  /** Cut the log a few seconds after the violating moment. */
  readonly cut?: boolean;
  /** The change that fixes it, for the Why line. */
  readonly fix?: string;
  /** A pitfall's witness, found on the user's configs: a finding, not a claim that was witnessed. */
  readonly finding?: boolean;
  /** How the example was found, when not by check's runs (verify's search: its depth). */
  readonly found?: string;
}

/** How much log to show after the violating moment, in seconds. */
const LOG_AFTER = 3;

const headline: Readonly<Record<Verdict['status'], string>> = {
  holds: 'holds',
  fails: 'FAILS',
  'not-applicable': 'was never applicable',
  witnessed: 'was witnessed',
  'not-witnessed': 'was NEVER witnessed',
  weak: 'held, on too few applicable runs to count',
  'not-configured': 'does not apply to these configs',
  error: 'could not be checked',
};

const mark: Readonly<Record<Verdict['status'], string>> = {
  holds: '✓',
  fails: '✖',
  'not-applicable': '·',
  witnessed: '✓',
  'not-witnessed': '·',
  weak: '?',
  'not-configured': '·',
  error: '✖',
};

/** One line per verdict: what, under which profile, and its outcome on these runs. */
export function renderVerdictLine(v: Verdict, finding = false, found?: string): string {
  if (finding)
    return `✖ ${v.property} [pitfall] under ${v.profile}: found in these configs — ${found ?? `in ${v.runs} runs`}`;
  return `${mark[v.status]} ${v.property} [${v.kind}] under ${v.profile}: ${headline[v.status]} — ${found ?? `${v.runs} runs, ${v.applicable} applicable`}`;
}

/** The VRIDs of the example's routers, for a Why line that names them. */
function vrids(v: Verdict): number[] {
  const all = v.example?.trace.routers.flatMap((r) => r.instances.map((i) => i.vrid)) ?? [];
  return [...new Set(all)].sort((a, b) => a - b);
}

/** The Why line: what happened, naming the routers and the VRID, and the change that fixes it. */
export function whyLine(v: Verdict, fix?: string): string | undefined {
  const message = v.example?.judgement.message;
  if (message === undefined) return undefined;
  const ids = vrids(v);
  const named = /^VRID \d+/.test(message) || ids.length !== 1 ? message : `VRID ${ids[0]}: ${message}`;
  const stop = /[.!?]$/.test(named) ? '' : '.';
  return `Why: ${named}${fix === undefined ? '' : `${stop} Fix: ${fix}.`}`;
}

/** The replay handle on one line: the command, then the seed, path and shrinks that found it. */
export function replayLine(v: Verdict, savedAs?: string, how?: string): string {
  const found = how ?? `seed ${v.seed}${v.path === undefined ? '' : `, path "${v.path}"`}, shrunk ${v.shrinks} time(s)`;
  return savedAs === undefined
    ? `replay with: vrrp-check check ... --seed ${v.seed} (${found})`
    : `replay with: vrrp-check run ${savedAs} --profile ${v.profile}   (${found})`;
}

/**
 * The full report of a verdict with an example: the Why line first, the replay line (the saved
 * scenario, the seed and path), the per-router timeline with the first violating moment marked,
 * and keepalived's log with repeated adverts folded.
 */
export function renderVerdict(v: Verdict, options: RenderVerdictOptions = {}): string {
  const out: string[] = [renderVerdictLine(v, options.finding === true, options.found)];
  const why = whyLine(v, options.fix);
  if (why !== undefined) out.push(why);
  out.push(replayLine(v, options.savedAs, options.found));
  if (v.error !== undefined) out.push(`error: ${v.error}`);
  const example = v.example;
  if (example !== undefined) {
    const j = example.judgement;
    for (const caveat of j.caveats ?? []) out.push(`Caveat: ${caveat}`);
    const jitter = example.scenario.jitter;
    if (jitter !== undefined) {
      out.push(
        `Jitter: each advert reached each router, and each router woke for its timers, up to ${Math.round(jitter.max * 1e6)} µs late (seed ${jitter.seed}); it decides µs races.`,
      );
    }
    const at = j.at;
    out.push('', 'Timeline (state and effective priority per router; * holds the VIP; ✖ first violating moment):');
    out.push(renderTimeline(example.trace, at).trimEnd());
    if (options.log ?? true) {
      const until = options.cut === true && at !== undefined ? at + LOG_AFTER : Number.POSITIVE_INFINITY;
      const trace = { ...example.trace, entries: example.trace.entries.filter((e) => e.t <= until) };
      out.push('', 'Log (repeated adverts folded):', collapseWire(renderLog(trace).trimEnd()));
      if (until < example.trace.until)
        out.push(`  … cut at ${until.toFixed(3)} s; the scenario runs to ${example.trace.until} s`);
    }
  }
  return `${out.join('\n')}\n`;
}
