/** `vrrp_script NAME { … }` as keepalived 2.2.7 reads it (vrrp_parser.c vrrp_vscript_*_handler). */
import type { Words } from './confReader.ts';
import { type ConfState, type Draft, findByName } from './confState.ts';
import { ignoreExtra, numberKeyword, read, requireArg } from './confValues.ts';
import type { ParsedScript } from './types.ts';

/** keepalived's timers hold µs in an unsigned int: intervals and timeouts stop at UINT_MAX / TIMER_HZ s. */
const MAX_SECONDS = Math.floor(4294967295 / 1e6);
const INT_MAX = 2147483647;

export function readVrrpScript(state: ConfState, words: Words): void {
  const { r } = state;
  const name = requireArg(r, words, 1, 'a name', 'vrrp_script chk {');
  ignoreExtra(r, words, 2);
  const where = `vrrp_script ${name.text}`;
  const script: Draft<ParsedScript> = { name: name.text, initFail: false, pos: name.pos };

  /** interval and timeout: whole seconds; 0 becomes 1, an invalid value is ignored. */
  const seconds = (inner: Words, field: 'intervalSeconds' | 'timeoutSeconds'): void => {
    const keyword = inner[0].text;
    const n = numberKeyword(r, inner, where, {
      read: (text) => read.unsigned(text, 0, MAX_SECONDS, true),
      rule: `must be a whole number of seconds from 1 to ${MAX_SECONDS}`,
      example: `${keyword} 2`,
      fallback: 'ignores it',
    });
    if (n === 0) r.warn(inner[1]?.pos ?? inner[0].pos, `${keyword} 0 in ${where}: keepalived uses 1`);
    if (n !== undefined) script[field] = Math.max(1, n);
  };
  /** rise and fall: an invalid count is 1. */
  const count = (inner: Words, field: 'rise' | 'fall'): void => {
    script[field] =
      numberKeyword(r, inner, where, {
        read: (text) => read.unsigned(text, 1, INT_MAX, true),
        rule: 'must be a whole number from 1',
        example: `${field} 2`,
        fallback: 'uses 1',
      }) ?? 1;
  };

  r.readBlock({ label: where, pos: words[0].pos }, (inner) => {
    const keyword = inner[0].text;
    switch (keyword) {
      case 'script':
        // the rest of the line is the command; keepalived splits it into argv itself
        if (inner.length > 1)
          script.script = inner
            .slice(1)
            .map((w) => w.text)
            .join(' ');
        return 'done';
      case 'interval':
        seconds(inner, 'intervalSeconds');
        return 'done';
      case 'timeout':
        seconds(inner, 'timeoutSeconds');
        return 'done';
      case 'weight': {
        const value = requireArg(r, inner, 1, 'an integer from -253 to 253', 'weight 10');
        const weight = read.int(value.text, -253, 253, true);
        // vrrp_vscript_weight_handler keeps strtol's value even when it reports it out of range
        if (!weight.ok || weight.junk) {
          r.warn(
            value.pos,
            `invalid weight "${value.text}" in ${where}: must be an integer from -253 to 253; keepalived uses ${weight.value}`,
          );
        }
        script.weight = weight.value;
        const option = inner[2];
        if (option?.text === 'reverse') {
          script.weightReverse = true;
        } else if (option !== undefined) {
          r.warn(option.pos, `unknown weight option "${option.text}" in ${where}, ignored as keepalived does`);
        }
        ignoreExtra(r, inner, 3);
        return 'done';
      }
      case 'rise':
      case 'fall':
        count(inner, keyword);
        return 'done';
      case 'user':
        script.user = requireArg(r, inner, 1, 'a user name', 'user nobody').text.concat(
          inner[2] === undefined ? '' : ` ${inner[2].text}`,
        );
        r.warn(inner[0].pos, `"user" in ${where} is not modelled (vrrp-check never runs the script)`);
        return 'done';
      case 'init_fail':
        ignoreExtra(r, inner, 1);
        script.initFail = true;
        return 'done';
      default:
        return 'unknown';
    }
  });

  // vrrp_vscript_end_handler: a script without a command is removed
  if (script.script === undefined) {
    r.warn(name.pos, `${where} has no "script" line: keepalived removes it, and tracking it has no effect`);
    return;
  }
  const first = findByName(state.scripts, name.text);
  if (first !== undefined) {
    r.warn(
      name.pos,
      `duplicate vrrp_script "${name.text}" (first defined on line ${first.pos.line} of ${first.pos.file}): keepalived keeps both but every track_script finds the first, so this one is never used`,
    );
    return;
  }
  state.scripts.push(script);
}
