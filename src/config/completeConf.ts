/**
 * What keepalived 2.2.7 checks once the whole file is read (keepalived/vrrp/vrrp.c
 * vrrp_complete_init): sync group members, then chk_min_cfg() and vrrp_complete_instance() for
 * each instance in order, then check_vrid_conflicts(). Where it refuses the configuration (its
 * VRRP process stops), this throws; where it carries on, it warns.
 */
import { PRIORITY_OWNER } from '../../model/formulas.ts';
import { ConfFailure } from './confFailure.ts';
import type { ConfState, InstanceNotes } from './confState.ts';
import type { ParsedInstance, ParsedSyncGroup } from './types.ts';

/** RFC 5798 §5.2.2: the IPv4 multicast group of VRRP, global_defs vrrp_mcast_group4 by default. */
const VRRP_MCAST_GROUP4 = '224.0.0.18';

export function completeConf(state: ConfState): ParsedSyncGroup[] {
  const groups = completeSyncGroups(state);
  const notesOf = (instance: ParsedInstance): InstanceNotes =>
    state.instanceNotes.get(instance) ?? { vips: 0, family: 'inet' };
  for (const instance of state.instances) checkMinimal(instance, notesOf(instance));
  for (const instance of state.instances) completeInstance(state, instance, notesOf(instance));
  checkVridConflicts(state, notesOf);
  return groups;
}

/**
 * vrrp_sync.c vrrp_sync_set_group: members must exist and be in one group only; a member with
 * `state BACKUP` after members that are all address owners with `state MASTER` gets an error
 * keepalived then runs with.
 */
function completeSyncGroups(state: ConfState): ParsedSyncGroup[] {
  const { r } = state;
  const taken = new Map<string, string>();
  const groups: ParsedSyncGroup[] = [];
  for (const { group, members } of state.syncGroups) {
    const where = `vrrp_sync_group ${group.name}`;
    if (members === undefined) {
      r.warn(group.pos, `${where} has no "group" block: keepalived removes it`);
      continue;
    }
    const kept: string[] = [];
    // the group's state so far: MASTER while every member read has `state MASTER` and priority 255
    let ownersSoFar: boolean | undefined;
    for (const member of members) {
      const instance = state.instances.find((i) => i.name === member.text);
      if (instance === undefined) {
        r.warn(member.pos, `vrrp_instance "${member.text}" of ${where} does not exist: keepalived ignores it`);
      } else if (taken.has(member.text)) {
        r.warn(
          member.pos,
          `vrrp_instance "${member.text}" is already in vrrp_sync_group ${taken.get(member.text)}: keepalived ignores it in ${group.name}`,
        );
      } else {
        taken.set(member.text, group.name);
        kept.push(member.text);
        if (ownersSoFar === true && instance.state === 'BACKUP') {
          r.warn(
            member.pos,
            `${where} has some member(s) as address owner and some not as address owner. This won't work (keepalived's words): give its members the same priority 255 and state MASTER, or none`,
          );
        }
        if (ownersSoFar !== false) ownersSoFar = instance.state === 'MASTER' && instance.priority === PRIORITY_OWNER;
      }
    }
    if (kept.length === 0) {
      r.warn(group.pos, `${where} has no instance left: keepalived removes it`);
      continue;
    }
    if (kept.length === 1)
      r.warn(group.pos, `${where} has only one instance, which probably isn't what you want (keepalived's words)`);
    groups.push({ ...group, members: kept });
  }
  return groups;
}

/** chk_min_cfg: an instance needs a VRID and an interface, even with unicast peers in 2.2.7. */
function checkMinimal(instance: ParsedInstance, notes: InstanceNotes): void {
  const where = `vrrp_instance ${instance.name}`;
  if (instance.virtualRouterId === undefined) {
    const ignored = notes.virtualRouterId;
    throw new ConfFailure(
      ignored?.pos ?? instance.pos,
      ignored === undefined
        ? `${where} has no virtual_router_id: keepalived refuses it`
        : `virtual_router_id "${ignored.text}" of ${where} ${ignored.why}: keepalived ignores it and then refuses the instance`,
      'write e.g. "virtual_router_id 51" (1 to 255) in the block',
    );
  }
  if (instance.interface === undefined) {
    const ignored = notes.interface;
    const unicast =
      instance.unicastPeers.length > 0
        ? ', even with unicast_peer (keepalived 2.2.7 vrrp.c chk_min_cfg; later versions accept it)'
        : '';
    throw new ConfFailure(
      ignored?.pos ?? instance.pos,
      ignored === undefined
        ? `${where} has no interface: keepalived refuses it${unicast}`
        : `interface "${ignored.text}" of ${where} ${ignored.why}: keepalived ignores it and then refuses the instance`,
      'write e.g. "interface eth0" in the block',
    );
  }
}

/** vrrp_complete_instance: the refusals, and the defaults keepalived warns about. */
function completeInstance(state: ConfState, instance: ParsedInstance, notes: InstanceNotes): void {
  const g = state.globalDefs;
  const strict = instance.strictMode ?? g.vrrpStrict === true;
  const version = notes.family === 'inet6' ? 3 : (instance.version ?? g.vrrpVersion ?? 2);
  if (notes.vips === 0) {
    if (version === 3 || strict) {
      throw new ConfFailure(
        instance.pos,
        `vrrp_instance ${instance.name} has no virtual_ipaddress: keepalived refuses it with ${strict ? 'strict mode' : 'VRRP version 3'}`,
        'add a "virtual_ipaddress { ... }" block',
      );
    }
    state.r.warn(
      instance.pos,
      `vrrp_instance ${instance.name} has no virtual_ipaddress ("at least one is sensible", keepalived warns)`,
    );
  }
}

/**
 * check_vrid_conflicts: two multicast instances with one VRID, family and group on one interface,
 * or two unicast ones with one VRID, source address and a common peer, are refused; the same VRID
 * on another interface is fine.
 */
function checkVridConflicts(state: ConfState, notesOf: (i: ParsedInstance) => InstanceNotes): void {
  const g = state.globalDefs;
  const instances = state.instances;
  for (const [index, a] of instances.entries()) {
    for (const b of instances.slice(index + 1)) {
      const na = notesOf(a);
      const nb = notesOf(b);
      if (a.virtualRouterId !== b.virtualRouterId || na.family !== nb.family) continue;
      const unicastA = a.unicastPeers.length > 0;
      if (unicastA !== b.unicastPeers.length > 0) continue;
      let why: string;
      if (unicastA) {
        if (a.interface !== b.interface) continue;
        // without unicast_src_ip both use the interface's address, the same one
        if ((a.unicastSrcIp ?? a.mcastSrcIp) !== (b.unicastSrcIp ?? b.mcastSrcIp)) continue;
        const common = a.unicastPeers.find((p) => b.unicastPeers.includes(p));
        if (common === undefined) continue;
        why = `both send unicast from the same address on ${a.interface} to ${common}`;
      } else {
        if (a.interface !== b.interface) continue;
        const groupA = a.mcastDstIp ?? g.vrrpMcastGroup4 ?? VRRP_MCAST_GROUP4;
        const groupB = b.mcastDstIp ?? g.vrrpMcastGroup4 ?? VRRP_MCAST_GROUP4;
        if (groupA !== groupB) continue;
        why = `both use it on interface ${a.interface}`;
      }
      const at = nb.vridPos ?? b.pos;
      const first = na.vridPos ?? a.pos;
      throw new ConfFailure(
        at,
        `vrrp_instance ${b.name} has virtual_router_id ${b.virtualRouterId} like vrrp_instance ${a.name} (line ${first.line}${first.file === at.file ? '' : ` of ${first.file}`}) and ${why}: keepalived refuses the configuration (vrrp.c check_vrid_conflicts)`,
        'give one of them another virtual_router_id (the same VRID is fine on another interface)',
      );
    }
  }
}
