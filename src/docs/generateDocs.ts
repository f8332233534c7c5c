import { type ProfileName, profileNames, profiles } from '../../model/profiles.ts';
import { allProperties } from '../../properties/index.ts';
import type { Property } from '../../properties/property.ts';
import { scenarioArbitrary, toScenario } from '../arbitraries/scenarioArbitrary.ts';
import { checkAll, type Verdict } from '../check.ts';
import { renderTimelineSvg } from '../render/renderTimelineSvg.ts';
import { renderLog } from '../renderLog.ts';
import { DEFAULT_JITTER_SECONDS } from '../scenario.ts';
import { type AtlasEntry, collectAtlas } from './collectAtlas.ts';
import { type Block, type Figure, slug } from './docModel.ts';
import { advertRuns, finalHolders, seedObservation, stateStory } from './narrate.ts';
import { renderHtml } from './renderHtml.ts';
import { renderMarkdown } from './renderMarkdown.ts';

export interface DocsOptions {
  /** The project root: examples/ is read from there. */
  readonly root: string;
  readonly runs: number;
  readonly seed: number;
  readonly onProgress?: (what: string) => void;
}

/** Files to write, by path relative to the docs folder. */
export type DocsFiles = ReadonlyMap<string, string>;

/** How much longer a claim expected to fail is searched for its counterexample. */
export const SEARCH_FACTOR = 10;

const versions: Readonly<Record<ProfileName, string>> = {
  'keepalived-1.2': 'keepalived 1.2.13',
  'keepalived-2.2': 'keepalived 2.2.7',
};

function verdictLabel(v: Verdict): string {
  switch (v.status) {
    case 'holds':
      return v.met ? 'holds' : 'holds (unexpected: expected to fail)';
    case 'fails':
      return v.met ? 'fails, as expected' : 'FAILS (unexpected)';
    case 'witnessed':
      return 'witnessed';
    case 'not-witnessed':
      return 'NOT witnessed';
    case 'not-applicable':
      return 'never applicable';
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

interface Context {
  readonly files: Map<string, string>;
  readonly options: DocsOptions;
}

/** The log of an example, cut a few seconds after the moment that matters. */
function logExcerpt(v: Verdict): string {
  const example = v.example;
  if (example === undefined) return '';
  const j = example.judgement;
  const until = j.holds ? example.trace.until : j.at + 3;
  const log = renderLog({ ...example.trace, entries: example.trace.entries.filter((e) => e.t <= until) });
  return until < example.trace.until ? `${log}   … (${example.trace.until} s in all)\n` : log;
}

function exampleFigure(ctx: Context, property: Property, v: Verdict): Figure | undefined {
  const example = v.example;
  if (example === undefined) return undefined;
  const j = example.judgement;
  const path = `img/${slug(property.name)}.${v.profile}.svg`;
  const svg = renderTimelineSvg(example.trace, {
    ...(j.holds ? {} : { markAt: j.at }),
    title: `${property.name} — ${versions[v.profile]}`,
  });
  ctx.files.set(path, svg);
  const caption = j.holds
    ? `${versions[v.profile]}: a run that shows "${property.name}" (shrunk)`
    : `${versions[v.profile]}: the shrunk counterexample; the red line marks the first violating moment`;
  return { path, svg, caption };
}

function propertySection(ctx: Context, property: Property, verdicts: Readonly<Record<ProfileName, Verdict>>): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 3, text: property.name, id: slug(property.name) },
    { kind: 'paragraph', text: property.claim },
    {
      kind: 'list',
      items: [
        `Kind: \`${property.kind}\`${property.partner === undefined ? '' : `; its witness: "${property.partner}"`}.`,
        `Judged when: ${property.precondition}`,
        ...(property.why === undefined ? [] : [`Why it is expected to fail where it does: ${property.why}`]),
      ],
    },
    {
      kind: 'table',
      head: ['profile', 'verdict', 'runs', 'applicable', 'seed', 'shrinks'],
      rows: profileNames.map((p) => {
        const v = verdicts[p];
        return [versions[p], verdictLabel(v), String(v.runs), String(v.applicable), String(v.seed), String(v.shrinks)];
      }),
    },
    {
      kind: 'list',
      items: profileNames.map((p) => {
        const c = verdicts[p].coverage;
        return `Coverage under ${versions[p]}: states entered — ${counts(c.states) || 'none'}; events generated — ${counts(c.events) || 'none'}.`;
      }),
    },
  ];
  for (const p of profileNames) {
    const v = verdicts[p];
    const example = v.example;
    if (example === undefined) continue;
    const figure = exampleFigure(ctx, property, v);
    if (!example.judgement.holds) {
      const file = `counterexamples/${slug(property.name)}.${p}.json`;
      ctx.files.set(file, `${JSON.stringify(example.scenario, null, 2)}\n`);
      blocks.push(
        { kind: 'paragraph', text: `Counterexample under ${versions[p]}: ${example.judgement.message}` },
        ...(figure === undefined ? [] : [{ kind: 'figures' as const, figures: [figure] }]),
        { kind: 'code', text: logExcerpt(v) },
        {
          kind: 'paragraph',
          text: `Replay it: \`npx vrrp-check run docs/${file}\` (add \`--format svg\` for the picture).`,
        },
      );
      for (const caveat of example.judgement.caveats ?? [])
        blocks.push({ kind: 'paragraph', text: `Caveat: ${caveat}` });
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
 * The verified-behaviour documentation: every property checked under both profiles (with its
 * scope and, where it fails, a counterexample), the seed article's observation and an atlas of
 * the bundled scenarios. Deterministic for a given seed.
 */
export function generateDocs(options: DocsOptions): DocsFiles {
  const ctx: Context = { files: new Map(), options };
  const source = { arbitrary: scenarioArbitrary, toScenario };
  const verdicts = new Map<Property, Record<ProfileName, Verdict>>(
    allProperties.map((property) => [property, {} as Record<ProfileName, Verdict>]),
  );
  for (const p of profileNames) {
    // a claim expected to fail is searched longer: it stops at its first counterexample
    for (const expected of ['holds', 'fails'] as const) {
      const properties = allProperties.filter((property) => property.expected[p] === expected);
      options.onProgress?.(`${properties.length} claims expected to ${expected === 'holds' ? 'hold' : 'fail'} (${p})`);
      const runs = expected === 'fails' ? options.runs * SEARCH_FACTOR : options.runs;
      checkAll({ properties, profile: profiles[p], source, runs, seed: options.seed }).forEach((v, i) => {
        const byProfile = verdicts.get(properties[i] as Property);
        if (byProfile !== undefined) byProfile[p] = v;
      });
    }
  }
  const atlas = collectAtlas(options.root);
  const claims = allProperties.filter((p) => p.kind !== 'sometimes');
  const unexpected = [...verdicts.values()]
    .flatMap((byProfile) => profileNames.map((p) => byProfile[p]))
    .filter((v) => !v.met);

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'What vrrp-check verified about keepalived', id: 'top' },
    {
      kind: 'paragraph',
      text: `Generated by \`vrrp-check docs --runs ${options.runs} --seed ${options.seed}\`. Every claim below was checked on generated scenarios under both semantics profiles: keepalived 1.2.13 (the seed article's version) and keepalived 2.2.7 (Debian 12). The model behind them reproduces recordings of both real daemons (see the golden tests).`,
    },
    {
      kind: 'paragraph',
      text: `Scope of every check: ${options.runs} generated scenarios per claim and profile (up to ${options.runs * SEARCH_FACTOR} for a claim expected to fail, which stops at its first counterexample), fast-check seed ${options.seed}; clusters of 2 to 5 routers on one VRID (priorities with ties and the owner 255, track_script weights positive, negative and 0 with rise and fall 1–3, track_interface weights, state MASTER or BACKUP, nopreempt, preempt_delay, advert_int 1–3 s); start orders from the same instant to seconds apart; script outcomes over time; stops, kills, restarts, link and carrier loss and partitions; in half the runs, a seeded delay of up to ${Math.round(DEFAULT_JITTER_SECONDS * 1e6)} µs on each advert's arrival and each router's wake-up for its timers, so that near-equal timers race both ways. Each run lasts until 15 to 60 s after its last event. A claim is judged only on runs that meet its precondition; one never met is reported as "never applicable", not as holding.`,
    },
    {
      kind: 'paragraph',
      text:
        unexpected.length === 0
          ? 'Every verdict is the one expected of the real daemon.'
          : `Unexpected verdicts: ${unexpected.map((v) => `${v.property} under ${versions[v.profile]} (${v.status})`).join('; ')}.`,
    },
    { kind: 'heading', level: 2, text: 'Summary', id: 'summary' },
    {
      kind: 'table',
      head: ['claim', 'kind', ...profileNames.map((p) => versions[p])],
      rows: allProperties.map((p) => {
        const byProfile = verdicts.get(p) as Record<ProfileName, Verdict>;
        return [p.name, p.kind, ...profileNames.map((name) => verdictLabel(byProfile[name]))];
      }),
    },
    { kind: 'heading', level: 2, text: 'The claims', id: 'claims' },
  ];
  for (const claim of claims) {
    blocks.push(...propertySection(ctx, claim, verdicts.get(claim) as Record<ProfileName, Verdict>));
    const partner = allProperties.find((p) => p.name === claim.partner);
    if (partner !== undefined)
      blocks.push(...propertySection(ctx, partner, verdicts.get(partner) as Record<ProfileName, Verdict>));
  }

  const seeds = atlas.filter((e) => e.file.includes('seed-example'));
  blocks.push(
    { kind: 'heading', level: 2, text: "The seed article's observation", id: 'seed' },
    {
      kind: 'paragraph',
      text: "The article this project grew from noticed that, in keepalived 1.2.13, a tracker's weight counts only once the instance has entered a state. The reason is in 1.2.13's code: the effective priority is recomputed by a silent tick every advert_int, the first one advert_int after start. A router configured `state MASTER` starts in a hidden GOTO_MASTER state and sends its first advert ('Transition to MASTER STATE') as soon as it hears any advert, before that tick: at its base priority. A router configured `state BACKUP` logs 'Entering BACKUP STATE' at once and cannot advertise before its master-down timer (over 3 s), by which time the tick has applied its weights. keepalived 2.2.7 starts every non-owner in BACKUP, applies each script result the moment it arrives, and a backup that outranks the master waits out its master-down timer instead of forcing an election.",
    },
  );
  for (const entry of seeds) {
    blocks.push({ kind: 'paragraph', text: `${entry.title}: ${seedObservation(entry.traces)}` });
  }
  blocks.push({ kind: 'heading', level: 2, text: 'Behaviour atlas', id: 'atlas' });
  blocks.push({
    kind: 'paragraph',
    text: 'Every bundled scenario, under both profiles side by side. Bands are states (TRANSITION is 1.2.13\'s "Transition to MASTER" step), the line is the effective priority, ticks are adverts on the wire with their priority, the thick bar is who holds the VIP, and flags are the scenario\'s events.',
  });
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
