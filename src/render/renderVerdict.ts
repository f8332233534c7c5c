import type { Verdict } from '../check.ts';
import { renderLog } from '../renderLog.ts';
import { renderTimeline } from './renderTimeline.ts';

export interface RenderVerdictOptions {
  /** Where the example's scenario was saved, for the replay command. */
  readonly savedAs?: string;
  /** Include the keepalived-style log of the example (default true). */
  readonly log?: boolean;
  /** Cut the log a few seconds after the violating moment. */
  readonly cut?: boolean;
}

/** How much log to show after the violating moment, in seconds. */
const LOG_AFTER = 3;

const headline: Readonly<Record<Verdict['status'], string>> = {
  holds: 'holds',
  fails: 'FAILS',
  'not-applicable': 'was never applicable',
  witnessed: 'was witnessed',
  'not-witnessed': 'was NEVER witnessed',
  error: 'could not be checked',
};

const mark: Readonly<Record<Verdict['status'], string>> = {
  holds: '✓',
  fails: '✖',
  'not-applicable': '·',
  witnessed: '✓',
  'not-witnessed': '·',
  error: '✖',
};

/** One line per verdict: what, under which profile, and its outcome on these runs. */
export function renderVerdictLine(v: Verdict): string {
  return `${mark[v.status]} ${v.property} [${v.kind}] under ${v.profile}: ${headline[v.status]} — ${v.runs} runs, ${v.applicable} applicable`;
}

/**
 * The full report of a verdict with an example: the replay handle first (seed, path, saved file),
 * then why, the per-router timeline with the first violating moment marked, and keepalived's log.
 */
export function renderVerdict(v: Verdict, options: RenderVerdictOptions = {}): string {
  const out: string[] = [renderVerdictLine(v)];
  out.push(`  { seed: ${v.seed}${v.path === undefined ? '' : `, path: "${v.path}"`} } shrunk ${v.shrinks} time(s)`);
  if (v.error !== undefined) out.push(`  error: ${v.error}`);
  const example = v.example;
  if (example !== undefined) {
    if (options.savedAs !== undefined) {
      out.push(`  saved: ${options.savedAs}`, `  replay: vrrp-check run ${options.savedAs} --profile ${v.profile}`);
    }
    const j = example.judgement;
    if (!j.holds) out.push('', v.kind === 'sometimes' ? `Example: ${j.message}` : `Why: ${j.message}`);
    else if (v.kind === 'sometimes') out.push('', 'Example: a run that shows it (shrunk):');
    for (const caveat of j.caveats ?? []) out.push(`Caveat: ${caveat}`);
    const jitter = example.scenario.jitter;
    if (jitter !== undefined) {
      out.push(
        `Jitter: each advert reached each router, and each router woke for its timers, up to ${Math.round(jitter.max * 1e6)} µs late (seed ${jitter.seed}); it decides µs races.`,
      );
    }
    out.push('', 'Timeline (state and effective priority per router; * holds the VIP; ✖ first violating moment):');
    out.push(renderTimeline(example.trace, j.holds ? undefined : j.at).trimEnd());
    if (options.log ?? true) {
      const until = options.cut === true && !j.holds ? j.at + LOG_AFTER : Number.POSITIVE_INFINITY;
      const trace = { ...example.trace, entries: example.trace.entries.filter((e) => e.t <= until) };
      out.push('', 'Log:', renderLog(trace).trimEnd());
      if (until < example.trace.until)
        out.push(`  … cut at ${until.toFixed(3)} s; the scenario runs to ${example.trace.until} s`);
    }
  }
  return `${out.join('\n')}\n`;
}
