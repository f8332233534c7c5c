import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileName } from '../../model/profiles.ts';
import type { Verdict } from '../check.ts';
import { renderVerdict } from '../render/renderVerdict.ts';
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
}

/**
 * What `vrrp-check check` prints: one line per verdict, then each counterexample in full (saved
 * as a scenario file unless a given scenario was judged), coverage, and the tally. Exit 1 when a
 * claim fails.
 */
export function checkReport(verdicts: readonly Verdict[], cluster: ReportCluster, o: ReportOptions): CommandResult {
  const claims = verdicts.filter((v) => v.kind !== 'sometimes');
  const failing = claims.filter((v) => v.status === 'fails' || v.status === 'error');
  const saved = new Map<Verdict, string>();
  if (o.scenarioFile !== undefined) for (const v of failing) saved.set(v, o.scenarioFile);
  else if (failing.length > 0) {
    try {
      mkdirSync(o.out, { recursive: true });
    } catch {
      return { code: 2, stderr: `vrrp-check: cannot create ${o.out} (choose another --out DIR)\n` };
    }
    for (const v of failing) {
      if (v.example === undefined) continue;
      const file = join(o.out, `${slug(v.property)}.${v.profile}.json`);
      writeFileSync(file, `${JSON.stringify(v.example.scenario, null, 2)}\n`);
      saved.set(v, file);
    }
  }
  const stderr = cluster.warnings.map((w) => `vrrp-check: ${w}\n`).join('');
  if (o.json) {
    const json = verdicts.map((v) => ({
      property: v.property,
      kind: v.kind,
      profile: v.profile,
      status: v.status,
      runs: v.runs,
      applicable: v.applicable,
      seed: v.seed,
      path: v.path,
      shrinks: v.shrinks,
      coverage: v.coverage,
      caveats: v.caveats,
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
    }));
    return { code: failing.length > 0 ? 1 : 0, stdout: `${JSON.stringify(json, null, 2)}\n`, stderr };
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
  ];
  for (const v of verdicts) {
    const line = describe(v);
    lines.push(line);
  }
  for (const v of failing) {
    lines.push(
      '',
      '─'.repeat(100),
      renderVerdict(v, { ...(saved.has(v) ? { savedAs: saved.get(v) as string } : {}), cut: true }).trimEnd(),
    );
  }
  if (o.scenarioFile === undefined) {
    const states = Object.entries(verdicts[0]?.coverage.states ?? {})
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const events = Object.entries(verdicts[0]?.coverage.events ?? {})
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    lines.push('', `Coverage of the first property's runs — states entered: ${states}; events: ${events}`);
  }
  const held = claims.filter((v) => v.status === 'holds').length;
  const na = claims.filter((v) => v.status === 'not-applicable').length;
  lines.push(`${held} claim(s) hold, ${failing.length} fail, ${na} never applied to these configs.`);
  return { code: failing.length > 0 ? 1 : 0, stdout: `${lines.join('\n')}\n`, stderr };
}

function describe(v: Verdict): string {
  const scope = `${v.runs} runs, ${v.applicable} applicable`;
  switch (v.status) {
    case 'holds':
      return `✓ ${v.property} [${v.kind}]: holds (${scope})`;
    case 'fails':
      return `✖ ${v.property} [${v.kind}]: FAILS — counterexample below (${scope})`;
    case 'not-applicable':
      return `· ${v.property} [${v.kind}]: never applicable to these configs (${v.runs} runs)`;
    case 'witnessed':
      return `· ${v.property} [sometimes]: seen (${scope})`;
    case 'not-witnessed':
      return `· ${v.property} [sometimes]: never seen with these configs (${v.runs} runs)`;
    case 'error':
      return `✖ ${v.property} [${v.kind}]: could not be checked: ${v.error}`;
  }
}
