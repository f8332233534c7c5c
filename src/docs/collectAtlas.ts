import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ProfileName, profileNames } from '../../model/profiles.ts';
import { prepareScenarioFile } from '../loadScenario.ts';
import { simulate } from '../simulate.ts';
import type { Trace } from '../trace.ts';

export interface AtlasEntry {
  /** Path of the scenario file, relative to the project root, for the replay command. */
  readonly file: string;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly recordedWith?: ProfileName;
  readonly traces: Readonly<Record<ProfileName, Trace>>;
}

/** examples/…/scenario.json, seed examples first, then the recordings of 1.2.13 and 2.2.7. */
function scenarioFiles(examples: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const path = join(dir, entry.name);
      if (entry.isFile() && entry.name === 'scenario.json') out.push(path);
      else if (entry.isDirectory() && !entry.name.startsWith('recorded')) walk(path);
    }
  };
  walk(examples);
  const rank = (p: string) =>
    p.includes('seed-example') ? 0 : p.includes('oracle-1.2') ? 1 : p.includes('oracle-2.2') ? 2 : 3;
  return out.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Every bundled example scenario, simulated under both profiles. */
export function collectAtlas(root: string): AtlasEntry[] {
  const examples = join(root, 'examples');
  return scenarioFiles(examples).map((path) => {
    const file = relative(root, path);
    const id = relative(examples, path)
      .replace(/\/scenario\.json$/, '')
      .replace(/[^a-zA-Z0-9]+/g, '-');
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { description?: string; profile?: ProfileName };
    const traces = {} as Record<ProfileName, Trace>;
    for (const profile of profileNames) {
      const prepared = prepareScenarioFile(path, profile);
      if (!prepared.ok) throw new Error(prepared.message);
      const { cluster, scenario } = prepared.value;
      traces[profile] = simulate(cluster, scenario.events, scenario.until, undefined, scenario.jitter, scenario.races);
    }
    const recorded = file.includes('oracle-1.2')
      ? 'keepalived-1.2'
      : file.includes('oracle-2.2')
        ? 'keepalived-2.2'
        : undefined;
    return {
      file,
      id,
      title: relative(examples, path).replace(/\/scenario\.json$/, ''),
      description: raw.description ?? '',
      ...(recorded === undefined ? {} : { recordedWith: recorded }),
      traces,
    };
  });
}
