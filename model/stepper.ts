import { type AnyActorScope, createActor, type SnapshotFrom } from 'xstate';
import { profiles } from './profiles.ts';
import type { InstanceEvent, InstanceInput, LogMessage } from './types.ts';
import { type VrrpInstanceMachine, vrrpInstanceMachine } from './vrrpInstanceMachine.ts';

export type InstanceSnapshot = SnapshotFrom<VrrpInstanceMachine>;

/** An action the simulator carries out, as returned by a step. */
export type InstanceEffect =
  | { readonly type: 'send advertisement'; readonly priority: number }
  | { readonly type: 'add virtual addresses' }
  | { readonly type: 'remove virtual addresses' }
  | { readonly type: 'log'; readonly message: LogMessage }
  /** Where keepalived sets (and 2.2.7 logs) the effective priority. */
  | { readonly type: 'effective priority set'; readonly priority: number };

export interface Stepper {
  initial(input: InstanceInput): InstanceSnapshot;
  /** xstate `transition(machine, snapshot, event)`: the next snapshot and the effects to carry out. */
  step(snapshot: InstanceSnapshot, event: InstanceEvent): [InstanceSnapshot, InstanceEffect[]];
}

const placeholderInput: InstanceInput = {
  semantics: profiles['keepalived-2.2'].semantics,
  timing: profiles['keepalived-2.2'].timing,
  config: {
    name: '',
    vrid: 1,
    interface: '',
    address: '0.0.0.0',
    addressNum: 0,
    basePriority: 100,
    advertIntUs: 1,
    initialState: 'BACKUP',
    nopreempt: false,
    preemptDelayUs: 0,
    trackers: [],
    vips: [],
  },
};

interface ExecutableAction {
  readonly type: string;
  readonly params?: unknown;
}

function toEffect(action: ExecutableAction): InstanceEffect | null {
  switch (action.type) {
    case 'send advertisement':
      return { type: 'send advertisement', priority: (action.params as { priority: number }).priority };
    case 'add virtual addresses':
    case 'remove virtual addresses':
      return { type: action.type };
    case 'log':
      return { type: 'log', message: action.params as LogMessage };
    case 'effective priority set':
      return { type: 'effective priority set', priority: (action.params as { priority: number }).priority };
    default:
      return null;
  }
}

/**
 * The pure step of xstate's `transition()`, built once per machine.
 *
 * xstate's `transition()` constructs a throw-away actor on every call to obtain an inert actor
 * scope, which costs about 5× the transition itself. The machine invokes no child actors, so one
 * inert scope can serve every step; the result is the same snapshot and the same action list
 * (test/model/stepper.test.ts checks this against `transition()`).
 */
export function createStepper(machine: VrrpInstanceMachine = vrrpInstanceMachine): Stepper {
  let collected: ExecutableAction[] = [];
  // the scope's `self` only has to exist; it is never started
  const self = createActor(machine, { input: placeholderInput });
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: (action: ExecutableAction) => {
      collected.push(action);
    },
  } as unknown as AnyActorScope;

  const effects = (): InstanceEffect[] => {
    const out: InstanceEffect[] = [];
    for (const action of collected) {
      const effect = toEffect(action);
      if (effect) out.push(effect);
    }
    collected = [];
    return out;
  };

  return {
    initial(input) {
      collected = [];
      const snapshot = machine.getInitialSnapshot(scope, input) as InstanceSnapshot;
      collected = [];
      return snapshot;
    },
    step(snapshot, event) {
      collected = [];
      const next = machine.transition(snapshot, event, scope) as InstanceSnapshot;
      return [next, effects()];
    },
  };
}
