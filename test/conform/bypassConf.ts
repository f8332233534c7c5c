/**
 * A keepalived.conf holding every way found (issue 13) to make keepalived 2.2.7 run a command
 * that a conform run must never run. Each command touches `${mark}-<what>`, so a test sees which
 * ran. Every one of them is read by vrrp-check's parser (and ignored with a warning), so a
 * scenario with this config reaches conform's config writer.
 */
export function bypassConf(router: string, mark: string, includeDir: string): string {
  const touch = (what: string) => `"/usr/bin/touch ${mark}-${what}"`;
  return `$PWN=notify_master ${touch('definition')}
$PWNSCRIPT=${touch('definition-script')}
global_defs {
    router_id ${router}
    startup_script ${touch('startup')}
    shutdown_script ${touch('shutdown')}
    @${router} startup_script ${touch('at-startup')}
}
includer ${includeDir}/r.conf
includem ${includeDir}/m.conf
includew ${includeDir}/w.conf
includeb ${includeDir}/b.conf
includea ${includeDir}/a.conf
include ${includeDir}/plain.conf
vrrp_script oneline { script ${touch('one-line-script')} }
vrrp_script chk {
    script ${touch('script')}
    interval 1
    user root
} vrrp_notify_fifo_script ${touch('after-brace')}
vrrp_script defined {
    script $PWNSCRIPT
    interval 1
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    @${router} notify_backup ${touch('at-backup')}
    @^nobody notify ${touch('at-not')}
    $PWN
    notify_master ${touch('notify-master')}
    notify_backup ${touch('notify-backup')}
    notify_stop ${touch('notify-stop')}
    virtual_ipaddress { 10.99.0.100/24 } notify_fault ${touch('after-vip-brace')}
    track_script {
        oneline
        chk
        defined
    }
}
`;
}

/**
 * The files the `include*` lines of bypassConf name: each adds an instance whose entry to BACKUP
 * at start-up runs a notify script.
 */
export function bypassIncludes(mark: string): Record<string, string> {
  const files: Record<string, string> = {};
  ['r', 'm', 'w', 'b', 'a', 'plain'].forEach((kind, i) => {
    files[`${kind}.conf`] = `vrrp_instance INC_${kind} {
    interface eth0
    virtual_router_id ${200 + i}
    notify_backup "/usr/bin/touch ${mark}-include-${kind}"
    virtual_ipaddress {
        10.99.0.${200 + i}/24
    }
}
`;
  });
  return files;
}

/** Words of bypassConf that must never reach a config conform writes. */
export const userCommandWords = [
  'touch',
  'pwned',
  'startup_script',
  'shutdown_script',
  'include',
  'notify',
  'fifo',
  '$',
  '@',
  '~',
] as const;
