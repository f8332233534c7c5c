/** A one-instance router as the generators describe it. */
export interface RouterDescription {
  readonly routerId: string;
  readonly state: 'MASTER' | 'BACKUP';
  readonly priority: number;
  readonly advertInt: number;
  readonly nopreempt: boolean;
  readonly preemptDelay: number;
  readonly scripts: readonly {
    readonly name: string;
    readonly weight: number;
    readonly rise: number;
    readonly fall: number;
    readonly interval: number;
  }[];
  /** Extra tracked interfaces with their weights. */
  readonly trackInterfaces: readonly { readonly name: string; readonly weight: number }[];
  readonly vip: string;
  readonly vrid: number;
}

/**
 * keepalived.conf text for a generated router. Its scripts are placeholders: vrrp-check never runs
 * them, their outcomes come from the scenario.
 */
export function writeKeepalivedConf(d: RouterDescription): string {
  const lines: string[] = ['global_defs {', `    router_id ${d.routerId}`, '}'];
  for (const s of d.scripts) {
    lines.push(
      `vrrp_script ${s.name} {`,
      `    script "/etc/keepalived/${s.name}.sh"`,
      `    interval ${s.interval}`,
      `    weight ${s.weight}`,
      `    rise ${s.rise}`,
      `    fall ${s.fall}`,
      '}',
    );
  }
  lines.push(
    'vrrp_instance VI_1 {',
    `    state ${d.state}`,
    '    interface eth0',
    `    virtual_router_id ${d.vrid}`,
    `    priority ${d.priority}`,
    `    advert_int ${d.advertInt}`,
  );
  if (d.nopreempt) lines.push('    nopreempt');
  if (d.preemptDelay > 0) lines.push(`    preempt_delay ${d.preemptDelay}`);
  lines.push('    virtual_ipaddress {', `        ${d.vip}`, '    }');
  if (d.trackInterfaces.length > 0) {
    lines.push(
      '    track_interface {',
      ...d.trackInterfaces.map((t) => `        ${t.name} weight ${t.weight}`),
      '    }',
    );
  }
  if (d.scripts.length > 0) lines.push('    track_script {', ...d.scripts.map((s) => `        ${s.name}`), '    }');
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
