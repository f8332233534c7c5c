import { isDeepStrictEqual } from 'node:util';
import type { ProfileName } from '../../model/profiles.ts';
import type { IncludeHost } from '../config/includeHost.ts';
import { parseKeepalivedConf } from '../config/parseKeepalivedConf.ts';
import type {
  ConfError,
  KeepalivedConf,
  ParsedGlobalDefs,
  ParsedInstance,
  ParsedScript,
  ParsedSyncGroup,
  ParsedTrack,
  SourcePos,
} from '../config/types.ts';
import { quoteText } from '../escapeText.ts';
import { decimalWord, integerWord, isSafeAddress, isSafeInterface, isSafeName, isSafePath } from './confWords.ts';
import { flagCheck } from './flagFile.ts';
import { modelledConf } from './modelledConf.ts';
import { authPass, standInPassword } from './standInPassword.ts';
import { unwrittenField } from './unwrittenField.ts';

export interface ConformConfOptions {
  /** The scenario's router name (letters, digits, "_", "." and "-"). */
  readonly router: string;
  /** The run's directory, where the flag files are. */
  readonly runDir: string;
  /** Which keepalived reads the file: 1.2.13 lacks some keywords. */
  readonly profile: ProfileName;
}

export type WrittenConf =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: ConfError };

class Refused extends Error {
  constructor(readonly error: ConfError) {
    super(error.message);
  }
}

const refuse = (pos: SourcePos, message: string, hint: string): never => {
  throw new Refused({ pos, message, hint });
};

/**
 * The keepalived.conf a live run gives keepalived: written here, keyword by keyword, from what
 * vrrp-check read and models of the user's config, never copied from the user's text. It holds
 * `global_defs`, each `vrrp_script` (its command replaced by a test of its flag file) and each
 * `vrrp_instance`, with only the keywords the model knows and, for a PASS authentication, a
 * stand-in password (standInPassword.ts); everything else (notify scripts, mail, includes, `$`
 * definitions, `@` lines, startup scripts, virtual servers…) never reaches it. A setting that
 * changes an election and is not written is refused (unwrittenField.ts). Every word is checked
 * against a narrow pattern (confWords.ts) and every number against what keepalived reads as
 * written, so no text of the user's can become keepalived syntax. A name or value that cannot be
 * written so is refused with its place in the user's file.
 */
export function writeConformConf(conf: KeepalivedConf, options: ConformConfOptions): WrittenConf {
  if (!/^[A-Za-z0-9_.-]{1,32}$/.test(options.router) || !isSafePath(options.runDir)) {
    throw new Error(`conform: unsafe router name or run directory: ${quoteText(options.router)} ${options.runDir}`);
  }
  try {
    const unknown = unwrittenField(conf);
    if (unknown !== null) {
      refuse(
        unknown.pos,
        `${unknown.where}: conform cannot give keepalived "${unknown.field}" yet, and would run it without: ${unknown.why}`,
        'leave it out for a live run, or teach src/conform/writeConformConf.ts to write it',
      );
    }
    const lines = [
      ...globalDefs(conf.globalDefs, options),
      ...conf.scripts.flatMap((script) => scriptBlock(script, options)),
      ...conf.instances.flatMap((instance) => instanceBlock(instance, options)),
      // members are matched by name once every block is read (vrrp_sync.c vrrp_sync_set_group)
      ...conf.syncGroups.flatMap((group) => syncGroupBlock(group, options)),
    ];
    const text = `${lines.join('\n')}\n`;
    // what keepalived gets must be what the model runs: the text read back (following no
    // include: there is none, and no file of the machine's is read) models the same
    const back = parseKeepalivedConf(text, 'conform.conf', NO_FILES);
    if (
      !back.ok ||
      !isDeepStrictEqual(writtenModel(back.conf, options.profile, true), writtenModel(conf, options.profile, false))
    ) {
      throw new Error(`conform: the config written for ${options.router} does not read back as the one given`);
    }
    return { ok: true, text };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.error };
    throw error;
  }
}

/** An include host with no files: the read-back check reads only the text it is given. */
const NO_FILES: IncludeHost = { list: () => undefined, stat: () => undefined, read: () => undefined };

/**
 * What keepalived runs of a config: the modelled configuration and each instance's password.
 * The user's password is compared as its stand-in, which is what the written config holds.
 */
function writtenModel(conf: KeepalivedConf, profile: ProfileName, written: boolean): unknown {
  const auth = conf.instances.map((i) => {
    const pass = authPass(i.authentication);
    return pass === undefined ? null : written ? pass : standInPassword(pass);
  });
  return { model: modelledConf(conf, profile), auth };
}

function globalDefs(g: ParsedGlobalDefs, options: ConformConfOptions): string[] {
  // 2.2.7 runs scripts as keepalived_script, else root, and reports a SECURITY VIOLATION unless
  // script security is on (vrrp.c check_vrrp_script_security); the flag test is root-owned.
  // 1.2.13 knows neither keyword and runs scripts as root.
  const twoTwo = options.profile === 'keepalived-2.2';
  const security = twoTwo ? ['    enable_script_security', '    script_user root'] : [];
  const lines = ['global_defs {', `    router_id ${options.router}`, ...security];
  // the election keywords the model runs; 1.2.13 has none of them (and the 1.2 profile leaves them out)
  if (twoTwo) {
    const top = { file: 'global_defs', line: 1, col: 1 };
    if (g.vrrpStartupDelaySeconds !== undefined) {
      // global_parser.c vrrp_startup_delay_handler: read_decimal_unsigned_strvec, 0.001 s up, 6 decimals
      const word = decimalWord(g.vrrpStartupDelaySeconds, 0.001, 4294, 6);
      const rule = 'seconds from 0.001 with at most 6 decimals (global_parser.c vrrp_startup_delay_handler)';
      lines.push(valueLine(top, 'global_defs', 'vrrp_startup_delay', g.vrrpStartupDelaySeconds, word, rule));
    }
    if (g.vrrpLowerPrioNoAdvert !== undefined) lines.push(`    vrrp_lower_prio_no_advert ${g.vrrpLowerPrioNoAdvert}`);
    if (g.vrrpHigherPrioSendAdvert !== undefined)
      lines.push(`    vrrp_higher_prio_send_advert ${g.vrrpHigherPrioSendAdvert}`);
  }
  lines.push('}');
  return lines;
}

/**
 * A vrrp_sync_group: its members, whether its members keep their tracking weights, and (2.2.7)
 * the scripts and interfaces it tracks for all of them. Its notify scripts never reach keepalived.
 */
function syncGroupBlock(group: ParsedSyncGroup, options: ConformConfOptions): string[] {
  const groupName = name(group.name, group.pos, 'vrrp_sync_group');
  const where = `vrrp_sync_group ${groupName}`;
  const lines = [`vrrp_sync_group ${groupName} {`, '    group {'];
  for (const member of group.members) lines.push(`        ${name(member, group.pos, 'vrrp_instance')}`);
  lines.push('    }');
  const twoTwo = options.profile === 'keepalived-2.2';
  // 1.2.13 calls it global_tracking (vrrp_parser.c vrrp_gglobal_tracking_handler)
  if (group.trackingWeight === true) lines.push(twoTwo ? '    sync_group_tracking_weight' : '    global_tracking');
  if (twoTwo) lines.push(...trackBlocks(group.trackInterfaces, group.trackScripts, where, options));
  lines.push('}');
  return lines;
}

/** The track_interface and track_script blocks of an instance or a sync group. */
function trackBlocks(
  interfaces: readonly ParsedTrack[],
  scripts: readonly ParsedTrack[],
  where: string,
  options: ConformConfOptions,
): string[] {
  const lines: string[] = [];
  if (interfaces.length > 0) {
    lines.push('    track_interface {');
    for (const track of interfaces) {
      lines.push(`        ${iface(track.name, track.pos, where)}${trackWeight(track, where, options)}`);
    }
    lines.push('    }');
  }
  if (scripts.length > 0) {
    lines.push('    track_script {');
    for (const track of scripts) {
      lines.push(`        ${name(track.name, track.pos, 'track_script')}${trackWeight(track, where, options)}`);
    }
    lines.push('    }');
  }
  return lines;
}

function name(word: string, pos: SourcePos, what: string): string {
  if (!isSafeName(word)) {
    refuse(
      pos,
      `${what} name ${quoteText(word)} cannot be given to keepalived as it is`,
      'conform writes names of letters, digits, "_", ".", ":" and "-" (at most 64, not starting with "include"): rename it',
    );
  }
  return word;
}

/** `keyword value`, where the value is what `format` makes of it, or a refusal naming `rule`. */
function valueLine(
  pos: SourcePos,
  where: string,
  keyword: string,
  value: number,
  word: string | null,
  rule: string,
): string {
  if (word === null) {
    refuse(
      pos,
      `${where}: ${keyword} ${value} is not a value keepalived reads as written: ${rule}`,
      `write a value keepalived accepts unchanged, e.g. "${keyword} 1"`,
    );
  }
  return `    ${keyword} ${word}`;
}

// keepalived 2.2.7's readers of each value, the same or stricter than 1.2.13's atoi:
// vrrp_parser.c vrrp_vscript_interval_handler, _timeout_handler (whole seconds 1..UINT_MAX/TIMER_HZ),
// _weight_handler ([-253, 253]), _rise_handler, _fall_handler ([1, INT_MAX]).
const MAX_SCRIPT_SECONDS = Math.floor(0xffff_ffff / 1_000_000);
const INT_MAX = 2_147_483_647;

function scriptBlock(script: ParsedScript, options: ConformConfOptions): string[] {
  const scriptName = name(script.name, script.pos, 'vrrp_script');
  const where = `vrrp_script ${scriptName}`;
  const lines = [
    `vrrp_script ${scriptName} {`,
    `    script "${flagCheck(options.runDir, options.router, scriptName)}"`,
  ];
  const seconds = `whole seconds from 1 to ${MAX_SCRIPT_SECONDS} (vrrp_parser.c vrrp_vscript_interval_handler)`;
  if (script.intervalSeconds !== undefined) {
    const word = integerWord(script.intervalSeconds, 1, MAX_SCRIPT_SECONDS);
    lines.push(valueLine(script.pos, where, 'interval', script.intervalSeconds, word, seconds));
  }
  if (script.timeoutSeconds !== undefined) {
    const word = integerWord(script.timeoutSeconds, 1, MAX_SCRIPT_SECONDS);
    lines.push(valueLine(script.pos, where, 'timeout', script.timeoutSeconds, word, seconds));
  }
  if (script.weight !== undefined) {
    const word = integerWord(script.weight, -253, 253);
    const rule = 'an integer from -253 to 253 (vrrp_parser.c vrrp_vscript_weight_handler)';
    // `reverse` is 2.x's: 1.2.13 has none, and its profile runs without it
    const reverse = script.weightReverse === true && options.profile === 'keepalived-2.2' ? ' reverse' : '';
    lines.push(`${valueLine(script.pos, where, 'weight', script.weight, word, rule)}${reverse}`);
  }
  for (const [keyword, count] of [
    ['rise', script.rise],
    ['fall', script.fall],
  ] as const) {
    if (count === undefined) continue;
    const rule = `an integer from 1 to ${INT_MAX} (vrrp_parser.c vrrp_vscript_${keyword}_handler)`;
    lines.push(valueLine(script.pos, where, keyword, count, integerWord(count, 1, INT_MAX), rule));
  }
  // init_fail came after 1.2.13, which would ignore it as an unknown keyword
  if (script.initFail && options.profile === 'keepalived-2.2') lines.push('    init_fail');
  lines.push('}');
  return lines;
}

function instanceBlock(instance: ParsedInstance, options: ConformConfOptions): string[] {
  const instanceName = name(instance.name, instance.pos, 'vrrp_instance');
  const where = `vrrp_instance ${instanceName}`;
  const pos = instance.pos;
  const lines = [`vrrp_instance ${instanceName} {`];
  if (instance.state !== undefined) lines.push(`    state ${instance.state === 'MASTER' ? 'MASTER' : 'BACKUP'}`);
  if (instance.interface !== undefined) lines.push(`    interface ${iface(instance.interface, pos, where)}`);
  if (instance.virtualRouterId !== undefined) {
    const rule = 'an integer from 1 to 255 (vrrp_parser.c vrrp_vrid_handler)';
    const word = integerWord(instance.virtualRouterId, 1, 255);
    lines.push(valueLine(pos, where, 'virtual_router_id', instance.virtualRouterId, word, rule));
  }
  if (instance.priority !== undefined) {
    const rule = 'an integer from 1 to 255 (vrrp_parser.c vrrp_prio_handler)';
    lines.push(valueLine(pos, where, 'priority', instance.priority, integerWord(instance.priority, 1, 255), rule));
  }
  if (instance.advertIntSeconds !== undefined) {
    // VRRPv2 adverts carry whole seconds: 2.2.7 rounds others with a config error (vrrp.c
    // vrrp_complete_instance), 1.2.13 truncates them (atoi)
    const rule = 'whole seconds from 1 to 255 for VRRPv2 (vrrp.c vrrp_complete_instance)';
    const word = integerWord(instance.advertIntSeconds, 1, 255);
    lines.push(valueLine(pos, where, 'advert_int', instance.advertIntSeconds, word, rule));
  }
  if (instance.nopreempt) lines.push('    nopreempt');
  if (instance.preemptDelaySeconds !== undefined) {
    // 2.2.7: up to 6 decimals, 0..1000 (vrrp_preempt_delay_handler); 1.2.13: whole seconds (atoi)
    const places = options.profile === 'keepalived-2.2' ? 6 : 0;
    const word = decimalWord(instance.preemptDelaySeconds, 0, 1000, places);
    const rule = `seconds from 0 to 1000${places === 0 ? ', whole for keepalived 1.2.13' : ' with at most 6 decimals'} (vrrp_parser.c vrrp_preempt_delay_handler)`;
    lines.push(valueLine(pos, where, 'preempt_delay', instance.preemptDelaySeconds, word, rule));
  }
  if (instance.dontTrackPrimary) lines.push('    dont_track_primary');
  lines.push(...trackBlocks(instance.trackInterfaces, instance.trackScripts, where, options));
  if (options.profile === 'keepalived-2.2') {
    // vrrp_parser.c vrrp_lower_prio_no_advert_handler / vrrp_higher_prio_send_advert_handler
    if (instance.lowerPrioNoAdvert !== undefined) lines.push(`    lower_prio_no_advert ${instance.lowerPrioNoAdvert}`);
    if (instance.higherPrioSendAdvert !== undefined)
      lines.push(`    higher_prio_send_advert ${instance.higherPrioSendAdvert}`);
  }
  if (instance.virtualIpAddresses.length > 0) {
    lines.push('    virtual_ipaddress {');
    for (const vip of instance.virtualIpAddresses) lines.push(`        ${address(vip, true, pos, where)}`);
    lines.push('    }');
  }
  if (instance.unicastSrcIp !== undefined) {
    lines.push(`    unicast_src_ip ${address(instance.unicastSrcIp, false, pos, where)}`);
  }
  if (instance.unicastPeers.length > 0) {
    lines.push('    unicast_peer {');
    for (const peer of instance.unicastPeers) lines.push(`        ${address(peer, false, pos, where)}`);
    lines.push('    }');
  }
  const pass = authPass(instance.authentication);
  if (pass !== undefined) {
    lines.push('    authentication {', '        auth_type PASS', `        auth_pass ${standInPassword(pass)}`, '    }');
  }
  lines.push('}');
  return lines;
}

function iface(word: string, pos: SourcePos, where: string): string {
  if (!isSafeInterface(word)) {
    refuse(
      pos,
      `${where}: interface ${quoteText(word)} cannot be given to keepalived as it is`,
      'conform runs Linux interface names of letters, digits, "_", "." and "-" (at most 15, not lo): rename it',
    );
  }
  return word;
}

function address(word: string, withPrefix: boolean, pos: SourcePos, where: string): string {
  if (!isSafeAddress(word, withPrefix)) {
    refuse(pos, `${where}: address ${quoteText(word)} is not an IPv4 address`, 'write e.g. "10.0.0.1"');
  }
  return word;
}

/**
 * ` weight N [reverse]` of a track_script or track_interface entry; keepalived 2.2.7 turns ±254
 * into ±253. `reverse` is 2.x's (1.2.13 has none, and its profile runs without it).
 */
function trackWeight(track: ParsedTrack, where: string, options: ConformConfOptions): string {
  // the reader takes `reverse` only after a weight (vrrp_track.c)
  if (track.weight === undefined) return '';
  const reverse = track.reverse === true && options.profile === 'keepalived-2.2';
  const rule = 'an integer from -253 to 253 (vrrp_track.c vrrp_track_if_handler, vrrp_track_scr_handler)';
  const weight = valueLine(track.pos, where, 'weight', track.weight, integerWord(track.weight, -253, 253), rule);
  return ` ${weight.trim()}${reverse ? ' reverse' : ''}`;
}
