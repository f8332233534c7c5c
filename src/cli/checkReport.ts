import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileName } from '../../model/profiles.ts';
import { allProperties, findProperty } from '../../properties/index.ts';
import type { Property } from '../../properties/property.ts';
import { machineCoverage } from '../analysis/machineCoverage.ts';
import { MIN_APPLICABLE, type Verdict } from '../check.ts';
import { renderVerdict, replayLine, whyLine } from '../render/renderVerdict.ts';
import type { CommandResult } from './commandResult.ts';

/** The routers a report names. */
export interface ReportCluster {
  readonly routers: readonly { readonly name: string; readonly address: string }[];
  readonly warnings: readonly string[];
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface ReportOptions {
  /** Set when one given scenario was judged: it is the replay, nothing is saved. */
  readonly scenarioFile?: string;
  readonly profile: ProfileName;
  readonly runs: number;
  readonly seed: number;
  readonly horizon: number;
  /** Seconds of jitter in half the runs; 0: none. */
  readonly jitter: number;
  readonly json: boolean;
  readonly out: string;
  /**
   * The claims the user named (--property): a known behaviour counts only when asked for. Absent:
   * inferred, as the claims judged when they are fewer than the whole suite.
   */
  readonly asked?: readonly string[];
}

const VERSION: Readonly<Record<ProfileName, string>> = {
  'keepalived-1.2': 'keepalived 1.2.13',
  'keepalived-2.2': 'keepalived 2.2.7',
};

/**
 * Why a verdict makes `check` (or `verify`) exit 1, or null when it does not. `unseen`: a witness
 * never seen leaves its partner claims unverified (check's runs); verify states its scope instead.
 */
function exitReason(
  v: Verdict,
  property: Property | undefined,
  asked: ReadonlySet<string>,
  partnerOf: string[],
  unseen: boolean,
): string | null {
  if (v.status === 'error') return `"${v.property}" could not be checked`;
  if (v.kind !== 'sometimes') return v.status === 'fails' ? `"${v.property}" fails on these configs` : null;
  const pitfall = property?.pitfall;
  if (pitfall !== undefined) {
    if (v.status !== 'witnessed') return null;
    if (pitfall.kind === 'mistake') return `pitfall "${v.property}" found in these configs`;
    return asked.has(v.property) ? `pitfall "${v.property}" found (asked for with --property)` : null;
  }
  return unseen && v.status === 'not-witnessed' && partnerOf.length > 0
    ? `"${partnerOf.join('", "')}" unverified: its witness "${v.property}" was never seen`
    : null;
}

/** One line for a claim's verdict; on one given scenario (`single`), evidence is not counted in runs. */
function claimLine(v: Verdict, property: Property | undefined, single: boolean): string {
  const scope = `${v.runs} runs, ${v.applicable} applicable`;
  const head = `${v.property} [${v.kind}]`;
  if (single && (v.status === 'holds' || v.status === 'weak')) return `✓ ${head}: holds on this scenario`;
  switch (v.status) {
    case 'holds':
      return `✓ ${head}: holds (${scope})`;
    case 'fails':
      return `✖ ${head}: FAILS on these configs (${scope}); details below`;
    case 'weak':
      return `? ${head}: weak evidence, held on only ${v.applicable} applicable runs of ${v.runs} (fewer than ${MIN_APPLICABLE}); about ${v.needed ?? '?'} runs would give ${MIN_APPLICABLE} (--runs ${v.needed ?? ''})`;
    case 'not-applicable':
      return `· ${head}: never applicable in ${v.runs} runs (${property?.precondition ?? 'its precondition never came up'})`;
    case 'not-configured': {
      const versions = property?.versions;
      if (versions !== undefined && !versions.includes(v.profile))
        return `· ${head}: a claim about ${versions.map((x) => VERSION[x]).join(' and ')} only (check with --profile ${versions[0]})`;
      return `· ${head}: does not apply to these configs (it needs ${property?.needs?.what ?? 'what these configs lack'})`;
    }
    case 'error':
      return `✖ ${head}: could not be checked: ${v.error}`;
    default:
      return `· ${head}: ${v.status}`;
  }
}

/** A pitfall finding: witnessed on these configs, with its Why line, the change and its replay line. */
export function findingLines(v: Verdict, property: Property, counts: boolean, replay: string): string[] {
  const pitfall = property.pitfall;
  if (pitfall === undefined) return [];
  const kind =
    pitfall.kind === 'mistake'
      ? 'a configuration mistake: it fails the check'
      : counts
        ? `a known ${VERSION[v.profile]} behaviour, asked for with --property: it fails the check`
        : `a known ${VERSION[v.profile]} behaviour: reported, not counted; add --property "${v.property}" to make it fail the check`;
  const out = [`${counts ? '✖' : '⚠'} ${v.property}: found, ${kind}`];
  const why = whyLine(v, pitfall.advice);
  if (why !== undefined) out.push(`    ${why}`);
  out.push(`    ${replay}`);
  return out;
}

/** What a report judges: the verdicts it shows, the claims asked for, and why it exits 1 (none: exit 0). */
export interface Judged {
  readonly shown: readonly Verdict[];
  readonly asked: ReadonlySet<string>;
  readonly reasons: ReadonlyMap<Verdict, string>;
}

/**
 * The exit rule of check and verify alike: a claim that fails or could not be checked, a
 * configuration mistake found, a known version behaviour found and asked for with --property, and
 * (with `unseen`) a claim whose witness never came. A claim about the other version is left out,
 * unless asked for.
 */
export function judgeVerdicts(
  verdicts: readonly Verdict[],
  o: { readonly profile: ProfileName; readonly asked?: readonly string[]; readonly unseen: boolean },
): Judged {
  const inferred = verdicts.length < allProperties.length ? verdicts.map((v) => v.property) : [];
  const asked = new Set(o.asked ?? inferred);
  const property = (v: Verdict) => findProperty(v.property);
  const shown = verdicts.filter((v) => {
    const versions = property(v)?.versions;
    return versions === undefined || versions.includes(o.profile) || asked.has(v.property);
  });
  // the claims a witness stands beside that held somewhere: one never applicable says so itself
  const partners = (name: string) =>
    shown
      .filter((c) => property(c)?.partner === name && (c.status === 'holds' || c.status === 'weak'))
      .map((c) => c.property);
  const reasons = new Map<Verdict, string>();
  for (const v of shown) {
    const reason = exitReason(v, property(v), asked, partners(v.property), o.unseen);
    if (reason !== null) reasons.set(v, reason);
  }
  return { shown, asked, reasons };
}

/**
 * What `vrrp-check check` prints: the claims, one line each (✖ for one that fails on the user's
 * configs); the pitfalls found, each with its Why line; each failure in full (its Why line
 * first, then one "replay with" line, the timeline and the log with repeated adverts folded);
 * the machine's transition coverage; and why it exits as it does. Exit 1 only for what the user
 * relies on: a claim that fails, a claim whose witness never came, a configuration mistake, or a
 * known version behaviour asked for with --property.
 */
export function checkReport(verdicts: readonly Verdict[], cluster: ReportCluster, o: ReportOptions): CommandResult {
  const property = (v: Verdict) => findProperty(v.property);
  const { shown, reasons } = judgeVerdicts(verdicts, {
    profile: o.profile,
    ...(o.asked === undefined ? {} : { asked: o.asked }),
    // one given scenario witnesses what it shows; a witness it lacks leaves no claim unverified
    unseen: o.scenarioFile === undefined,
  });
  const claims = shown.filter((v) => v.kind !== 'sometimes');
  const pitfalls = shown.filter((v) => property(v)?.pitfall !== undefined);
  const witnesses = shown.filter((v) => v.kind === 'sometimes' && property(v)?.pitfall === undefined);
  const detailed = shown.filter(
    (v) => v.status === 'fails' || v.status === 'error' || (pitfalls.includes(v) && v.status === 'witnessed'),
  );

  const saved = new Map<Verdict, string>();
  if (o.scenarioFile !== undefined) for (const v of detailed) saved.set(v, o.scenarioFile);
  else if (detailed.some((v) => v.example !== undefined)) {
    try {
      mkdirSync(o.out, { recursive: true });
    } catch {
      return { code: 2, stderr: `vrrp-check: cannot create ${o.out} (choose another --out DIR)\n` };
    }
    for (const v of detailed) {
      if (v.example === undefined) continue;
      const file = join(o.out, `${slug(v.property)}.${v.profile}.json`);
      writeFileSync(file, `${JSON.stringify(v.example.scenario, null, 2)}\n`);
      saved.set(v, file);
    }
  }
  const code = reasons.size > 0 ? 1 : 0;
  const stderr = cluster.warnings.map((w) => `vrrp-check: ${w}\n`).join('');
  const coverage = o.scenarioFile === undefined ? reportCoverage(shown) : undefined;

  if (o.json) {
    const json = {
      profile: o.profile,
      runs: o.runs,
      seed: o.seed,
      exit: code,
      reasons: [...reasons.values()],
      verdicts: shown.map((v) => ({
        property: v.property,
        kind: v.kind,
        profile: v.profile,
        status: v.status,
        runs: v.runs,
        applicable: v.applicable,
        ...(v.needed === undefined ? {} : { needed: v.needed }),
        seed: v.seed,
        path: v.path,
        shrinks: v.shrinks,
        caveats: v.caveats,
        ...(property(v)?.pitfall === undefined ? {} : { pitfall: property(v)?.pitfall?.kind }),
        counts: reasons.has(v),
        ...(v.example === undefined
          ? {}
          : {
              example: {
                scenario: v.example.scenario,
                judgement: v.example.judgement,
                ...(saved.has(v) ? { savedAs: saved.get(v) } : {}),
              },
            }),
        ...(v.error === undefined ? {} : { error: v.error }),
      })),
      ...(coverage === undefined ? {} : { coverage }),
    };
    return { code, stdout: `${JSON.stringify(json, null, 2)}\n`, stderr };
  }

  const scope =
    o.scenarioFile === undefined
      ? `${o.runs} runs per property, seed ${o.seed}, ${o.horizon} s after the last event, ${
          o.jitter > 0 ? `jitter ≤ ${Math.round(o.jitter * 1e6)} µs in half the runs` : 'no jitter'
        }`
      : `the scenario ${o.scenarioFile}`;
  const lines: string[] = [
    `vrrp-check check: ${cluster.routers.map((r) => `${r.name} ${r.address}`).join(', ')} under ${o.profile}; ${scope}`,
    '',
    'Claims:',
    ...claims.map((v) => claimLine(v, property(v), o.scenarioFile !== undefined)),
  ];
  const unseen = witnesses.filter((v) => v.status === 'not-witnessed' && reasons.has(v));
  for (const v of unseen) lines.push(`✖ ${reasons.get(v)} in ${v.runs} runs`);
  const found = pitfalls.filter((v) => v.status === 'witnessed');
  if (found.length > 0) {
    lines.push('', 'Findings (pitfalls these configs reach):');
    for (const v of found)
      lines.push(...findingLines(v, property(v) as Property, reasons.has(v), replayLine(v, saved.get(v))));
  }
  // in full: what fails, and the findings that fail the check
  for (const v of detailed.filter((d) => d.kind !== 'sometimes' || reasons.has(d))) {
    const savedAs = saved.get(v);
    const fix = property(v)?.advice ?? property(v)?.pitfall?.advice;
    lines.push(
      '',
      '─'.repeat(100),
      renderVerdict(v, {
        ...(savedAs === undefined ? {} : { savedAs }),
        ...(fix === undefined ? {} : { fix }),
        finding: v.kind === 'sometimes',
        cut: true,
      }).trimEnd(),
    );
  }
  if (coverage !== undefined) lines.push('', coverageLine(coverage, o.profile));
  // on one given scenario, a claim that applied holds on it (claimLine): evidence is not counted in runs
  const single = o.scenarioFile !== undefined;
  const held = claims.filter((v) => v.status === 'holds' || (single && v.status === 'weak')).length;
  const failed = claims.filter((v) => v.status === 'fails' || v.status === 'error').length;
  const weak = single ? 0 : claims.filter((v) => v.status === 'weak').length;
  const idle = claims.filter((v) => v.status === 'not-applicable' || v.status === 'not-configured').length;
  lines.push(
    `${held} claim(s) hold, ${failed} fail, ${weak} on weak evidence, ${idle} do not apply to these configs or never came up; ${found.length} pitfall(s) found.`,
    code === 0 ? 'Exit 0.' : `Exit 1: ${[...reasons.values()].join('; ')}.`,
  );
  return { code, stdout: `${lines.join('\n')}\n`, stderr };
}

/** The coverage of the check's runs: those of the claim judged on the most of them. */
function reportCoverage(verdicts: readonly Verdict[]) {
  const widest = verdicts.reduce<Verdict | undefined>(
    (x, y) => (x === undefined || y.runs > x.runs ? y : x),
    undefined,
  );
  const c = widest?.coverage;
  if (c === undefined) return undefined;
  return { machine: machineCoverage(c), states: c.states, events: c.events };
}

function coverageLine(c: NonNullable<ReturnType<typeof reportCoverage>>, profile: ProfileName): string {
  const m = c.machine;
  const counts = (r: Readonly<Record<string, number>>) =>
    Object.entries(r)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  return [
    `Coverage: ${m.taken} of the ${m.reachable} machine transitions reachable with these configs under ${profile} were taken (${m.percent}%; the machine has ${m.total} in all)${
      m.notTaken.length === 0 ? '' : `; not taken: ${m.notTaken.join('; ')}`
    }.`,
    `States entered: ${counts(c.states)}; events: ${counts(c.events)}.`,
  ].join('\n');
}
