import { describe, expect, it } from 'vitest';
import { compareWithRecording, describeDifferences } from '../../src/compare/compareWithRecording.ts';
import { readRecording } from '../../src/compare/readRecording.ts';
import type { Trace } from '../../src/trace.ts';

// A starts; its two scripts' first results change its priority 100 → 117 → 136 in the model
const trace: Trace = {
  profile: 'keepalived-2.2',
  until: 5,
  daemon: { startup: 0.01, faultPolled: false, periodLag: 0.0002, wakeLag: 0 },
  routers: [
    {
      name: 'A',
      address: '10.99.0.1',
      lan: 'eth0',
      scripts: [],
      files: [],
      processes: [],
      syncGroups: [],
      startupDelay: 0,
      instances: [
        {
          name: 'VI_1',
          vrid: 51,
          interface: 'eth0',
          lan: 'eth0',
          priority: 100,
          base: 100,
          advertInt: 1,
          vips: 1,
          peers: [],
          state: 'BACKUP',
          nopreempt: false,
          preemptDelay: 0,
          written: { nopreempt: false },
          trackers: [],
        },
      ],
    },
  ],
  entries: [
    { t: 0.01, router: 'A', kind: 'log', instance: 'VI_1', msg: 'entering-backup', init: true },
    { t: 0.01, router: 'A', kind: 'priority', instance: 'VI_1', from: 100, to: 117 },
    { t: 0.01, router: 'A', kind: 'priority', instance: 'VI_1', from: 117, to: 136 },
    { t: 3.62, router: 'A', kind: 'log', instance: 'VI_1', msg: 'entering-master' },
  ],
};

// real keepalived got the second script's result first
const recordingText = `   0.012 A       (VI_1) Entering BACKUP STATE (init)
   0.013 A       (VI_1) Changing effective priority from 100 to 119
   0.016 A       (VI_1) Changing effective priority from 119 to 136
   3.624 A       (VI_1) Entering MASTER STATE
   5.000 HARNESS EVENT end
`;
const recording = readRecording(recordingText);

const options = {
  profile: 'keepalived-2.2' as const,
  tolerance: 0.1,
  end: 5,
  addresses: new Map([['A', '10.99.0.1']]),
};

describe('compareWithRecording', () => {
  it('is strict by default: a different order of same-instant priority changes differs', () => {
    expect(describeDifferences(compareWithRecording(trace, recording, options))).toEqual([
      'A messages #2: model "(VI_1) Changing effective priority from 100 to 117" at 0.010, keepalived "(VI_1) Changing effective priority from 100 to 119" at 0.013',
    ]);
  });

  it('with a burst window, compares a burst order-free and its priority changes as one net change', () => {
    expect(compareWithRecording(trace, recording, { ...options, burst: 0.01 }).matches).toBe(true);
  });

  it("a part lists what was compared, so that a difference's position reads the same in a side-by-side", () => {
    const other = readRecording(
      recording.lines
        .map((l) => `${l.t.toFixed(3).padStart(8)} ${l.source.padEnd(7)} ${l.text.replace('to 136', 'to 140')}`)
        .join('\n'),
    );
    for (const part of compareWithRecording(trace, other, { ...options, burst: 0.01 }).parts) {
      if (part.firstDifference < 0) continue;
      const [, model, keepalived] = /model "(.*)" at [\d.]+, keepalived "(.*)" at/.exec(part.reason) ?? [];
      expect(part.model[part.firstDifference]?.what).toBe(model);
      expect(part.recorded[part.firstDifference]?.what).toBe(keepalived);
    }
  });

  it('still tells a different net change apart', () => {
    const other = readRecording(
      recording.lines
        .map((l) => `${l.t.toFixed(3).padStart(8)} ${l.source.padEnd(7)} ${l.text.replace('to 136', 'to 140')}`)
        .join('\n'),
    );
    expect(compareWithRecording(trace, other, { ...options, burst: 0.01 }).matches).toBe(false);
  });

  it('nets priority changes per instance', () => {
    const two: Trace = {
      ...trace,
      entries: [
        { t: 0.01, router: 'A', kind: 'priority', instance: 'VI_1', from: 100, to: 136 },
        { t: 0.01, router: 'A', kind: 'priority', instance: 'VI_2', from: 50, to: 60 },
      ],
    };
    const lines = (vi2: string) =>
      readRecording(`   0.012 A       (VI_2) Changing effective priority from 50 to ${vi2}
   0.013 A       (VI_1) Changing effective priority from 100 to 136
   5.000 HARNESS EVENT end
`);
    expect(compareWithRecording(two, lines('60'), { ...options, burst: 0.01 }).matches).toBe(true);
    expect(compareWithRecording(two, lines('61'), { ...options, burst: 0.01 }).matches).toBe(false);
  });
});

describe('compareWithRecording at the end of the run', () => {
  // the model enters MASTER 12 ms before the cut-off (end − tolerance); real keepalived 2 ms after it
  const lateText = recordingText.replace('3.624', '3.632');
  const late = readRecording(lateText);
  const nearEnd = { ...options, end: 3.72, burst: 0.01 };

  it('pairs a settled item with its counterpart just past the cut-off', () => {
    expect(describeDifferences(compareWithRecording(trace, late, nearEnd))).toEqual([]);
  });

  it('still reports an item whose counterpart is missing or different', () => {
    const missing = readRecording(lateText.replace(/^.*Entering MASTER STATE\n/m, ''));
    expect(describeDifferences(compareWithRecording(trace, missing, nearEnd))).toEqual([
      'A messages #3: keepalived stops here; the model went on with "(VI_1) Entering MASTER STATE" at 3.620',
    ]);
    const other = readRecording(lateText.replace('Entering MASTER STATE', 'Entering FAULT STATE'));
    expect(compareWithRecording(trace, other, nearEnd).matches).toBe(false);
  });
});
