/**
 * Eighteen deliberately broken keepalived models, each one small change (issue 14): the
 * property suite alone must catch them (killRate.test.ts). Most are the machine with a guard
 * or an action replaced (`vrrpInstanceMachine.provide`); two cannot be said with provide (a
 * FAULT transition's effects, a state with an unguarded way out) and wrap the stepper; one is
 * in the daemon outside the machine (the script counter) and simulates with a changed cluster.
 */
import { assign, type EventObject } from 'xstate';
import {
  clampEffectivePriority,
  masterDownIntervalUs,
  PRIORITY_OWNER,
  PRIORITY_STOP,
  skewTimeUs,
  startingPriority,
} from '../../model/formulas.ts';
import type { ProfileName } from '../../model/profiles.ts';
import { createStepper, type Stepper } from '../../model/stepper.ts';
import type { InstanceContext, InstanceEvent, TrackerStatus } from '../../model/types.ts';
import { vrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';
import type { Simulator } from '../../src/check/judgeRuns.ts';
import type { Cluster } from '../../src/cluster.ts';
import { budgeted } from './budgeted.ts';

type Ctx = InstanceContext;
type Provided = Parameters<typeof vrrpInstanceMachine.provide>[0];

/** A broken keepalived: what changed, and how to run it. */
export interface Mutant {
  readonly name: string;
  /** The change, in the machine's words. */
  readonly change: string;
  /** The versions the bug can show in (a 1.2.13-only or 2.2.7-only code path). */
  readonly profiles: readonly ProfileName[];
  readonly stepper: Stepper;
  /** How a run is simulated: with a step budget (budgeted.ts), the cluster changed for a daemon bug. */
  readonly simulator: Simulator;
  /** A daemon bug outside the machine, as a change of the cluster (what `simulator` applies too). */
  readonly cluster?: (cluster: Cluster) => Cluster;
}

const BOTH: readonly ProfileName[] = ['keepalived-1.2', 'keepalived-2.2'];
const provided = (implementations: Provided): Stepper => createStepper(vrrpInstanceMachine.provide(implementations));

// --- the machine's own formulas, one of them broken

const skewPriority = (c: Ctx, p = c.effectivePriority) => (c.semantics.skewFromEffectivePriority ? p : c.basePriority);

/** The master-down timer actions of the machine, with `masterDown(c)` instead of RFC 3768 §6.1's. */
function timerActions(masterDown: (c: Ctx) => number, skew: (c: Ctx) => number) {
  return {
    'set master-down to full interval': assign(({ context }: { context: Ctx }) => ({
      msDownTimerUs: masterDown(context),
    })),
    'set master-down to skew time': assign(({ context }: { context: Ctx }) => ({ msDownTimerUs: skew(context) })),
    'restart master-down timer': assign(({ context, event }: { context: Ctx; event: InstanceEvent }) => {
      const msDownTimerUs = masterDown(context);
      return { msDownTimerUs, sands: event.now + (context.wantMaster ? context.config.advertIntUs : msDownTimerUs) };
    }),
  } as never;
}

/** The machine's 'take start-up state', with `tracked` for the priority 2.2.7 starts with. */
function startUp(tracked: (c: Ctx, statuses: readonly TrackerStatus[]) => number) {
  return assign(({ context, event }: { context: Ctx; event: InstanceEvent }) => {
    if (event.type !== 'START') return {};
    return {
      trackers: event.trackers,
      effectivePriority: context.semantics.periodicPriorityTick
        ? context.effectivePriority
        : tracked(context, event.trackers),
      ownerWantsMaster: context.basePriority === PRIORITY_OWNER && context.config.initialState === 'MASTER',
      preemptTimeUs: context.semantics.preemptDelayFromFirstLowerAdvert ? 0 : event.now + context.config.preemptDelayUs,
    };
  });
}

/** The priority actions of the machine, with `tracked` instead of keepalived's weights and clamp. */
function priorityActions(tracked: (c: Ctx, statuses: readonly TrackerStatus[]) => number) {
  return {
    'take start-up state': startUp(tracked),
    'recompute effective priority': assign(({ context }: { context: Ctx }) => ({
      effectivePriority: tracked(context, context.trackers),
    })),
    'update effective priority': assign(({ context }: { context: Ctx }) => {
      const priority = tracked(context, context.trackers);
      if (priority === context.effectivePriority) return {};
      return {
        effectivePriority: priority,
        msDownTimerUs: masterDownIntervalUs(skewPriority(context, priority), context.config.advertIntUs),
      };
    }),
    'update effective priority and move deadline': assign(({ context }: { context: Ctx }) => {
      const priority = tracked(context, context.trackers);
      if (priority === context.effectivePriority) return {};
      const msDownTimerUs = masterDownIntervalUs(skewPriority(context, priority), context.config.advertIntUs);
      const moved = context.semantics.backupDeadlineFollowsPriority && context.sands !== -1;
      return {
        effectivePriority: priority,
        msDownTimerUs,
        sands: moved ? context.sands + msDownTimerUs - context.msDownTimerUs : context.sands,
      };
    }),
  } as never;
}

/** keepalived's weights (model/tracking.ts), with the contribution and the clamp given. */
function weighted(
  contribution: (weight: number, status: TrackerStatus) => number,
  clamp: (base: number, sum: number) => number,
) {
  return (c: Ctx, statuses: readonly TrackerStatus[]) => {
    let sum = 0;
    c.config.trackers.forEach((t, i) => {
      let status = statuses[i] ?? 'init';
      if (status === 'init' && c.semantics.scriptFailedUntilFirstResult) status = 'down';
      sum += status === 'init' ? 0 : contribution(t.weight, status);
    });
    return clamp(c.basePriority, sum);
  };
}

const rightContribution = (w: number, s: TrackerStatus) => (w > 0 && s === 'up' ? w : w < 0 && s === 'down' ? w : 0);

// --- wrapped steppers: what provide() cannot say

/** The machine, with each step's outcome changed by `change`. */
function wrapped(
  change: (before: Parameters<Stepper['step']>[0], after: ReturnType<Stepper['step']>) => ReturnType<Stepper['step']>,
): Stepper {
  const base = createStepper();
  return {
    initial: (input) => base.initial(input),
    step: (snapshot, event) => change(snapshot, base.step(snapshot, event)),
  };
}

/** A daemon whose script counter needs one failure more than `fall` (run with a cluster so changed, judged as configured). */
const fallPlusOne = (cluster: Cluster): Cluster => ({
  ...cluster,
  routers: cluster.routers.map((r) => ({ ...r, scripts: r.scripts.map((s) => ({ ...s, fall: s.fall + 1 })) })),
});
const fallOffByOne: Simulator = budgeted(fallPlusOne);

const guard = <E extends EventObject = InstanceEvent>(g: (args: { context: Ctx; event: E }) => boolean) => g as never;

export const mutants: readonly Mutant[] = [
  {
    name: 'master yields to an equal priority (≥ for >)',
    change:
      "'advert is from a better router': priority ≥ ours, whatever the address (RFC 3768 §6.4.3 says greater, or equal from a higher address)",
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({
      guards: {
        'advert is from a better router': guard(
          ({ context, event }) => event.type === 'ADVERT' && event.priority >= context.effectivePriority,
        ),
      },
    }),
  },
  {
    name: 'tie broken by the lower address',
    change:
      "'advert is from a better router' and 'advert is from a lower router': equal priorities go to the lower address",
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({
      guards: {
        'advert is from a better router': guard(
          ({ context, event }) =>
            event.type === 'ADVERT' &&
            (event.priority > context.effectivePriority ||
              (event.priority === context.effectivePriority && event.fromNum < context.config.addressNum)),
        ),
        'advert is from a lower router': guard(
          ({ context, event }) =>
            event.type === 'ADVERT' &&
            (event.priority < context.effectivePriority ||
              (context.semantics.equalPriorityFromLowerAddressIsLower &&
                event.priority === context.effectivePriority &&
                event.fromNum > context.config.addressNum)),
        ),
      },
    }),
  },
  {
    name: 'skew left out of master-down',
    change: 'Master_Down_Interval = 3 × Advertisement_Interval (no Skew_Time)',
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({
      actions: timerActions(
        (c) => 3 * c.config.advertIntUs,
        (c) => skewTimeUs(skewPriority(c)),
      ),
    }),
  },
  {
    name: 'skew inverted',
    change: 'Skew_Time = Priority / 256 s instead of (256 − Priority) / 256 s',
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({
      actions: timerActions(
        (c) => 3 * c.config.advertIntUs + Math.floor((skewPriority(c) * 1_000_000) / 256),
        (c) => Math.floor((skewPriority(c) * 1_000_000) / 256),
      ),
    }),
  },
  {
    name: 'nopreempt ignored',
    change: "'we may preempt the sender' and 'we outrank the advert' without the nopreempt test",
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({
      guards: {
        'we may preempt the sender': guard(({ context, event }) => {
          if (event.type !== 'ADVERT' || event.priority >= context.effectivePriority) return false;
          if (context.semantics.preemptDelayFromFirstLowerAdvert)
            return (
              context.config.preemptDelayUs === 0 || (context.preemptTimeUs !== 0 && context.preemptTimeUs <= event.now)
            );
          return event.now >= context.preemptTimeUs;
        }),
        'we outrank the advert': guard(
          ({ context, event }) =>
            event.type === 'ADVERT' &&
            (context.effectivePriority > event.priority || event.priority === PRIORITY_OWNER),
        ),
      },
    }),
  },
  {
    name: 'negative weight with the wrong sign',
    change: 'a failed tracker of negative weight raises the priority by |weight|',
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({
      actions: priorityActions(
        weighted((w, s) => (w > 0 && s === 'up' ? w : w < 0 && s === 'down' ? -w : 0), clampEffectivePriority),
      ),
    }),
  },
  {
    name: 'clamp at 255',
    change: 'the effective priority of a non-owner is clamped to 1..255 instead of 1..254',
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({
      actions: priorityActions(
        weighted(rightContribution, (base, sum) =>
          base === PRIORITY_OWNER ? PRIORITY_OWNER : Math.min(PRIORITY_OWNER, Math.max(1, base + sum)),
        ),
      ),
    }),
  },
  {
    name: 'FAULT keeps the VIP',
    change: 'a step into FAULT does not remove the virtual addresses (a wrapped stepper: the effect is dropped)',
    profiles: BOTH,
    simulator: budgeted(),
    stepper: wrapped((_, [next, effects]) =>
      next.value === 'fault' ? [next, effects.filter((e) => e.type !== 'remove virtual addresses')] : [next, effects],
    ),
  },
  {
    name: 'preempt_delay ignored',
    change: "'we may preempt the sender' without the preempt_delay test; the 2.2.7 preempt clock never starts",
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({
      guards: {
        'we may preempt the sender': guard(
          ({ context, event }) =>
            event.type === 'ADVERT' && !context.config.nopreempt && event.priority < context.effectivePriority,
        ),
        'preempt clock should start': () => false,
      },
    }),
  },
  {
    name: 'a MASTER never yields',
    change: "'advert is from a better router' and 'two owners meet' never pass",
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({ guards: { 'advert is from a better router': () => false, 'two owners meet': () => false } }),
  },
  {
    name: 'a weight-0 script does not mean FAULT',
    change: 'VRRP_ISUP and down_instance look at interfaces only: a failed weight-0 script counts for nothing',
    profiles: BOTH,
    simulator: budgeted(),
    stepper: (() => {
      const interfacesUp = (c: Ctx, statuses: readonly TrackerStatus[]) =>
        c.config.trackers.every((t, i) => t.weight !== 0 || t.kind === 'script' || statuses[i] !== 'down');
      const withStatus = (c: Ctx, e: InstanceEvent) => {
        const next = c.trackers.slice();
        if (e.type === 'TRACKER') next[e.index] = e.status;
        return next;
      };
      return provided({
        guards: {
          'instance is up': guard(({ context }) => interfacesUp(context, context.trackers)),
          'a weight-0 tracker goes down': guard(
            ({ context, event }) =>
              event.type === 'TRACKER' &&
              !context.semantics.faultPolled &&
              interfacesUp(context, context.trackers) &&
              !interfacesUp(context, withStatus(context, event)),
          ),
          'a weight-0 tracker is down at start': guard(
            ({ context, event }) =>
              !context.semantics.faultPolled && event.type === 'START' && !interfacesUp(context, event.trackers),
          ),
          'a weight-0 script has no result yet': () => false,
        },
      });
    })(),
  },
  {
    name: 'fall off by one',
    change: 'a script turns bad after fall + 1 failed runs (the daemon changed: the counter is outside the machine)',
    profiles: BOTH,
    stepper: createStepper(),
    simulator: fallOffByOne,
    cluster: fallPlusOne,
  },
  {
    name: 'a backup preempts an equal priority',
    change: "'we may preempt the sender': advert priority ≤ ours (RFC 3768 §6.4.2 says lower)",
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({
      guards: {
        'we may preempt the sender': guard(
          ({ context, event }) =>
            event.type === 'ADVERT' &&
            !context.config.nopreempt &&
            event.priority !== PRIORITY_STOP &&
            event.priority <= context.effectivePriority,
        ),
      },
    }),
  },
  {
    name: 'a priority-0 advert does not shorten master-down',
    change: "'advert has priority 0' never passes (RFC 3768 §6.4.2: Master_Down_Timer := Skew_Time)",
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({ guards: { 'advert has priority 0': () => false } }),
  },
  {
    name: 'FAULT never recovers',
    change: 'a step out of FAULT (but to STOPPED) is refused (a wrapped stepper: FAULT has unguarded ways out)',
    profiles: BOTH,
    simulator: budgeted(),
    stepper: wrapped((before, after) =>
      before.value === 'fault' && after[0].value !== 'fault' && after[0].value !== 'stopped' ? [before, []] : after,
    ),
  },
  {
    name: 'start ignores the weights',
    change:
      "'take start-up state' keeps the configured priority: trackers known at start do not count (2.2.7's initialise_tracking_priorities skipped)",
    profiles: ['keepalived-2.2'],
    simulator: budgeted(),
    stepper: provided({
      actions: { 'take start-up state': startUp((c) => startingPriority(c.basePriority)) } as never,
    }),
  },
  {
    name: 'a tracker change at the instant of the timer is lost',
    change:
      "a TRACKER event at the very µs of the instance's own deadline (sands) is dropped: a lost update, as if the scheduler pass that runs the instance's timer (lib/scheduler.c thread_fetch) discarded the interface or script result read in the same pass (a race class, not a known keepalived bug)",
    profiles: BOTH,
    simulator: budgeted(),
    stepper: (() => {
      const base = createStepper();
      return {
        initial: (input) => base.initial(input),
        step: (snapshot, event) =>
          event.type === 'TRACKER' && event.now === snapshot.context.sands
            ? [snapshot, []]
            : base.step(snapshot, event),
      };
    })(),
  },
  {
    name: 'adverts 4× too slow',
    change: "'arm advert timer': four advert intervals",
    profiles: BOTH,
    simulator: budgeted(),
    stepper: provided({
      actions: {
        'arm advert timer': assign(({ context, event }: { context: Ctx; event: InstanceEvent }) => ({
          sands: event.now + 4 * context.config.advertIntUs + (event.type === 'TIMER' ? context.timing.timerLagUs : 0),
        })),
      } as never,
    }),
  },
];
