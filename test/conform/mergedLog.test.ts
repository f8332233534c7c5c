import { describe, expect, it } from 'vitest';
import { readRecording } from '../../src/compare/readRecording.ts';
import { formatMergedLog } from '../../src/conform/mergedLog.ts';

const advert = (from: string, prio: number) =>
  `IP ${from} > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio ${prio}, authtype none, intvl 1s, length 20`;

describe('formatMergedLog', () => {
  const lines = [
    { t: 0, source: 'HARNESS', text: 'T0 scenario s1: two routers' },
    { t: 0.0204, source: 'HARNESS', text: 'EVENT start A (pid 10, ns vck1-1-A)' },
    { t: 0.0301, source: 'A', text: '(VI_1) Entering BACKUP STATE (init)' },
    // captured late but stamped by the kernel earlier: sorted into place
    { t: 3.6312, source: 'WIRE', text: advert('10.99.0.1', 102) },
    { t: 3.6311, source: 'A', text: '(VI_1) Receive advertisement timeout' },
    { t: 3.6318, source: 'A', text: '  (VI_1) Entering MASTER STATE  ' },
    { t: 3.632, source: 'WIRE', text: 'ARP, Request who-has 10.99.0.100 tell 10.99.0.100, length 28' },
    { t: 11.6144, source: 'WIRE', text: advert('10.99.0.2', 103) },
    { t: 18.0031, source: 'HARNESS', text: 'EVENT end' },
    { t: 18.01, source: 'B', text: '(VI_1) sent 0 priority' },
  ];
  const text = formatMergedLog(lines);

  it('writes `%8.3f SOURCE message`, in time order', () => {
    expect(text.split('\n').slice(0, 6)).toEqual([
      '   0.000 HARNESS T0 scenario s1: two routers',
      '   0.020 HARNESS EVENT start A (pid 10, ns vck1-1-A)',
      '   0.030 A       (VI_1) Entering BACKUP STATE (init)',
      '   3.631 A       (VI_1) Receive advertisement timeout',
      `   3.631 WIRE    ${advert('10.99.0.1', 102)}`,
      '   3.632 A       (VI_1) Entering MASTER STATE',
    ]);
    expect(text.endsWith('   18.010 B       (VI_1) sent 0 priority\n'.slice(1))).toBe(true);
  });

  it('reads back through readRecording: the lines, the adverts and the end', () => {
    const recording = readRecording(text);
    expect(recording.end).toBe(18.003);
    expect(recording.adverts).toEqual([
      { t: 3.631, from: '10.99.0.1', vrid: 51, priority: 102 },
      { t: 11.614, from: '10.99.0.2', vrid: 51, priority: 103 },
    ]);
    expect(recording.lines.filter((line) => line.source === 'A')).toEqual([
      { t: 0.03, source: 'A', text: '(VI_1) Entering BACKUP STATE (init)' },
      { t: 3.631, source: 'A', text: '(VI_1) Receive advertisement timeout' },
      { t: 3.632, source: 'A', text: '(VI_1) Entering MASTER STATE' },
    ]);
    expect(recording.lines).toHaveLength(lines.length - 3);
  });

  it('the same lines at the same time keep the order they were captured in', () => {
    const same = formatMergedLog([
      { t: 1, source: 'B', text: 'second' },
      { t: 1, source: 'A', text: 'third' },
      { t: 0.5, source: 'A', text: 'first' },
    ]);
    expect(readRecording(same).lines.map((line) => line.text)).toEqual(['first', 'second', 'third']);
  });
});
