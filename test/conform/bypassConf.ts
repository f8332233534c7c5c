import { join } from 'node:path';
import type { IncludeHost } from '../../src/config/includeHost.ts';

/**
 * The ways found (issue 13) to make keepalived 2.2.7 run a command, or create a file, that a
 * conform run must never run or create. Each command touches `${mark}-<what>`, so a test sees
 * which ran. They come in two parts: what vrrp-check's reader accepts (acceptedBypassConf), which
 * conform's writer must keep out of the config it gives keepalived, and what the reader refuses
 * outright (refusedBypasses), which must stop every command with one line naming its place.
 */
const touch = (mark: string, what: string) => `"/usr/bin/touch ${mark}-${what}"`;

/**
 * A keepalived.conf holding every bypass the reader accepts: `$NAME=` definitions and their uses
 * (substituted), startup and shutdown scripts, a notify FIFO, the six `include` forms (each file
 * an instance with a notify script), a one-line `vrrp_script`, a script's `user`, text after a
 * `}`, notify scripts, an untracked `track_file` that keepalived would create, and a password.
 */
export function acceptedBypassConf(router: string, mark: string, includeDir: string): string {
  const t = (what: string) => touch(mark, what);
  return `$PWN=notify_master ${t('definition')}
$PWNSCRIPT=${t('definition-script')}
global_defs {
    router_id ${router}
    startup_script ${t('startup')}
    shutdown_script ${t('shutdown')}
    vrrp_notify_fifo ${mark}-fifo
    vrrp_notify_fifo_script ${t('fifo-script')}
}
includer ${includeDir}/r.conf
includem ${includeDir}/m.conf
includew ${includeDir}/w.conf
includeb ${includeDir}/b.conf
includea ${includeDir}/a.conf
include ${includeDir}/plain.conf
vrrp_script oneline { script ${t('one-line-script')} }
vrrp_script chk {
    script ${t('script')}
    interval 1
    user root
} vrrp_notify_fifo_script ${t('after-brace')}
vrrp_script defined {
    script $PWNSCRIPT
    interval 1
}
track_file pwned_file {
    file ${mark}-track-file
    init_file 0 overwrite
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    $PWN
    notify_master ${t('notify-master')}
    notify_backup ${t('notify-backup')}
    notify_stop ${t('notify-stop')}
    notify ${t('notify')}
    notify_master_rx_lower_pri ${t('notify-lower')}
    virtual_ipaddress { 10.99.0.100/24 } notify_fault ${t('after-vip-brace')}
    track_script {
        oneline
        chk
        defined
    }
    authentication {
        auth_type PASS
        auth_pass pwned-pw
    }
}
`;
}

/**
 * The files the `include*` lines of acceptedBypassConf name: each adds an instance whose entry
 * to BACKUP at start-up runs a notify script.
 */
export function bypassIncludes(mark: string): Record<string, string> {
  const files: Record<string, string> = {};
  ['r', 'm', 'w', 'b', 'a', 'plain'].forEach((kind, i) => {
    files[`${kind}.conf`] = `vrrp_instance INC_${kind} {
    interface eth0
    virtual_router_id ${200 + i}
    notify_backup ${touch(mark, `include-${kind}`)}
    virtual_ipaddress {
        10.99.0.${200 + i}/24
    }
}
`;
  });
  return files;
}

/** bypassIncludes(mark) as the files of `dir`, for the reader, without touching the disk. */
export function bypassIncludeHost(mark: string, dir: string): IncludeHost {
  const files = new Map(Object.entries(bypassIncludes(mark)).map(([name, text]) => [join(dir, name), text]));
  return {
    list: (path) => (path === dir ? [...files.keys()].map((file) => file.slice(dir.length + 1)) : undefined),
    stat: (path) => (files.has(path) ? { directory: false, readable: true } : undefined),
    read: (path) => files.get(path),
  };
}

export interface RefusedBypass {
  readonly what: string;
  readonly text: string;
  /** `LINE:COL` of the refusal in the file. */
  readonly at: string;
  readonly message: RegExp;
}

/** An instance with `line` in it, on line 7 of its file. */
const withLine = (router: string, line: string) => `global_defs {
    router_id ${router}
}
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
${line}
    virtual_ipaddress {
        10.99.0.100/24
    }
}
`;

/** Each bypass the reader refuses outright, in a config of its own, with where and why it is refused. */
export function refusedBypasses(router: string, mark: string): readonly RefusedBypass[] {
  const t = (what: string) => touch(mark, what);
  const prefix = /line prefix "@[^"]*" makes the line apply only on the host whose keepalived config id matches/;
  return [
    {
      what: `an @${router} line (conform passes -i ROUTER, so it would apply)`,
      text: withLine(router, `    @${router} notify_master ${t('at-router')}`),
      at: '7:5',
      message: prefix,
    },
    {
      what: 'an @^other line',
      text: withLine(router, `    @^nobody notify ${t('at-not')}`),
      at: '7:5',
      message: prefix,
    },
    {
      what: 'an @ line in global_defs',
      text: withLine(router, '').replace(`    router_id ${router}`, `    @${router} startup_script ${t('at-startup')}`),
      at: '2:5',
      message: prefix,
    },
    {
      what: '$_RANDOM, which only keepalived can draw',
      text: withLine(router, `    notify_master /usr/bin/touch ${mark}-random $_RANDOM`),
      at: `7:${`    notify_master /usr/bin/touch ${mark}-random `.length + 1}`,
      message: /"\$_RANDOM" depends on how keepalived is started/,
    },
    {
      what: "$_INSTANCE in braces, keepalived's own instance name",
      text: withLine(router, `    notify_master "/usr/bin/touch ${mark}-\${_INSTANCE}"`),
      at: `7:${`    notify_master "/usr/bin/touch ${mark}-`.length + 1}`,
      message: /"\$_INSTANCE" depends on how keepalived is started/,
    },
    {
      what: 'a ~SEQ line generator',
      text: withLine(router, `    ~SEQ(n,1,3) notify_master ${t('seq')}`),
      at: '7:5',
      message: /~SEQ \(keepalived's line generator\) is not supported/,
    },
    {
      what: 'a multi-line $NAME= definition',
      text: `$PWN=notify_master \\\n${t('multi-line')}\n${withLine(router, '    $PWN')}`,
      at: '1:1',
      message: /multi-line definition "\$PWN"/,
    },
    {
      what: 'a $NAME used and never defined',
      text: withLine(router, '    $PWN'),
      at: '7:5',
      message: /this file looks like a template \("\$PWN" is a placeholder\)/,
    },
  ];
}

/** Words of the bypass configs that must never reach a config conform writes. */
export const userCommandWords = [
  'touch',
  'pwned',
  'startup_script',
  'shutdown_script',
  'include',
  'notify',
  'fifo',
  'track_file',
  'init_file',
  '$',
  '@',
  '~',
] as const;
