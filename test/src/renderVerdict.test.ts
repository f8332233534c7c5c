import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { singleMaster } from '../../properties/singleMaster.ts';
import { NO_COVERAGE } from '../../src/check/runRecord.ts';
import { runScenario, type Verdict } from '../../src/check.ts';
import { collapseWire } from '../../src/render/collapseWire.ts';
import { renderVerdict } from '../../src/render/renderVerdict.ts';
import { scenarioOf } from './scenarioBuilder.ts';

const start = (router: string, at = 0) => ({ at, do: 'start' as const, router });

function verdictFor(jitter?: { max: number; seed: number }): Verdict {
  const base = scenarioOf({ A: { priority: 110 }, B: {} }, [start('A'), start('B', 1)], 8, 'keepalived-2.2');
  const run = runScenario(jitter === undefined ? base : { ...base, jitter }, 'keepalived-2.2', createStepper());
  return {
    property: singleMaster.name,
    kind: singleMaster.kind,
    profile: 'keepalived-2.2',
    status: 'fails',
    met: false,
    runs: 1,
    applicable: 1,
    seed: 1,
    path: '0:1',
    shrinks: 2,
    example: {
      scenario: run.scenario,
      trace: run.trace,
      judgement: { holds: false, at: 4.5, message: 'A and B are all MASTER at 4.500 s' },
    },
    caveats: [],
    coverage: NO_COVERAGE,
  };
}

describe('renderVerdict', () => {
  it("names an example's jitter, which a replay needs to race the same way", () => {
    expect(renderVerdict(verdictFor({ max: 0.0002, seed: 9 }))).toMatch(
      /\nJitter: each advert reached each router, and each router woke for its timers, up to 200 µs late \(seed 9\); it decides µs races\.\n/,
    );
    expect(renderVerdict(verdictFor())).not.toMatch(/jitter/i);
  });

  it('puts the Why line first (with the VRID and the fix), then the replay handle on one line', () => {
    const lines = renderVerdict(verdictFor(), { savedAs: 'out/x.json', fix: 'do this' }).split('\n');
    expect(lines[1]).toBe('Why: VRID 51: A and B are all MASTER at 4.500 s. Fix: do this.');
    expect(lines[2]).toBe(
      'replay with: vrrp-check run out/x.json --profile keepalived-2.2   (seed 1, path "0:1", shrunk 2 time(s))',
    );
  });

  it('folds repeated adverts in the log', () => {
    const text = renderVerdict(verdictFor());
    expect(text).toMatch(/ ⋮ {7}… \d+ more the same, every 1\.000 s\n/);
  });
});

describe('collapseWire', () => {
  const wire = (t: string) => `  ${t} WIRE    IP 10.99.0.1 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 110`;
  it('keeps two like lines, folds three or more into first, count, last', () => {
    expect(collapseWire([wire('1.000'), wire('2.000')].join('\n'))).toBe([wire('1.000'), wire('2.000')].join('\n'));
    expect(
      collapseWire([wire('1.000'), wire('2.000'), wire('3.000'), wire('4.000'), '  4.500 A       x'].join('\n')),
    ).toBe(
      [wire('1.000'), '        ⋮       … 2 more the same, every 1.000 s', wire('4.000'), '  4.500 A       x'].join(
        '\n',
      ),
    );
  });
});
