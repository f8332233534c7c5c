/**
 * keepalived.conf reader, following keepalived 2.2.7's own (lib/parser.c and the handlers in
 * keepalived/vrrp/vrrp_parser.c): it accepts what keepalived accepts, with keepalived's fallbacks
 * and a warning wherever keepalived would log one, and refuses (one ConfError naming the place)
 * what keepalived refuses. `include` is followed. Scripts named in the file are recorded as text
 * and never run.
 */
import { completeConf } from './completeConf.ts';
import { ConfFailure } from './confFailure.ts';
import { ConfReader, type Words } from './confReader.ts';
import type { ConfState } from './confState.ts';
import { ignoreExtra, keptAsWritten, requireArg } from './confValues.ts';
import { type IncludeHost, nodeIncludeHost } from './includeHost.ts';
import { readConfLines } from './readConfLines.ts';
import { readGlobalDefs } from './readGlobalDefs.ts';
import { readSyncGroup } from './readSyncGroup.ts';
import { readTrackFile } from './readTrackFile.ts';
import { readTrackProcess } from './readTrackProcess.ts';
import { readVrrpInstance } from './readVrrpInstance.ts';
import { readVrrpScript } from './readVrrpScript.ts';
import type { ParseResult } from './types.ts';

/** Top-level blocks of lines (alloc_value_block) that do not take part in VRRP elections. */
const VALUE_BLOCKS = new Set([
  'static_ipaddress',
  'static_routes',
  'static_rules',
  'linkbeat_interfaces',
  'interface_up_down_delays',
]);

/** Top-level blocks of the health checker, which keepalived's VRRP process skips whole. */
const CHECKER_BLOCKS = new Set(['virtual_server', 'virtual_server_group', 'SSL']);

/** Top-level keywords of keepalived's global configuration outside global_defs. */
const GLOBAL_KEYWORDS = new Set([
  'net_namespace',
  'net_namespace_ipvs',
  'namespace_with_ipsets',
  'use_pid_dir',
  'instance',
  'child_wait_time',
  'linkbeat_use_polling',
]);

function readTopLevel(state: ConfState, words: Words): 'done' | 'unknown' {
  const { r } = state;
  const keyword = words[0].text;
  const notModelled = (what: string) => {
    state.unmodelled.push(keptAsWritten(words));
    r.warn(words[0].pos, `${what} "${keyword}" is not modelled, ignored`);
  };
  switch (keyword) {
    case 'global_defs':
      readGlobalDefs(state, words);
      return 'done';
    case 'vrrp_instance':
      readVrrpInstance(state, words);
      return 'done';
    case 'vrrp_script':
      readVrrpScript(state, words);
      return 'done';
    case 'vrrp_sync_group':
      readSyncGroup(state, words);
      return 'done';
    case 'track_file':
    case 'vrrp_track_file':
      readTrackFile(state, words);
      return 'done';
    case 'vrrp_track_process':
      readTrackProcess(state, words);
      return 'done';
    case 'bfd_instance':
      state.bfdInstances.add(requireArg(r, words, 1, 'a name', 'bfd_instance bfd1 {').text);
      notModelled('block');
      r.skipBlock();
      return 'done';
    case 'track_group':
    case 'garp_group':
      notModelled('block');
      r.readBlock({ label: keyword, pos: words[0].pos }, (inner) => {
        if (inner[0].text === 'group' || inner[0].text === 'interfaces') r.readValueBlock(inner);
        return ['group', 'interfaces', 'interface', 'garp_interval', 'gna_interval'].includes(inner[0].text)
          ? 'done'
          : 'unknown';
      });
      return 'done';
    default:
      if (VALUE_BLOCKS.has(keyword)) {
        notModelled('block');
        r.readValueBlock(words);
        return 'done';
      }
      if (CHECKER_BLOCKS.has(keyword)) {
        state.unmodelled.push(keptAsWritten(words));
        r.warn(words[0].pos, `block "${keyword}" belongs to keepalived's health checker (LVS), not modelled, ignored`);
        r.skipBlock();
        return 'done';
      }
      if (GLOBAL_KEYWORDS.has(keyword)) {
        ignoreExtra(r, words, 3);
        notModelled('keyword');
        return 'done';
      }
      return 'unknown';
  }
}

/** Reads `text`, the contents of `file`; includes are looked up through `host` (the machine's files by default). */
export function parseKeepalivedConf(text: string, file: string, host: IncludeHost = nodeIncludeHost): ParseResult {
  try {
    const read = readConfLines(text, file, host);
    const state: ConfState = {
      r: new ConfReader(read.lines, read.warnings),
      globalDefs: { other: [] },
      scripts: [],
      instances: [],
      syncGroups: [],
      trackFiles: [],
      trackProcesses: [],
      unmodelled: [],
      bfdInstances: new Set(),
      instanceNames: new Map(),
      instanceNotes: new Map(),
    };
    state.r.readBlock(undefined, (words) => readTopLevel(state, words));
    const syncGroups = completeConf(state);
    const routerId = state.globalDefs.routerId;
    return {
      ok: true,
      conf: {
        file,
        ...(routerId === undefined ? {} : { routerId }),
        globalDefs: state.globalDefs,
        scripts: state.scripts,
        instances: state.instances,
        syncGroups,
        trackFiles: state.trackFiles,
        trackProcesses: state.trackProcesses,
        unmodelled: state.unmodelled,
        sources: read.sources,
        text: read.text,
        warnings: state.r.warnings,
      },
    };
  } catch (caught) {
    if (caught instanceof ConfFailure) return { ok: false, error: caught.confError };
    throw caught;
  }
}
