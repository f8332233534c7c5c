import { type AnyActorRef, createActor, SimulatedClock } from 'xstate';
import type { InstanceEffect, InstanceSnapshot, Stepper } from '../model/stepper.ts';
import type { LogMessage } from '../model/types.ts';
import { vrrpInstanceMachine } from '../model/vrrpInstanceMachine.ts';

/**
 * The same machine driven the usual xstate way: one running actor per instance, on a
 * SimulatedClock, events sent with `actor.send`, effects collected by action implementations.
 * Only for the benchmark's comparison.
 */
export function createActorStepper(): Stepper {
  let collected: InstanceEffect[] = [];
  const machine = vrrpInstanceMachine.provide({
    actions: {
      'send advertisement': (_, params: { priority: number }) => {
        collected.push({ type: 'send advertisement', priority: params.priority });
      },
      'add virtual addresses': () => {
        collected.push({ type: 'add virtual addresses' });
      },
      'remove virtual addresses': () => {
        collected.push({ type: 'remove virtual addresses' });
      },
      log: (_, message: LogMessage) => {
        collected.push({ type: 'log', message });
      },
      'effective priority set': (_, params: { priority: number }) => {
        collected.push({ type: 'effective priority set', priority: params.priority });
      },
    },
  });
  const clock = new SimulatedClock();
  const actors = new WeakMap<InstanceSnapshot, AnyActorRef>();
  return {
    initial(input) {
      const actor = createActor(machine, { input, clock });
      actor.start();
      const snapshot = actor.getSnapshot() as InstanceSnapshot;
      actors.set(snapshot, actor);
      return snapshot;
    },
    step(snapshot, event) {
      const actor = actors.get(snapshot);
      if (actor === undefined) throw new Error('no actor for this snapshot');
      collected = [];
      actor.send(event);
      const next = actor.getSnapshot() as InstanceSnapshot;
      actors.set(next, actor);
      return [next, collected];
    },
  };
}
