/** `global_defs { … }` as keepalived 2.2.7 reads it (keepalived/core/global_parser.c). */
import type { Words } from './confReader.ts';
import type { ConfState } from './confState.ts';
import {
  addressFamily,
  ignoreExtra,
  keptAsWritten,
  numberKeyword,
  read,
  readTrueFalse,
  requireArg,
  secondsOf,
  sockaddrAddress,
} from './confValues.ts';

/** global_defs keywords keepalived knows that do not touch VRRP elections: kept as written, with a warning. */
const OTHER_KEYWORDS = new Set(
  `process_names process_name vrrp_process_name checker_process_name lvs_process_name bfd_process_name
  notification_email_from smtp_server smtp_helo_name smtp_connect_timeout smtp_alert startup_script
  startup_script_timeout shutdown_script shutdown_script_timeout max_auto_priority min_auto_priority_delay
  smtp_alert_vrrp smtp_alert_checker checker_log_all_failures no_email_faults default_interface
  disable_local_igmp lvs_timeouts lvs_flush lvs_flush_on_stop lvs_flush_onstop lvs_sync_daemon vrrp_mcast_group6
  vrrp_garp_extra_if vrrp_vmac_garp_intvl vrrp_iptables vrrp_ipsets nftables nftables_priority nftables_ifindex
  nftables_ipvs nftables_ipvs_priority nftables_ipvs_start_fwmark nftables_counters vrrp_priority vrrp_no_swap
  vrrp_rt_priority vrrp_cpu_affinity vrrp_rlimit_rttime vrrp_rlimit_rtime notify_fifo notify_fifo_script
  vrrp_notify_fifo vrrp_notify_fifo_script vrrp_notify_priority_changes fifo_write_vrrp_states_on_reload
  lvs_notify_fifo lvs_notify_fifo_script checker_priority checker_no_swap checker_rt_priority checker_cpu_affinity
  checker_rlimit_rttime checker_rlimit_rtime bfd_priority bfd_no_swap bfd_rt_priority bfd_cpu_affinity
  bfd_rlimit_rttime bfd_rlimit_rtime snmp_socket enable_traps enable_snmp_vrrp enable_snmp_keepalived
  enable_snmp_rfc enable_snmp_rfcv2 enable_snmp_rfcv3 enable_snmp_checker enable_dbus dbus_service_name
  vrrp_netlink_cmd_rcv_bufs vrrp_netlink_cmd_rcv_bufs_force vrrp_netlink_monitor_rcv_bufs
  vrrp_netlink_monitor_rcv_bufs_force process_monitor_rcv_bufs process_monitor_rcv_bufs_force
  lvs_netlink_cmd_rcv_bufs lvs_netlink_cmd_rcv_bufs_force lvs_netlink_monitor_rcv_bufs
  lvs_netlink_monitor_rcv_bufs_force rs_init_notifies no_checker_emails vrrp_rx_bufs_policy
  vrrp_rx_bufs_multiplier log_unknown_vrids vmac_prefix vmac_addr_prefix umask random_seed reload_check_config
  reload_time_file reload_repeat reload_file include_check config_save_dir tmp_config_directory data_use_instance`.split(
    /\s+/,
  ),
);

/** Whole-second garp settings (µs timers in an unsigned int) and repeat counts (0 becomes 1). */
const GARP_SECONDS = {
  vrrp_garp_master_delay: 'vrrpGarpMasterDelaySeconds',
  vrrp_garp_master_refresh: 'vrrpGarpMasterRefreshSeconds',
  vrrp_garp_lower_prio_delay: 'vrrpGarpLowerPrioDelaySeconds',
} as const;
const GARP_REPEATS = {
  vrrp_garp_master_repeat: 'vrrpGarpMasterRepeat',
  vrrp_garp_master_refresh_repeat: 'vrrpGarpMasterRefreshRepeat',
  vrrp_garp_lower_prio_repeat: 'vrrpGarpLowerPrioRepeat',
} as const;
const GARP_INTERVALS = {
  vrrp_garp_interval: 'vrrpGarpIntervalSeconds',
  vrrp_gna_interval: 'vrrpGnaIntervalSeconds',
} as const;

export function readGlobalDefs(state: ConfState, words: Words): void {
  const { r } = state;
  const g = state.globalDefs;
  const where = 'global_defs';
  ignoreExtra(r, words, 1);
  const notYet = (inner: Words, effect: string) =>
    r.warn(
      inner[0].pos,
      `"${inner[0].text}" in global_defs is not modelled yet (${effect}): vrrp-check runs without it`,
    );
  const unsigned = (inner: Words, min: number, max: number, example: string): number | undefined =>
    numberKeyword(r, inner, where, {
      read: (text) => read.unsigned(text, min, max, true),
      rule: `must be a whole number from ${min} to ${max}`,
      example,
      fallback: 'ignores it',
    });
  const seconds = (inner: Words, min: number, example: string): number | undefined => {
    const micro = numberKeyword(r, inner, where, {
      read: (text) => read.decimal(text, min, 4294967295, true),
      rule: `must be a number of seconds from ${min / 1e6}`,
      example,
      fallback: 'ignores it',
    });
    return micro === undefined ? undefined : secondsOf(micro);
  };

  r.readBlock({ label: where, pos: words[0].pos }, (inner) => {
    const keyword = inner[0].text;
    if (keyword in GARP_SECONDS) {
      const n = unsigned(inner, 0, Math.floor(4294967295 / 1e6), `${keyword} 5`);
      if (n !== undefined) g[GARP_SECONDS[keyword as keyof typeof GARP_SECONDS]] = n;
      r.warn(inner[0].pos, `"${keyword}" in global_defs does not change VRRP elections, not modelled`);
      return 'done';
    }
    if (keyword in GARP_REPEATS) {
      const n = unsigned(inner, 0, 4294967295, `${keyword} 5`);
      if (n !== undefined)
        g[GARP_REPEATS[keyword as keyof typeof GARP_REPEATS]] =
          n === 0 && keyword !== 'vrrp_garp_lower_prio_repeat' ? 1 : n;
      r.warn(inner[0].pos, `"${keyword}" in global_defs does not change VRRP elections, not modelled`);
      return 'done';
    }
    if (keyword in GARP_INTERVALS) {
      const interval = seconds(inner, 1, `${keyword} 0.001`);
      if (interval !== undefined) g[GARP_INTERVALS[keyword as keyof typeof GARP_INTERVALS]] = interval;
      r.warn(inner[0].pos, `"${keyword}" in global_defs does not change VRRP elections, not modelled`);
      return 'done';
    }
    switch (keyword) {
      case 'router_id': {
        // routerid_handler: without a value it is ignored
        const value = inner[1];
        if (value === undefined) r.warn(inner[0].pos, 'router_id without a name: keepalived ignores it');
        else g.routerId = value.text;
        ignoreExtra(r, inner, 2);
        return 'done';
      }
      case 'vrrp_startup_delay': {
        const delay = seconds(inner, 1000, 'vrrp_startup_delay 5');
        if (delay !== undefined) g.vrrpStartupDelaySeconds = delay;
        return 'done';
      }
      case 'vrrp_version': {
        const value = requireArg(r, inner, 1, '2 or 3', 'vrrp_version 2');
        ignoreExtra(r, inner, 2);
        const version = read.int(value.text, 2, 3, true);
        if (version.ok && (version.value === 2 || version.value === 3)) g.vrrpVersion = version.value;
        else r.warn(value.pos, `invalid vrrp_version "${value.text}": must be 2 or 3; keepalived ignores it`);
        if (g.vrrpVersion === 3) notYet(inner, 'VRRPv3 adverts and centisecond intervals');
        return 'done';
      }
      case 'vrrp_strict':
        ignoreExtra(r, inner, 1);
        g.vrrpStrict = true;
        return 'done';
      case 'vrrp_higher_prio_send_advert':
      case 'vrrp_lower_prio_no_advert': {
        const value = readTrueFalse(r, inner, where);
        if (value !== undefined)
          g[keyword === 'vrrp_lower_prio_no_advert' ? 'vrrpLowerPrioNoAdvert' : 'vrrpHigherPrioSendAdvert'] = value;
        return 'done';
      }
      case 'vrrp_skip_check_adv_addr':
      case 'vrrp_check_unicast_src':
        ignoreExtra(r, inner, 1);
        g[keyword === 'vrrp_skip_check_adv_addr' ? 'vrrpSkipCheckAdvAddr' : 'vrrpCheckUnicastSrc'] = true;
        notYet(inner, 'it changes which adverts a router accepts');
        return 'done';
      case 'vrrp_min_garp': {
        const value = readTrueFalse(r, inner, where);
        if (value === true) g.vrrpMinGarp = true;
        r.warn(inner[0].pos, `"${keyword}" in global_defs does not change VRRP elections, not modelled`);
        return 'done';
      }
      case 'vrrp_down_timer_adverts': {
        const n = unsigned(inner, 1, 100, 'vrrp_down_timer_adverts 3');
        if (n !== undefined) g.vrrpDownTimerAdverts = n;
        notYet(inner, 'it changes the master-down interval');
        return 'done';
      }
      case 'vrrp_mcast_group4': {
        const value = requireArg(r, inner, 1, 'an IPv4 multicast address', 'vrrp_mcast_group4 224.0.0.18');
        ignoreExtra(r, inner, 2);
        const address = sockaddrAddress(value.text);
        const first = Number(address.split('.')[0]);
        if (addressFamily(address) === 'inet' && first >= 224 && first <= 239) g.vrrpMcastGroup4 = address;
        else
          r.warn(value.pos, `vrrp_mcast_group4 "${value.text}" is not an IPv4 multicast address: keepalived skips it`);
        notYet(inner, 'routers on other multicast groups do not hear each other');
        return 'done';
      }
      case 'dynamic_interfaces':
        g.dynamicInterfaces = true;
        g.other.push(keptAsWritten(inner));
        r.warn(
          inner[0].pos,
          '"dynamic_interfaces" in global_defs is not modelled (vrrp-check assumes every interface exists)',
        );
        return 'done';
      case 'script_user':
        g.scriptUser = requireArg(r, inner, 1, 'a user name', 'script_user keepalived_script').text;
        r.warn(inner[0].pos, '"script_user" in global_defs is not modelled (vrrp-check never runs scripts)');
        return 'done';
      case 'enable_script_security':
        g.enableScriptSecurity = true;
        r.warn(inner[0].pos, '"enable_script_security" in global_defs is not modelled (vrrp-check never runs scripts)');
        return 'done';
      case 'notification_email': {
        const entries = r.readValueBlock(inner);
        g.other.push({ keyword, args: entries.flatMap((e) => e.map((w) => w.text)), pos: inner[0].pos });
        r.warn(inner[0].pos, `"${keyword}" in global_defs does not change VRRP elections, not modelled`);
        return 'done';
      }
      default:
        if (!OTHER_KEYWORDS.has(keyword)) return 'unknown';
        g.other.push(keptAsWritten(inner));
        r.warn(inner[0].pos, `"${keyword}" in global_defs does not change VRRP elections, not modelled`);
        return 'done';
    }
  });
}
