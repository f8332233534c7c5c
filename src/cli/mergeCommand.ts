import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { jobVerdicts } from '../check/runJob.ts';
import type { RunRecord } from '../check/runRecord.ts';
import { SHARD_FORMAT, type ShardFile } from '../check/shardFile.ts';
import { parseKeepalivedConf } from '../config/parseKeepalivedConf.ts';
import { formatConfWarning } from '../config/types.ts';
import { mergeVerifyShards, VERIFY_SHARD_FORMAT, type VerifyShardFile } from '../verify/verifyShard.ts';
import { checkReport } from './checkReport.ts';
import type { CommandResult } from './commandResult.ts';
import { type OptionSpec, optionHelp, parseArgs } from './parseArgs.ts';
import { renderVerify } from './verifyCommand.ts';

const options: readonly OptionSpec[] = [
  { name: 'out', value: 'DIR', help: 'where counterexamples are saved as scenario files (default vrrp-check-out)' },
  { name: 'workers', value: 'N', help: 'worker threads for shrinking (default: the number of cores)' },
  { name: 'json', help: 'print the verdicts as JSON' },
  { name: 'help', help: 'show this help' },
];

export const mergeHelp = `Usage: vrrp-check merge SHARD.json... [options]

Joins the slices of one check, each printed by "vrrp-check check ... --shard K/N", into the
check's verdicts: the same report, byte for byte, as the check run whole. Or the parts of one
search, each printed by "vrrp-check verify ... --shard K/N", into verify's report: the same
verdicts, each counterexample as short as the search run whole finds; states and paths add up
over the shards. Every shard of the same job must be given, each once.

Options:
${optionHelp(options)}
`;

function readShard(file: string): ShardFile | VerifyShardFile | string {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return `${file}: cannot read it as JSON (give the output of vrrp-check check --shard K/N)`;
  }
  const searched = value as Partial<VerifyShardFile>;
  if (searched !== null && typeof searched === 'object' && 'vrrpCheckVerifyShard' in searched) {
    if (
      searched.vrrpCheckVerifyShard !== VERIFY_SHARD_FORMAT ||
      searched.job === undefined ||
      searched.shard === undefined
    )
      return `${file}: not a vrrp-check verify shard of format ${VERIFY_SHARD_FORMAT} (give the output of vrrp-check verify --shard K/N)`;
    if (!Array.isArray(searched.paths) || !Array.isArray(searched.rows))
      return `${file}: the shard has no paths (run its verify --shard again)`;
    return searched as VerifyShardFile;
  }
  const shard = value as Partial<ShardFile>;
  if (shard.vrrpCheckShard !== SHARD_FORMAT || shard.job === undefined || shard.shard === undefined)
    return `${file}: not a vrrp-check shard of format ${SHARD_FORMAT} (give the output of vrrp-check check --shard K/N)`;
  if (!Array.isArray(shard.records)) return `${file}: the shard has no records (run its check --shard again)`;
  return shard as ShardFile;
}

export async function mergeCommand(argv: readonly string[]): Promise<CommandResult> {
  const parsed = parseArgs('merge', argv, options);
  if (!parsed.ok) return { code: 2, stderr: `vrrp-check: ${parsed.error}\n` };
  const { positional, flags, values } = parsed.args;
  if (flags.has('help')) return { code: 0, stdout: mergeHelp };
  const fail = (message: string): CommandResult => ({ code: 2, stderr: `vrrp-check: ${message}\n` });
  if (positional.length === 0)
    return fail('merge needs the shard files (vrrp-check merge s1.json s2.json; see --help)');
  const workersText = values.get('workers')?.[0];
  const workers = workersText === undefined ? availableParallelism() : Number(workersText);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    return fail(`--workers must be an integer from 1 to 256 (got "${workersText}")`);

  const read: (ShardFile | VerifyShardFile)[] = [];
  for (const file of positional) {
    const shard = readShard(file);
    if (typeof shard === 'string') return fail(shard);
    read.push(shard);
  }
  const isSearch = (s: ShardFile | VerifyShardFile): s is VerifyShardFile => 'vrrpCheckVerifyShard' in s;
  const kinds = new Set(read.map(isSearch));
  if (kinds.size > 1) return fail('give the shards of one check or of one verify, not of both');
  const complete = wholeJob(read, positional);
  if (complete !== null) return fail(complete);
  const out = values.get('out')?.[0] ?? 'vrrp-check-out';
  if (read.every(isSearch)) {
    const first = read[0] as VerifyShardFile;
    return renderVerify(mergeVerifyShards(read), first.job, { out, json: flags.has('json') });
  }
  const shards = read as ShardFile[];
  const first = shards[0] as ShardFile;
  const records: RunRecord[] = shards.flatMap((s) => s.records).sort((a, b) => a.index - b.index);
  const verdicts = await jobVerdicts(first.job, records, workers);
  const warnings = first.job.routers.flatMap((r) => {
    const conf = parseKeepalivedConf(r.configText, r.file);
    return conf.ok ? conf.conf.warnings.map(formatConfWarning) : [];
  });
  return checkReport(
    verdicts,
    { routers: first.job.routers, warnings },
    {
      profile: first.job.profile,
      runs: first.job.runs,
      seed: first.job.seed,
      horizon: first.job.horizon,
      jitter: first.job.jitter,
      json: flags.has('json'),
      out,
    },
  );
}

/** Null when the shards are all the parts of one job, each once; else what is wrong, in one line. */
function wholeJob(
  shards: readonly { job: unknown; shard: { k: number; n: number } }[],
  files: readonly string[],
): string | null {
  const [first] = shards;
  if (first === undefined) return 'no shard given';
  const tool = 'vrrpCheckVerifyShard' in first ? 'verify' : 'check';
  const job = JSON.stringify(first.job);
  const n = first.shard.n;
  const seen = new Set<number>();
  for (const [i, shard] of shards.entries()) {
    if (JSON.stringify(shard.job) !== job || shard.shard.n !== n)
      return `${files[i]}: a shard of another ${tool} (its configs, options or N differ from ${files[0]})`;
    if (seen.has(shard.shard.k)) return `${files[i]}: shard ${shard.shard.k}/${n} is given twice`;
    seen.add(shard.shard.k);
  }
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0)
    return `shard ${missing.map((k) => `${k}/${n}`).join(', ')} missing (run ${tool} --shard for it)`;
  return null;
}
