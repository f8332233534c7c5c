import fc from 'fast-check';

/** One edit of a text; positions are taken modulo the text's length when applied. */
type Edit =
  | { readonly kind: 'insert'; readonly at: number; readonly word: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replaceWord'; readonly at: number; readonly word: string }
  | { readonly kind: 'duplicateLine' | 'deleteLine' | 'swapLines'; readonly at: number; readonly other: number }
  | { readonly kind: 'truncate'; readonly at: number };

/**
 * Words that keepalived's reader, vrrp-check's parser or the terminal give a meaning to, and
 * numbers on and beyond every range's edge: the mutations insert them anywhere.
 */
export const confDictionary: readonly string[] = [
  '{',
  '}',
  '"',
  '""',
  '#',
  '!',
  '\n',
  ' ',
  '\t',
  '\r',
  '\\',
  '@A ',
  '@^B ',
  '$X=',
  '$X',
  '$' + '{X}', // keepalived's ${NAME} use, written so that it is no template
  '~SEQ(n,1,3)',
  'include ',
  'includer ',
  'includea /tmp/x',
  'startup_script "/usr/bin/touch /tmp/vrrp-check-fuzz"',
  'notify_master "/bin/x"',
  'script "/bin/x"',
  'vrrp_script',
  'vrrp_instance',
  'global_defs',
  'vrrp_sync_group',
  'track_script',
  'track_interface',
  'virtual_ipaddress',
  'unicast_peer',
  'unicast_src_ip',
  'interface',
  'state',
  'MASTER',
  'BACKUP',
  'priority',
  'virtual_router_id',
  'advert_int',
  'nopreempt',
  'preempt',
  'preempt_delay',
  'weight',
  'reverse',
  'rise',
  'fall',
  'interval',
  'timeout',
  'init_fail',
  'user',
  'dont_track_primary',
  '0',
  '1',
  '-1',
  '253',
  '254',
  '255',
  '256',
  '1000',
  '1001',
  '4294',
  '4295',
  '2147483648',
  '1.5',
  '0.5',
  '.5',
  '1e3',
  '-0',
  '+5',
  '99999999999999999999999',
  'NaN',
  'Infinity',
  '10.99.0.100/24',
  '10.99.0.1',
  '300.1.1.1',
  '10.0.0.1/33',
  '::1',
  'fe80::1/64',
  'eth0',
  'eth1',
  'lo',
  'eth0123456789abcdef',
  'VI_1',
  'chk',
  '\x1b[31m',
  '\x1b]0;t\x07',
  '\x00',
  '\x7f',
  '\u0085',
  '\u202e',
  '\u2028',
  'é',
  '😀',
];

/** Mutated copies of `seeds`: up to `maxEdits` insertions, deletions and line edits each. */
export function mutatedText(
  seeds: readonly string[],
  dictionary: readonly string[],
  maxEdits = 6,
): fc.Arbitrary<string> {
  const at = fc.nat({ max: 1_000_000 });
  const word = fc.oneof(
    { arbitrary: fc.constantFrom(...dictionary), weight: 4 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
  );
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at, word }),
    fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('replaceWord' as const), at, word }),
    fc.record({ kind: fc.constantFrom('duplicateLine', 'deleteLine', 'swapLines'), at, other: at }),
    fc.record({ kind: fc.constant('truncate' as const), at }),
  );
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: maxEdits }))
    .map(([seed, edits]) => edits.reduce(apply, seed));
}

function apply(text: string, edit: Edit): string {
  const n = text.length + 1;
  switch (edit.kind) {
    case 'insert': {
      const i = edit.at % n;
      return text.slice(0, i) + edit.word + text.slice(i);
    }
    case 'delete': {
      const i = edit.at % n;
      return text.slice(0, i) + text.slice(i + edit.length);
    }
    case 'replaceWord': {
      // the word (run of non-space) around the position
      const i = edit.at % n;
      const start = text.slice(0, i).search(/\S*$/);
      const end = i + (text.slice(i).match(/^\S*/)?.[0].length ?? 0);
      return text.slice(0, start) + edit.word + text.slice(end);
    }
    case 'truncate':
      return text.slice(0, edit.at % n);
    default: {
      const lines = text.split('\n');
      const i = edit.at % lines.length;
      const j = edit.other % lines.length;
      if (edit.kind === 'duplicateLine') lines.splice(i, 0, lines[i] ?? '');
      else if (edit.kind === 'deleteLine') lines.splice(i, 1);
      else [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('\n');
    }
  }
}
