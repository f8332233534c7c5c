import type { KeepalivedConf, SourcePos } from '../config/types.ts';

// What writeConformConf writes of the parsed config. A field it does not know (the reader learns
// new keywords) would be left out of the live run, so a config that sets one is refused.
const CONF_FIELDS = new Set(['file', 'routerId', 'scripts', 'instances', 'warnings']);
const SCRIPT_FIELDS = new Set([
  'name',
  'script',
  'intervalSeconds',
  'timeoutSeconds',
  'weight',
  'rise',
  'fall',
  'initFail',
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
  'unicastSrcIp',
  'unicastPeers',
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
