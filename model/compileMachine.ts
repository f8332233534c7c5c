/**
 * The VRRP instance machine compiled into a transition table, read from the machine's own
 * definition: its state nodes, their transitions in xstate's selection order, and the guard and
 * action implementations of `machine.implementations` (so a machine changed with
 * `machine.provide(...)` compiles to its own table). One step copies the context once.
 *
 * It follows xstate v5's semantics for the features this machine uses: a leaf state's
 * candidates, then its ancestors', the first whose guard passes; named, inline, `and`, `or` and
 * `not` guards; `assign` and `enqueueActions`; every other action collected as an effect. Any
 * other feature (entry/exit actions, eventless or delayed transitions, invoked actors, parallel
 * or history states, wildcard events, built-in actions such as raise) is refused when compiling.
 * test/model/compiledStepper.test.ts holds it to xstate's own `transition()`.
 */
import { and, assign, enqueueActions, not, or } from 'xstate';
import type { InstanceEffect, InstanceSnapshot, InstanceStateValue, Stepper } from './stepper.ts';
import { effectOf } from './stepper.ts';
import type { InstanceContext, InstanceEvent, InstanceInput } from './types.ts';
import type { VrrpInstanceMachine } from './vrrpInstanceMachine.ts';

/** A machine feature the compiled stepper does not handle. */
export class MachineCompileError extends Error {
  override readonly name = 'MachineCompileError';
}

type Ctx = InstanceContext;
type Ev = InstanceEvent;
type Guard = (context: Ctx, event: Ev) => boolean;
/** One action applied to the step's context draft; pushes its effects. */
type Op = (step: StepState) => void;

interface StepState {
  context: Ctx;
  /** The context has been copied for this step (assigns write into the copy). */
  copied: boolean;
  event: Ev;
  effects: InstanceEffect[] | null;
}

interface Candidate {
  /** The transition's place in `transitions`. */
  readonly id: number;
  readonly guard: Guard | null;
  readonly ops: readonly Op[];
  /** The leaf the transition ends in; null: the state stays. */
  readonly target: Leaf | null;
}

interface Leaf {
  readonly id: string;
  readonly value: InstanceStateValue;
  /** Per event type: this leaf's candidates, then each ancestor's, in xstate's order. */
  readonly on: Map<string, readonly Candidate[]>;
}

// the structural shapes of xstate's runtime objects that the compiler reads
interface NodeLike {
  readonly id: string;
  readonly key: string;
  readonly type: string;
  readonly parent?: NodeLike;
  readonly states: Readonly<Record<string, NodeLike>>;
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly always?: readonly unknown[];
  readonly after: readonly unknown[];
  readonly invoke: readonly unknown[];
  readonly initial?: { readonly target: readonly NodeLike[] };
  readonly transitions: ReadonlyMap<string, readonly TransitionLike[]>;
}
interface TransitionLike {
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
  readonly target?: readonly NodeLike[];
}
interface Implementations {
  readonly guards: Readonly<Record<string, unknown>>;
  readonly actions: Readonly<Record<string, unknown>>;
}
type Builtin = { readonly resolve?: unknown; readonly check?: unknown; readonly type?: string };

// xstate's built-in guards and actions, recognised by their resolver, as `transition()` does
const CHECK_AND = (and([]) as unknown as Builtin).check;
const CHECK_OR = (or([]) as unknown as Builtin).check;
const CHECK_NOT = (not(() => true) as unknown as Builtin).check;
const RESOLVE_ASSIGN = (assign({}) as unknown as Builtin).resolve;
const RESOLVE_ENQUEUE = (enqueueActions(() => {}) as unknown as Builtin).resolve;

const NO_EFFECTS: readonly InstanceEffect[] = Object.freeze([]);

function nameOf(ref: unknown): string {
  if (typeof ref === 'string') return ref;
  if (typeof ref === 'function') return ref.name || '(inline)';
  return String((ref as { type?: unknown }).type ?? '(object)');
}

function paramsOf(ref: unknown, context: Ctx, event: Ev): unknown {
  if (typeof ref !== 'object' || ref === null || !('params' in ref)) return undefined;
  const params = (ref as { params: unknown }).params;
  return typeof params === 'function' ? params({ context, event }) : params;
}

/** One transition of the machine, as written: where, on which event, under which guard, to where. */
export interface MachineTransition {
  readonly id: number;
  /** The state node it is written on ('backup', 'master', 'master.active'). */
  readonly source: string;
  readonly event: string;
  /** The guard, in the machine's words ('advert has priority 0', 'not instance is up'); null: none. */
  readonly guard: string | null;
  /** The state it goes to; null: it stays. */
  readonly target: string | null;
}

/** The compiled machine: a stepper, its transitions, and a stepper that counts the transitions it takes. */
export interface CompiledStepper extends Stepper {
  readonly transitions: readonly MachineTransition[];
  /** The same stepper, adding 1 to counts[id] for each transition it takes (counts has a slot per transition). */
  counting(counts: Uint32Array): Stepper;
}

function guardLabel(ref: unknown): string {
  if (typeof ref === 'string') return ref;
  if (typeof ref === 'function') {
    const combinator = ref as unknown as Builtin & { guards?: readonly unknown[] };
    const parts = (combinator.guards ?? []).map(guardLabel);
    if (combinator.check === CHECK_NOT) return `not ${parts[0] ?? ''}`;
    if (combinator.check === CHECK_AND) return parts.join(' and ');
    if (combinator.check === CHECK_OR) return parts.join(' or ');
    return ref.name || '(inline)';
  }
  return nameOf(ref);
}

/** Builds the stepper for one machine (with whatever implementations it was provided). */
export function compileMachine(machine: VrrpInstanceMachine): CompiledStepper {
  const impl = machine.implementations as unknown as Implementations;
  const root = machine.root as unknown as NodeLike;
  const where = (node: NodeLike) => `state "${node.id}"`;
  const refuse = (message: string): never => {
    throw new MachineCompileError(
      `compileMachine: ${message}; the compiled stepper cannot run it (use createXstateStepper)`,
    );
  };

  // --- guards: xstate evaluateGuard, with the same (args, params) calls
  const scratch = { context: undefined as unknown as Ctx, event: undefined as unknown as Ev };
  function compileGuard(ref: unknown, at: string): Guard {
    const inline = typeof ref === 'function';
    const resolved = inline ? ref : impl.guards[nameOf(ref)];
    if (resolved === undefined) return refuse(`${at} names guard "${nameOf(ref)}", which is not implemented`);
    if (typeof resolved !== 'function') return compileGuard(resolved, at);
    const check = (resolved as Builtin).check;
    if (check !== undefined) {
      const parts = ((resolved as unknown as { guards: readonly unknown[] }).guards ?? []).map((g) =>
        compileGuard(g, at),
      );
      const [first] = parts;
      if (check === CHECK_NOT && first !== undefined) return (c, e) => !first(c, e);
      if (check === CHECK_AND) return (c, e) => parts.every((g) => g(c, e));
      if (check === CHECK_OR) return (c, e) => parts.some((g) => g(c, e));
      return refuse(`${at} uses a built-in guard other than and/or/not (e.g. stateIn)`);
    }
    const fn = resolved as (args: unknown, params: unknown) => boolean;
    const hasParams = !inline && typeof ref === 'object' && ref !== null && 'params' in ref;
    return (context, event) => {
      scratch.context = context;
      scratch.event = event;
      return fn(scratch, hasParams ? paramsOf(ref, context, event) : undefined) === true;
    };
  }

  // --- actions: xstate resolveAndExecuteActionsWithContext, in order, on one context copy
  /** The step's context, writable: copied once per step, at the first assign. */
  function draft(s: StepState): Record<string, unknown> {
    if (!s.copied) {
      s.context = copyContext(s.context);
      s.copied = true;
    }
    return s.context as unknown as Record<string, unknown>;
  }

  function assignOp(assignment: unknown, ref: unknown): Op {
    const withParams = typeof ref === 'object' && ref !== null && 'params' in ref;
    // one argument object per action, refilled at each call (implementations do not keep it)
    const args = { context: scratch.context, event: scratch.event, spawn: noSpawn, self: undefined, system: undefined };
    if (typeof assignment === 'function') {
      const fn = assignment as (args: unknown, params: unknown) => Record<string, unknown>;
      return (s) => {
        args.context = s.context;
        args.event = s.event;
        const partial = fn(args, withParams ? paramsOf(ref, s.context, s.event) : undefined);
        const context = draft(s);
        for (const key in partial) context[key] = partial[key];
      };
    }
    const fields = Object.entries(assignment as Record<string, unknown>);
    return (s) => {
      args.context = s.context;
      args.event = s.event;
      const params = withParams ? paramsOf(ref, s.context, s.event) : undefined;
      const values = fields.map(([, value]) => (typeof value === 'function' ? value(args, params) : value));
      const context = draft(s);
      fields.forEach(([key], k) => {
        context[key] = values[k];
      });
    };
  }

  function enqueueOp(collect: unknown, ref: unknown, at: string): Op {
    const fn = collect as (args: unknown, params: unknown) => void;
    const withParams = typeof ref === 'object' && ref !== null && 'params' in ref;
    // the queue, enqueue() and the argument object are made once and refilled at each call
    let queued: unknown[] = [];
    let step: StepState | null = null;
    const args = {
      context: scratch.context,
      event: scratch.event,
      enqueue: (action: unknown) => {
        queued.push(action);
      },
      check: (guard: unknown) => (step === null ? false : compileGuard(guard, at)(step.context, step.event)),
      self: undefined,
      system: undefined,
    };
    return (s) => {
      const outer = queued;
      queued = [];
      step = s;
      args.context = s.context;
      args.event = s.event;
      fn(args, withParams ? paramsOf(ref, s.context, s.event) : undefined);
      const actions = queued;
      queued = outer;
      for (const action of actions) queuedAction(action, at)(s);
    };
  }

  /** An action an enqueueActions implementation queued: named actions and plain effects are compiled once. */
  const byName = new Map<string, Op>();
  function queuedAction(action: unknown, at: string): Op {
    if (typeof action === 'string') {
      let op = byName.get(action);
      if (op === undefined) {
        op = compileAction(action, at);
        byName.set(action, op);
      }
      return op;
    }
    if (typeof action === 'object' && action !== null) {
      const type = nameOf(action);
      if ((impl.actions[type] as Builtin | undefined)?.resolve === undefined) {
        const params = (action as { params?: unknown }).params;
        return (s) =>
          emit(
            s,
            effectOf(type, typeof params === 'function' ? params({ context: s.context, event: s.event }) : params),
          );
      }
    }
    return compileAction(action, at);
  }

  function emit(s: StepState, effect: InstanceEffect | null): void {
    if (effect === null) return;
    if (s.effects === null) s.effects = [effect];
    else s.effects.push(effect);
  }

  function compileAction(ref: unknown, at: string): Op {
    const inline = typeof ref === 'function';
    const type = nameOf(ref);
    const resolved = (inline ? ref : impl.actions[type]) as Builtin | undefined;
    const resolve = resolved?.resolve;
    if (resolve === RESOLVE_ASSIGN) return assignOp((resolved as { assignment?: unknown }).assignment, ref);
    if (resolve === RESOLVE_ENQUEUE) return enqueueOp((resolved as { collect?: unknown }).collect, ref, at);
    if (resolve !== undefined) return refuse(`${at} uses the built-in action "${resolved?.type ?? type}"`);
    // a plain action: xstate hands it to the executor as { type, params }, which is the effect
    const hasParams = typeof ref === 'object' && ref !== null && 'params' in ref;
    const dynamic = hasParams && typeof (ref as { params: unknown }).params === 'function';
    if (!dynamic) {
      const effect = effectOf(type, hasParams ? (ref as { params: unknown }).params : undefined);
      return (s) => emit(s, effect);
    }
    return (s) => emit(s, effectOf(type, paramsOf(ref, s.context, s.event)));
  }

  // --- states
  const leaves = new Map<string, Leaf>();
  const leafFor = new Map<NodeLike, Leaf>();
  const pending: [NodeLike, Leaf][] = [];

  function stateValueOf(node: NodeLike): InstanceStateValue {
    let value: unknown = node.key;
    for (let p = node.parent; p !== undefined && p !== root; p = p.parent) value = { [p.key]: value };
    return Object.freeze(value) as InstanceStateValue;
  }

  function visit(node: NodeLike): void {
    // `after` and `invoke` add entry and exit actions of their own: named first
    if (node.after.length > 0) refuse(`${where(node)} has delayed (after) transitions`);
    if (node.invoke.length > 0) refuse(`${where(node)} invokes an actor`);
    if ((node.always?.length ?? 0) > 0) refuse(`${where(node)} has eventless (always) transitions`);
    if (node.entry.length > 0 || node.exit.length > 0) refuse(`${where(node)} has entry or exit actions`);
    if (node.type === 'parallel' || node.type === 'history') refuse(`${where(node)} is a ${node.type} state`);
    for (const event of node.transitions.keys()) {
      if (event.includes('*')) refuse(`${where(node)} has a wildcard event "${event}"`);
    }
    const children = Object.values(node.states);
    if (children.length === 0) {
      const leaf: Leaf = { id: node.id, value: stateValueOf(node), on: new Map() };
      leaves.set(node.id, leaf);
      leafFor.set(node, leaf);
      pending.push([node, leaf]);
    }
    for (const child of children) visit(child);
  }
  visit(root);

  /** Where a transition to `node` ends: its initial descendants down to a leaf. */
  function landing(node: NodeLike): Leaf {
    let n = node;
    while (leafFor.get(n) === undefined) {
      const [initial] = n.initial?.target ?? [];
      if (initial === undefined) return refuse(`${where(n)} has no initial state`);
      n = initial;
    }
    return leafFor.get(n) as Leaf;
  }

  const transitions: MachineTransition[] = [];
  const compiled = new Map<TransitionLike, Candidate>();
  const path = (node: NodeLike) => node.id.slice(root.id.length + 1);
  function compileTransition(t: TransitionLike, source: NodeLike, event: string): Candidate {
    const known = compiled.get(t);
    if (known !== undefined) return known;
    const at = `${where(source)} on ${event}`;
    const targets = t.target ?? [];
    if (targets.length > 1) refuse(`${at} has more than one target`);
    const [target] = targets;
    const id = transitions.length;
    transitions.push({
      id,
      source: path(source) || root.id,
      event,
      guard: t.guard === undefined ? null : guardLabel(t.guard),
      target: target === undefined ? null : path(target),
    });
    const candidate: Candidate = {
      id,
      guard: t.guard === undefined ? null : compileGuard(t.guard, at),
      ops: t.actions.map((a) => compileAction(a, at)),
      target: target === undefined ? null : landing(target),
    };
    compiled.set(t, candidate);
    return candidate;
  }

  for (const [node, leaf] of pending) {
    const chain: NodeLike[] = [];
    for (let n: NodeLike | undefined = node; n !== undefined; n = n.parent) chain.push(n);
    const events = new Set(chain.flatMap((n) => [...n.transitions.keys()]));
    for (const event of events) {
      leaf.on.set(
        event,
        chain.flatMap((n) => (n.transitions.get(event) ?? []).map((t) => compileTransition(t, n, event))),
      );
    }
  }

  const initialLeaf = landing(root);
  const contextFactory = (machine.config as { context?: unknown }).context;
  if (typeof contextFactory !== 'function') refuse('the machine context is not a function of the input');

  const byValue = new Map<unknown, Leaf>([...leaves.values()].map((leaf) => [leaf.value, leaf]));
  function leafOf(value: InstanceStateValue): Leaf {
    const known = byValue.get(value);
    if (known !== undefined) return known;
    // a value built elsewhere (xstate's snapshot, a test): resolve it by its path
    let path = root.id;
    let v: unknown = value;
    while (typeof v === 'object' && v !== null) {
      const [key] = Object.keys(v);
      path += `.${key}`;
      v = (v as Record<string, unknown>)[key as string];
    }
    const leaf = leaves.get(`${path}.${String(v)}`);
    if (leaf === undefined) throw new MachineCompileError(`compileMachine: no state ${JSON.stringify(value)}`);
    byValue.set(value, leaf);
    return leaf;
  }

  function stepper(counts: Uint32Array | null): Stepper {
    const current: StepState = { context: scratch.context, copied: false, event: scratch.event, effects: null };
    return {
      initial(input: InstanceInput): InstanceSnapshot {
        const context = (contextFactory as (args: unknown) => Ctx)({ input, spawn: noSpawn, self: undefined });
        return { value: initialLeaf.value, context };
      },
      step(snapshot, event) {
        const candidates = leafOf(snapshot.value).on.get(event.type);
        if (candidates !== undefined) {
          for (const candidate of candidates) {
            if (candidate.guard !== null && !candidate.guard(snapshot.context, event)) continue;
            if (counts !== null) counts[candidate.id] = (counts[candidate.id] ?? 0) + 1;
            // one step at a time: the step's state object is reused
            const s = current;
            s.context = snapshot.context;
            s.copied = false;
            s.event = event;
            s.effects = null;
            for (const op of candidate.ops) op(s);
            const value = candidate.target === null ? snapshot.value : candidate.target.value;
            const next = s.copied || value !== snapshot.value ? { value, context: s.context } : snapshot;
            const effects = s.effects ?? (NO_EFFECTS as InstanceEffect[]);
            s.effects = null;
            return [next, effects];
          }
        }
        return [snapshot, NO_EFFECTS as InstanceEffect[]];
      },
    };
  }
  return { ...stepper(null), transitions, counting: (counts) => stepper(counts) };
}

function copyContext(c: Ctx): Ctx {
  return {
    semantics: c.semantics,
    timing: c.timing,
    config: c.config,
    basePriority: c.basePriority,
    effectivePriority: c.effectivePriority,
    trackers: c.trackers,
    msDownTimerUs: c.msDownTimerUs,
    sands: c.sands,
    wantMaster: c.wantMaster,
    ownerWantsMaster: c.ownerWantsMaster,
    preemptTimeUs: c.preemptTimeUs,
    heldByGroup: c.heldByGroup,
    faultPending: c.faultPending,
    delayedStartUs: c.delayedStartUs,
  };
}

function noSpawn(): never {
  throw new MachineCompileError('compileMachine: the machine spawns an actor');
}
