import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bypassIncludes } from '../conform/bypassConf.ts';
import { fuzzRuns } from './fuzzRuns.ts';
import { mutatedJson } from './mutatedJson.ts';
import { confDictionary, mutatedText } from './mutatedText.ts';
import { hasRawControl, notOneLineError } from './oneLineError.ts';
import { confSeeds, scenarioSeeds } from './seeds.ts';

// The CLI's commands are called in-process (main, as bin/vrrp-check.js calls it), on files in a
// folder of their own; a small work limit keeps each simulated input to milliseconds.
const dir = mkdtempSync(join(tmpdir(), 'vrrp-check-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// the accepted bypass config's include files, where its include lines look for them
mkdirSync(join(dir, 'inc'));
for (const [name, text] of Object.entries(bypassIncludes('/tmp/vrrp-check-fuzz')))
  writeFileSync(join(dir, 'inc', name), text);
const confs = confSeeds(join(dir, 'inc'));
for (const [i, name] of ['A', 'B', 'C'].entries()) writeFileSync(join(dir, `${name}.conf`), confs[i] ?? '');
const LIMITS = ['--max-work', '20000', '--max-input-bytes', '65536'];

/** The slowest input seen, for the hang check. */
let slowest = { ms: 0, input: '' };

async function timed(input: string, argv: readonly string[]) {
  const started = performance.now();
  const result = await main(argv);
  const ms = performance.now() - started;
  if (ms > slowest.ms) slowest = { ms, input };
  return result;
}

/** Accepted (exit 0, or 1 for a claim check fails) or one line with file:line:col and exit 2. */
function judged(result: { code: number; stdout?: string; stderr?: string }, codes: readonly number[]): void {
  expect(codes).toContain(result.code);
  expect(hasRawControl(result.stdout)).toBe(false);
  if (result.code === 2) expect(notOneLineError(result.stderr)).toBeNull();
  else expect(hasRawControl(result.stderr)).toBe(false);
}

describe('fuzz: the CLI on mutated inputs, in-process', () => {
  it('run: a mutated keepalived.conf for router A', async () => {
    const scenario = join(dir, 'conf-scenario.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        routers: [
          { name: 'A', address: '10.99.0.1', config: 'X.conf' },
          { name: 'B', address: '10.99.0.2', config: 'B.conf' },
        ],
        events: [
          { at: 0, do: 'start', router: 'A' },
          { at: 1, do: 'start', router: 'B' },
        ],
        until: 12,
      }),
    );
    await fc.assert(
      fc.asyncProperty(mutatedText(confs, confDictionary), async (text) => {
        writeFileSync(join(dir, 'X.conf'), text);
        judged(await timed(text, ['run', scenario, ...LIMITS]), [0, 2]);
      }),
      { numRuns: fuzzRuns(2000) },
    );
  });

  it('run: a mutated scenario file', async () => {
    const file = join(dir, 'scenario.json');
    await fc.assert(
      fc.asyncProperty(mutatedJson(scenarioSeeds()), fc.constantFrom('log', 'json', 'svg'), async (text, format) => {
        writeFileSync(file, text);
        const result = await timed(text, ['run', file, '--format', format, ...LIMITS]);
        judged(result, [0, 2]);
        // escaped for the terminal and still JSON
        if (result.code === 0 && format === 'json') expect(() => JSON.parse(result.stdout ?? '')).not.toThrow();
      }),
      { numRuns: fuzzRuns(1500) },
    );
  });

  it('check: mutated keepalived.conf files, one run of one claim each', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(confs, confDictionary, 2), mutatedText(confs, confDictionary, 2), async (a, b) => {
        writeFileSync(join(dir, 'P.conf'), a);
        writeFileSync(join(dir, 'Q.conf'), b);
        const argv = [
          'check',
          join(dir, 'P.conf'),
          join(dir, 'Q.conf'),
          '--runs',
          '1',
          '--property',
          'single master',
          '--out',
          join(dir, 'out'),
          // in this thread: a worker pool per input would cost more than the run
          '--workers',
          '1',
        ];
        judged(await timed(`${a}\n---\n${b}`, [...argv, '--horizon', '10', ...LIMITS]), [0, 1, 2]);
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('no input took a second: nothing hangs', () => {
    expect(slowest.ms, slowest.input).toBeLessThan(1000);
  });
});
