/**
 * One keepalived VRRP instance (vrrp_instance) as an XState machine.
 *
 * Protocol: RFC 3768 (VRRPv2) §6.4, as implemented by keepalived 1.2.13 and 2.2.7
 * (keepalived/vrrp/vrrp.c and vrrp_scheduler.c). The rule numbers T1–T19 (1.2.13) and U1–U11
 * (2.2.7) are those of docs/model-rules.md.
 *
 * The machine is pure: every event carries the virtual time `now`; the instance's single
 * deadline (keepalived `sands`) lives in the context and the simulator schedules it; sending,
 * VIP changes and log lines come back as named actions the simulator carries out.
 */
import { and, assertEvent, assign, not, or, setup } from 'xstate';
import { masterDownIntervalUs, PRIORITY_OWNER, PRIORITY_STOP, skewTimeUs, startingPriority } from './formulas.ts';
import { anotherMemberIsDown, groupLetsUsBeMaster, groupOf } from './syncGroup.ts';
import { awaitsFirstScriptResult, firstFaultingTracker, interfacesDown, trackedPriority } from './tracking.ts';
import {
  type GroupSync,
  type InstanceContext,
  type InstanceEvent,
  type InstanceInput,
  type LogMessage,
  NO_DEADLINE,
  type TrackerStatus,
} from './types.ts';

type Ctx = InstanceContext;
type Ev<T extends InstanceEvent['type']> = Extract<InstanceEvent, { type: T }>;

/** Priority the skew is computed from: 1.2.13 base, 2.2.7 effective. */
function skewPriority(context: Ctx, effectivePriority = context.effectivePriority): number {
  return context.semantics.skewFromEffectivePriority ? effectivePriority : context.basePriority;
}

function fullMasterDown(context: Ctx, effectivePriority = context.effectivePriority): number {
  return masterDownIntervalUs(skewPriority(context, effectivePriority), context.config.advertIntUs);
}

/**
 * Where a master-down deadline counts from: now, or, before 2.2.7's vrrp_startup_delay has passed,
 * the delayed start (vrrp_init_instance_sands: "sands = vrrp_delayed_start_time + ms_down_timer").
 */
function downFrom(context: Ctx, now: number): number {
  return Math.max(context.delayedStartUs, now);
}

function isUp(context: Ctx, statuses: readonly TrackerStatus[] = context.trackers): boolean {
  return firstFaultingTracker(context.semantics, context.config.trackers, statuses) < 0;
}

function withStatus(context: Ctx, event: Ev<'TRACKER'>): readonly TrackerStatus[] {
  const next = context.trackers.slice();
  next[event.index] = event.status;
  return next;
}

function advertIsHigher(context: Ctx, event: Ev<'ADVERT'>): boolean {
  return (
    event.priority > context.effectivePriority ||
    (event.priority === context.effectivePriority && event.fromNum > context.config.addressNum)
  );
}

/**
 * 1.2.13 `preempt_time` is start + preempt_delay; 2.2.7 starts the clock at the first lower advert
 * and is inside the delay while `timercmp(&preempt_time, &time_now, >)` (vrrp_state_backup()).
 */
function preemptDelayPassed(context: Ctx, now: number): boolean {
  if (context.semantics.preemptDelayFromFirstLowerAdvert) {
    return context.config.preemptDelayUs === 0 || (context.preemptTimeUs !== 0 && context.preemptTimeUs <= now);
  }
  return now >= context.preemptTimeUs;
}

function initialContext({ semantics, timing, config }: InstanceInput): Ctx {
  return {
    semantics,
    timing,
    config,
    basePriority: config.basePriority,
    effectivePriority: startingPriority(config.basePriority),
    trackers: config.trackers.map(() => 'init'),
    msDownTimerUs: 0,
    sands: NO_DEADLINE,
    wantMaster: false,
    ownerWantsMaster: false,
    preemptTimeUs: 0,
    heldByGroup: false,
    faultPending: false,
    delayedStartUs: 0,
  };
}

const logAction = (message: LogMessage) => ({ type: 'log', params: message }) as const;
/** A log line with fixed text, in a transition's action list. */
const log = logAction;

/** The effects the simulator carries out: the only actions a step returns. */
const effects = setup({
  types: {
    context: {} as Ctx,
    events: {} as InstanceEvent,
    input: {} as InstanceInput,
  },
  actions: {
    'send advertisement': (_, _params: { priority: number }) => {},
    'add virtual addresses': () => {},
    'remove virtual addresses': () => {},
    log: (_, _message: LogMessage) => {},
    'effective priority set': (_, _params: { priority: number }) => {},
    'sync the group': (_, _params: { to: GroupSync }) => {},
  },
});

/**
 * Logs "VRRP_Group(G) Syncing instances to TO state" and has the world sync the siblings, as
 * keepalived's vrrp_sync_master/backup/fault do, unless the group is already in that state.
 */
function syncTheGroup(to: 'MASTER' | 'BACKUP' | 'FAULT', when: (context: Ctx, event: InstanceEvent) => boolean) {
  return effects.enqueueActions(({ context, event, enqueue }) => {
    const group = groupOf(context, event);
    const name = context.config.syncGroup;
    if (group === null || name === undefined || group.state === to || !when(context, event)) return;
    enqueue(logAction({ msg: 'group-syncing', group: name, to }));
    enqueue({ type: 'sync the group', params: { to } });
  });
}

/** 2.2.7 down_instance: FAULT without a deadline until the trackers recover (vrrp_state_leave_fault). */
const waitInFaultForTrackers = ['clear election', 'set master-down to full interval', 'disable timer'] as const;

/** 1.2.13 vrrp_fault: FAULT polls the trackers every master-down interval. */
const pollInFault = ['clear election', 'restart master-down timer'] as const;

/**
 * 1.2.13 vrrp_master: a MASTER its sync group put in `wantstate` GOTO_FAULT leaves at its next
 * timer: vrrp_state_leave_master ("Entering FAULT STATE", VIPs removed, priority 0), then
 * "Now in FAULT state".
 */
const syncedFaultAtTimer = {
  guard: 'a synced fault is pending',
  target: '#vrrpInstance.fault',
  actions: [
    log({ msg: 'entering-fault' }),
    'remove virtual addresses',
    'advertise priority 0',
    log({ msg: 'now-in-fault' }),
    ...pollInFault,
  ],
} as const;

export const vrrpInstanceMachine = effects
  .extend({
    guards: {
      // --- start-up (1.2.13 vrrp_init_state, 2.2.7 vrrp_init_state)
      'starts as would-be master': ({ context }) =>
        context.semantics.wouldBeMasterStartsInGotoMaster &&
        (context.config.initialState === 'MASTER' || context.basePriority === PRIORITY_OWNER),
      'a weight-0 tracker is down at start': ({ context, event }) =>
        !context.semantics.faultPolled &&
        event.type === 'START' &&
        firstFaultingTracker(context.semantics, context.config.trackers, event.trackers) >= 0,
      'a weight-0 script has no result yet': ({ context, event }) =>
        context.semantics.instanceWaitsForFirstScriptResult &&
        event.type === 'START' &&
        awaitsFirstScriptResult(context.config.trackers, event.trackers),
      // 2.2.7 vrrp_complete_init: in a sync group that is not all owners, no member starts as MASTER
      'owner takes over at once': ({ context, event }) =>
        context.semantics.ownerTakesOverAtStart &&
        context.basePriority === PRIORITY_OWNER &&
        context.config.initialState === 'MASTER' &&
        (groupOf(context, event)?.state ?? 'MASTER') === 'MASTER',
      // 2.2.7 vrrp_init_state: wantstate MASTER kept (a group of owners) while the group's state is BACKUP
      // (vrrp_sync_set_group read an owner without `state` as not MASTER yet)
      'the sync group holds back a would-be master': ({ context, event }) =>
        context.semantics.ownerTakesOverAtStart &&
        context.config.groupOfOwners === true &&
        groupOf(context, event)?.state === 'BACKUP',
      // 2.2.7 vrrp_complete_init: "Set all sync group members to fault state if sync group is in fault state"
      'the sync group starts in FAULT': ({ context, event }) =>
        !context.semantics.faultPolled && groupOf(context, event)?.state === 'FAULT',
      // 2.2.7 vrrp_init_state: a member whose group waits for a weight-0 script's first result waits too
      'the sync group awaits a first script result': ({ context, event }) =>
        context.semantics.instanceWaitsForFirstScriptResult && groupOf(context, event)?.state === 'INIT',

      // --- vrrp_sync_group (2.2.7 and 1.2.13 vrrp_sync.c)
      'the sync group lets us become master': ({ context, event }) => groupLetsUsBeMaster(context, event),
      'another member of the sync group is down': ({ context, event }) => anotherMemberIsDown(context, event),
      'we force an election': ({ context }) => context.wantMaster,
      'the group syncs to MASTER': ({ event }) => event.type === 'GROUP' && event.to === 'MASTER',
      'the group syncs to BACKUP': ({ event }) => event.type === 'GROUP' && event.to === 'BACKUP',
      'the group syncs to FAULT': ({ event }) => event.type === 'GROUP' && event.to === 'FAULT',
      'the group forces an election': ({ event }) => event.type === 'GROUP' && event.to === 'ELECTION',
      'a synced fault is pending': ({ context }) => context.faultPending,
      'the sync group is not MASTER': ({ context, event }) => {
        const group = groupOf(context, event);
        return group !== null && group.state !== 'MASTER';
      },
      'held for the group or forcing an election': ({ context }) => context.heldByGroup || context.wantMaster,
      'a synced master faults at its next timer': ({ context }) => context.semantics.syncedMasterFaultsAtNextTimer,
      'a held member retries each interval': ({ context }) => context.semantics.heldMemberRetriesEachInterval,

      // --- health: keepalived VRRP_ISUP
      'health is polled': ({ context }) => context.semantics.faultPolled,
      'instance is up': ({ context }) => isUp(context),
      'a weight-0 tracker goes down': ({ context, event }) => {
        if (event.type !== 'TRACKER' || context.semantics.faultPolled) return false;
        // 2.2.7 down_instance acts on the first failing weight-0 tracker only
        return isUp(context) && !isUp(context, withStatus(context, event));
      },
      'the last failing tracker recovers': ({ context, event }) => {
        if (event.type !== 'TRACKER' || context.semantics.faultPolled) return false;
        const next = withStatus(context, event);
        return isUp(context, next) && !awaitsFirstScriptResult(context.config.trackers, next);
      },
      'owner still wants master': ({ context }) => context.ownerWantsMaster,
      'configured state MASTER': ({ context }) => context.config.initialState === 'MASTER',
      'priority follows tracker events': ({ context }) => !context.semantics.periodicPriorityTick,

      // --- adverts (RFC 3768 §6.4.2, §6.4.3)
      'advert has priority 0': ({ event }) => event.type === 'ADVERT' && event.priority === PRIORITY_STOP,
      'master re-advertises silently on priority 0': ({ context, event }) =>
        !context.semantics.masterTreatsPriorityZeroAsLower &&
        event.type === 'ADVERT' &&
        event.priority === PRIORITY_STOP,
      'advert is from a better router': ({ context, event }) =>
        event.type === 'ADVERT' && advertIsHigher(context, event),
      'advert is from a lower router': ({ context, event }) =>
        event.type === 'ADVERT' &&
        (event.priority < context.effectivePriority ||
          (context.semantics.equalPriorityFromLowerAddressIsLower &&
            event.priority === context.effectivePriority &&
            event.fromNum < context.config.addressNum)),
      'two owners meet': ({ context, event }) =>
        context.semantics.ownerHearingOwnerStepsDown &&
        event.type === 'ADVERT' &&
        event.priority === PRIORITY_OWNER &&
        context.effectivePriority === PRIORITY_OWNER &&
        event.fromNum !== context.config.addressNum,
      'we may preempt the sender': ({ context, event }) =>
        event.type === 'ADVERT' &&
        !context.config.nopreempt &&
        event.priority < context.effectivePriority &&
        preemptDelayPassed(context, event.now),
      'backup forces elections': ({ context }) => context.semantics.backupForcesElection,
      'an election we forced is pending': ({ context }) => context.wantMaster,
      'preempt clock should start': ({ context, event }) =>
        context.semantics.preemptDelayFromFirstLowerAdvert &&
        context.config.preemptDelayUs > 0 &&
        event.type === 'ADVERT' &&
        event.priority < context.effectivePriority &&
        context.preemptTimeUs === 0,
      'preempt clock should stop': ({ context, event }) =>
        context.semantics.preemptDelayFromFirstLowerAdvert &&
        event.type === 'ADVERT' &&
        event.priority >= context.effectivePriority &&
        context.preemptTimeUs !== 0,
      'fault hears adverts': ({ context }) => context.semantics.faultHearsAdverts,
      'we outrank the advert': ({ context, event }) =>
        event.type === 'ADVERT' &&
        !context.config.nopreempt &&
        (context.effectivePriority > event.priority || event.priority === PRIORITY_OWNER),
      'two-step master entry': ({ context }) => context.semantics.twoStepMasterEntry,
      'demoted master sends a last advert': ({ context }) => context.semantics.lastAdvertOnDemotion,
      // 2.2.7 vrrp_state_master_rx: "higher_prio_send_advert" sends an advert before yielding
      'higher_prio_send_advert is set': ({ context }) => context.config.higherPrioSendAdvert === true,
      // 2.2.7 vrrp_state_master_rx: with lower_prio_no_advert a master does not answer a lower advert
      'lower_prio_no_advert is set': ({ context }) => context.config.lowerPrioNoAdvert === true,
    },
    actions: {
      // keepalived vrrp_set_effective_priority (2.2.7 logs "Changing effective priority" here); the
      // simulator records a priority change where this comes, and any other change as silent
      'record the effective priority': effects.enqueueActions(({ context, enqueue }) => {
        enqueue({ type: 'effective priority set', params: { priority: context.effectivePriority } });
      }),
      'advertise our priority': effects.enqueueActions(({ context, enqueue }) => {
        enqueue({ type: 'send advertisement', params: { priority: context.effectivePriority } });
      }),
      // RFC 3768 §6.4.3 "Send an ADVERTISEMENT with Priority = 0"
      'advertise priority 0': effects.enqueueActions(({ enqueue }) => {
        enqueue({ type: 'send advertisement', params: { priority: PRIORITY_STOP } });
      }),
      // 1.2.13 vrrp_log_int_down
      'log the interfaces that are down': effects.enqueueActions(({ context, enqueue }) => {
        enqueue(
          logAction({
            msg: 'kernel-reports-down',
            interfaces: interfacesDown(context.config.trackers, context.trackers),
          }),
        );
      }),
      // 1.2.13 vrrp_log_int_up
      // 1.2.13 vrrp_fault: a member of a sync group leaves FAULT only when the whole group is up
      'log that the interfaces are up': effects.enqueueActions(({ context, event, enqueue }) => {
        const group = context.config.syncGroup;
        if (group !== undefined && groupOf(context, event) !== null) {
          enqueue(logAction({ msg: 'group-leaving-fault', group }));
          return;
        }
        enqueue(
          logAction({
            msg: 'kernel-reports-up',
            interface: context.config.interface,
            tracked: context.config.trackers.some((t) => t.kind === 'interface' && !t.own),
          }),
        );
      }),
      'log the lower advert': effects.enqueueActions(({ context, event: advert, enqueue }) => {
        assertEvent(advert, 'ADVERT');
        enqueue(
          logAction({
            msg: 'lower-priority-advert',
            from: advert.from,
            priority: advert.priority,
            ours: context.effectivePriority,
            ...(context.config.lowerPrioNoAdvert === true ? { quiet: true as const } : {}),
          }),
        );
      }),
      'log the higher advert': effects.enqueueActions(({ context, event: advert, enqueue }) => {
        assertEvent(advert, 'ADVERT');
        enqueue(
          logAction(
            advert.priority > context.effectivePriority
              ? {
                  msg: 'higher-priority-advert',
                  from: advert.from,
                  priority: advert.priority,
                  ours: context.effectivePriority,
                }
              : { msg: 'same-priority-higher-address', from: advert.from, priority: advert.priority },
          ),
        );
      }),
      'log the discarded advert': effects.enqueueActions(({ event: advert, enqueue }) => {
        assertEvent(advert, 'ADVERT');
        enqueue(logAction({ msg: 'discarding-lower-advert', from: advert.from, priority: advert.priority }));
      }),
      'log the preempt clock start': effects.enqueueActions(({ context, enqueue }) => {
        enqueue(logAction({ msg: 'preempt-delay-start', delayUs: context.config.preemptDelayUs }));
      }),
      'log the fault found at start': effects.enqueueActions(({ context, event, enqueue }) => {
        assertEvent(event, 'START');
        const trackers = event.trackers;
        const tracker =
          context.config.trackers[firstFaultingTracker(context.semantics, context.config.trackers, trackers)];
        enqueue(
          logAction({
            msg: 'fault-at-start',
            cause: tracker?.kind === 'script' ? 'script' : 'interface',
            tracker: tracker?.name ?? '',
          }),
        );
      }),

      // --- start-up
      // 2.2.7 initialise_tracking_priorities: the first member down at start syncs its group to FAULT
      'log the group synced to FAULT at start': effects.enqueueActions(({ context, event, enqueue }) => {
        const name = context.config.syncGroup;
        const group = groupOf(context, event);
        if (name !== undefined && group !== null && !group.othersDown) {
          enqueue(logAction({ msg: 'group-fault-at-start', group: name }));
        }
      }),
      'take start-up state': assign(({ context, event }) => {
        assertEvent(event, 'START');
        const { trackers, now } = event;
        const effectivePriority = context.semantics.periodicPriorityTick
          ? context.effectivePriority
          : // 2.2.7 initialise_tracking_priorities: trackers known at start count at once
            trackedPriority(context.semantics, context.basePriority, context.config.trackers, trackers);
        return {
          trackers,
          effectivePriority,
          // wantstate MASTER: an owner, alone or in a group of owners (vrrp_complete_init clears it in any other group)
          ownerWantsMaster:
            context.basePriority === PRIORITY_OWNER &&
            context.config.initialState === 'MASTER' &&
            (groupOf(context, event) === null || context.config.groupOfOwners === true),
          preemptTimeUs: context.semantics.preemptDelayFromFirstLowerAdvert ? 0 : now + context.config.preemptDelayUs,
          // 2.2.7 start_vrrp: vrrp_delayed_start_time = time_now + vrrp_startup_delay
          delayedStartUs: (context.config.startupDelayUs ?? 0) > 0 ? now + (context.config.startupDelayUs ?? 0) : 0,
        };
      }),
      // 2.2.7 vrrp_init_state: "We need to allow one adver_int to pass to ensure there is no other master"
      'arm one advert interval for the group': assign(({ context, event }) => {
        const msDownTimerUs = context.config.advertIntUs + skewTimeUs(PRIORITY_OWNER);
        return { msDownTimerUs, sands: downFrom(context, event.now) + msDownTimerUs };
      }),
      // 2.2.7 vrrp_init_state: "the simplest way to become master is to timeout from the backup state very quickly"
      'arm 1 µs master-down timer': assign(({ context, event }) => ({
        msDownTimerUs: 1,
        sands: downFrom(context, event.now) + 1,
      })),

      // --- timers (keepalived vrrp_init_instance_sands)
      'set master-down to full interval': assign(({ context }) => ({ msDownTimerUs: fullMasterDown(context) })),
      'set master-down to skew time': assign(({ context }) => ({ msDownTimerUs: skewTimeUs(skewPriority(context)) })),
      // vrrp_init_instance_sands(): time_now + adver_int, time_now being when the loop woke
      'arm advert timer': assign(({ context, event }) => ({
        sands: event.now + context.config.advertIntUs + (event.type === 'TIMER' ? context.timing.timerLagUs : 0),
      })),
      // RFC 3768 §6.4.2 "Reset the Master_Down_Timer to Master_Down_Interval"
      'restart master-down timer': assign(({ context, event }) => {
        const msDownTimerUs = fullMasterDown(context);
        // 1.2.13: while a forced election is pending every packet re-arms one advert interval
        const from = downFrom(context, event.now);
        return { msDownTimerUs, sands: from + (context.wantMaster ? context.config.advertIntUs : msDownTimerUs) };
      }),
      'arm master-down timer': assign(({ context, event }) => ({
        // 1.2.13: while a forced election is pending every packet re-arms one advert interval
        sands: downFrom(context, event.now) + (context.wantMaster ? context.config.advertIntUs : context.msDownTimerUs),
      })),
      'keep master-down deadline': assign(({ context, event }) => ({
        // 2.2.7 vrrp_state_backup: the remaining time is stored, the deadline stays
        msDownTimerUs: Math.max(0, context.sands - event.now),
      })),
      'disable timer': assign({ sands: NO_DEADLINE }),

      // --- election state
      'want master': assign({ wantMaster: true }),
      'clear election': assign({ wantMaster: false, ownerWantsMaster: false, heldByGroup: false, faultPending: false }),

      // --- vrrp_sync_group
      // 2.2.7 vrrp_sync_can_goto_master: wantstate MASTER, ms_down_timer = VRRP_MS_DOWN_TIMER, sands from now;
      // 1.2.13 vrrp_state_goto_master: quick_sync, "check again in the next interval instead of waiting three"
      'hold for the sync group': assign(({ context, event }) => {
        const msDownTimerUs = fullMasterDown(context);
        const sands = context.semantics.heldMemberRetriesEachInterval
          ? event.now + context.config.advertIntUs
          : downFrom(context, event.now) + msDownTimerUs;
        return { heldByGroup: true, msDownTimerUs, sands };
      }),
      // 2.2.7 vrrp_state_backup: "Now we have received a backup, we want to be in BACKUP state"
      'drop the group hold': assign(({ context }) => ({
        heldByGroup: context.heldByGroup && context.semantics.groupHoldOutlastsAdverts,
      })),
      'mark the synced fault pending': assign({ faultPending: true }),
      'sync the group to MASTER': syncTheGroup('MASTER', (_, event) => event.group?.othersWantMaster === true),
      'sync the group to BACKUP': syncTheGroup('BACKUP', () => true),
      'sync the group to FAULT': syncTheGroup('FAULT', () => true),
      // 2.2.7 down_instance: "if (vrrp->sync && vrrp->sync->num_member_fault++ == 0) vrrp_sync_fault(vrrp)"
      'sync the group to FAULT as its first member down': syncTheGroup('FAULT', (_, event) => !event.group?.othersDown),
      // 1.2.13 TSM BACKUP→BACKUP vrrp_sync_master_election, while wantstate is GOTO_MASTER
      'have the sync group force elections': effects.enqueueActions(({ context, event, enqueue }) => {
        const group = groupOf(context, event);
        const name = context.config.syncGroup;
        if (!context.semantics.groupForcesElections || !context.wantMaster || name === undefined) return;
        if (group === null || group.state === 'FAULT') return;
        enqueue(logAction({ msg: 'group-transition-to-master', group: name }));
        enqueue({ type: 'sync the group', params: { to: 'ELECTION' } });
      }),
      // 2.2.7 vrrp_dispatcher_read: "If we have sent an advert, reset the timer", not with lower_prio_no_advert
      're-arm advert timer unless lower_prio_no_advert': assign(({ context, event }) =>
        context.config.lowerPrioNoAdvert === true
          ? {}
          : {
              sands: event.now + context.config.advertIntUs + (event.type === 'TIMER' ? context.timing.timerLagUs : 0),
            },
      ),
      // 2.2.7 vrrp_state_backup(): preempt_time = timer_now() + preempt_delay
      'start preempt clock': assign(({ context, event }) => ({
        preemptTimeUs:
          event.now +
          ((event.type === 'ADVERT' ? event.clockLagUs : undefined) ?? context.timing.preemptClockLagUs) +
          context.config.preemptDelayUs,
      })),
      'stop preempt clock': assign(({ context }) =>
        context.semantics.preemptDelayFromFirstLowerAdvert ? { preemptTimeUs: 0 } : {},
      ),
      // 1.2.13 vrrp_leave_fault: "Kernel is reporting: Group(G) UP" before the instance goes on
      'log the group leaving FAULT': effects.enqueueActions(({ context, event, enqueue }) => {
        const group = context.config.syncGroup;
        if (group !== undefined && groupOf(context, event) !== null) {
          enqueue(logAction({ msg: 'group-leaving-fault', group }));
        }
      }),
      'lower own priority to 254': assign({ basePriority: PRIORITY_OWNER - 1, effectivePriority: PRIORITY_OWNER - 1 }),

      // --- tracking
      'record tracker status': assign(({ context, event }) => {
        assertEvent(event, 'TRACKER');
        return { trackers: withStatus(context, event) };
      }),
      'recompute effective priority': assign(({ context }) => ({
        effectivePriority: trackedPriority(
          context.semantics,
          context.basePriority,
          context.config.trackers,
          context.trackers,
        ),
      })),
      // 2.2.7 vrrp_set_effective_priority: ms_down_timer follows; a BACKUP also moves its deadline by the difference
      'update effective priority': assign(({ context }) => {
        const priority = trackedPriority(
          context.semantics,
          context.basePriority,
          context.config.trackers,
          context.trackers,
        );
        if (priority === context.effectivePriority) return {};
        return { effectivePriority: priority, msDownTimerUs: fullMasterDown(context, priority) };
      }),
      'update effective priority and move deadline': assign(({ context }) => {
        const priority = trackedPriority(
          context.semantics,
          context.basePriority,
          context.config.trackers,
          context.trackers,
        );
        if (priority === context.effectivePriority) return {};
        const msDownTimerUs = fullMasterDown(context, priority);
        const moved = context.semantics.backupDeadlineFollowsPriority && context.sands !== NO_DEADLINE;
        return {
          effectivePriority: priority,
          msDownTimerUs,
          sands: moved ? context.sands + msDownTimerUs - context.msDownTimerUs : context.sands,
        };
      }),
    },
  })
  .createMachine({
    id: 'vrrpInstance',
    context: ({ input }) => initialContext(input),
    initial: 'init',
    on: {
      // 1.2.13 vrrp_update_priority: a silent periodic recomputation, in every state
      PRIORITY_TICK: { actions: ['recompute effective priority', 'record the effective priority'] },
      TRACKER: [
        {
          guard: 'priority follows tracker events',
          actions: ['record tracker status', 'update effective priority', 'record the effective priority'],
        },
        // 1.2.13: trackers are only read by the tick and by VRRP_ISUP
        { actions: 'record tracker status' },
      ],
    },
    states: {
      // RFC 3768 §6.4.1 Initialize: the process has not started
      init: {
        on: {
          START: [
            // T1: `state MASTER` or owner
            {
              guard: 'starts as would-be master',
              target: 'gotoMaster',
              actions: ['take start-up state', 'record the effective priority', 'arm advert timer'],
            },
            // U3b: a weight-0 interface or init_fail script is already down
            {
              guard: 'a weight-0 tracker is down at start',
              target: 'fault',
              actions: [
                // initialise_tracking_priorities: the cause first, then the priorities;
                // vrrp_complete_init then logs "entering FAULT state"
                'log the fault found at start',
                'log the group synced to FAULT at start',
                'take start-up state',
                'record the effective priority',
                log({ msg: 'entering-fault-at-start' }),
                // vrrp_init_state: wantstate := FAULT, so an owner comes back as BACKUP
                ...waitInFaultForTrackers,
              ],
            },
            // a sibling is down at start: the group, and so this member, starts in FAULT
            {
              guard: 'the sync group starts in FAULT',
              target: 'fault',
              actions: [
                'take start-up state',
                'record the effective priority',
                log({ msg: 'entering-fault-at-start' }),
                ...waitInFaultForTrackers,
              ],
            },
            // U3: held in FAULT, silently, until the weight-0 script's first result (its own, or a sibling's)
            {
              guard: or(['a weight-0 script has no result yet', 'the sync group awaits a first script result']),
              target: 'fault',
              actions: [
                'take start-up state',
                'record the effective priority',
                'set master-down to full interval',
                'disable timer',
              ],
            },
            // U1
            {
              guard: 'owner takes over at once',
              target: 'backup',
              actions: ['take start-up state', 'record the effective priority', 'arm 1 µs master-down timer'],
            },
            // U1b: a would-be master in a sync group that starts as BACKUP waits one advert interval
            {
              guard: 'the sync group holds back a would-be master',
              target: 'backup',
              actions: [
                'take start-up state',
                'record the effective priority',
                log({ msg: 'entering-backup', init: true }),
                'arm one advert interval for the group',
              ],
            },
            // T2 / U2
            {
              target: 'backup',
              actions: [
                'take start-up state',
                'record the effective priority',
                log({ msg: 'entering-backup', init: true }),
                'restart master-down timer',
              ],
            },
          ],
        },
      },

      // 1.2.13 GOTO_MASTER: a `state MASTER` router waiting one advert interval, silently
      gotoMaster: {
        on: {
          // T3: any advert for the VRID, whatever its priority, moves it on
          ADVERT: {
            target: 'master.transition',
            actions: ['advertise our priority', log({ msg: 'transition-to-master' }), 'arm advert timer'],
          },
          TIMER: [
            // T5
            {
              guard: not('instance is up'),
              target: 'fault',
              actions: ['log the interfaces that are down', log({ msg: 'now-in-fault' }), 'restart master-down timer'],
            },
            // T4
            {
              target: 'master.transition',
              actions: ['advertise our priority', log({ msg: 'transition-to-master' }), 'arm advert timer'],
            },
          ],
          STOP: { target: 'stopped' },
        },
      },

      // RFC 3768 §6.4.2 Backup
      backup: {
        on: {
          TIMER: [
            // T5: the down timer found the instance down; vrrp_goto_master leaves a forced election's
            // wantstate in place, so FAULT then polls every advert interval
            {
              guard: and(['health is polled', not('instance is up')]),
              target: 'fault',
              actions: [
                'log the interfaces that are down',
                log({ msg: 'now-in-fault' }),
                'restart master-down timer',
                'sync the group to FAULT',
              ],
            },
            // 1.2.13 vrrp_state_goto_master: the sync group is not ready, try again next interval
            {
              guard: and(['two-step master entry', not('the sync group lets us become master')]),
              actions: 'hold for the sync group',
            },
            // T4: Master_Down_Timer fired, first step of two
            {
              guard: 'two-step master entry',
              target: 'master.transition',
              actions: [
                'clear election',
                'advertise our priority',
                log({ msg: 'transition-to-master' }),
                'arm advert timer',
                'sync the group to MASTER',
              ],
            },
            // 2.2.7 vrrp_sync_can_goto_master: held in BACKUP until every member of the group wants MASTER
            {
              guard: not('the sync group lets us become master'),
              actions: [log({ msg: 'advert-timeout' }), 'hold for the sync group'],
            },
            // U4: Master_Down_Timer fired
            {
              target: 'master.active',
              actions: [
                log({ msg: 'advert-timeout' }),
                'clear election',
                'arm advert timer',
                // vrrp_state_master_tx: "the old master needs to remove the VIPs before we send the
                // gratuitous ARPs, so send the advert first"
                'advertise our priority',
                log({ msg: 'entering-master' }),
                'add virtual addresses',
                'sync the group to MASTER',
              ],
            },
          ],
          ADVERT: [
            // RFC 3768 §6.4.2: priority 0 ⇒ Master_Down_Timer := Skew_Time
            {
              guard: 'advert has priority 0',
              actions: [
                log({ msg: 'backup-received-priority-zero' }),
                'set master-down to skew time',
                'arm master-down timer',
                'have the sync group force elections',
              ],
            },
            // T13: "forcing a new MASTER election"
            {
              guard: and(['we may preempt the sender', 'backup forces elections']),
              actions: [
                log({ msg: 'forcing-election' }),
                'want master',
                'advertise our priority',
                'arm advert timer',
                'have the sync group force elections',
              ],
            },
            // 2.2.7: RFC 3768 §6.4.2 "Discard the ADVERTISEMENT"
            {
              guard: 'we may preempt the sender',
              actions: ['log the discarded advert', 'keep master-down deadline'],
            },
            // accepted: the sender is our master (RFC 3768 §6.4.2 "Reset the Master_Down_Timer")
            {
              guard: 'preempt clock should start',
              actions: [
                'log the preempt clock start',
                'start preempt clock',
                'restart master-down timer',
                'drop the group hold',
              ],
            },
            {
              guard: 'preempt clock should stop',
              actions: [
                log({ msg: 'preempt-delay-stop' }),
                'stop preempt clock',
                'restart master-down timer',
                'drop the group hold',
              ],
            },
            // the common accept (every advert of a master) stays one guard and one action: the
            // sync group's and a forced election's cases come first, in one
            {
              guard: 'held for the group or forcing an election',
              actions: ['restart master-down timer', 'drop the group hold', 'have the sync group force elections'],
            },
            { actions: 'restart master-down timer' },
          ],
          TRACKER: [
            // U8: down_instance
            {
              guard: 'a weight-0 tracker goes down',
              target: 'fault',
              actions: [
                'record tracker status',
                log({ msg: 'entering-fault' }),
                ...waitInFaultForTrackers,
                'sync the group to FAULT as its first member down',
              ],
            },
            {
              guard: 'priority follows tracker events',
              actions: [
                'record tracker status',
                'update effective priority and move deadline',
                'record the effective priority',
              ],
            },
            { actions: 'record tracker status' },
          ],
          // a sibling syncs the group (vrrp_sync_master, vrrp_sync_fault, 1.2.13 vrrp_sync_master_election)
          GROUP: [
            {
              guard: and([
                'the group syncs to MASTER',
                'the sync group lets us become master',
                'two-step master entry',
              ]),
              target: 'master.transition',
              actions: [
                'clear election',
                'advertise our priority',
                log({ msg: 'transition-to-master' }),
                'arm advert timer',
              ],
            },
            {
              guard: and(['the group syncs to MASTER', 'the sync group lets us become master']),
              target: 'master.active',
              actions: [
                'clear election',
                'arm advert timer',
                'advertise our priority',
                log({ msg: 'entering-master' }),
                'add virtual addresses',
              ],
            },
            { guard: 'the group syncs to MASTER', actions: 'hold for the sync group' },
            // 1.2.13: the BACKUP member's state is set to FAULT, its timer left as it was
            {
              guard: and(['the group syncs to FAULT', 'health is polled']),
              target: 'fault',
              actions: 'clear election',
            },
            // 2.2.7: "isync->state = VRRP_STATE_FAULT; /* This is a bit of a bodge */", then vrrp_state_leave_fault: silent
            { guard: 'the group syncs to FAULT', target: 'fault', actions: [...waitInFaultForTrackers] },
            {
              guard: and(['the group forces an election', not('we force an election')]),
              actions: [log({ msg: 'forcing-election' }), 'want master', 'advertise our priority'],
            },
          ],
          STOP: { target: 'stopped' },
        },
      },

      // RFC 3768 §6.4.3 Master
      master: {
        initial: 'active',
        states: {
          // 1.2.13: state MASTER, adverts sent, VIPs not yet installed
          transition: {
            on: {
              TIMER: [
                syncedFaultAtTimer,
                // T8
                {
                  guard: and(['health is polled', not('instance is up')]),
                  target: '#vrrpInstance.fault',
                  actions: [
                    'log the interfaces that are down',
                    log({ msg: 'entering-fault' }),
                    'advertise priority 0',
                    log({ msg: 'now-in-fault' }),
                    ...pollInFault,
                    'sync the group to FAULT',
                  ],
                },
                // T6: vrrp_state_master_tx installs the VIPs, then advertises
                {
                  target: 'active',
                  actions: [
                    log({ msg: 'entering-master' }),
                    'add virtual addresses',
                    'arm advert timer',
                    'advertise our priority',
                    'sync the group to MASTER',
                  ],
                },
              ],
            },
          },
          // VIPs up: the transitions into this state add them (vrrp_state_become_master)
          active: {
            on: {
              TIMER: [
                syncedFaultAtTimer,
                // T8
                {
                  guard: and(['health is polled', not('instance is up')]),
                  target: '#vrrpInstance.fault',
                  actions: [
                    'log the interfaces that are down',
                    log({ msg: 'entering-fault' }),
                    // vrrp_state_leave_master: vrrp_restore_interface, then the priority-0 advert
                    'remove virtual addresses',
                    'advertise priority 0',
                    log({ msg: 'now-in-fault' }),
                    ...pollInFault,
                    'sync the group to FAULT',
                  ],
                },
                // T7 / U5: Adver_Timer fired; TSM MASTER→MASTER syncs a group that is not MASTER yet
                {
                  guard: 'the sync group is not MASTER',
                  actions: ['arm advert timer', 'advertise our priority', 'sync the group to MASTER'],
                },
                { actions: ['arm advert timer', 'advertise our priority'] },
              ],
            },
          },
        },
        on: {
          ADVERT: [
            // T9: a packet finds the instance down
            {
              guard: and(['health is polled', not('instance is up')]),
              target: 'fault',
              actions: [
                'log the interfaces that are down',
                log({ msg: 'entering-fault' }),
                'remove virtual addresses',
                'advertise priority 0',
                ...pollInFault,
                'sync the group to FAULT',
              ],
            },
            // U7b
            {
              guard: 'master re-advertises silently on priority 0',
              actions: [
                'advertise our priority',
                log({ msg: 'master-received-priority-zero' }),
                're-arm advert timer unless lower_prio_no_advert',
                'sync the group to MASTER',
              ],
            },
            // U7c: both configured as owner; the receiver steps down to 254 and then yields
            {
              guard: 'two owners meet',
              target: 'backup',
              actions: [
                log({ msg: 'two-owners' }),
                'lower own priority to 254',
                'log the higher advert',
                log({ msg: 'entering-backup' }),
                'remove virtual addresses',
                'clear election',
                'stop preempt clock',
                'restart master-down timer',
                'sync the group to BACKUP',
              ],
            },
            // 2.2.7 lower_prio_no_advert: the lower advert is logged, not answered, and the timer left alone
            {
              guard: and(['advert is from a lower router', 'lower_prio_no_advert is set']),
              actions: ['log the lower advert', 'sync the group to MASTER'],
            },
            // T10 / U7: RFC 3768 §6.4.3 "If the Priority in the ADVERTISEMENT is lower ... send an ADVERTISEMENT"
            {
              guard: 'advert is from a lower router',
              actions: [
                'log the lower advert',
                'advertise our priority',
                'arm advert timer',
                'sync the group to MASTER',
              ],
            },
            // T11 / U6: RFC 3768 §6.4.3 "greater than the local Priority, or equal ... and the primary IP Address
            // of the sender is greater than the local primary IP Address" ⇒ Backup
            {
              guard: and(['advert is from a better router', 'demoted master sends a last advert']),
              target: 'backup',
              actions: [
                'advertise our priority',
                'log the higher advert',
                log({ msg: 'entering-backup' }),
                'remove virtual addresses',
                'clear election',
                'restart master-down timer',
                'sync the group to BACKUP',
              ],
            },
            // 2.2.7 higher_prio_send_advert: "vrrp_send_adv(vrrp, vrrp->effective_priority)" before yielding
            {
              guard: and(['advert is from a better router', 'higher_prio_send_advert is set']),
              target: 'backup',
              actions: [
                'advertise our priority',
                'log the higher advert',
                log({ msg: 'entering-backup' }),
                'remove virtual addresses',
                'clear election',
                'stop preempt clock',
                'restart master-down timer',
                'sync the group to BACKUP',
              ],
            },
            {
              guard: 'advert is from a better router',
              target: 'backup',
              actions: [
                'log the higher advert',
                log({ msg: 'entering-backup' }),
                'remove virtual addresses',
                'clear election',
                'stop preempt clock',
                'restart master-down timer',
                'sync the group to BACKUP',
              ],
            },
            // T12: equal priority from a lower address (1.2.13); any processed packet re-arms the advert timer
            { actions: ['arm advert timer', 'sync the group to MASTER'] },
          ],
          TRACKER: [
            // U8: down_instance ⇒ vrrp_state_leave_master sends priority 0, and its
            // vrrp_restore_interface(advF) a second time
            {
              guard: 'a weight-0 tracker goes down',
              target: 'fault',
              actions: [
                'record tracker status',
                log({ msg: 'entering-fault' }),
                'advertise priority 0',
                'advertise priority 0',
                log({ msg: 'sending-priority-zero' }),
                'remove virtual addresses',
                ...waitInFaultForTrackers,
                'sync the group to FAULT as its first member down',
              ],
            },
          ],
          // a sibling syncs the group (vrrp_sync_backup, vrrp_sync_fault)
          GROUP: [
            // vrrp_state_leave_master(isync, false) with wantstate BACKUP
            {
              guard: 'the group syncs to BACKUP',
              target: 'backup',
              actions: [
                log({ msg: 'entering-backup' }),
                'remove virtual addresses',
                'clear election',
                'stop preempt clock',
                'restart master-down timer',
              ],
            },
            // 1.2.13: wantstate GOTO_FAULT, acted on at the next timer (vrrp_master)
            {
              guard: and(['the group syncs to FAULT', 'a synced master faults at its next timer']),
              actions: 'mark the synced fault pending',
            },
            // 2.2.7 vrrp_state_leave_master(isync, false) with wantstate FAULT: one priority-0 advert
            {
              guard: 'the group syncs to FAULT',
              target: 'fault',
              actions: [
                log({ msg: 'entering-fault' }),
                'advertise priority 0',
                'remove virtual addresses',
                ...waitInFaultForTrackers,
              ],
            },
          ],
          // T19 / U11: shutdown_vrrp_instances / restore_vrrp_interfaces
          STOP: {
            target: 'stopped',
            // 2.2.7 logs after sending; 1.2.13 logs first, within the same instant
            actions: ['advertise priority 0', log({ msg: 'sending-priority-zero' }), 'remove virtual addresses'],
          },
        },
      },

      // keepalived's internal FAULT state
      fault: {
        on: {
          // 1.2.13 vrrp_fault: polled every master-down interval
          TIMER: [
            // T18
            { guard: not('instance is up'), actions: ['arm master-down timer', 'sync the group to FAULT'] },
            // 1.2.13 vrrp_fault: a member leaves FAULT only when its whole group is up (vrrp_sync_leave_fault)
            {
              guard: 'another member of the sync group is down',
              actions: ['arm master-down timer', 'sync the group to FAULT'],
            },
            // T17
            {
              guard: 'configured state MASTER',
              target: 'master.transition',
              actions: [
                'log that the interfaces are up',
                'advertise our priority',
                log({ msg: 'transition-to-master' }),
                'arm advert timer',
                'sync the group to MASTER',
              ],
            },
            // T16: back to BACKUP, silently but for the kernel line
            {
              target: 'backup',
              actions: ['log that the interfaces are up', 'arm master-down timer', 'sync the group to BACKUP'],
            },
          ],
          ADVERT: [
            // 2.2.7 vrrp_dispatcher_read: "We just ignore a message received when we are in fault state"
            { guard: not('fault hears adverts') },
            // T18
            { guard: not('instance is up'), actions: ['arm master-down timer', 'sync the group to FAULT'] },
            // 1.2.13 vrrp_leave_fault: nothing while another member of the group is down
            {
              guard: 'another member of the sync group is down',
              actions: ['arm master-down timer', 'sync the group to FAULT'],
            },
            // T14
            {
              guard: 'we outrank the advert',
              target: 'master.transition',
              actions: [
                'log the group leaving FAULT',
                log({ msg: 'prio-higher-than-advert' }),
                'advertise our priority',
                log({ msg: 'transition-to-master' }),
                'arm advert timer',
                'sync the group to MASTER',
              ],
            },
            // T15
            {
              target: 'backup',
              actions: [
                'log the group leaving FAULT',
                log({ msg: 'entering-backup' }),
                'arm master-down timer',
                'sync the group to BACKUP',
              ],
            },
          ],
          TRACKER: [
            // down_instance from the silent start-up FAULT: wantstate := FAULT
            {
              guard: 'a weight-0 tracker goes down',
              actions: [
                'record tracker status',
                'update effective priority',
                'record the effective priority',
                'clear election',
                'sync the group to FAULT as its first member down',
              ],
            },
            // try_up_instance: "if (--vrrp->sync->num_member_fault || vrrp->sync->num_member_init) return"
            {
              guard: and(['the last failing tracker recovers', 'another member of the sync group is down']),
              actions: ['record tracker status', 'update effective priority', 'record the effective priority'],
            },
            // U9 for an owner still in its start-up phase: vrrp_state_leave_fault ⇒ vrrp_state_goto_master
            {
              guard: and(['the last failing tracker recovers', 'owner still wants master']),
              target: 'master.active',
              actions: [
                'record tracker status',
                'update effective priority',
                'record the effective priority',
                'clear election',
                'arm advert timer',
                'advertise our priority',
                log({ msg: 'entering-master' }),
                'add virtual addresses',
                'sync the group to MASTER',
              ],
            },
            // U9: try_up_instance
            {
              guard: 'the last failing tracker recovers',
              target: 'backup',
              actions: [
                'record tracker status',
                'update effective priority',
                'record the effective priority',
                log({ msg: 'entering-backup' }),
                'stop preempt clock',
                'restart master-down timer',
                'sync the group to BACKUP',
              ],
            },
          ],
          // vrrp_sync_backup: a member in FAULT leaves it with the group (vrrp_state_leave_fault; 1.2.13 vrrp_state_leave_master)
          GROUP: [
            {
              guard: 'the group syncs to BACKUP',
              target: 'backup',
              actions: [
                log({ msg: 'entering-backup' }),
                'clear election',
                'stop preempt clock',
                'restart master-down timer',
              ],
            },
          ],
          STOP: { target: 'stopped' },
        },
      },

      // the process exited; a restart is a new instance
      stopped: { type: 'final' },
    },
  });

export type VrrpInstanceMachine = typeof vrrpInstanceMachine;
