/**
 * keepalived's vrrp_sync_group as an instance sees it (2.2.7 vrrp_sync.c, 1.2.13 vrrp_sync.c):
 * what the machine's sync-group guards ask of the GroupView an event carries, and what the world
 * reads of a member's machine to build the view.
 */
import type { InstanceSnapshot } from './stepper.ts';
import { awaitsFirstScriptResult, firstFaultingTracker } from './tracking.ts';
import type { GroupView, InstanceContext, InstanceEvent } from './types.ts';

/** The event reaches a member of a sync group (and carries its group). */
export function groupOf(context: InstanceContext, event: InstanceEvent): GroupView | null {
  return context.config.syncGroup === undefined || event.group === undefined ? null : event.group;
}

/**
 * 2.2.7 vrrp_sync_can_goto_master, 1.2.13 vrrp_sync_goto_master: an instance may become MASTER
 * when it is in no group, its group is MASTER already, or every other member wants MASTER
 * ("Only sync to master if everyone wants to, i.e. prefer backup state to avoid thrashing").
 */
export function groupLetsUsBeMaster(context: InstanceContext, event: InstanceEvent): boolean {
  const group = groupOf(context, event);
  return group === null || group.state === 'MASTER' || group.othersWantMaster;
}

/** Another member of the instance's group is down on its own trackers. */
export function anotherMemberIsDown(context: InstanceContext, event: InstanceEvent): boolean {
  return groupOf(context, event)?.othersDown === true;
}

/**
 * keepalived `wantstate` is MASTER (1.2.13: or GOTO_MASTER): the member is MASTER or on its way,
 * or it is held in BACKUP by its group, or forcing an election (1.2.13).
 */
export function wantsMaster(snapshot: InstanceSnapshot): boolean {
  const value = snapshot.value;
  const c = snapshot.context;
  return typeof value !== 'string' || value === 'gotoMaster' || c.heldByGroup || c.wantMaster || c.ownerWantsMaster;
}

/**
 * The member is down on its own trackers (2.2.7 num_script_if_fault, counted in the group's
 * num_member_fault), or holds off for a weight-0 script's first result (num_member_init).
 */
export function memberIsDown(snapshot: InstanceSnapshot): boolean {
  const c = snapshot.context;
  if (firstFaultingTracker(c.semantics, c.config.trackers, c.trackers) >= 0) return true;
  return c.semantics.instanceWaitsForFirstScriptResult && awaitsFirstScriptResult(c.config.trackers, c.trackers);
}
