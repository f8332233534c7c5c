import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { profiles } from '../../model/profiles.ts';
import { createStepper, type InstanceSnapshot } from '../../model/stepper.ts';
import type { InstanceConfig, InstanceEvent } from '../../model/types.ts';
import { vrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';

const config: InstanceConfig = {
  name: 'VI_1',
  vrid: 51,
  interface: 'eth0',
  address: '10.0.0.2',
  addressNum: 0x0a000002,
  basePriority: 100,
  advertIntUs: 1_000_000,
  initialState: 'BACKUP',
  nopreempt: false,
  preemptDelayUs: 0,
  trackers: [
    { kind: 'interface', name: 'eth0', weight: 0, own: true },
    { kind: 'script', name: 'chk', weight: -10 },
  ],
  vips: ['10.0.0.100'],
};

/** Events an instance can meet after START, with times that only move forward. */
const laterEvent = fc.oneof(
  fc.constant({ type: 'TIMER' as const }),
  fc.constant({ type: 'PRIORITY_TICK' as const }),
  fc.record({
    type: fc.constant('ADVERT' as const),
    priority: fc.integer({ min: 0, max: 255 }),
    fromNum: fc.constantFrom(1, 3),
  }),
  fc.record({
    type: fc.constant('TRACKER' as const),
    index: fc.constantFrom(0, 1),
    status: fc.constantFrom('up' as const, 'down' as const),
  }),
);

type LaterEvent = typeof laterEvent extends fc.Arbitrary<infer T> ? T : never;

function timed(events: readonly LaterEvent[]): InstanceEvent[] {
  const out: InstanceEvent[] = [{ type: 'START', now: 0, trackers: ['up', 'init'] }];
  events.forEach((e, i) => {
    const now = (i + 1) * 250_000;
    if (e.type === 'ADVERT')
      out.push({ type: 'ADVERT', now, priority: e.priority, fromNum: e.fromNum, from: `10.0.0.${e.fromNum}` });
    else if (e.type === 'TRACKER') out.push({ type: 'TRACKER', now, index: e.index, status: e.status });
    else out.push({ type: e.type, now });
  });
  return out;
}

describe('createStepper', () => {
  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'gives the same snapshots and actions as xstate transition() (%s)',
    (profile) => {
      const stepper = createStepper();
      fc.assert(
        fc.property(fc.array(laterEvent, { maxLength: 30 }), (raw) => {
          const input = { semantics: profiles[profile].semantics, timing: profiles[profile].timing, config };
          let ours: InstanceSnapshot = stepper.initial(input);
          let theirs = vrrpInstanceMachine.resolveState({ value: 'init', context: ours.context });
          for (const event of timed(raw)) {
            const [nextOurs, effects] = stepper.step(ours, event);
            const [nextTheirs, actions] = transition(vrrpInstanceMachine, theirs, event);
            expect(nextOurs.value).toEqual(nextTheirs.value);
            expect(nextOurs.context).toEqual(nextTheirs.context);
            const named = actions
              .filter((a) =>
                [
                  'send advertisement',
                  'add virtual addresses',
                  'remove virtual addresses',
                  'log',
                  'effective priority set',
                ].includes(a.type),
              )
              .map((a) => [a.type, a.params]);
            expect(
              effects.map((e) => [
                e.type,
                e.type === 'log' ? e.message : 'priority' in e ? { priority: e.priority } : undefined,
              ]),
            ).toEqual(named);
            ours = nextOurs;
            theirs = nextTheirs;
          }
        }),
        { numRuns: 200 },
      );
    },
  );

  it('does not share state between steps: stepping one snapshot twice gives the same result', () => {
    const stepper = createStepper();
    const start = stepper.initial({
      semantics: profiles['keepalived-2.2'].semantics,
      timing: profiles['keepalived-2.2'].timing,
      config,
    });
    const [backup] = stepper.step(start, { type: 'START', now: 0, trackers: ['up', 'up'] });
    const first = stepper.step(backup, { type: 'TIMER', now: 4_000_000 });
    const second = stepper.step(backup, { type: 'TIMER', now: 4_000_000 });
    expect(second).toEqual(first);
    expect(first[0].value).toEqual({ master: 'active' });
  });
});
