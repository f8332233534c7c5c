import { type AnyActorScope, createActor, type SnapshotFrom } from 'xstate';
import { profiles } from './profiles.ts';
import { effectOf, type InstanceEffect, type InstanceSnapshot, type Stepper } from './stepper.ts';
import type { InstanceInput } from './types.ts';
import { type VrrpInstanceMachine, vrrpInstanceMachine } from './vrrpInstanceMachine.ts';

type XstateSnapshot = SnapshotFrom<VrrpInstanceMachine>;

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

/**
 * The pure step of xstate's own `transition()`: the differential oracle of the compiled stepper.
 *
 * xstate's `transition()` constructs a throw-away actor on every call to obtain an inert actor
 * scope, which costs about 5× the transition itself. The machine invokes no child actors, so one
 * inert scope can serve every step; the result is the same snapshot and the same action list
 * (test/model/stepper.test.ts checks this against `transition()`).
 */
export function createXstateStepper(machine: VrrpInstanceMachine = vrrpInstanceMachine): Stepper {
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
      const effect = effectOf(action.type, action.params);
      if (effect) out.push(effect);
    }
    collected = [];
    return out;
  };
  /** A snapshot of this machine for a state the world kept as value and context. */
  const own = (snapshot: InstanceSnapshot): XstateSnapshot =>
    'machine' in snapshot && snapshot.machine === machine
      ? (snapshot as XstateSnapshot)
      : machine.resolveState({ value: snapshot.value, context: snapshot.context });

  return {
    initial(input) {
      collected = [];
      const snapshot = machine.getInitialSnapshot(scope, input);
      collected = [];
      return snapshot;
    },
    step(snapshot, event) {
      collected = [];
      const next = machine.transition(own(snapshot), event, scope);
      return [next, effects()];
    },
  };
}
