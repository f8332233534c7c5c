/** `vrrp_sync_group NAME { group { … } … }` as keepalived 2.2.7 reads it (vrrp_parser.c vrrp_sync_group_handler and below). */
import type { Words } from './confReader.ts';
import type { ConfState, SyncGroupDraft } from './confState.ts';
import { ignoreExtra, NOTIFY_KEYWORDS, readTrueFalse } from './confValues.ts';
import { readTrackBlock, TRACK_LISTS } from './readTrackBlock.ts';

/** vrrp_parser.c init_vrrp_keywords: a sync group has no notify_deleted nor notify_master_rx_lower_pri. */
const GROUP_NOTIFY_KEYWORDS = NOTIFY_KEYWORDS.slice(0, 5);

export function readSyncGroup(state: ConfState, words: Words): void {
  const { r } = state;
  const name = words[1];
  if (name === undefined || words.length !== 2) {
    r.warn(words[0].pos, 'vrrp_sync_group must have one name: keepalived skips this block');
    r.skipBlock();
    return;
  }
  if (state.syncGroups.some((g) => g.group.name === name.text)) {
    r.warn(name.pos, `vrrp_sync_group "${name.text}" is already defined: keepalived skips this block`);
    r.skipBlock();
    return;
  }
  const where = `vrrp_sync_group ${name.text}`;
  const draft: SyncGroupDraft = {
    group: {
      name: name.text,
      members: [],
      trackScripts: [],
      trackInterfaces: [],
      trackFiles: [],
      trackProcesses: [],
      trackBfds: [],
      notifies: [],
      pos: name.pos,
    },
  };
  const group = draft.group;
  r.readBlock({ label: where, pos: words[0].pos }, (inner) => {
    const keyword = inner[0].text;
    if (keyword === 'group') {
      if (draft.members !== undefined) {
        r.warn(inner[0].pos, `group list already given for ${where}: keepalived skips this one`);
        r.skipBlock();
        return 'done';
      }
      // read_value_block: every word of every line is a member
      draft.members = r.readValueBlock(inner).flat();
      if (draft.members.length === 0) r.warn(inner[0].pos, `${where} has an empty group block`);
      return 'done';
    }
    if (keyword in TRACK_LISTS) {
      const field = TRACK_LISTS[keyword as keyof typeof TRACK_LISTS];
      group[field] = [...group[field], ...readTrackBlock(state, inner, where, group[field])];
      return 'done';
    }
    if (GROUP_NOTIFY_KEYWORDS.includes(keyword)) {
      if (group.notifies.some((n) => n.kind === keyword)) {
        r.warn(inner[0].pos, `${keyword} in ${where} is already set: keepalived ignores this one`);
      } else {
        group.notifies = [
          ...group.notifies,
          {
            kind: keyword,
            command: inner
              .slice(1)
              .map((w) => w.text)
              .join(' '),
            pos: inner[0].pos,
          },
        ];
      }
      return 'done';
    }
    switch (keyword) {
      case 'smtp_alert': {
        const value = readTrueFalse(r, inner, where);
        if (value !== undefined) group.smtpAlert = value;
        return 'done';
      }
      case 'global_tracking':
        r.warn(
          inner[0].pos,
          `global_tracking in ${where} is deprecated (keepalived: use track_interface/script/file on the sync group)`,
        );
        group.trackingWeight = true;
        ignoreExtra(r, inner, 1);
        return 'done';
      case 'sync_group_tracking_weight':
        group.trackingWeight = true;
        ignoreExtra(r, inner, 1);
        return 'done';
      case 'notify_priority_changes': {
        const value = readTrueFalse(r, inner, where);
        if (value !== undefined) group.notifyPriorityChanges = value;
        return 'done';
      }
      default:
        return 'unknown';
    }
  });
  state.syncGroups.push(draft);
}
