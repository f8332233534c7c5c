import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProfileName, profileNames, profiles } from '../../model/profiles.ts';
import { allProperties } from '../../properties/index.ts';
import type { Property } from '../../properties/property.ts';
import { NO_SYNC_GROUP } from '../../properties/support.ts';
import { machineCoverage } from '../analysis/machineCoverage.ts';
import { configFeatures, machineTransitions, TRANSITION_REACH, transitionKey } from '../analysis/transitionReach.ts';
import { MIN_APPLICABLE, type Verdict } from '../check.ts';
import { renderTimelineSvg } from '../render/renderTimelineSvg.ts';
import { renderLog } from '../renderLog.ts';
import { DEFAULT_JITTER_SECONDS } from '../scenario.ts';
import { type AtlasEntry, collectAtlas } from './collectAtlas.ts';
import { type Block, type Figure, slug } from './docModel.ts';
import { exhaustiveSection } from './exhaustiveSection.ts';
import { advertRuns, finalHolders, seedObservation, stateStory } from './narrate.ts';
import { renderHtml } from './renderHtml.ts';
import { renderMarkdown } from './renderMarkdown.ts';
import { SEARCH_FACTOR, suiteVerdicts } from './suiteVerdicts.ts';

export { SEARCH_FACTOR } from './suiteVerdicts.ts';

export interface DocsOptions {
  /** The project root: examples/ is read from there. */
  readonly root: string;
  readonly runs: number;
  readonly seed: number;
  readonly onProgress?: (what: string) => void;
}

/** Files to write, by path relative to the docs folder. */
export type DocsFiles = ReadonlyMap<string, string>;

const versions: Readonly<Record<ProfileName, string>> = {
  'keepalived-1.2': 'keepalived 1.2.13',
  'keepalived-2.2': 'keepalived 2.2.7',
};

/** A claim's verdict in a table cell; "—" for a claim about the other version. */
function verdictLabel(v: Verdict | undefined): string {
  if (v === undefined) return '—';
  switch (v.status) {
    case 'holds':
      return 'holds';
    case 'fails':
      return 'FAILS';
    case 'witnessed':
      return 'witnessed';
    case 'not-witnessed':
      return 'NOT witnessed';
    case 'weak':
      return `weak evidence (${v.applicable} applicable)`;
    case 'not-applicable':
      return 'never applicable';
    case 'not-configured':
      return 'not configured';
    case 'error':
      return `error: ${v.error ?? ''}`;
  }
}

function counts(record: Readonly<Record<string, number>>): string {
  return Object.entries(record)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

type ByProfile = Partial<Record<ProfileName, Verdict>>;

interface Context {
  readonly files: Map<string, string>;
  readonly options: DocsOptions;
}

const link = (p: Property) => `[${p.name}](#${slug(p.name)})`;
const about = (p: Property) => (p.versions ?? profileNames).map((v) => versions[v]).join(' and ');

/** The log of an example, cut a few seconds after the moment that matters. */
function logExcerpt(v: Verdict): string {
  const example = v.example;
  if (example === undefined) return '';
  const at = example.judgement.at;
  const until = at === undefined ? example.trace.until : at + 3;
  const log = renderLog({ ...example.trace, entries: example.trace.entries.filter((e) => e.t <= until) });
  return until < example.trace.until ? `${log}   … (${example.trace.until} s in all)\n` : log;
}

function exampleFigure(ctx: Context, property: Property, v: Verdict): Figure | undefined {
  const example = v.example;
  if (example === undefined) return undefined;
  const j = example.judgement;
  const path = `img/${slug(property.name)}.${v.profile}.svg`;
  const svg = renderTimelineSvg(example.trace, {
    ...(j.at === undefined ? {} : { markAt: j.at }),
    title: `${property.name} — ${versions[v.profile]}`,
  });
  ctx.files.set(path, svg);
  const caption = j.holds
    ? `${versions[v.profile]}: a run that shows "${property.name}" (shrunk)${j.at === undefined ? '' : '; the red line marks the moment'}`
    : `${versions[v.profile]}: the shrunk counterexample; the red line marks the first violating moment`;
  return { path, svg, caption };
}

/** A claim, a partner or a pitfall: what it says, where it comes from, and its verdict per profile. */
function propertySection(ctx: Context, property: Property, verdicts: ByProfile): Block[] {
  const judged = profileNames.filter((p) => verdicts[p] !== undefined);
  const blocks: Block[] = [
    { kind: 'heading', level: 3, text: property.name, id: slug(property.name) },
    { kind: 'paragraph', text: property.claim },
    {
      kind: 'list',
      items: [
        `Kind: \`${property.kind}\`${property.partner === undefined ? '' : `; its witness: "${property.partner}"`}${
          property.versions === undefined ? '' : `; about ${about(property)} only`
        }.`,
        `Judged when: ${property.precondition}`,
        ...(property.needs === undefined ? [] : [`Applies to configs with ${property.needs.what}.`]),
        ...(property.cites === undefined ? [] : [`From: ${property.cites}.`]),
        ...(property.pitfall === undefined ? [] : [`What to do: ${property.pitfall.advice}.`]),
      ],
    },
    {
      kind: 'table',
      head: ['profile', 'verdict', 'runs', 'applicable', 'seed', 'shrinks'],
      rows: judged.map((p) => {
        const v = verdicts[p] as Verdict;
        return [versions[p], verdictLabel(v), String(v.runs), String(v.applicable), String(v.seed), String(v.shrinks)];
      }),
    },
    {
      kind: 'list',
      items: judged.map((p) => {
        const c = (verdicts[p] as Verdict).coverage;
        return `Coverage under ${versions[p]}: states entered — ${counts(c.states) || 'none'}; events generated — ${counts(c.events) || 'none'}.`;
      }),
    },
  ];
  for (const p of judged) {
    const v = verdicts[p] as Verdict;
    const example = v.example;
    if (example === undefined) continue;
    const figure = exampleFigure(ctx, property, v);
    const j = example.judgement;
    // a counterexample, or a pitfall's witness: saved as a scenario file, replayable
    if (!j.holds || property.pitfall !== undefined) {
      const file = `counterexamples/${slug(property.name)}.${p}.json`;
      ctx.files.set(file, `${JSON.stringify(example.scenario, null, 2)}\n`);
      blocks.push(
        {
          kind: 'paragraph',
          text: `${j.holds ? 'Witness' : 'Counterexample'} under ${versions[p]}: ${j.message ?? 'a run that shows it'}`,
        },
        ...(figure === undefined ? [] : [{ kind: 'figures' as const, figures: [figure] }]),
        { kind: 'code', text: logExcerpt(v) },
        {
          kind: 'paragraph',
          text: `Replay it: \`npx vrrp-check run docs/${file}\` (add \`--format svg\` for the picture).`,
        },
      );
      for (const caveat of j.caveats ?? []) blocks.push({ kind: 'paragraph', text: `Caveat: ${caveat}` });
    } else if (figure !== undefined) {
      blocks.push({ kind: 'figures', figures: [figure] });
    }
  }
  return blocks;
}

function atlasSection(ctx: Context, entry: AtlasEntry): Block[] {
  const figures: Figure[] = profileNames.map((p) => {
    const path = `img/atlas-${entry.id}.${p}.svg`;
    const svg = renderTimelineSvg(entry.traces[p], { title: `${entry.title} — ${versions[p]}` });
    ctx.files.set(path, svg);
    const recorded = entry.recordedWith === p ? ' (recorded on the real daemon: see the golden tests)' : '';
    return { path, svg, caption: `${versions[p]}${recorded}` };
  });
  const stories = profileNames.flatMap((p) => {
    const trace = entry.traces[p];
    const holders = finalHolders(trace);
    return [
      `${versions[p]}: ${trace.routers.map((r) => `${r.name}: ${stateStory(trace, r.name)}; adverts ${advertRuns(trace, r.name)}`).join('. ')}. VIP at the end: ${holders.length === 0 ? 'nobody' : holders.join(' and ')}.`,
    ];
  });
  return [
    { kind: 'heading', level: 3, text: entry.title, id: `atlas-${entry.id}` },
    ...(entry.description === '' ? [] : [{ kind: 'paragraph' as const, text: entry.description }]),
    { kind: 'figures', figures },
    { kind: 'list', items: stories },
    {
      kind: 'paragraph',
      text: `Run it: \`npx vrrp-check run ${entry.file} --profile keepalived-1.2\` or \`--profile keepalived-2.2\`.`,
    },
  ];
}

/**
 * The machine's transitions: which each profile can take and what configs they need (the
 * denominator of `check`'s coverage), and how often the generated runs took each.
 */
function transitionsSection(verdicts: readonly Verdict[]): Block[] {
  const every = Object.fromEntries(Object.keys(configFeatures({ routers: [] } as never)).map((k) => [k, true]));
  const widest = (p: ProfileName) =>
    verdicts
      .filter((v) => v.profile === p)
      .reduce<Verdict | undefined>((x, y) => (x === undefined || y.runs > x.runs ? y : x), undefined);
  const taken = Object.fromEntries(profileNames.map((p) => [p, widest(p)?.coverage.machine ?? {}]));
  const reach = profileNames.map((p) => {
    const c = widest(p)?.coverage;
    return c === undefined
      ? ''
      : `${versions[p]}: ${machineCoverage(c).taken} of the ${machineCoverage(c).reachable} it can take`;
  });
  const rows = machineTransitions().map((t, id) => {
    const r = TRANSITION_REACH[transitionKey(t)];
    return [
      `\`${transitionKey(t)}\` → ${t.target ?? '(stays)'}`,
      r?.needs === '' || r === undefined ? 'always' : r.needs,
      ...profileNames.map((p) =>
        r?.reach(profiles[p].semantics, every as never) === false ? '—' : String(taken[p]?.[id] ?? 0),
      ),
    ];
  });
  return [
    { kind: 'heading', level: 2, text: 'Machine transitions', id: 'transitions' },
    {
      kind: 'paragraph',
      text: `The instance machine has ${rows.length} transitions (model/compileMachine.ts lists them in the machine's words). A profile's switches rule some out ("—"): the denominator of \`check\`'s coverage is those its profile can take with the user's configs (src/analysis/transitionReach.ts; a test holds the table to the runs: no run takes a transition it rules out). Runs that took each, on the generated clusters above — ${reach.join('; ')}.`,
    },
    { kind: 'table', head: ['transition', 'needs', ...profileNames.map((p) => versions[p])], rows },
  ];
}

/** The mutation test's summary line, from its committed table (docs/mutation-test.md). */
function mutationSummary(root: string): string {
  const file = join(root, 'docs', 'mutation-test.md');
  if (!existsSync(file)) return 'The mutation test has not written its table yet (docs/mutation-test.md).';
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Caught: '));
  return `${line ?? 'See the table.'} The table (broken model, the claim that caught it, runs needed, time) is in [mutation-test.md](mutation-test.md).`;
}

/**
 * The verified-behaviour documentation: every claim checked under both profiles (with its scope
 * and its witness), the pitfalls with their witnesses, the seed article's observation pinned per
 * version, the mutation test's result and an atlas of the bundled scenarios. Deterministic for
 * a given seed.
 */
export function generateDocs(options: DocsOptions): DocsFiles {
  const ctx: Context = { files: new Map(), options };
  const verdicts = new Map<Property, ByProfile>(allProperties.map((property) => [property, {}]));
  for (const p of profileNames) {
    const properties = allProperties.filter((property) => property.versions?.includes(p) ?? true);
    const progress = options.onProgress;
    suiteVerdicts(properties, p, options.runs, options.seed, (done, total) =>
      progress?.(`${versions[p]}: ${done}/${total} runs`),
    ).forEach((v, i) => {
      const byProfile = verdicts.get(properties[i] as Property);
      if (byProfile !== undefined) byProfile[p] = v;
    });
  }
  const atlas = collectAtlas(options.root);
  const pitfalls = allProperties.filter((p) => p.pitfall !== undefined);
  const claims = allProperties.filter((p) => p.kind !== 'sometimes');
  const partners = allProperties.filter((p) => p.kind === 'sometimes' && p.pitfall === undefined);
  const all = [...verdicts.values()].flatMap((byProfile) => profileNames.flatMap((p) => byProfile[p] ?? []));
  const unexpected = all.filter((v) => !v.met);
  const shown = new Set<Property>();

  const row = (p: Property) => {
    const byProfile = verdicts.get(p) as ByProfile;
    return [link(p), p.kind, ...profileNames.map((name) => verdictLabel(byProfile[name]))];
  };
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'What vrrp-check verified about keepalived', id: 'top' },
    {
      kind: 'paragraph',
      text: `Generated by \`vrrp-check docs --runs ${options.runs} --seed ${options.seed}\`. Every claim below was checked on generated scenarios under each semantics profile it is about: keepalived 1.2.13 (the seed article's version) and keepalived 2.2.7 (Debian 12). The model behind them reproduces recordings of both real daemons (see the golden tests). Each claim computes what it expects from the configuration and the RFC 3768 or keepalived formulas it cites, never by calling the model. Where the versions differ, each has its own claim; a behaviour that surprises users is not a failing claim but a pitfall, listed apart with a run that shows it.`,
    },
    {
      kind: 'paragraph',
      text: `Scope of every check: ${options.runs} generated scenarios per profile, judged by every claim at once; a claim with fewer than ${MIN_APPLICABLE} runs that met its precondition (and a witness not yet seen) is judged on further runs, up to ${options.runs * SEARCH_FACTOR}: each table says how many. Fast-check seed ${options.seed}; clusters of 2 to 5 routers on one VRID (priorities with ties and the owner 255, track_script weights positive, negative and 0 with rise and fall 1–3, track_interface weights, state MASTER or BACKUP, nopreempt, preempt_delay, advert_int 1–3 s); start orders from the same instant to seconds apart; free timelines of faults and script outcomes, and stories in which the master is stopped, killed, cut off, isolated, its link or its check fails, each once the cluster has settled, on the microsecond a timer fires or one µs either side, and checks that fail for fall − 1, fall or fall + 1 runs; in half the runs, a seeded delay of up to ${Math.round(DEFAULT_JITTER_SECONDS * 1e6)} µs on each advert's arrival and each router's wake-up for its timers, so that near-equal timers race both ways. A claim is judged only on runs that meet its precondition; one with fewer than ${MIN_APPLICABLE} such runs would be reported as weak evidence, not as holding. ${NO_SYNC_GROUP}`,
    },
    {
      kind: 'paragraph',
      text:
        unexpected.length === 0
          ? `Every claim holds, and every witness and pitfall was seen, under each profile it is about.`
          : `Not as expected: ${unexpected.map((v) => `${v.property} under ${versions[v.profile]} (${v.status})`).join('; ')}.`,
    },
    { kind: 'heading', level: 2, text: 'Contents', id: 'contents' },
    {
      kind: 'list',
      items: [
        '[Summary](#summary)',
        `[The claims](#claims): ${claims.map(link).join(', ')}`,
        `[Pitfalls](#pitfalls): ${pitfalls.map(link).join(', ')}`,
        "[The seed article's observation](#seed)",
        '[Mutation test](#mutation-test)',
        '[Machine transitions](#transitions)',
        '[Exhaustive scope](#exhaustive)',
        `[Behaviour atlas](#atlas): ${atlas.map((e) => `[${e.title}](#atlas-${e.id})`).join(', ')}`,
        '[Caveats](#caveats)',
      ],
    },
    { kind: 'heading', level: 2, text: 'Summary', id: 'summary' },
    {
      kind: 'table',
      head: ['claim', 'kind', ...profileNames.map((p) => versions[p])],
      rows: [...claims, ...partners].map(row),
    },
    {
      kind: 'table',
      head: ['pitfall', 'kind', ...profileNames.map((p) => versions[p])],
      rows: pitfalls.map((p) => [link(p), `${p.pitfall?.kind ?? ''}`, ...row(p).slice(2)]),
    },
    { kind: 'heading', level: 2, text: 'The claims', id: 'claims' },
  ];
  for (const claim of claims) {
    blocks.push(...propertySection(ctx, claim, verdicts.get(claim) as ByProfile));
    const partner = allProperties.find((p) => p.name === claim.partner);
    if (partner !== undefined && !shown.has(partner)) {
      shown.add(partner);
      blocks.push(...propertySection(ctx, partner, verdicts.get(partner) as ByProfile));
    }
  }
  blocks.push(
    { kind: 'heading', level: 2, text: 'Pitfalls', id: 'pitfalls' },
    {
      kind: 'paragraph',
      text: 'What keepalived does that surprises people: each is a `sometimes` claim, shown reachable by a run (shrunk, replayable). A `mistake` is a configuration that asks for something keepalived does not do: `vrrp-check check` fails on configs that reach it. A `behaviour` is what the version does whatever the configs: `check` reports it and fails only when asked for it with --property.',
    },
  );
  for (const pitfall of pitfalls) blocks.push(...propertySection(ctx, pitfall, verdicts.get(pitfall) as ByProfile));

  const seeds = atlas.filter((e) => e.file.includes('seed-example'));
  const seedClaims = allProperties.filter((p) => /weights count from the first/.test(p.name));
  blocks.push(
    { kind: 'heading', level: 2, text: "The seed article's observation", id: 'seed' },
    {
      kind: 'paragraph',
      text: `The article this project grew from noticed that, in keepalived 1.2.13, a tracker's weight counts only once the instance has entered a state. The reason is in 1.2.13's code: the effective priority is recomputed by a silent tick every advert_int, the first one advert_int after start. A router configured \`state MASTER\` starts in a hidden GOTO_MASTER state and sends its first advert ('Transition to MASTER STATE') as soon as it hears any advert, before that tick: at its base priority. keepalived 2.2.7 applies each script result the moment it arrives. The observation is pinned as a claim per version: ${seedClaims.map(link).join(' and ')}, with the pitfall ${pitfalls
        .filter((p) => /first advert/.test(p.name))
        .map(link)
        .join('')}.`,
    },
  );
  for (const entry of seeds) {
    blocks.push({ kind: 'paragraph', text: `${entry.title}: ${seedObservation(entry.traces)}` });
  }
  blocks.push(
    { kind: 'heading', level: 2, text: 'Mutation test', id: 'mutation-test' },
    {
      kind: 'paragraph',
      text: `Deliberately broken models (test/mutants/), each one small change, are checked by the property suite alone on generated clusters with check's default 300 runs. ${mutationSummary(options.root)}`,
    },
    ...transitionsSection(all),
    ...exhaustiveSection(options.root),
    { kind: 'heading', level: 2, text: 'Behaviour atlas', id: 'atlas' },
    {
      kind: 'paragraph',
      text: 'Every bundled scenario, under both profiles side by side. Bands are states (TRANSITION is 1.2.13\'s "Transition to MASTER" step), the line is the effective priority, ticks are adverts on the wire with their priority, the thick bar is who holds the VIP, and flags are the scenario\'s events.',
    },
  );
  for (const entry of atlas) blocks.push(...atlasSection(ctx, entry));
  blocks.push(
    { kind: 'heading', level: 2, text: 'Caveats', id: 'caveats' },
    {
      kind: 'list',
      items: [
        'A killed router keeps its VIP on its interface: a crash cannot remove it. The claims about running routers do not count it; their reports name it as a caveat.',
        'The model departs from the real daemons in races on the same microsecond and does not model gratuitous ARP, sync groups, VRRPv3/IPv6, authentication or script time-outs: see README, "Where the model departs from keepalived".',
        'Verdicts are about the model, checked against recordings of both real daemons; `vrrp-check conform` replays scenarios on real keepalived.',
      ],
    },
  );
  ctx.files.set('verified-behaviour.md', renderMarkdown(blocks));
  ctx.files.set('index.html', renderHtml('What vrrp-check verified about keepalived', blocks));
  return ctx.files;
}
