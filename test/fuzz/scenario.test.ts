import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../src/escapeText.ts';
import { defaultLimits } from '../../src/inputLimits.ts';
import { prepareScenarioText } from '../../src/loadScenario.ts';
import { InputTooLarge } from '../../src/readBoundedText.ts';
import { fuzzRuns } from './fuzzRuns.ts';
import { mutatedJson } from './mutatedJson.ts';
import { confDictionary, mutatedText } from './mutatedText.ts';
import { confSeeds, scenarioSeeds } from './seeds.ts';

const confs = confSeeds();
/** The scenario's config files, in memory: A.conf, B.conf and C.conf exist, /dev/zero is endless. */
function read(path: string): string {
  if (path === '/dev/zero') throw new InputTooLarge(defaultLimits.maxInputBytes);
  const name = /\/([ABC])\.conf$/.exec(path)?.[1];
  if (name === undefined) throw new Error(`ENOENT: ${path}`);
  return confs['ABC'.indexOf(name) % confs.length] ?? '';
}

/**
 * `FILE:LINE:COL: …`, one line once escaped for the terminal; FILE is the scenario, a config
 * file, or `fuzz.json#routers[N].configText` for a config given inline.
 */
const PLACED = /^(?:fuzz\.json|[ABC]\.conf|fuzz\.json#routers\[\d+\]\.configText):\d+:\d+: [^\n]+$/;
const limits = { ...defaultLimits, maxWork: 100_000 };

describe('fuzz: mutated scenario files through the loader', () => {
  const seeds = scenarioSeeds();

  it('values and keys mutated: each is prepared or refused in one line with file:line:col', () => {
    fc.assert(
      fc.property(mutatedJson(seeds), (text) => {
        const result = prepareScenarioText(text, 'fuzz.json', undefined, read, limits);
        if (!result.ok) expect(escapeText(result.message, { keepLines: true })).toMatch(PLACED);
      }),
      { numRuns: fuzzRuns(2500) },
    );
  });

  it('the JSON text itself mutated: the same', () => {
    const texts = seeds.map((seed) => JSON.stringify(seed, null, 2));
    const dictionary = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      '\\u',
      'null',
      '-',
      '1e999',
      '[[[[[[[[',
      ...confDictionary,
    ];
    fc.assert(
      fc.property(mutatedText(texts, dictionary, 3), (text) => {
        const result = prepareScenarioText(text, 'fuzz.json', undefined, read, limits);
        if (!result.ok) expect(escapeText(result.message, { keepLines: true })).toMatch(PLACED);
      }),
      { numRuns: fuzzRuns(1500) },
    );
  });
});
