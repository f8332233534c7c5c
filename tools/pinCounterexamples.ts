/**
 * Regenerates the pinned witnesses of test/regressions/: for every pitfall under each version it
 * is about, the shortest shrunk run that shows it, over a few seeds. Run with `npm run pin`
 * after a deliberate change of the model or of a property, and review the diff.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileNames, profiles } from '../model/profiles.ts';
import { allProperties } from '../properties/index.ts';
import { scenarioArbitrary, toScenario } from '../src/arbitraries/scenarioArbitrary.ts';
import { check, type Verdict } from '../src/check.ts';
import { renderTimeline } from '../src/render/renderTimeline.ts';

const out = join(process.cwd(), 'test', 'regressions');
const source = { arbitrary: scenarioArbitrary, toScenario };
for (const property of allProperties) {
  if (property.pitfall === undefined) continue;
  for (const name of profileNames) {
    if (property.versions !== undefined && !property.versions.includes(name)) continue;
    let best: Verdict | undefined;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const v = check({ property, profile: profiles[name], source, runs: 2000, seed });
      const size = (x: Verdict | undefined) =>
        x?.example === undefined ? Number.POSITIVE_INFINITY : JSON.stringify(x.example.scenario).length;
      if (size(v) < size(best)) best = v;
    }
    const example = best?.example;
    if (best === undefined || example === undefined) {
      console.error(`${property.name} (${name}): no witness found`);
      continue;
    }
    const file = `${property.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${name}.json`;
    writeFileSync(join(out, file), `${JSON.stringify(example.scenario, null, 2)}\n`);
    console.log(`${file}: seed ${best.seed}, path ${best.path}`);
    console.log(`  ${example.judgement.message ?? ''}`);
    console.log(renderTimeline(example.trace, example.judgement.at));
  }
}
