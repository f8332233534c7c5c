import type { KeepalivedConf, SourcePos } from '../config/types.ts';

// What writeConformConf writes of the parsed config, and what it may leave out because it does
// not change an election (notify commands, GARP timing, routes, unknown harmless keywords: the
// model ignores them and so does the live run). A field outside both lists (the reader learns new
// keywords) would make the live run differ from the model in silence, so a config that sets one
// is refused.
const CONF_FIELDS = new Set([
  'file',
  'routerId',
  'globalDefs',
  'scripts',
  'instances',
  'sources',
  'text',
  'warnings',
]);
const GLOBAL_FIELDS = new Set([
  'routerId',
  'scriptUser',
  'enableScriptSecurity',
  'vrrpGarpMasterDelaySeconds',
  'vrrpGarpMasterRepeat',
  'vrrpGarpMasterRefreshSeconds',
  'vrrpGarpMasterRefreshRepeat',
  'vrrpGarpLowerPrioDelaySeconds',
  'vrrpGarpLowerPrioRepeat',
  'vrrpGarpIntervalSeconds',
  'vrrpGnaIntervalSeconds',
  'vrrpMinGarp',
  'dynamicInterfaces',
  'other',
]);
const SCRIPT_FIELDS = new Set([
  'name',
  'script',
  'intervalSeconds',
  'timeoutSeconds',
  'weight',
  'rise',
  'fall',
  'initFail',
  'user',
  'pos',
]);
const INSTANCE_FIELDS = new Set([
  'name',
  'state',
  'interface',
  'virtualRouterId',
  'priority',
  'advertIntSeconds',
  'nopreempt',
  'preemptDelaySeconds',
  'dontTrackPrimary',
  'trackScripts',
  'trackInterfaces',
  'virtualIpAddresses',
  'virtualIpAddressesExcluded',
  'virtualRoutes',
  'virtualRules',
  'unicastSrcIp',
  'unicastPeers',
  'peers',
  'unicastTtl',
  'accept',
  'skipCheckAdvAddr',
  'garpMasterDelaySeconds',
  'garpMasterRepeat',
  'garpMasterRefreshSeconds',
  'garpMasterRefreshRepeat',
  'garpLowerPrioDelaySeconds',
  'garpLowerPrioRepeat',
  'notifies',
  'smtpAlert',
  'authentication',
  'unmodelled',
  'pos',
]);

export interface UnwrittenField {
  readonly field: string;
  readonly where: string;
  readonly pos: SourcePos;
}

/** The first field of a parsed config that is set and that conform's writer does not write, or null. */
export function unwrittenField(conf: KeepalivedConf): UnwrittenField | null {
  const checks: [object, ReadonlySet<string>, string, SourcePos][] = [
    [conf, CONF_FIELDS, 'the config', { file: conf.file, line: 1, col: 1 }],
    [conf.globalDefs, GLOBAL_FIELDS, 'global_defs', { file: conf.file, line: 1, col: 1 }],
    ...conf.scripts.map((s): [object, ReadonlySet<string>, string, SourcePos] => [
      s,
      SCRIPT_FIELDS,
      `vrrp_script ${s.name}`,
      s.pos,
    ]),
    ...conf.instances.map((i): [object, ReadonlySet<string>, string, SourcePos] => [
      i,
      INSTANCE_FIELDS,
      `vrrp_instance ${i.name}`,
      i.pos,
    ]),
  ];
  for (const [value, known, where, pos] of checks) {
    for (const [field, content] of Object.entries(value)) {
      const unset = content === undefined || content === false || (Array.isArray(content) && content.length === 0);
      if (!known.has(field) && !unset) return { field, where, pos };
    }
  }
  return null;
}
