import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/compare/compareWithRecording.ts';
import { runReport } from '../../src/conform/runReport.ts';
import { renderSideBySide } from '../../src/conform/sideBySide.ts';
import { conforms, verdict } from '../../src/conform/verdict.ts';

const differing: Comparison = {
  matches: false,
  parts: [
    { router: 'A', part: 'messages', model: [], recorded: [], firstDifference: -1, reason: '' },
    {
      router: 'B',
      part: 'messages',
      model: [
        { t: 0.01, what: '(VI_1) Entering BACKUP STATE (init)' },
        { t: 3.61, what: '(VI_1) Entering MASTER STATE' },
      ],
      recorded: [
        { t: 0.018, what: '(VI_1) Entering BACKUP STATE (init)' },
        { t: 3.62, what: '(VI_1) Changing effective priority from 100 to 90' },
        { t: 3.62, what: '(VI_1) Entering MASTER STATE' },
      ],
      firstDifference: 1,
      reason:
        'model "(VI_1) Entering MASTER STATE" at 3.610, keepalived "(VI_1) Changing effective priority from 100 to 90" at 3.620',
    },
  ],
};
const agreeing: Comparison = { matches: true, parts: [] };

describe('the side-by-side diff', () => {
  it('shows only the parts that differ, model left, keepalived right, the first difference marked', () => {
    expect(renderSideBySide(differing, 40).split('\n')).toEqual([
      `B messages: ${differing.parts[1]?.reason}`,
      `      ${'model'.padEnd(40)} | real keepalived`,
      '    1    0.010 (VI_1) Entering BACKUP STATE (… |    0.018 (VI_1) Entering BACKUP STATE (…',
      '>   2    3.610 (VI_1) Entering MASTER STATE    |    3.620 (VI_1) Changing effective prio…',
      '    3                                          |    3.620 (VI_1) Entering MASTER STATE',
      '',
    ]);
  });

  it('the verdict: match, a timing race (the replay matches), a µs race (a jitter seed matches), or a mismatch', () => {
    const race = { seed: 4, max: 0.0002, measuredTimes: false };
    expect(verdict({ comparison: agreeing, replay: differing, race: null })).toBe('match');
    expect(verdict({ comparison: differing, replay: agreeing, race: null })).toBe('timing');
    expect(verdict({ comparison: differing, replay: differing, race })).toBe('race');
    expect(verdict({ comparison: differing, replay: differing, race: null })).toBe('mismatch');
    expect([conforms('match'), conforms('timing'), conforms('race'), conforms('mismatch')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(runReport({ comparison: agreeing, replay: agreeing, race: null })).toBe('no difference\n');
    expect(runReport({ comparison: differing, replay: agreeing, race: null })).toMatch(
      /\nWith the events at their measured times \(start-up jitter included\) the model matches keepalived\.\n$/,
    );
    expect(runReport({ comparison: differing, replay: differing, race })).toMatch(
      /\nWith jitter seed 4 \(up to 200 µs per delivery and wake-up\) the model matches keepalived: a µs race \(vrrp-check run SCENARIO --jitter-seed 4 shows it\)\.\n$/,
    );
    expect(runReport({ comparison: differing, replay: differing, race: { ...race, measuredTimes: true } })).toMatch(
      /\nWith jitter seed 4 \(up to 200 µs per delivery and wake-up\) and the events at their measured times the model matches keepalived: a µs race\.\n$/,
    );
    expect(runReport({ comparison: differing, replay: differing, race: null })).toMatch(
      /\nNo jitter of up to 200 µs makes the model match \(1000 seeds tried\)\.\n$/,
    );
  });
});
