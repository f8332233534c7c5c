import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProfileName } from '../../model/profiles.ts';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import { formatConfError } from '../../src/config/types.ts';
import { modelledConf } from '../../src/conform/modelledConf.ts';
import { writeConformConf } from '../../src/conform/writeConformConf.ts';
import { escapeText } from '../../src/escapeText.ts';
import { bypassIncludeHost } from '../conform/bypassConf.ts';
import { conformConfGrammar } from '../conform/conformConfGrammar.ts';
import { configTestUnavailable, keepalivedConfigTest } from '../conform/keepalivedConfigTest.ts';
import { fuzzRuns } from './fuzzRuns.ts';
import { confDictionary, mutatedText } from './mutatedText.ts';
import { confSeeds, FUZZ_INCLUDES } from './seeds.ts';

const seeds = confSeeds();
const confs = mutatedText(seeds, confDictionary);
const profiles: readonly ProfileName[] = ['keepalived-2.2', 'keepalived-1.2'];
const RUN = '/tmp/vck1-1-fuzzed';
/** The accepted bypass config's include files, served from memory. */
const host = bypassIncludeHost('/tmp/vrrp-check-fuzz', FUZZ_INCLUDES);
const parse = (text: string) => parseKeepalivedConf(text, 'fuzz.conf', host);
/**
 * A refusal: `FILE:LINE:COL: message (hint)`, one line once escaped for the terminal; FILE is
 * fuzz.conf or a file it includes.
 */
const PLACED = /^(fuzz\.conf|\/tmp\/vrrp-check-fuzz-inc\/\w+\.conf):(\d+):(\d+): [^\n]+$/;

function placedWithin(line: string, text: string): void {
  const match = PLACED.exec(escapeText(line, { keepLines: true }));
  expect(match, line).not.toBeNull();
  if (match?.[1] === 'fuzz.conf') expect(Number(match[2])).toBeLessThanOrEqual(text.split('\n').length);
  expect(Number(match?.[3])).toBeGreaterThanOrEqual(1);
}

describe('fuzz: mutated keepalived.conf files', () => {
  it('the parser reads each or refuses it with file:line:col; it never throws', () => {
    fc.assert(
      fc.property(confs, (text) => {
        const result = parse(text);
        if (!result.ok) placedWithin(formatConfError(result.error), text);
      }),
      { numRuns: fuzzRuns(4000) },
    );
  });

  // every config the writer accepts, for keepalived's own check below
  const written = new Map<string, string>();

  it("conform's writer: each parsed config is written clean or refused with file:line:col", () => {
    fc.assert(
      fc.property(confs, fc.constantFrom(...profiles), (text, profile) => {
        const parsed = parse(text);
        if (!parsed.ok) return;
        const result = writeConformConf(parsed.conf, { router: 'A', runDir: RUN, profile });
        if (!result.ok) {
          placedWithin(formatConfError(result.error), text);
          return;
        }
        // only lines of conform's own shapes, every script a flag test: no word of the user's
        // commands, includes, definitions or @ lines; and the model keepalived gets is the same
        expect(conformConfGrammar(result.text)).toEqual([]);
        const back = parseKeepalivedConf(result.text, 'written.conf');
        expect(back.ok && modelledConf(back.conf, profile)).toEqual(modelledConf(parsed.conf, profile));
        if (profile === 'keepalived-2.2') written.set(result.text, text);
      }),
      { numRuns: fuzzRuns(3000) },
    );
    expect(written.size).toBeGreaterThan(100);
  });

  const why = configTestUnavailable();
  it(`keepalived 2.2.7 reads 40 of the written configs as written (keepalived -t)${why === null ? '' : ` (skipped: ${why})`}`, (context) => {
    if (why !== null) context.skip(why);
    // spread over the run's inputs, in a seeded order
    const sample = fc.sample(fc.shuffledSubarray([...written.keys()], { minLength: 40, maxLength: 40 }), 1)[0] ?? [];
    const rejected = sample.flatMap((text) => {
      const test = keepalivedConfigTest(text);
      return test.accepted ? [] : [{ code: test.code, lines: test.lines, text }];
    });
    expect(rejected).toEqual([]);
  }, 60_000);
});
