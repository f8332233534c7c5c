/** `vrrp_instance NAME { … }` as keepalived 2.2.7 reads it (keepalived/vrrp/vrrp_parser.c, the vrrp_*_handler functions). */
import type { Words } from './confReader.ts';
import type { ConfState, Draft, InstanceNotes } from './confState.ts';
import {
  addressFamily,
  type Family,
  ignoreExtra,
  keptAsWritten,
  NOTIFY_KEYWORDS,
  numberKeyword,
  read,
  readTrueFalse,
  requireArg,
  secondsOf,
  sockaddrAddress,
} from './confValues.ts';
import { instanceNumbers } from './instanceNumbers.ts';
import { readAuthentication } from './readAuthentication.ts';
import { readTrackBlock, TRACK_LISTS } from './readTrackBlock.ts';
import type { ParsedInstance, ParsedKeyword, ParsedNotify, ParsedTrack, ParsedUnicastPeer } from './types.ts';

/** Linux IFNAMSIZ: an interface name has at most 15 characters. */
const IFNAMSIZ = 16;

/** Keywords keepalived knows in a vrrp_instance that do not change elections: kept as written, with a warning. */
const NO_ELECTION_EFFECT = new Set([
  'use_vmac_addr',
  'vmac_xmit_base',
  'vrf',
  'track_src_ip',
  'debug',
  'promote_secondaries',
  'linkbeat_use_polling',
  'notify_priority_changes',
  'lvs_sync_daemon_interface',
  'garp_extra_if',
  'vmac_garp_intvl',
  'kernel_rx_buf_size',
  'old_unicast_checksum',
]);

/** The lists of an instance while it is read. */
interface Lists {
  readonly trackScripts: ParsedTrack[];
  readonly trackInterfaces: ParsedTrack[];
  readonly trackFiles: ParsedTrack[];
  readonly trackProcesses: ParsedTrack[];
  readonly trackBfds: ParsedTrack[];
  readonly virtualIpAddresses: string[];
  readonly virtualIpAddressesExcluded: string[];
  readonly virtualRoutes: string[];
  readonly virtualRules: string[];
  readonly unicastPeers: string[];
  readonly peers: ParsedUnicastPeer[];
  readonly notifies: ParsedNotify[];
  readonly unmodelled: ParsedKeyword[];
}

type Scalars = Omit<Draft<ParsedInstance>, keyof Lists>;

class InstanceReader {
  readonly draft: Scalars;
  readonly lists: Lists = {
    trackScripts: [],
    trackInterfaces: [],
    trackFiles: [],
    trackProcesses: [],
    trackBfds: [],
    virtualIpAddresses: [],
    virtualIpAddressesExcluded: [],
    virtualRoutes: [],
    virtualRules: [],
    unicastPeers: [],
    peers: [],
    notifies: [],
    unmodelled: [],
  };
  private family: Family | undefined;
  private unicastKeyword = false;
  /** The peers keepalived keeps, IPv6 ones included. */
  private peerCount = 0;
  readonly notes: InstanceNotes = { vips: 0, family: 'inet' };

  constructor(
    private readonly state: ConfState,
    readonly where: string,
    draft: Scalars,
  ) {
    this.draft = draft;
  }

  get r() {
    return this.state.r;
  }

  /** "not modelled yet": the keyword changes elections and vrrp-check runs the instance without it. */
  notYet(words: Words, effect: string): void {
    this.r.warn(
      words[0].pos,
      `"${words[0].text}" in ${this.where} is not modelled yet (${effect}): vrrp-check runs the instance without it`,
    );
  }

  noElectionEffect(words: Words): void {
    this.r.warn(words[0].pos, `"${words[0].text}" in ${this.where} does not change VRRP elections, not modelled`);
  }

  /** The first address fixes the instance's family; keepalived skips one of the other family. */
  sameFamily(text: string, pos: Words[number]['pos'], what: string): Family | undefined {
    const family = addressFamily(text);
    if (family === undefined) {
      this.r.warn(pos, `invalid ${what} "${text}" in ${this.where}: not an IP address; keepalived skips it`);
      return undefined;
    }
    if (this.family === undefined) {
      this.family = family;
      this.notes.family = family;
      if (family === 'inet6')
        this.r.warn(pos, `IPv6 instance ${this.where} is not modelled: vrrp-check runs it as IPv4`);
    } else if (family !== this.family) {
      this.r.warn(
        pos,
        `${what} "${text}" in ${this.where} is not of the instance's address family: keepalived skips it`,
      );
      return undefined;
    }
    return family;
  }

  handle(words: Words): 'done' | 'unknown' {
    const { r, draft, lists, where } = this;
    const keyword = words[0].text;
    switch (keyword) {
      case 'state': {
        // vrrp_state_handler: MASTER, BACKUP (not after MASTER), anything else is BACKUP with an error
        const value = requireArg(r, words, 1, 'MASTER or BACKUP', 'state BACKUP');
        ignoreExtra(r, words, 2);
        if (value.text === 'MASTER') draft.state = 'MASTER';
        else if (value.text === 'BACKUP' && draft.state === 'MASTER') {
          r.warn(value.pos, `state BACKUP in ${where} after state MASTER: keepalived keeps MASTER`);
        } else {
          if (value.text !== 'BACKUP') {
            r.warn(
              value.pos,
              `unknown state "${value.text}" in ${where}: keepalived uses BACKUP (only "MASTER" and "BACKUP", in capitals, are states)`,
            );
          }
          draft.state = 'BACKUP';
        }
        return 'done';
      }
      case 'interface': {
        // vrrp_int_handler: a name keepalived cannot use is ignored, and then the instance has no interface
        const value = requireArg(r, words, 1, 'an interface name', 'interface eth0');
        ignoreExtra(r, words, 2);
        if (value.text.length >= IFNAMSIZ || value.text === 'lo') {
          const why = value.text === 'lo' ? 'is the loopback interface' : 'is longer than 15 characters';
          r.warn(value.pos, `interface "${value.text}" in ${where} ${why}: keepalived ignores it`);
          this.notes.interface = { text: value.text, why, pos: value.pos };
          return 'done';
        }
        draft.interface = value.text;
        return 'done';
      }
      case 'virtual_router_id': {
        const vrid = numberKeyword(r, words, where, instanceNumbers.vrid);
        if (vrid === undefined) {
          const value = words[1];
          if (value !== undefined)
            this.notes.virtualRouterId = { text: value.text, why: 'is not an integer from 1 to 255', pos: value.pos };
        } else {
          draft.virtualRouterId = vrid;
          this.notes.vridPos = words[1]?.pos ?? words[0].pos;
        }
        return 'done';
      }
      case 'priority':
        draft.priority = numberKeyword(r, words, where, instanceNumbers.priority) ?? instanceNumbers.defaultPriority;
        return 'done';
      case 'advert_int': {
        const micro = numberKeyword(r, words, where, instanceNumbers.advertInt);
        if (micro !== undefined) draft.advertIntSeconds = secondsOf(micro);
        return 'done';
      }
      case 'nopreempt':
      case 'preempt':
        // each sets or clears the one flag: the later wins
        ignoreExtra(r, words, 1);
        draft.nopreempt = keyword === 'nopreempt';
        return 'done';
      case 'preempt_delay':
        draft.preemptDelaySeconds = secondsOf(numberKeyword(r, words, where, instanceNumbers.preemptDelay) ?? 0);
        return 'done';
      case 'dont_track_primary':
        ignoreExtra(r, words, 1);
        draft.dontTrackPrimary = true;
        return 'done';
      case 'track_script':
      case 'track_interface':
      case 'track_file':
      case 'track_process':
      case 'track_bfd': {
        const tracks = readTrackBlock(this.state, words, where, lists[TRACK_LISTS[keyword]]);
        lists[TRACK_LISTS[keyword]].push(...tracks);
        if (tracks.length > 0 && keyword === 'track_bfd') this.notYet(words, 'vrrp-check never fails a bfd');
        return 'done';
      }
      case 'virtual_ipaddress':
      case 'virtual_ipaddress_excluded':
        this.readAddresses(
          words,
          keyword === 'virtual_ipaddress' ? lists.virtualIpAddresses : lists.virtualIpAddressesExcluded,
        );
        if (keyword === 'virtual_ipaddress_excluded') this.noElectionEffect(words);
        return 'done';
      case 'virtual_routes':
      case 'virtual_rules': {
        const lines = r.readValueBlock(words).map((entry) => entry.map((w) => w.text).join(' '));
        (keyword === 'virtual_routes' ? lists.virtualRoutes : lists.virtualRules).push(...lines);
        this.noElectionEffect(words);
        return 'done';
      }
      case 'unicast_src_ip':
      case 'mcast_src_ip': {
        const value = requireArg(r, words, 1, 'an IP address', `${keyword} 10.0.0.1`);
        ignoreExtra(r, words, 2);
        if (keyword === 'unicast_src_ip') this.unicastKeyword = true;
        const address = sockaddrAddress(value.text);
        const family = this.sameFamily(address, value.pos, keyword);
        if (family === 'inet') draft[keyword === 'unicast_src_ip' ? 'unicastSrcIp' : 'mcastSrcIp'] = address;
        if (keyword === 'mcast_src_ip')
          this.notYet(words, 'it is the address adverts come from, which breaks priority ties');
        return 'done';
      }
      case 'unicast_peer':
        this.unicastKeyword = true;
        this.readPeers(words);
        return 'done';
      case 'mcast_dst_ip': {
        const value = requireArg(r, words, 1, 'a multicast address', 'mcast_dst_ip 224.0.0.18');
        ignoreExtra(r, words, 2);
        const address = sockaddrAddress(value.text);
        const family = this.sameFamily(address, value.pos, keyword);
        // vrrp_mcast_dstip_handler: an address that is not multicast is skipped
        const first = Number(address.split('.')[0]);
        if (family === 'inet' && first >= 224 && first <= 239) draft.mcastDstIp = address;
        else if (family === 'inet')
          r.warn(value.pos, `mcast_dst_ip ${address} in ${where} is not multicast: keepalived skips it`);
        this.notYet(words, 'instances on other multicast groups do not hear each other');
        return 'done';
      }
      case 'unicast_ttl': {
        const ttl = numberKeyword(r, words, where, instanceNumbers.unicastTtl);
        if (ttl !== undefined) draft.unicastTtl = ttl;
        this.unicastKeyword = true;
        this.notYet(words, 'adverts beyond it are dropped');
        return 'done';
      }
      case 'unicast_fault_no_peer':
      case 'check_unicast_src':
        ignoreExtra(r, words, 1);
        draft[keyword === 'unicast_fault_no_peer' ? 'unicastFaultNoPeer' : 'checkUnicastSrc'] = true;
        this.unicastKeyword = true;
        this.notYet(
          words,
          keyword === 'check_unicast_src'
            ? 'adverts from unlisted sources are dropped'
            : 'the instance goes to FAULT without peers',
        );
        return 'done';
      case 'version': {
        const value = requireArg(r, words, 1, '2 or 3', 'version 2');
        ignoreExtra(r, words, 2);
        const version = read.int(value.text, 2, 3, true);
        if (version.ok && (version.value === 2 || version.value === 3)) draft.version = version.value;
        else r.warn(value.pos, `invalid version "${value.text}" in ${where}: must be 2 or 3; keepalived ignores it`);
        if (draft.version === 3) this.notYet(words, 'VRRPv3 adverts and centisecond intervals');
        return 'done';
      }
      case 'native_ipv6':
        ignoreExtra(r, words, 1);
        draft.nativeIpv6 = true;
        if (this.family === undefined) {
          this.family = 'inet6';
          this.notes.family = 'inet6';
        }
        r.warn(words[0].pos, `IPv6 instance ${where} is not modelled: vrrp-check runs it as IPv4`);
        return 'done';
      case 'strict_mode':
      case 'skip_check_adv_addr':
      case 'lower_prio_no_advert':
      case 'higher_prio_send_advert': {
        const given = readTrueFalse(r, words, where);
        // vrrp_skip_check_adv_addr_handler sets the flag for any valid value, "false" included
        const value = keyword === 'skip_check_adv_addr' && given !== undefined ? true : given;
        const fields = {
          strict_mode: 'strictMode',
          skip_check_adv_addr: 'skipCheckAdvAddr',
          lower_prio_no_advert: 'lowerPrioNoAdvert',
          higher_prio_send_advert: 'higherPrioSendAdvert',
        } as const;
        if (value !== undefined) draft[fields[keyword]] = value;
        // strict_mode, lower_prio_no_advert and higher_prio_send_advert are modelled (src/resolveInstance.ts)
        if (keyword === 'skip_check_adv_addr') this.notYet(words, 'it changes which adverts are accepted');
        return 'done';
      }
      case 'accept':
      case 'no_accept':
        ignoreExtra(r, words, 1);
        draft.accept = keyword === 'accept';
        this.noElectionEffect(words);
        return 'done';
      case 'garp_master_delay':
      case 'garp_master_refresh':
      case 'garp_lower_prio_delay':
        this.readGarp(words, true);
        return 'done';
      case 'garp_master_repeat':
      case 'garp_master_refresh_repeat':
      case 'garp_lower_prio_repeat':
        this.readGarp(words, false);
        return 'done';
      case 'down_timer_adverts': {
        const adverts = numberKeyword(r, words, where, instanceNumbers.downTimerAdverts);
        if (adverts !== undefined) draft.downTimerAdverts = adverts;
        this.notYet(words, 'it changes the master-down interval');
        return 'done';
      }
      case 'use_vmac':
      case 'use_ipvlan':
        draft[keyword === 'use_vmac' ? 'useVmac' : 'useIpvlan'] = true;
        lists.unmodelled.push(keptAsWritten(words));
        this.noElectionEffect(words);
        return 'done';
      case 'smtp_alert': {
        const value = readTrueFalse(r, words, where);
        if (value !== undefined) draft.smtpAlert = value;
        this.noElectionEffect(words);
        return 'done';
      }
      case 'authentication':
        this.draft.authentication = readAuthentication(this.r, words, where);
        this.notYet(words, 'adverts whose authentication differs are dropped');
        return 'done';
      default:
        if (NOTIFY_KEYWORDS.includes(keyword)) {
          this.readNotify(words);
          return 'done';
        }
        if (NO_ELECTION_EFFECT.has(keyword)) {
          lists.unmodelled.push(keptAsWritten(words));
          this.noElectionEffect(words);
          return 'done';
        }
        return 'unknown';
    }
  }

  /** One address per line (alloc_vrrp_vip); what follows it on the line (dev, label, …) is the kernel's business. */
  readAddresses(words: Words, into: string[]): void {
    const what = words[0].text;
    for (const entry of this.r.readValueBlock(words)) {
      const text = entry[0].text;
      const slash = text.indexOf('/');
      const address = slash < 0 ? text : text.slice(0, slash);
      if (slash >= 0) {
        const max = address.includes(':') ? 128 : 32;
        const prefix = read.unsigned(text.slice(slash + 1), 0, max, true);
        if (!prefix.ok)
          this.r.warn(
            entry[0].pos,
            `invalid prefix length in ${what} "${text}" of ${this.where}: keepalived uses /${max}`,
          );
      }
      const family = this.sameFamily(address, entry[0].pos, what);
      if (family !== undefined && what === 'virtual_ipaddress') this.notes.vips++;
      if (family === 'inet6') {
        this.r.warn(entry[0].pos, `IPv6 address "${text}" in ${what} of ${this.where} is not modelled, skipped`);
      } else if (family === 'inet') {
        into.push(text);
      }
    }
  }

  /** alloc_vrrp_unicast_peer: `ADDRESS [min_ttl N] [max_ttl N]` per line. */
  readPeers(words: Words): void {
    const { r, lists, where } = this;
    for (const entry of r.readValueBlock(words)) {
      const [address, ...options] = entry;
      const text = sockaddrAddress(address.text);
      const family = this.sameFamily(text, address.pos, 'unicast_peer');
      if (family === undefined) continue;
      this.peerCount++;
      const peer: Draft<ParsedUnicastPeer> = { address: text, pos: address.pos };
      for (let i = 0; i < options.length; i += 2) {
        const option = options[i];
        const value = options[i + 1];
        if (option === undefined) break;
        if (value === undefined) {
          r.warn(option.pos, `unicast_peer option "${option.text}" in ${where} is missing a value, ignored`);
          break;
        }
        const ttl = read.unsigned(value.text, 0, 255, false);
        if (!ttl.ok) continue;
        if (option.text === 'min_ttl') peer.minTtl = ttl.value;
        else if (option.text === 'max_ttl') peer.maxTtl = ttl.value;
        else {
          r.warn(option.pos, `unknown unicast_peer option "${option.text}" in ${where}, ignored`);
          break;
        }
        this.draft.checkUnicastSrc = true;
      }
      if (peer.minTtl !== undefined || peer.maxTtl !== undefined) {
        r.warn(
          address.pos,
          `unicast_peer TTL limits in ${where} are not modelled yet: vrrp-check runs the instance without them`,
        );
      }
      if (family === 'inet6') {
        r.warn(address.pos, `IPv6 address "${address.text}" in unicast_peer of ${where} is not modelled, skipped`);
        continue;
      }
      lists.peers.push(peer);
      lists.unicastPeers.push(text);
    }
  }

  readGarp(words: Words, seconds: boolean): void {
    const keyword = words[0].text;
    const max = seconds ? Math.floor(4294967295 / 1e6) : 4294967295;
    const n = numberKeyword(this.r, words, this.where, {
      read: (text) => read.unsigned(text, 0, max, true),
      rule: `must be a whole number from 0 to ${max}`,
      example: `${keyword} 5`,
      fallback: 'ignores it',
    });
    if (n !== undefined) {
      // vrrp_garp_rep_handler: a repeat of 0 becomes 1
      const fixed = !seconds && n === 0 && keyword !== 'garp_lower_prio_repeat' ? 1 : n;
      const fields = {
        garp_master_delay: 'garpMasterDelaySeconds',
        garp_master_refresh: 'garpMasterRefreshSeconds',
        garp_lower_prio_delay: 'garpLowerPrioDelaySeconds',
        garp_master_repeat: 'garpMasterRepeat',
        garp_master_refresh_repeat: 'garpMasterRefreshRepeat',
        garp_lower_prio_repeat: 'garpLowerPrioRepeat',
      } as const;
      this.draft[fields[keyword as keyof typeof fields]] = fixed;
    }
    this.noElectionEffect(words);
  }

  readNotify(words: Words): void {
    const [keyword, ...command] = words;
    if (command.length === 0) {
      if (keyword.text !== 'notify_deleted')
        this.r.warn(keyword.pos, `${keyword.text} in ${this.where} has no command, ignored`);
    } else if (this.lists.notifies.some((n) => n.kind === keyword.text)) {
      this.r.warn(keyword.pos, `${keyword.text} in ${this.where} is already set: keepalived ignores this one`);
      return;
    }
    this.lists.notifies.push({ kind: keyword.text, command: command.map((w) => w.text).join(' '), pos: keyword.pos });
    this.noElectionEffect(words);
  }

  /** vrrp_complete_instance: a unicast keyword without peers falls back to multicast. */
  finish(): ParsedInstance {
    if (this.unicastKeyword && this.peerCount === 0) {
      this.r.warn(this.draft.pos, `${this.where} has a unicast keyword but no unicast_peer: keepalived uses multicast`);
    }
    return { ...this.draft, ...this.lists, ...(this.notes.family === 'inet6' ? { ipv6: true } : {}) };
  }
}

/** Reads the block of `vrrp_instance NAME`; a second instance of the same name is skipped as keepalived does. */
export function readVrrpInstance(state: ConfState, words: Words): void {
  const { r } = state;
  const name = words[1];
  if (name === undefined || words.length !== 2) {
    r.warn(words[0].pos, 'vrrp_instance must have one name: keepalived skips this block');
    r.skipBlock();
    return;
  }
  const first = state.instanceNames.get(name.text);
  if (first !== undefined) {
    r.warn(
      name.pos,
      `duplicate vrrp_instance "${name.text}" (first defined on line ${first.line} of ${first.file}): keepalived skips this block`,
    );
    r.skipBlock();
    return;
  }
  state.instanceNames.set(name.text, name.pos);
  const where = `vrrp_instance ${name.text}`;
  const reader = new InstanceReader(state, where, {
    name: name.text,
    nopreempt: false,
    dontTrackPrimary: false,
    pos: name.pos,
  });
  r.readBlock({ label: where, pos: words[0].pos }, (inner) => reader.handle(inner));
  const instance = reader.finish();
  state.instances.push(instance);
  state.instanceNotes.set(instance, reader.notes);
}
