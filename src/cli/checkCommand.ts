import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { isProfileName, type ProfileName, profileNames, profiles } from '../../model/profiles.ts';
import { createStepper } from '../../model/stepper.ts';
import { allProperties, findProperty } from '../../properties/index.ts';
import type { Property } from '../../properties/property.ts';
import type { FixedRouter } from '../arbitraries/fixedClusterSource.ts';
import type { CheckJob } from '../check/checkJob.ts';
import { jobRecords, jobVerdicts } from '../check/runJob.ts';
import { judgeTrace, runCoverage } from '../check/runRecord.ts';
import { SHARD_FORMAT, type ShardFile } from '../check/shardFile.ts';
import { runScenario, verdictsOf } from '../check.ts';
import { parseKeepalivedConf } from '../config/parseKeepalivedConf.ts';
import { formatConfError, formatConfWarning } from '../config/types.ts';
import { escapeText } from '../escapeText.ts';
import { defaultLimits, type InputLimits, limitText } from '../inputLimits.ts';
import { prepareScenarioFile } from '../loadScenario.ts';
import { InputTooLarge, readBoundedText } from '../readBoundedText.ts';
import { routerAddresses } from '../routerAddresses.ts';
import { DEFAULT_JITTER_SECONDS, isIPv4, MAX_JITTER_SECONDS } from '../scenario.ts';
import { unicastFindings } from '../unicastFindings.ts';
import { checkFixedRouters } from './checkFixedRouters.ts';
import { checkReport } from './checkReport.ts';
import type { CommandResult } from './commandResult.ts';
import { horizonFor } from './horizonFor.ts';
import { limitOptionSpecs, readLimitOptions } from './limitOptions.ts';
import { type OptionSpec, optionHelp, parseArgs } from './parseArgs.ts';
import { shardSpec } from './shardSpec.ts';

const options: readonly OptionSpec[] = [
  { name: 'profile', value: 'P', choices: profileNames, help: 'keepalived-2.2 (default) or keepalived-1.2' },
  { name: 'property', value: 'NAME', repeatable: true, help: 'check only this property (repeatable; default: all)' },
  { name: 'runs', value: 'N', help: 'generated scenarios, each judged by every property (default 300)' },
  {
    name: 'seed',
    value: 'S',
    help: 'fast-check seed (default: chosen at random and printed); the same seed gives the same runs',
  },
  {
    name: 'horizon',
    value: 'SECONDS',
    help: "how long each run goes on after its last event (default: 30, or what the configs' slowest timers need)",
  },
  {
    name: 'jitter',
    value: 'SECONDS',
    help: 'delay explored in half the runs on each delivery and wake-up (default 0.0002; 0: none)',
  },
  { name: 'address', value: 'A,B,…', help: 'router addresses in CONF order, where unicast_src_ip is not set' },
  {
    name: 'scenario',
    value: 'FILE',
    help: 'judge exactly this scenario (its routers and events) instead of generating',
  },
  { name: 'out', value: 'DIR', help: 'where counterexamples are saved as scenario files (default vrrp-check-out)' },
  {
    name: 'workers',
    value: 'N',
    help: 'worker threads (default: the number of cores); the report is the same for any N',
  },
  {
    name: 'shard',
    value: 'K/N',
    help: 'run only the K-th of N slices of the runs and print it as JSON for vrrp-check merge',
  },
  { name: 'json', help: 'print the verdicts as JSON' },
  ...limitOptionSpecs,
  { name: 'help', help: 'show this help' },
];

export const checkHelp = `Usage: vrrp-check check CONF... [options]
       vrrp-check check --scenario FILE [options]

Checks a keepalived cluster against vrrp-check's properties. Each CONF is one router's
keepalived.conf (its router_id, else the file name, names the router). fast-check generates
scenarios around them: start orders and offsets, script outcomes over time, stops, kills,
restarts, link and carrier loss and partitions. A failing claim is shrunk to a minimal
scenario, printed with its keepalived log and timeline, and saved so that
"vrrp-check run FILE" replays it.

Exit status: 0 every claim holds (or never applied to these configs, as reported),
1 a counterexample was found, 2 bad input.

Options:
${optionHelp(options)}

Properties:
${allProperties.map((p) => `  ${p.name} [${p.kind}]`).join('\n')}
`;

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number | string {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    return `--${name} must be an integer from ${min} to ${max} (got "${text}")`;
  return n;
}

/** Router names are at most 32 characters (scenario.ts): a long name keeps its start and its end, which tell files apart. */
function routerName(raw: string, used: ReadonlySet<string>): string {
  const clean = raw.replace(/[^A-Za-z0-9_.-]/g, '_');
  const name = clean.length <= 32 ? clean : `${clean.slice(0, 19)}..${clean.slice(-11)}`;
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${name.slice(0, 32 - `-${n}`.length)}-${n}`;
  return candidate;
}

/** Reads the CONF files of `check` into routers, or says in one line what is wrong. */
export function readConfs(
  files: readonly string[],
  addresses: readonly string[],
  limits: InputLimits = defaultLimits,
): { routers: FixedRouter[]; warnings: string[] } | string {
  const routers: FixedRouter[] = [];
  const warnings: string[] = [];
  const used = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = readBoundedText(file, limits.maxInputBytes);
    } catch (error) {
      if (error instanceof InputTooLarge) {
        return `${escapeText(file)}: larger than ${limitText('maxInputBytes', limits.maxInputBytes)}`;
      }
      return `${escapeText(file)}: cannot read this keepalived.conf (check the path)`;
    }
    const parsed = parseKeepalivedConf(text, escapeText(file));
    if (!parsed.ok) return formatConfError(parsed.error);
    const conf = parsed.conf;
    warnings.push(...conf.warnings.map(formatConfWarning));
    if (conf.instances.length === 0)
      return `${escapeText(file)}:1:1: no vrrp_instance in this file (each CONF is one router's keepalived.conf)`;
    const name = routerName(conf.routerId || basename(file).replace(/\.conf$/, '') || 'router', used);
    used.add(name);
    // conf.text has the included files in it: a saved scenario replays without them
    routers.push({ name, address: '', configText: conf.text, conf });
  }
  // unicast_src_ip, else what the other files' unicast_peer lists leave, else --address, else 10.99.0.N
  const settled = routerAddresses(
    routers.map((r) => r.conf),
    files.map((_, i) => addresses[i]),
    routers.map((r) => r.name),
  );
  routers.forEach((r, i) => {
    routers[i] = { ...r, address: settled.addresses[i]?.address ?? '' };
  });
  warnings.push(...settled.notes, ...unicastFindings(routers));
  const seen = new Set<string>();
  for (const r of routers) {
    if (seen.has(r.address)) {
      // where a config set it, its place there
      const at = routers.map((other) => other.conf.instances.find((inst) => inst.unicastSrcIp === r.address)?.pos);
      const pos = at[routers.indexOf(r)] ?? at.find((p) => p !== undefined);
      const where = pos === undefined ? '' : `${pos.file}:${pos.line}:${pos.col}: `;
      return `${where}two routers have the address ${r.address} (give each its own with unicast_src_ip or --address)`;
    }
    seen.add(r.address);
  }
  return { routers, warnings };
}

/** Judges every chosen property on exactly one scenario: no generation, one run, the one judge. */
function judgeScenario(
  file: string,
  profile: ProfileName | undefined,
  properties: readonly Property[],
  json: boolean,
  limits: InputLimits,
): CommandResult {
  const prepared = prepareScenarioFile(file, profile, undefined, limits);
  if (!prepared.ok) return { code: 2, stderr: `vrrp-check: ${prepared.message}\n` };
  const { scenario, selfContained, cluster, warnings } = prepared.value;
  // the configs as read from the scenario's folder: runScenario resolves no path again
  const { trace } = runScenario(selfContained, cluster.profile.name, createStepper());
  // judged as a generated run is (judgeTrace): a claim whose needs these configs lack is not judged
  const record = { index: 0, judgements: judgeTrace(properties, trace), coverage: runCoverage(scenario, trace) };
  const verdicts = verdictsOf(
    [record],
    { properties, profile: cluster.profile.name, runs: 1, seed: 0 },
    // the run is the example (a crash has none: its error is the verdict)
    (property, _, decision) =>
      decision.crashed
        ? { shrinks: 0 }
        : { shrinks: 0, example: { scenario, trace, judgement: property.holds(trace) } },
  );
  return checkReport(
    verdicts,
    { routers: cluster.routers, warnings },
    { profile: cluster.profile.name, runs: 1, seed: 0, horizon: 0, jitter: 0, json, out: '', scenarioFile: file },
  );
}

/** `--shard K/N`: the K-th of N slices of the runs. */
function shard(
  text: string | undefined,
  runs: number,
): { k: number; n: number; from: number; to: number } | string | null {
  if (text === undefined) return null;
  const spec = shardSpec(text, runs, '--runs');
  if (typeof spec === 'string') return spec;
  const { k, n } = spec;
  return { k, n, from: Math.floor(((k - 1) * runs) / n), to: Math.floor((k * runs) / n) };
}

/** A chosen seed, printed first so that the run can be repeated. */
function randomSeed(): number {
  return randomInt(0, 2 ** 31 - 1);
}

export async function checkCommand(argv: readonly string[]): Promise<CommandResult> {
  const parsed = parseArgs('check', argv, options);
  if (!parsed.ok) return { code: 2, stderr: `vrrp-check: ${parsed.error}\n` };
  const { positional, flags, values } = parsed.args;
  if (flags.has('help')) return { code: 0, stdout: checkHelp };
  const fail = (message: string): CommandResult => ({ code: 2, stderr: `vrrp-check: ${message}\n` });

  const names = values.get('property') ?? [];
  const properties: Property[] = [];
  for (const name of names) {
    const property = findProperty(name);
    if (property === undefined) {
      return fail(`unknown property "${name}" (known: ${allProperties.map((p) => `"${p.name}"`).join(', ')})`);
    }
    properties.push(property);
  }
  const chosen = properties.length > 0 ? properties : [...allProperties];
  const runs = integer('runs', values.get('runs')?.[0], 300, 1, 1_000_000);
  if (typeof runs === 'string') return fail(runs);
  const seedText = values.get('seed')?.[0];
  const seed = integer('seed', seedText, randomSeed(), -(2 ** 31), 2 ** 31 - 1);
  if (typeof seed === 'string') return fail(seed);
  const workers = integer('workers', values.get('workers')?.[0], availableParallelism(), 1, 256);
  if (typeof workers === 'string') return fail(workers);
  const horizonText = values.get('horizon')?.[0];
  const givenHorizon = horizonText === undefined ? undefined : Number(horizonText);
  if (givenHorizon !== undefined && (!Number.isFinite(givenHorizon) || givenHorizon <= 0 || givenHorizon > 3600)) {
    return fail(`--horizon must be a number of seconds from 0 to 3600 (got "${horizonText}")`);
  }
  const jitterText = values.get('jitter')?.[0];
  const jitter = jitterText === undefined ? DEFAULT_JITTER_SECONDS : Number(jitterText);
  if (!Number.isFinite(jitter) || jitter < 0 || jitter > MAX_JITTER_SECONDS) {
    return fail(`--jitter must be a number of seconds from 0 to ${MAX_JITTER_SECONDS} (got "${jitterText}")`);
  }
  const limits = readLimitOptions(values);
  if (typeof limits === 'string') return fail(limits);
  const profileName = values.get('profile')?.[0];
  const profile = profiles[profileName !== undefined && isProfileName(profileName) ? profileName : 'keepalived-2.2'];
  const addresses = (values.get('address')?.[0] ?? '').split(',').filter((a) => a !== '');
  for (const address of addresses)
    if (!isIPv4(address)) return fail(`--address: "${address}" is not an IPv4 address (write 10.99.0.1,10.99.0.2)`);

  const scenarioFile = values.get('scenario')?.[0];
  if (scenarioFile !== undefined) {
    if (positional.length > 0) return fail('give either CONF files or --scenario FILE, not both');
    return judgeScenario(
      scenarioFile,
      profileName !== undefined && isProfileName(profileName) ? profileName : undefined,
      chosen,
      flags.has('json'),
      limits,
    );
  }
  if (positional.length === 0)
    return fail('check needs at least one keepalived.conf (vrrp-check check A.conf B.conf; see --help)');
  const slice = shard(values.get('shard')?.[0], runs);
  if (typeof slice === 'string') return fail(slice);
  const read = readConfs(positional, addresses, limits);
  if (typeof read === 'string') return fail(read);
  const timed = horizonFor(read.routers, profile, givenHorizon);
  if (typeof timed === 'string') return fail(timed);
  const { horizon } = timed;
  const cluster = { ...read, warnings: [...read.warnings, ...timed.warnings] };
  const refused = checkFixedRouters(cluster.routers, profile.name, horizon, limits);
  if (refused !== null) return fail(refused);

  const job: CheckJob = {
    profile: profile.name,
    properties: chosen.map((p) => p.name),
    runs,
    seed,
    horizon,
    jitter,
    routers: cluster.routers.map((r) => ({
      name: r.name,
      address: r.address,
      file: r.conf.file,
      configText: r.configText,
    })),
  };
  const seedLine =
    seedText === undefined ? `vrrp-check: seed ${seed} (chosen at random; --seed ${seed} repeats this run)\n` : '';
  if (seedLine !== '') process.stderr.write(seedLine);
  const tty = process.stderr.isTTY === true && !flags.has('json') && slice === null;
  const onProgress = tty
    ? (done: number, total: number) => process.stderr.write(`\r\x1b[K  ${done}/${total} runs`)
    : undefined;
  const records = await jobRecords(job, {
    workers,
    ...(slice === null ? {} : { from: slice.from, to: slice.to }),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  if (tty) process.stderr.write('\r\x1b[K');
  if (slice !== null) {
    const file: ShardFile = { vrrpCheckShard: SHARD_FORMAT, job, shard: { k: slice.k, n: slice.n }, records };
    return {
      code: 0,
      stdout: `${JSON.stringify(file)}\n`,
      stderr: cluster.warnings.map((w) => `vrrp-check: ${w}\n`).join(''),
    };
  }
  const verdicts = await jobVerdicts(job, records, workers);
  return checkReport(verdicts, cluster, {
    profile: profile.name,
    runs,
    seed,
    horizon,
    jitter,
    json: flags.has('json'),
    out: values.get('out')?.[0] ?? 'vrrp-check-out',
  });
}
