import type { MachineTransition } from '../../model/compileMachine.ts';
import type { Semantics } from '../../model/profiles.ts';
import { createStepper } from '../../model/stepper.ts';
import { preemptionPossible, tiesPossible, vridGroups } from '../../properties/possiblePriorities.ts';
import type { Trace } from '../trace.ts';

/** What a cluster's configs have that some machine transitions need. */
export interface ConfigFeatures {
  /** Two or more routers share a VRID: adverts are heard. */
  readonly peers: boolean;
  /** Some instance runs `state MASTER` (after the version's clean-ups) or is an address owner. */
  readonly wouldBeMaster: boolean;
  /** An address owner runs `state MASTER`. */
  readonly ownerStateMaster: boolean;
  /** Two address owners share a VRID. */
  readonly twoOwners: boolean;
  /**
   * Some instance has a tracker that can put it in FAULT: one of weight 0 (its own interface,
   * unless dont_track_primary), or a track_file (its number × weight at −254 or less).
   */
  readonly weightZero: boolean;
  /** Some instance tracks a script with weight 0. */
  readonly weightZeroScript: boolean;
  /** Some instance has two trackers of weight 0. */
  readonly twoWeightZero: boolean;
  /** Some instance has a tracker with a weight, or 1.2.13's omitted priority (base 0). */
  readonly weighted: boolean;
  /** Some instance has any tracker. */
  readonly tracked: boolean;
  readonly preemptDelay: boolean;
  /** A router may preempt another (priorities that differ, no nopreempt on the higher). */
  readonly preemption: boolean;
  /** Two routers of a VRID may have the same priority. */
  readonly ties: boolean;
  /** Some vrrp_sync_group has two or more members: a member's state moves its siblings. */
  readonly syncGroup: boolean;
  /**
   * A sync group of address owners that all run `state MASTER`, one of them only by default (no
   * `state` line): the group starts as BACKUP while its members want MASTER.
   */
  readonly ownerGroupUnwritten: boolean;
  /** Some instance runs 2.2.7 lower_prio_no_advert (or strict_mode). */
  readonly lowerPrioNoAdvert: boolean;
  /** Some instance runs 2.2.7 higher_prio_send_advert. */
  readonly higherPrioSendAdvert: boolean;
}

export function configFeatures(trace: Trace): ConfigFeatures {
  const instances = trace.routers.flatMap((r) => r.instances);
  const groups = [...vridGroups(trace).values()];
  const zero = (i: (typeof instances)[number]) => i.trackers.filter((t) => t.weight === 0 || t.kind === 'file');
  return {
    peers: groups.some((g) => g.length >= 2),
    wouldBeMaster: instances.some((i) => i.state === 'MASTER' || i.base === 255),
    ownerStateMaster: instances.some((i) => i.state === 'MASTER' && i.base === 255),
    twoOwners: groups.some((g) => g.filter((x) => x.config.base === 255).length >= 2),
    weightZero: instances.some((i) => zero(i).length > 0),
    weightZeroScript: instances.some((i) => zero(i).some((t) => t.kind === 'script')),
    twoWeightZero: instances.some((i) => zero(i).length >= 2),
    weighted: instances.some((i) => i.base === 0 || i.trackers.some((t) => t.weight !== 0)),
    tracked: instances.some((i) => i.trackers.length > 0),
    preemptDelay: instances.some((i) => i.preemptDelay > 0 && !i.nopreempt),
    preemption: preemptionPossible(trace),
    ties: tiesPossible(trace),
    syncGroup: trace.routers.some((r) => r.syncGroups.some((g) => g.members.length >= 2)),
    ownerGroupUnwritten: trace.routers.some((r) =>
      r.syncGroups.some((g) => {
        const members = r.instances.filter((i) => g.members.includes(i.name));
        const owners = members.every((i) => i.base === 255 && i.state === 'MASTER');
        return owners && members.some((i) => i.written.state === undefined);
      }),
    ),
    lowerPrioNoAdvert: instances.some((i) => i.lowerPrioNoAdvert === true),
    higherPrioSendAdvert: instances.some((i) => i.higherPrioSendAdvert === true),
  };
}

type Reach = (s: Semantics, c: ConfigFeatures) => boolean;

/** When a transition can be taken, and the same in words (for the docs). */
export interface ReachRule {
  readonly reach: Reach;
  /** The profile switch and the config feature it needs, in words; empty: always. */
  readonly needs: string;
}

const rule = (needs: string, reach: Reach): ReachRule => ({ needs, reach });

/**
 * A BACKUP may hear an advert below its own priority: a router that may preempt, or (2.2.7) an
 * owner that met another owner and runs at 254 since, heard by the other owner when it is a
 * BACKUP again (its 255 above the 254 the configs never say).
 */
const lowerAdvertHeard: Reach = (s, c) => c.preemption || (s.ownerHearingOwnerStepsDown && c.twoOwners);

/**
 * When each transition of the machine can be taken: the profile switches its guards read, and
 * what the configs must have (a peer to hear, a weight-0 tracker to fail, an owner, a
 * preempt_delay, priorities that can tie, a sync group whose members move together). The coverage `check` reports counts only the
 * transitions reachable with the user's configs under the chosen profile. Keyed by the
 * transition as compileMachine names it: source, event, guard.
 */
export const TRANSITION_REACH: Readonly<Record<string, ReachRule>> = {
  'init START starts as would-be master': rule(
    '1.2.13 (GOTO_MASTER); state MASTER or an owner',
    (s, c) => s.wouldBeMasterStartsInGotoMaster && c.wouldBeMaster,
  ),
  'init START a weight-0 tracker is down at start': rule(
    '2.2.7 (FAULT at once); a weight-0 tracker',
    (s, c) => !s.faultPolled && c.weightZero,
  ),
  // a member that is up itself follows its group, which a sibling's weight-0 tracker put in FAULT
  'init START the sync group starts in FAULT': rule(
    '2.2.7 (FAULT at once); a sync group and a weight-0 tracker',
    (s, c) => !s.faultPolled && c.syncGroup && c.weightZero,
  ),
  // its own weight-0 script, or a sibling's: a weight-0 script in the configs either way
  'init START a weight-0 script has no result yet or the sync group awaits a first script result': rule(
    '2.2.7; a weight-0 script',
    (s, c) => s.instanceWaitsForFirstScriptResult && c.weightZeroScript,
  ),
  'init START owner takes over at once': rule(
    '2.2.7; an owner with state MASTER',
    (s, c) => s.ownerTakesOverAtStart && c.ownerStateMaster,
  ),
  'init START the sync group holds back a would-be master': rule(
    '2.2.7; a sync group of owners, one with no state line',
    (s, c) => s.ownerTakesOverAtStart && c.ownerGroupUnwritten,
  ),
  'init START -': rule('', () => true),
  // a tick that would not change the priority is skipped: it needs a weight
  'vrrpInstance PRIORITY_TICK -': rule(
    '1.2.13 (priority tick); a weighted tracker',
    (s, c) => s.periodicPriorityTick && c.weighted,
  ),
  // reached from states without a TRACKER rule of their own for the change: MASTER, FAULT
  'vrrpInstance TRACKER priority follows tracker events': rule(
    '2.2.7; a weighted tracker, or two of weight 0',
    (s, c) => !s.periodicPriorityTick && (c.weighted || c.twoWeightZero),
  ),
  'vrrpInstance TRACKER -': rule('1.2.13; a tracker', (s, c) => s.periodicPriorityTick && c.tracked),
  'gotoMaster ADVERT -': rule(
    '1.2.13; state MASTER or an owner, and a peer',
    (s, c) => s.wouldBeMasterStartsInGotoMaster && c.wouldBeMaster && c.peers,
  ),
  'gotoMaster TIMER not instance is up': rule(
    '1.2.13; state MASTER or an owner, and a weight-0 tracker',
    (s, c) => s.wouldBeMasterStartsInGotoMaster && c.wouldBeMaster && c.weightZero,
  ),
  'gotoMaster TIMER -': rule(
    '1.2.13; state MASTER or an owner',
    (s, c) => s.wouldBeMasterStartsInGotoMaster && c.wouldBeMaster,
  ),
  'gotoMaster STOP -': rule(
    '1.2.13; state MASTER or an owner',
    (s, c) => s.wouldBeMasterStartsInGotoMaster && c.wouldBeMaster,
  ),
  'backup TIMER health is polled and not instance is up': rule(
    '1.2.13 (polled FAULT); a weight-0 tracker',
    (s, c) => s.faultPolled && c.weightZero,
  ),
  'backup TIMER two-step master entry and not the sync group lets us become master': rule(
    '1.2.13 (two-step entry); a sync group',
    (s, c) => s.twoStepMasterEntry && c.syncGroup,
  ),
  'backup TIMER two-step master entry': rule('1.2.13 (two-step entry)', (s) => s.twoStepMasterEntry),
  'backup TIMER not the sync group lets us become master': rule(
    '2.2.7; a sync group',
    (s, c) => !s.twoStepMasterEntry && c.syncGroup,
  ),
  'backup TIMER -': rule('2.2.7', (s) => !s.twoStepMasterEntry),
  'backup ADVERT advert has priority 0': rule('a peer', (_, c) => c.peers),
  'backup ADVERT we may preempt the sender and backup forces elections': rule(
    '1.2.13 (forced elections); a router that may preempt',
    (s, c) => s.backupForcesElection && lowerAdvertHeard(s, c),
  ),
  'backup ADVERT we may preempt the sender': rule(
    '2.2.7; a router that may preempt, or two owners of one VRID',
    (s, c) => !s.backupForcesElection && lowerAdvertHeard(s, c),
  ),
  'backup ADVERT preempt clock should start': rule(
    '2.2.7; a preempt_delay, and a router that may preempt or two owners of one VRID',
    (s, c) => s.preemptDelayFromFirstLowerAdvert && c.preemptDelay && lowerAdvertHeard(s, c),
  ),
  'backup ADVERT preempt clock should stop': rule(
    '2.2.7; a preempt_delay, and a router that may preempt or two owners of one VRID',
    (s, c) => s.preemptDelayFromFirstLowerAdvert && c.preemptDelay && lowerAdvertHeard(s, c),
  ),
  // held by its sync group, or (1.2.13) forcing an election
  'backup ADVERT held for the group or forcing an election': rule(
    'a sync group and a peer; or 1.2.13 (forced elections) and a router that may preempt',
    (s, c) => (c.syncGroup && c.peers) || (s.backupForcesElection && lowerAdvertHeard(s, c)),
  ),
  'backup ADVERT -': rule('a peer', (_, c) => c.peers),
  'backup TRACKER a weight-0 tracker goes down': rule(
    '2.2.7; a weight-0 tracker',
    (s, c) => !s.faultPolled && c.weightZero,
  ),
  'backup TRACKER priority follows tracker events': rule(
    '2.2.7; a weighted tracker',
    (s, c) => !s.periodicPriorityTick && c.weighted,
  ),
  'backup TRACKER -': rule('1.2.13; a tracker', (s, c) => s.periodicPriorityTick && c.tracked),
  'backup GROUP the group syncs to MASTER and the sync group lets us become master and two-step master entry': rule(
    '1.2.13 (two-step entry); a sync group',
    (s, c) => s.twoStepMasterEntry && c.syncGroup,
  ),
  'backup GROUP the group syncs to MASTER and the sync group lets us become master': rule(
    '2.2.7; a sync group',
    (s, c) => !s.twoStepMasterEntry && c.syncGroup,
  ),
  // a member syncs its group to MASTER only when every other member wants MASTER, and the syncing
  // does not change what they want: each is let (the world's sync, src/world/step.ts)
  'backup GROUP the group syncs to MASTER': rule(
    'never: a member syncs its group to MASTER only when every other member wants MASTER',
    () => false,
  ),
  'backup GROUP the group syncs to FAULT and health is polled': rule(
    '1.2.13 (polled FAULT); a sync group and a weight-0 tracker',
    (s, c) => s.faultPolled && c.syncGroup && c.weightZero,
  ),
  'backup GROUP the group syncs to FAULT': rule(
    '2.2.7; a sync group and a weight-0 tracker',
    (s, c) => !s.faultPolled && c.syncGroup && c.weightZero,
  ),
  // a sibling forcing an election (1.2.13 vrrp_sync_master_election) heard a router it may preempt
  'backup GROUP the group forces an election and not we force an election': rule(
    '1.2.13 (group elections); a sync group and a router that may preempt',
    (s, c) => s.groupForcesElections && c.syncGroup && lowerAdvertHeard(s, c),
  ),
  'backup STOP -': rule('', () => true),
  'master.transition TIMER a synced fault is pending': rule(
    '1.2.13 (synced fault at the next timer); a sync group and a weight-0 tracker',
    (s, c) => s.twoStepMasterEntry && s.syncedMasterFaultsAtNextTimer && c.syncGroup && c.weightZero,
  ),
  'master.transition TIMER health is polled and not instance is up': rule(
    '1.2.13; a weight-0 tracker',
    (s, c) => s.twoStepMasterEntry && s.faultPolled && c.weightZero,
  ),
  'master.transition TIMER -': rule('1.2.13 (two-step entry)', (s) => s.twoStepMasterEntry),
  'master ADVERT health is polled and not instance is up': rule(
    '1.2.13; a weight-0 tracker and a peer',
    (s, c) => s.faultPolled && c.weightZero && c.peers,
  ),
  'master ADVERT master re-advertises silently on priority 0': rule(
    '2.2.7; a peer',
    (s, c) => !s.masterTreatsPriorityZeroAsLower && c.peers,
  ),
  'master ADVERT two owners meet': rule(
    '2.2.7; two owners of one VRID',
    (s, c) => s.ownerHearingOwnerStepsDown && c.twoOwners,
  ),
  'master ADVERT advert is from a lower router and lower_prio_no_advert is set': rule(
    'lower_prio_no_advert (2.2.7) and a peer',
    (_, c) => c.lowerPrioNoAdvert && c.peers,
  ),
  'master ADVERT advert is from a lower router': rule('a peer', (_, c) => c.peers),
  'master ADVERT advert is from a better router and demoted master sends a last advert': rule(
    '1.2.13; a peer',
    (s, c) => s.lastAdvertOnDemotion && c.peers,
  ),
  'master ADVERT advert is from a better router and higher_prio_send_advert is set': rule(
    '2.2.7; higher_prio_send_advert and a peer',
    (s, c) => !s.lastAdvertOnDemotion && c.higherPrioSendAdvert && c.peers,
  ),
  'master ADVERT advert is from a better router': rule('2.2.7; a peer', (s, c) => !s.lastAdvertOnDemotion && c.peers),
  // 1.2.13's equal priority from a lower address; 2.2.7 takes it as lower
  'master ADVERT -': rule(
    '1.2.13; priorities that can tie',
    (s, c) => !s.equalPriorityFromLowerAddressIsLower && c.ties,
  ),
  'master TRACKER a weight-0 tracker goes down': rule(
    '2.2.7; a weight-0 tracker',
    (s, c) => !s.faultPolled && c.weightZero,
  ),
  'master GROUP the group syncs to BACKUP': rule('a sync group', (_, c) => c.syncGroup),
  'master GROUP the group syncs to FAULT and a synced master faults at its next timer': rule(
    '1.2.13 (synced fault at the next timer); a sync group and a weight-0 tracker',
    (s, c) => s.syncedMasterFaultsAtNextTimer && c.syncGroup && c.weightZero,
  ),
  'master GROUP the group syncs to FAULT': rule(
    '2.2.7; a sync group and a weight-0 tracker',
    (s, c) => !s.syncedMasterFaultsAtNextTimer && c.syncGroup && c.weightZero,
  ),
  'master STOP -': rule('', () => true),
  'master.active TIMER a synced fault is pending': rule(
    '1.2.13 (synced fault at the next timer); a sync group and a weight-0 tracker',
    (s, c) => s.syncedMasterFaultsAtNextTimer && c.syncGroup && c.weightZero,
  ),
  'master.active TIMER health is polled and not instance is up': rule(
    '1.2.13; a weight-0 tracker',
    (s, c) => s.faultPolled && c.weightZero,
  ),
  // a master whose siblings did not all want MASTER when it took over syncs them at its next advert:
  // 1.2.13 enters MASTER from GOTO_MASTER and from FAULT without its group's consent; 2.2.7 only as
  // an owner still in its start-up phase, which a member of a sync group never is (its group would
  // have to start MASTER, and no member then starts in FAULT)
  'master.active TIMER the sync group is not MASTER': rule(
    '1.2.13; a sync group, and state MASTER or a weight-0 tracker',
    (s, c) =>
      c.syncGroup && ((s.wouldBeMasterStartsInGotoMaster && c.wouldBeMaster) || (s.faultPolled && c.weightZero)),
  ),
  'master.active TIMER -': rule('', () => true),
  'fault TIMER not instance is up': rule('1.2.13; a weight-0 tracker', (s, c) => s.faultPolled && c.weightZero),
  'fault TIMER another member of the sync group is down': rule(
    '1.2.13; a sync group and a weight-0 tracker',
    (s, c) => s.faultPolled && c.syncGroup && c.weightZero,
  ),
  'fault TIMER configured state MASTER': rule(
    '1.2.13; a weight-0 tracker and state MASTER',
    (s, c) => s.faultPolled && c.weightZero && c.wouldBeMaster,
  ),
  'fault TIMER -': rule('1.2.13; a weight-0 tracker', (s, c) => s.faultPolled && c.weightZero),
  'fault ADVERT not fault hears adverts': rule(
    '2.2.7; a weight-0 tracker and a peer',
    (s, c) => !s.faultHearsAdverts && c.weightZero && c.peers,
  ),
  'fault ADVERT not instance is up': rule(
    '1.2.13; a weight-0 tracker and a peer',
    (s, c) => s.faultHearsAdverts && c.weightZero && c.peers,
  ),
  'fault ADVERT another member of the sync group is down': rule(
    '1.2.13; a sync group, a weight-0 tracker and a peer',
    (s, c) => s.faultHearsAdverts && c.syncGroup && c.weightZero && c.peers,
  ),
  'fault ADVERT we outrank the advert': rule(
    '1.2.13; a weight-0 tracker and a peer',
    (s, c) => s.faultHearsAdverts && c.weightZero && c.peers,
  ),
  'fault ADVERT -': rule(
    '1.2.13; a weight-0 tracker and a peer',
    (s, c) => s.faultHearsAdverts && c.weightZero && c.peers,
  ),
  // only while the instance is up itself: 2.2.7's silent start-up FAULT, while a weight-0 script has
  // no result yet, or a FAULT its sync group put it in
  'fault TRACKER a weight-0 tracker goes down': rule(
    '2.2.7 (silent start-up FAULT); a weight-0 script, or a sync group and a weight-0 tracker',
    (s, c) =>
      !s.faultPolled && ((s.instanceWaitsForFirstScriptResult && c.weightZeroScript) || (c.syncGroup && c.weightZero)),
  ),
  'fault TRACKER the last failing tracker recovers and another member of the sync group is down': rule(
    '2.2.7; a sync group and a weight-0 tracker',
    (s, c) => !s.faultPolled && c.syncGroup && c.weightZero,
  ),
  'fault TRACKER the last failing tracker recovers and owner still wants master': rule(
    '2.2.7; an owner with state MASTER and a weight-0 script',
    (s, c) => s.instanceWaitsForFirstScriptResult && c.ownerStateMaster && c.weightZeroScript,
  ),
  'fault TRACKER the last failing tracker recovers': rule(
    '2.2.7; a weight-0 tracker',
    (s, c) => !s.faultPolled && c.weightZero,
  ),
  'fault GROUP the group syncs to BACKUP': rule(
    'a sync group and a weight-0 tracker',
    (_, c) => c.syncGroup && c.weightZero,
  ),
  'fault STOP -': rule('a weight-0 tracker', (_, c) => c.weightZero),
};

/** A machine transition as the reach table names it. */
export function transitionKey(t: { source: string; event: string; guard: string | null }): string {
  return `${t.source} ${t.event} ${t.guard ?? '-'}`;
}

/** The compiled machine's transitions, in its order (the ids coverage counts by). */
export function machineTransitions(): readonly MachineTransition[] {
  return (createStepper() as unknown as { transitions: readonly MachineTransition[] }).transitions;
}

/** The transitions reachable with a run's configs under its profile, as a mask (one hex digit per four ids). */
export function reachableMask(trace: Trace, semantics: Semantics): string {
  const features = configFeatures(trace);
  const bits = machineTransitions().map((t) => TRANSITION_REACH[transitionKey(t)]?.reach(semantics, features) ?? true);
  let mask = '';
  for (let i = 0; i < bits.length; i += 4) {
    let digit = 0;
    for (let b = 0; b < 4; b++) if (bits[i + b] === true) digit |= 1 << b;
    mask += digit.toString(16);
  }
  return mask;
}

/** The ids in a reachable mask. */
export function maskIds(mask: string): number[] {
  const ids: number[] = [];
  [...mask].forEach((digit, i) => {
    const n = Number.parseInt(digit, 16);
    for (let b = 0; b < 4; b++) if ((n >> b) & 1) ids.push(i * 4 + b);
  });
  return ids;
}
