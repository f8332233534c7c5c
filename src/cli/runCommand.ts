import { basename, dirname } from 'node:path';
import { isProfileName, profileNames } from '../../model/profiles.ts';
import { prepareScenarioFile } from '../loadScenario.ts';
import { renderTimelineSvg } from '../render/renderTimelineSvg.ts';
import { renderLog } from '../renderLog.ts';
import { DEFAULT_JITTER_SECONDS, isJitterSeed } from '../scenario.ts';
import { simulate } from '../simulate.ts';
import { traceToJson } from '../traceJson.ts';
import type { CommandResult } from './commandResult.ts';
import { limitOptionSpecs, readLimitOptions } from './limitOptions.ts';
import { type OptionSpec, optionHelp, parseArgs } from './parseArgs.ts';

const options: readonly OptionSpec[] = [
  {
    name: 'profile',
    value: 'P',
    choices: profileNames,
    help: "keepalived-1.2 or keepalived-2.2 (default: the scenario's, else keepalived-2.2)",
  },
  {
    name: 'format',
    value: 'F',
    choices: ['log', 'json', 'svg'],
    help: 'log: keepalived-style log (default); json: the trace as data; svg: the timeline as an SVG picture',
  },
  {
    name: 'jitter-seed',
    value: 'N',
    help: "decide µs races with this jitter seed (up to the scenario's jitter max, else 200 µs)",
  },
  { name: 'no-jitter', help: "leave out the scenario's jitter: races take the fixed tie-break" },
  { name: 'no-wire', help: 'log: leave out the adverts seen on the LAN (WIRE lines)' },
  { name: 'no-detail', help: 'log: leave out the lines keepalived prints only with -D' },
  { name: 'no-events', help: "log: leave out the scenario's own events (HARNESS lines)" },
  ...limitOptionSpecs,
  { name: 'help', help: 'show this help' },
];

export const runHelp = `Usage: vrrp-check run SCENARIO.json [options]

Simulates a scenario (routers, their keepalived.conf files, and timed events) on a
virtual clock and prints what keepalived would log. The same scenario always prints
the same bytes.

Options:
${optionHelp(options)}
`;

/** The scenario's folder and file name, a title that reads the same from any working directory. */
const shortName = (file: string) => `${basename(dirname(file))}/${basename(file)}`;

export function runCommand(argv: readonly string[]): CommandResult {
  const parsed = parseArgs('run', argv, options);
  if (!parsed.ok) return { code: 2, stderr: `vrrp-check: ${parsed.error}\n` };
  const { positional, flags, values } = parsed.args;
  if (flags.has('help')) return { code: 0, stdout: runHelp };
  if (positional.length !== 1) {
    return { code: 2, stderr: 'vrrp-check: run takes one scenario file (vrrp-check run SCENARIO.json)\n' };
  }
  const limits = readLimitOptions(values);
  if (typeof limits === 'string') return { code: 2, stderr: `vrrp-check: ${limits}\n` };
  const profile = values.get('profile')?.[0];
  const prepared = prepareScenarioFile(
    positional[0] as string,
    profile !== undefined && isProfileName(profile) ? profile : undefined,
    undefined,
    limits,
  );
  if (!prepared.ok) return { code: 2, stderr: `vrrp-check: ${prepared.message}\n` };
  const { cluster, scenario, warnings } = prepared.value;
  const seedText = values.get('jitter-seed')?.[0];
  let jitter = flags.has('no-jitter') ? undefined : scenario.jitter;
  if (seedText !== undefined) {
    if (flags.has('no-jitter')) return { code: 2, stderr: 'vrrp-check: give --jitter-seed or --no-jitter, not both\n' };
    const seed = Number(seedText);
    if (!isJitterSeed(seed)) {
      return {
        code: 2,
        stderr: `vrrp-check: --jitter-seed must be an integer from 0 to 4294967295 (got "${seedText}")\n`,
      };
    }
    jitter = { max: scenario.jitter?.max ?? DEFAULT_JITTER_SECONDS, seed };
  }
  const trace = simulate(cluster, scenario.events, scenario.until, undefined, jitter, scenario.races);
  const format = values.get('format')?.[0];
  const stdout =
    format === 'json'
      ? traceToJson(trace)
      : format === 'svg'
        ? renderTimelineSvg(trace, { title: shortName(positional[0] as string) })
        : renderLog(trace, {
            wire: !flags.has('no-wire'),
            detail: !flags.has('no-detail'),
            events: !flags.has('no-events'),
          });
  return { code: 0, stdout, stderr: warnings.map((w) => `vrrp-check: ${w}\n`).join('') };
}
