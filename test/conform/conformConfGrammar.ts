/**
 * The lines a conform config may hold, written here independently of the writer: each line is
 * one of these shapes, so that nothing else, whatever the user's file held, can be in it.
 * Returns the lines that fit none (empty when the text is clean).
 */
export function conformConfGrammar(text: string): string[] {
  const name = '[A-Za-z0-9_][A-Za-z0-9_.:-]*';
  const ip = '\\d{1,3}(?:\\.\\d{1,3}){3}';
  const shapes = [
    /^global_defs \{$/,
    /^ {4}router_id [A-Za-z0-9_.-]+$/,
    /^ {4}enable_script_security$/,
    /^ {4}script_user root$/,
    new RegExp(`^vrrp_script ${name} \\{$`),
    // a script name may hold ":" (a plain character to keepalived's argv split and to the kernel)
    /^ {4}script "\/usr\/bin\/test -f \/[A-Za-z0-9_./:-]+\.flag"$/,
    /^ {4}(?:interval|timeout|weight|rise|fall) -?\d+$/,
    /^ {4}weight -?\d+ reverse$/,
    /^ {4}vrrp_startup_delay \d+(?:\.\d+)?$/,
    /^ {4}(?:vrrp_)?(?:lower_prio_no_advert|higher_prio_send_advert) (?:true|false)$/,
    new RegExp(`^vrrp_sync_group ${name} \\{$`),
    /^ {4}group \{$/,
    /^ {4}(?:sync_group_tracking_weight|global_tracking)$/,
    /^ {4}init_fail$/,
    new RegExp(`^vrrp_instance ${name} \\{$`),
    /^ {4}state (?:MASTER|BACKUP)$/,
    /^ {4}interface [A-Za-z0-9_.-]+$/,
    /^ {4}(?:virtual_router_id|priority|advert_int) \d+$/,
    /^ {4}preempt_delay \d+(?:\.\d+)?$/,
    /^ {4}(?:nopreempt|dont_track_primary)$/,
    /^ {4}(?:track_interface|track_script|virtual_ipaddress|unicast_peer) \{$/,
    new RegExp(`^ {8}${name}(?: weight -?\\d+(?: reverse)?)?$`),
    new RegExp(`^ {8}${ip}(?:/\\d{1,2})?$`),
    new RegExp(`^ {4}unicast_src_ip ${ip}$`),
    /^ {4}authentication \{$/,
    /^ {8}auth_type PASS$/,
    /^ {8}auth_pass [0-9a-f]{8}$/,
    /^ {4}\}$/,
    /^\}$/,
  ];
  const lines = text.split('\n');
  if (lines.pop() !== '') return ['(no final newline)'];
  return lines.filter((line) => !shapes.some((shape) => shape.test(line)) || /^ {8}include/i.test(line));
}
