import type { StateValueFrom } from 'xstate';
import { compileMachine } from './compileMachine.ts';
import type { GroupSync, InstanceContext, InstanceEvent, InstanceInput, LogMessage } from './types.ts';
import { type VrrpInstanceMachine, vrrpInstanceMachine } from './vrrpInstanceMachine.ts';

/** Where an instance is in the machine: xstate's state value ('backup', { master: 'active' }, …). */
export type InstanceStateValue = StateValueFrom<VrrpInstanceMachine>;

/** An instance's machine state: what the world keeps of it between steps. */
export interface InstanceSnapshot {
  readonly value: InstanceStateValue;
  readonly context: InstanceContext;
}

/** An action the simulator carries out, as returned by a step. */
export type InstanceEffect =
  | { readonly type: 'send advertisement'; readonly priority: number }
  | { readonly type: 'add virtual addresses' }
  | { readonly type: 'remove virtual addresses' }
  | { readonly type: 'log'; readonly message: LogMessage }
  /** Where keepalived sets (and 2.2.7 logs) the effective priority. */
  | { readonly type: 'effective priority set'; readonly priority: number }
  /** The instance's sync group follows it: the world sends GROUP events to its siblings. */
  | { readonly type: 'sync the group'; readonly to: GroupSync };

export interface Stepper {
  initial(input: InstanceInput): InstanceSnapshot;
  /** As xstate's `transition(machine, snapshot, event)`: the next snapshot and the effects to carry out. */
  step(snapshot: InstanceSnapshot, event: InstanceEvent): [InstanceSnapshot, readonly InstanceEffect[]];
}

/** The effect an executed action stands for, by its name and params; null for any other action. */
export function effectOf(type: string, params: unknown): InstanceEffect | null {
  switch (type) {
    case 'send advertisement':
      return { type, priority: (params as { priority: number }).priority };
    case 'add virtual addresses':
    case 'remove virtual addresses':
      return { type };
    case 'log':
      return { type, message: params as LogMessage };
    case 'effective priority set':
      return { type, priority: (params as { priority: number }).priority };
    case 'sync the group':
      return { type, to: (params as { to: GroupSync }).to };
    default:
      return null;
  }
}

const compiled = new WeakMap<VrrpInstanceMachine, Stepper>();

/**
 * The stepper the simulator runs: the machine compiled into a transition table (compileMachine),
 * once per machine. createXstateStepper steps the same machine through xstate itself and is the
 * oracle the compiled one is tested against.
 */
export function createStepper(machine: VrrpInstanceMachine = vrrpInstanceMachine): Stepper {
  let stepper = compiled.get(machine);
  if (stepper === undefined) {
    stepper = compileMachine(machine);
    compiled.set(machine, stepper);
  }
  return stepper;
}
