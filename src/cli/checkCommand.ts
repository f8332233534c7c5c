import { basename } from 'node:path';
import { isProfileName, type ProfileName, profileNames, profiles } from '../../model/profiles.ts';
import { createStepper } from '../../model/stepper.ts';
import { allProperties, findProperty } from '../../properties/index.ts';
import type { Property } from '../../properties/property.ts';
import { type FixedRouter, fixedClusterSource } from '../arbitraries/fixedClusterSource.ts';
import { check, runScenario, type Verdict } from '../check.ts';
import { parseKeepalivedConf } from '../config/parseKeepalivedConf.ts';
import { formatConfError, formatConfWarning } from '../config/types.ts';
import { escapeText } from '../escapeText.ts';
import { defaultLimits, type InputLimits, limitText } from '../inputLimits.ts';
import { prepareScenarioFile } from '../loadScenario.ts';
import { InputTooLarge, readBoundedText } from '../readBoundedText.ts';
import { DEFAULT_JITTER_SECONDS, isIPv4, MAX_JITTER_SECONDS } from '../scenario.ts';
import { checkFixedRouters } from './checkFixedRouters.ts';
import { checkReport } from './checkReport.ts';
import type { CommandResult } from './commandResult.ts';
import { limitOptionSpecs, readLimitOptions } from './limitOptions.ts';
import { type OptionSpec, optionHelp, parseArgs } from './parseArgs.ts';

const options: readonly OptionSpec[] = [
  { name: 'profile', value: 'P', choices: profileNames, help: 'keepalived-2.2 (default) or keepalived-1.2' },
  { name: 'property', value: 'NAME', repeatable: true, help: 'check only this property (repeatable; default: all)' },
  { name: 'runs', value: 'N', help: 'generated scenarios per property (default 300)' },
  { name: 'seed', value: 'S', help: 'fast-check seed (default 42); the same seed gives the same runs' },
  { name: 'horizon', value: 'SECONDS', help: 'how long each run goes on after its last event (default 30)' },
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

/** Reads the CONF files of `check` into routers, or says in one line what is wrong. */
export function readConfs(
  files: readonly string[],
  addresses: readonly string[],
  limits: InputLimits = defaultLimits,
): { routers: FixedRouter[]; warnings: string[] } | string {
  const routers: FixedRouter[] = [];
  const warnings: string[] = [];
  const used = new Set<string>();
  for (const [i, file] of files.entries()) {
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
    let name = (conf.routerId || basename(file).replace(/\.conf$/, '') || 'router')
      .replace(/[^A-Za-z0-9_.-]/g, '_')
      .slice(0, 32);
    if (used.has(name)) name = `${name.slice(0, 30 - String(i + 1).length)}-${i + 1}`;
    used.add(name);
    const address =
      conf.instances.find((inst) => inst.unicastSrcIp !== undefined)?.unicastSrcIp ??
      addresses[i] ??
      `10.99.0.${i + 1}`;
    routers.push({ name, address, configText: text, conf });
  }
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

/** Judges every chosen property on exactly one scenario: no generation, one run. */
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
  const run = runScenario(selfContained, cluster.profile.name, createStepper());
  const verdicts = properties.map((property): Verdict => {
    const judgement = property.holds(run);
    const sometimes = property.kind === 'sometimes';
    let status: Verdict['status'];
    if (sometimes) status = judgement.holds ? 'witnessed' : 'not-witnessed';
    else if (!judgement.holds) status = 'fails';
    else status = judgement.applicable ? 'holds' : 'not-applicable';
    return {
      property: property.name,
      kind: property.kind,
      profile: cluster.profile.name,
      status,
      expected: property.expected[cluster.profile.name],
      met: true,
      runs: 1,
      applicable: judgement.holds && !judgement.applicable ? 0 : 1,
      seed: 0,
      shrinks: 0,
      example: { scenario, trace: run.trace, judgement },
      caveats: judgement.caveats ?? [],
      coverage: { states: {}, transitions: {}, events: {} },
    };
  });
  return checkReport(
    verdicts,
    { routers: cluster.routers, warnings },
    {
      profile: cluster.profile.name,
      runs: 1,
      seed: 0,
      horizon: 0,
      jitter: 0,
      json,
      out: '',
      scenarioFile: file,
    },
  );
}

export function checkCommand(argv: readonly string[]): CommandResult {
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
  const seed = integer('seed', values.get('seed')?.[0], 42, -(2 ** 31), 2 ** 31 - 1);
  if (typeof seed === 'string') return fail(seed);
  const horizonText = values.get('horizon')?.[0];
  const horizon = horizonText === undefined ? 30 : Number(horizonText);
  if (!Number.isFinite(horizon) || horizon <= 0 || horizon > 3600) {
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
  const cluster = readConfs(positional, addresses, limits);
  if (typeof cluster === 'string') return fail(cluster);
  const refused = checkFixedRouters(cluster.routers, profile.name, horizon, limits);
  if (refused !== null) return fail(refused);

  const source = fixedClusterSource(cluster.routers, horizon, jitter);
  const tty = process.stderr.isTTY === true && !flags.has('json');
  const verdicts: Verdict[] = [];
  for (const property of chosen) {
    verdicts.push(
      check({
        property,
        profile,
        source,
        runs,
        seed,
        ...(tty
          ? {
              onProgress: (done: number, total: number) => {
                if (done % 10 === 0 || done === total)
                  process.stderr.write(`\r\x1b[K  ${property.name}: ${done}/${total}`);
              },
            }
          : {}),
      }),
    );
    if (tty) process.stderr.write('\r\x1b[K');
  }
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
