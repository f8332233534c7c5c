import { basename, dirname, relative, resolve } from 'node:path';
import { Cleanup } from '../conform/cleanup.ts';
import { CannotRun, conformScenario } from '../conform/conformScenario.ts';
import { type Judgement, judgeCapture } from '../conform/judgeCapture.ts';
import { keepRun } from '../conform/keepRun.ts';
import { withCleanupOnSignals } from '../conform/onSignals.ts';
import { type ConformDeps, preflight, systemDeps } from '../conform/preflight.ts';
import { randomBatch } from '../conform/randomBatch.ts';
import { readKeptRun } from '../conform/readKeptRun.ts';
import { Aborted } from '../conform/realClock.ts';
import { runPrefix } from '../conform/runMark.ts';
import { runReport } from '../conform/runReport.ts';
import { conforms, verdict, verdictWords } from '../conform/verdict.ts';
import { escapeText, quoteText } from '../escapeText.ts';
import type { InputLimits } from '../inputLimits.ts';
import { prepareScenarioFile } from '../loadScenario.ts';
import type { CommandResult } from './commandResult.ts';
import { limitOptionSpecs, readLimitOptions } from './limitOptions.ts';
import { type OptionSpec, optionHelp, parseArgs } from './parseArgs.ts';

const options: readonly OptionSpec[] = [
  { name: 'keepalived', value: 'PATH', help: 'the keepalived program (default: keepalived on the PATH)' },
  { name: 'tolerance', value: 'MS', help: 'how far apart model and keepalived may be, each item (default 100)' },
  {
    name: 'keep',
    value: 'DIR',
    help: 'keep the configs run, the capture (recorded/merged.log) and the model log there',
  },
  { name: 'random', value: 'N', help: 'run N generated scenarios instead of a file' },
  {
    name: 'recorded',
    value: 'DIR',
    help: 'judge a run kept with --keep (or an examples/oracle-* recording) again with the current model; no root needed',
  },
  { name: 'seed', value: 'S', help: 'with --random: the generator seed (default 1)' },
  ...limitOptionSpecs,
  { name: 'help', help: 'show this help' },
];

export const conformHelp = `Usage: vrrp-check conform SCENARIO.json [--keepalived PATH] [--tolerance MS] [--keep DIR]
       vrrp-check conform --random N [--seed S] [--keep DIR]
       vrrp-check conform --recorded DIR [--tolerance MS]

Runs a scenario on real keepalived, one daemon per router, each in its own network
namespace joined by a bridge, and compares what they log and send with the model's
trace for the keepalived version found (1.x: keepalived-1.2, 2.x: keepalived-2.2).
keepalived gets only configs that conform writes from the modelled configuration: no
command of the user's runs, each vrrp_script checks a flag file that the scenario's
fail/ok events remove and create. Each run first removes what a run killed outright
(kill -9) left behind. Needs Linux, root, keepalived, iproute2, tcpdump.

Exit codes: 0 match, 1 mismatch, 2 cannot run. A run that matches only once the model
replays the events at the times they really took effect counts as a match, and says so;
so does one that matches under a jitter of up to 200 µs (a µs race that the
model's fixed tie-break decides the other way), with the jitter seed that shows it.
--recorded judges a capture already made, e.g. one CI kept, with the model as it is now.

Options:
${optionHelp(options)}
`;

const cannot = (reason: string): CommandResult => ({ code: 2, stderr: `vrrp-check: conform: ${reason}\n` });

function wholeNumber(text: string | undefined, fallback: number, min: number): number | null {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= min ? value : null;
}

/** The last line of a run's report: its verdict and what differed. */
function summaryLine(name: string, run: Judgement, what: string): string {
  const parts = run.comparison.parts.length;
  const differing = run.comparison.parts.filter((part) => part.firstDifference >= 0);
  const judged = verdict(run);
  return judged === 'match'
    ? `conform: ${name}: match (${parts} parts agree; ${what})`
    : `conform: ${name}: ${verdictWords[judged]} (${differing.length} of ${parts} parts differ: ${differing.map((p) => `${p.router} ${p.part}`).join(', ')}; ${what})`;
}

/** `conform --recorded DIR`: a kept capture judged again, with no keepalived and no root. */
function judgeKept(dir: string, tolerance: number, toleranceMs: number, limits: InputLimits): CommandResult {
  const kept = readKeptRun(dir, limits);
  if (!kept.ok) return { code: 2, stderr: `vrrp-check: ${kept.message}\n` };
  const run = judgeCapture(kept.prepared, kept.capture, kept.profile, tolerance);
  const what = `${run.trace.routers.length} routers, ${kept.banner}, profile ${kept.profile}, tolerance ${toleranceMs} ms, recorded; event times from ${kept.appliedFrom}`;
  const details = run.comparison.matches ? '' : runReport(run);
  return { code: conforms(verdict(run)) ? 0 : 1, stdout: `${details}${summaryLine(escapeText(dir), run, what)}\n` };
}

/** `vrrp-check conform`: see conformHelp. `deps` are the machine's, replaced in tests. */
export async function conformCommand(argv: readonly string[], deps: ConformDeps = systemDeps): Promise<CommandResult> {
  const parsed = parseArgs('conform', argv, options);
  if (!parsed.ok) return { code: 2, stderr: `vrrp-check: ${parsed.error}\n` };
  const { positional, flags, values } = parsed.args;
  if (flags.has('help')) return { code: 0, stdout: conformHelp };
  const random = values.get('random')?.[0];
  const recorded = values.get('recorded')?.[0];
  if (recorded !== undefined) {
    const alone = ['random', 'seed', 'keep', 'keepalived'].find((name) => values.has(name));
    if (positional.length > 0 || alone !== undefined) {
      return cannot(
        `--recorded judges a capture already made: give it alone (not with ${alone === undefined ? 'a scenario file' : `--${alone}`})`,
      );
    }
  }
  if (random === undefined && recorded === undefined && positional.length !== 1) {
    return cannot('give one scenario file, or --random N, or --recorded DIR (see vrrp-check conform --help)');
  }
  if (random !== undefined && positional.length > 0) {
    return cannot('give either a scenario file or --random N, not both');
  }
  if (random === undefined && values.has('seed')) return cannot('--seed goes with --random N');
  const count = wholeNumber(random, 0, 1);
  if (count === null) return cannot(`--random takes a number of scenarios ≥ 1 (got ${quoteText(random ?? '')})`);
  const seed = wholeNumber(values.get('seed')?.[0], 1, 0);
  if (seed === null) return cannot(`--seed takes a whole number ≥ 0 (got ${quoteText(values.get('seed')?.[0] ?? '')})`);
  const toleranceText = values.get('tolerance')?.[0] ?? '100';
  if (!/^\d+(\.\d+)?$/.test(toleranceText)) {
    return cannot(`--tolerance takes milliseconds ≥ 0 (got ${quoteText(toleranceText)})`);
  }
  const limits = readLimitOptions(values);
  if (typeof limits === 'string') return cannot(limits);
  const toleranceMs = Number(toleranceText);
  const tolerance = toleranceMs / 1000;
  if (recorded !== undefined) return judgeKept(recorded, tolerance, toleranceMs, limits);
  const keepalived = values.get('keepalived')?.[0] ?? 'keepalived';
  const keep = values.get('keep')?.[0];

  const file = positional[0];
  const ready = await preflight(keepalived, deps);
  if (!ready.ok) return cannot(ready.reason);
  const version = ready.version;
  const notes: string[] = [];
  // what runs killed outright (kill -9) left behind goes first, every time
  const swept = await deps.sweep();
  if (swept.pids.length > 0) {
    notes.push(
      `vrrp-check: note: removed what conform run${swept.pids.length === 1 ? '' : 's'} ${swept.pids.join(', ')}, no longer running, left behind: ${swept.namespaces} namespace(s), ${swept.processes} process(es), ${swept.directories} folder(s)\n`,
    );
  }
  let prepared: ReturnType<typeof prepareScenarioFile> | null = null;
  if (file !== undefined) {
    // the configs are read once, relative to the scenario file, and only what is read is used
    prepared = prepareScenarioFile(file, version.profile, undefined, limits);
    if (!prepared.ok) return { code: 2, stderr: `vrrp-check: ${prepared.message}\n` };
    const own = prepared.value.scenario.profile;
    if (own !== undefined && own !== version.profile) {
      notes.push(
        `vrrp-check: note: ${escapeText(file)} is for ${own}; comparing with ${version.profile}, the model of ${version.banner}\n`,
      );
    }
  }
  const prefix = runPrefix();
  const cleanup = new Cleanup(prefix);
  const write = (line: string) => process.stderr.write(escapeText(line, { keepLines: true }));
  try {
    return await withCleanupOnSignals(cleanup, write, async (signal): Promise<CommandResult> => {
      if (count > 0) {
        const report = await randomBatch({
          count,
          seed,
          keepDir: keep ?? 'conform-out',
          keepalived,
          version,
          tolerance,
          prefix,
          cleanup,
          signal,
          progress: (line) => write(`${line}\n`),
        });
        return { code: report.matched + report.timing + report.races === report.total ? 0 : 1, stdout: report.text };
      }
      if (prepared === null || !prepared.ok || file === undefined) return cannot('no scenario');
      const dir = relative(process.cwd(), dirname(resolve(file)));
      const name = escapeText(dir === '' || dir.startsWith('..') ? basename(dirname(resolve(file))) : dir);
      const run = await conformScenario(prepared.value, {
        keepalived,
        version,
        tolerance,
        prefix: `${prefix}1-`,
        cleanup,
        signal,
        name,
      });
      const diff = runReport(run);
      if (keep !== undefined) {
        keepRun(keep, { ...prepared.value.selfContained, profile: version.profile }, run, diff);
      }
      const what = `${run.trace.routers.length} routers, ${version.banner}, profile ${version.profile}, tolerance ${toleranceMs} ms, ${run.seconds.toFixed(1)} s`;
      const summary = summaryLine(name, run, what);
      const judged = verdict(run);
      const warnings = run.warnings.map((w) => `vrrp-check: warning: ${w}\n`).join('');
      const details = run.comparison.matches ? '' : diff;
      return {
        code: conforms(judged) ? 0 : 1,
        stdout: `${details}${summary}\n`,
        stderr: `${notes.join('')}${warnings}`,
      };
    });
  } catch (error) {
    if (error instanceof CannotRun) return cannot(error.message);
    if (error instanceof Aborted) return cannot(`${error.message}; keepalived stopped, namespaces removed`);
    return cannot(`cannot run: ${error instanceof Error ? error.message : String(error)}`);
  }
}
