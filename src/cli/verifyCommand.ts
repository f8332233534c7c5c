import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isProfileName, type ProfileName, profileNames, profiles } from '../../model/profiles.ts';
import { allProperties, findProperty } from '../../properties/index.ts';
import type { Property } from '../../properties/property.ts';
import { prepareScenarioFile, prepareScenarioValue } from '../loadScenario.ts';
import { renderVerdict, replayLine } from '../render/renderVerdict.ts';
import { isIPv4, type ScenarioRouter } from '../scenario.ts';
import { describeScope } from '../verify/describeScope.ts';
import { SPLIT_PER_SHARD } from '../verify/explore.ts';
import { defaultScope, type VerifyResult, type VerifyVerdict, verify } from '../verify/verify.ts';
import { type VerifyJob, verifyShardFile } from '../verify/verifyShard.ts';
import { readConfs } from './checkCommand.ts';
import { findingLines, judgeVerdicts } from './checkReport.ts';
import type { CommandResult } from './commandResult.ts';
import { type OptionSpec, optionHelp, parseArgs } from './parseArgs.ts';
import { shardSpec } from './shardSpec.ts';

const options: readonly OptionSpec[] = [
  { name: 'profile', value: 'P', choices: profileNames, help: 'keepalived-2.2 (default) or keepalived-1.2' },
  { name: 'property', value: 'NAME', repeatable: true, help: 'verify only this property (repeatable; default: all)' },
  { name: 'faults', value: 'K', help: 'faults per path: stop, kill, linkdown/linkup, isolate/rejoin (default 1)' },
  { name: 'flips', value: 'M', help: 'script outcome changes per path (default 1)' },
  { name: 'restarts', value: 'R', help: 'starts of a stopped router per path (default 0)' },
  {
    name: 'races',
    value: 'SECONDS',
    help: 'stimuli of different routers due within this of each other are tried in every order (default 0: those due at the same µs)',
  },
  {
    name: 'workers',
    value: 'N',
    help: 'worker threads that judge the paths (default: the number of cores); the report is the same for any N',
  },
  { name: 'max-states', value: 'N', help: 'give up beyond this many distinct states (default 5000000; per shard)' },
  {
    name: 'shard',
    value: 'K/N',
    help: 'search only the K-th of N parts of the scope and print it as JSON for vrrp-check merge (on N machines)',
  },
  { name: 'address', value: 'A,B,…', help: 'router addresses in CONF order, where unicast_src_ip is not set' },
  { name: 'scenario', value: 'FILE', help: 'verify the routers of this scenario file (its events are not used)' },
  { name: 'out', value: 'DIR', help: 'where counterexamples are saved as scenario files (default vrrp-check-out)' },
  { name: 'json', help: 'print the result as JSON' },
  { name: 'help', help: 'show this help' },
];

export const verifyHelp = `Usage: vrrp-check verify CONF... [options]
       vrrp-check verify --scenario FILE [options]

Explores every behaviour of the cluster within stated bounds, breadth first, and checks every
claim on every path, as check judges its runs: the routers start in every order (at the same
instant or apart), up to K faults and M script flips happen at every instant the world's timers
can tell apart, and µs races go every way. A claim that holds, holds for the whole scope, which
the report states with the states explored; a claim that fails comes with a shortest
counterexample, and a pitfall these configs reach (a weight too small to move the VIP) with a
shortest witness, each saved as a scenario that "vrrp-check run" replays step for step. A search
too large for one machine runs as N shards, "verify ... --shard K/N > part-K.json" each, joined by
"vrrp-check merge part-*.json" into the same verdicts.

Exit status: 0 every claim holds in the scope (or never applied) and no configuration mistake
is reached, 1 a counterexample or a configuration mistake was found (as check decides: a known
version behaviour counts only when asked for with --property), 2 bad input.

Options:
${optionHelp(options)}
`;

function count(name: string, text: string | undefined, fallback: number, max: number): number | string {
  if (text === undefined) return fallback;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= max
    ? n
    : `--${name} must be an integer from 0 to ${max} (got "${text}")`;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const thousands = (n: number) => n.toLocaleString('en-US');
const VERSION: Readonly<Record<ProfileName, string>> = {
  'keepalived-1.2': 'keepalived 1.2.13',
  'keepalived-2.2': 'keepalived 2.2.7',
};

/** Where the search found a verdict's example. */
const depthOf = (v: VerifyVerdict) => `depth ${v.depth ?? 0}`;
const foundAt = (v: VerifyVerdict) => `a shortest path: ${depthOf(v)} of the search`;

/** One line for a claim's verdict on the search; `counts`: a pitfall found that fails the check. */
function line(v: VerifyVerdict, counts: boolean): string {
  const property = findProperty(v.property);
  const pitfall = property?.pitfall;
  const head = `${v.property} [${pitfall === undefined ? v.kind : 'pitfall'}]`;
  switch (v.status) {
    case 'holds':
    case 'weak':
      return `✓ ${head}: holds in the scope (${thousands(v.runs)} paths, ${thousands(v.applicable)} applicable)`;
    case 'fails':
      return `✖ ${head}: FAILS — shortest counterexample below (${depthOf(v)})`;
    case 'not-applicable':
      return `· ${head}: never applicable in the scope (${thousands(v.runs)} paths)`;
    case 'not-configured': {
      const versions = property?.versions;
      if (versions !== undefined && !versions.includes(v.profile))
        return `· ${head}: a claim about ${versions.map((x) => VERSION[x]).join(' and ')} only (verify with --profile ${versions[0]})`;
      return `· ${head}: does not apply to these configs (it needs ${property?.needs?.what ?? 'what these configs lack'})`;
    }
    case 'error':
      return `✖ ${head}: could not be checked: ${v.error}`;
    case 'witnessed':
      if (pitfall === undefined) return `✓ ${head}: reached (${depthOf(v)})`;
      return counts
        ? `✖ ${head}: found in the scope — shortest witness below (${depthOf(v)})`
        : `⚠ ${head}: found in the scope (${depthOf(v)}), a known ${VERSION[v.profile]} behaviour: reported, not counted`;
    case 'not-witnessed':
      return pitfall === undefined
        ? `· ${head}: never reached in the scope`
        : `✓ ${head}: not reached in the scope (${thousands(v.runs)} paths)`;
  }
}

/** How a merged search was shared out (explore.ts Shard). */
const shardsLine = ({ n, splitDepth }: { n: number; splitDepth: number | null }) =>
  splitDepth === null
    ? `Searched as ${n} shards: the search never grew past ${thousands(SPLIT_PER_SHARD * n)} states a level, so shard 1 searched it whole.`
    : `Searched as ${n} shards, which parted at depth ${splitDepth}; states and paths add up over the shards, those before they parted counted once (a state reached later from two shards' parts is counted in each).`;

/**
 * What `vrrp-check verify` prints, judged as check judges (judgeVerdicts): the scope and the
 * search, a line per claim, the pitfalls found with their Why lines, each failure and counted
 * finding in full with its shortest path saved as a scenario, the machine transitions taken, and
 * why it exits as it does.
 */
function report(
  result: VerifyResult,
  routers: readonly ScenarioRouter[],
  profile: ProfileName,
  out: string,
  asked: readonly string[] | undefined,
) {
  const { shown, reasons } = judgeVerdicts(result.verdicts, {
    profile,
    ...(asked === undefined ? {} : { asked }),
    unseen: false,
  });
  const verdicts = shown as readonly VerifyVerdict[];
  const pitfallOf = (v: VerifyVerdict) => findProperty(v.property)?.pitfall;
  const found = verdicts.filter((v) => pitfallOf(v) !== undefined && v.status === 'witnessed');
  const detailed = verdicts.filter((v) => v.status === 'fails' || v.status === 'error' || found.includes(v));
  const saved = new Map<VerifyVerdict, string>();
  if (detailed.some((v) => v.example !== undefined)) {
    mkdirSync(out, { recursive: true });
    for (const v of detailed) {
      if (v.example === undefined) continue;
      const file = join(out, `verify-${slug(v.property)}.${profile}.json`);
      writeFileSync(file, `${JSON.stringify(v.example.scenario, null, 2)}\n`);
      saved.set(v, file);
    }
  }
  const s = result.stats;
  const reached = result.coverage.filter((c) => c.taken > 0);
  const lines = [
    `vrrp-check verify: ${routers.map((r) => `${r.name} ${r.address ?? ''}`.trim()).join(', ')} under ${profile}`,
    `Scope: ${describeScope(result.scope)}.`,
    `Explored: ${thousands(s.generated)} states generated, ${thousands(s.distinct)} distinct, depth ${s.depth}, queue peak ${thousands(s.queuePeak)}; ${thousands(s.paths)} paths judged.`,
    ...(result.shards === undefined ? [] : [shardsLine(result.shards)]),
    ...(s.incomplete
      ? [
          `INCOMPLETE: the search stopped at ${thousands(result.scope.maxStates)} distinct states; a "holds" below covers only what was explored (raise --max-states or lower --faults/--flips${result.scope.faults > 0 && result.scope.flips > 0 ? '; or verify the bounds one at a time, with --flips 0 and then with --faults 0' : ''}).`,
        ]
      : []),
    '',
    ...verdicts.map((v) => line(v, reasons.has(v))),
  ];
  if (found.length > 0) {
    lines.push('', 'Findings (pitfalls these configs reach within the scope):');
    for (const v of found) {
      const property = findProperty(v.property) as Property;
      lines.push(...findingLines(v, property, reasons.has(v), replayLine(v, saved.get(v), foundAt(v))));
    }
  }
  // in full: what fails, and the findings that fail the check
  for (const v of detailed.filter((d) => d.kind !== 'sometimes' || reasons.has(d))) {
    const savedAs = saved.get(v);
    const property = findProperty(v.property);
    const fix = property?.advice ?? property?.pitfall?.advice;
    lines.push(
      '',
      '─'.repeat(100),
      renderVerdict(v, {
        ...(savedAs === undefined ? {} : { savedAs }),
        ...(fix === undefined ? {} : { fix }),
        finding: v.kind === 'sometimes',
        found: foundAt(v),
        cut: true,
      }).trimEnd(),
    );
  }
  lines.push(
    '',
    `Machine transitions taken: ${reached.length} of ${result.coverage.length}; not taken in the scope: ${result.coverage
      .filter((c) => c.taken === 0)
      .map((c) => c.transition)
      .join('; ')}.`,
  );
  const claims = verdicts.filter((v) => v.kind !== 'sometimes');
  const failed = claims.filter((v) => v.status === 'fails' || v.status === 'error').length;
  const idle = claims.filter((v) => v.status === 'not-applicable' || v.status === 'not-configured').length;
  lines.push(
    `${claims.filter((v) => v.status === 'holds' || v.status === 'weak').length} claim(s) hold in the scope, ${failed} fail, ${idle} do not apply to these configs or never applied; ${found.length} pitfall(s) found.`,
    reasons.size === 0 ? 'Exit 0.' : `Exit 1: ${[...reasons.values()].join('; ')}.`,
  );
  return { text: `${lines.join('\n')}\n`, saved, shown: verdicts, reasons };
}

export async function verifyCommand(argv: readonly string[]): Promise<CommandResult> {
  const parsed = parseArgs('verify', argv, options);
  if (!parsed.ok) return { code: 2, stderr: `vrrp-check: ${parsed.error}\n` };
  const { positional, flags, values } = parsed.args;
  if (flags.has('help')) return { code: 0, stdout: verifyHelp };
  const fail = (message: string): CommandResult => ({ code: 2, stderr: `vrrp-check: ${message}\n` });

  const properties: Property[] = [];
  for (const name of values.get('property') ?? []) {
    const property = findProperty(name);
    if (property === undefined)
      return fail(`unknown property "${name}" (known: ${allProperties.map((p) => `"${p.name}"`).join(', ')})`);
    properties.push(property);
  }
  const faults = count('faults', values.get('faults')?.[0], 1, 8);
  const flips = count('flips', values.get('flips')?.[0], 1, 8);
  const restarts = count('restarts', values.get('restarts')?.[0], 0, 8);
  const maxStates = count('max-states', values.get('max-states')?.[0], 5_000_000, 100_000_000);
  const workers = count('workers', values.get('workers')?.[0], availableParallelism(), 256);
  for (const n of [faults, flips, restarts, maxStates, workers]) if (typeof n === 'string') return fail(n);
  const racesText = values.get('races')?.[0];
  const races = racesText === undefined ? 0 : Number(racesText);
  if (!Number.isFinite(races) || races < 0 || races > 0.1)
    return fail(`--races must be a number of seconds from 0 to 0.1 (got "${racesText}")`);
  const profileName = values.get('profile')?.[0];
  const profile = profiles[profileName !== undefined && isProfileName(profileName) ? profileName : 'keepalived-2.2'];
  const addresses = (values.get('address')?.[0] ?? '').split(',').filter((a) => a !== '');
  for (const address of addresses)
    if (!isIPv4(address)) return fail(`--address: "${address}" is not an IPv4 address (write 10.99.0.1,10.99.0.2)`);

  let routers: ScenarioRouter[];
  const scenarioFile = values.get('scenario')?.[0];
  if (scenarioFile !== undefined) {
    if (positional.length > 0) return fail('give either CONF files or --scenario FILE, not both');
    const prepared = prepareScenarioFile(scenarioFile, profile.name);
    if (!prepared.ok) return fail(prepared.message);
    routers = prepared.value.cluster.routers.map((r, i) => ({
      name: r.name,
      address: r.address,
      configText: prepared.value.scenario.routers[i]?.configText ?? '',
    }));
  } else {
    if (positional.length === 0)
      return fail('verify needs at least one keepalived.conf (vrrp-check verify A.conf B.conf; see --help)');
    const confs = readConfs(positional, addresses);
    if (typeof confs === 'string') return fail(confs);
    routers = confs.routers.map((r) => ({ name: r.name, address: r.address, configText: r.configText }));
  }
  const prepared = prepareScenarioValue({ routers, events: [], until: 1 }, 'verify.json', profile);
  if (!prepared.ok) return fail(prepared.message);
  const cluster = prepared.value.cluster;
  const shardText = values.get('shard')?.[0];
  const slice = shardText === undefined ? null : shardSpec(shardText, 1024, '1024');
  if (typeof slice === 'string') return fail(slice);
  const scope = defaultScope(cluster, routers, {
    faults: faults as number,
    flips: flips as number,
    restarts: restarts as number,
    raceWindowUs: Math.round(races * 1_000_000),
    maxStates: maxStates as number,
  });
  const result = await verify({
    profile,
    routers,
    cluster,
    properties: properties.length > 0 ? properties : allProperties,
    scope,
    workers: workers as number,
    ...(slice === null ? {} : { shard: slice }),
  });
  const job: VerifyJob = {
    profile: profile.name,
    routers,
    properties: (properties.length > 0 ? properties : allProperties).map((p) => p.name),
    asked: properties.length > 0,
    scope,
  };
  if (slice !== null) {
    // a shard's part of the search, for vrrp-check merge to judge with the others
    const file = verifyShardFile(job, slice, result);
    return { code: 0, stdout: `${JSON.stringify(file)}\n`, stderr: speedLine(result) };
  }
  return renderVerify(result, job, { out: values.get('out')?.[0] ?? 'vrrp-check-out', json: flags.has('json') });
}

/** How fast the search went: it varies from run to run, so it goes to stderr and the report stays the same bytes. */
const speedLine = (result: VerifyResult) =>
  `vrrp-check verify: ${thousands(result.stats.distinct)} distinct states in ${result.cpuSeconds.toFixed(1)} CPU-s (${thousands(Math.round(result.stats.distinct / Math.max(result.cpuSeconds, 0.001)))} per CPU-s)\n`;

/** verify's report (text or JSON) and exit status, for a search run whole or merged from its shards. */
export function renderVerify(
  result: VerifyResult,
  job: VerifyJob,
  options: { readonly out: string; readonly json: boolean },
): CommandResult {
  const { routers } = job;
  const profile = profiles[job.profile];
  const asked = job.asked ? job.properties : undefined;
  const speed = speedLine(result);
  const { text, saved, shown, reasons } = report(result, routers, profile.name, options.out, asked);
  const code = reasons.size > 0 ? 1 : 0;
  if (options.json) {
    const json = {
      profile: profile.name,
      scope: result.scope,
      stats: result.stats,
      ...(result.shards === undefined ? {} : { shards: result.shards }),
      exit: code,
      reasons: [...reasons.values()],
      verdicts: shown.map((v) => ({
        property: v.property,
        kind: v.kind,
        status: v.status,
        paths: v.runs,
        applicable: v.applicable,
        ...(findProperty(v.property)?.pitfall === undefined
          ? {}
          : { pitfall: findProperty(v.property)?.pitfall?.kind }),
        counts: reasons.has(v),
        ...(v.error === undefined ? {} : { error: v.error }),
        ...(v.example === undefined
          ? {}
          : {
              example: {
                depth: v.depth,
                scenario: v.example.scenario,
                judgement: v.example.judgement,
                ...(saved.has(v) ? { savedAs: saved.get(v) } : {}),
              },
            }),
      })),
      coverage: result.coverage,
    };
    return { code, stdout: `${JSON.stringify(json, null, 2)}\n`, stderr: speed };
  }
  return { code, stdout: text, stderr: speed };
}
