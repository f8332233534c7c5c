/** Reading one keyword's arguments the way keepalived 2.2.7's handlers do, with their fallbacks as warnings. */
import { isIPv4, isIPv6 } from 'node:net';
import type { ConfReader, Words } from './confReader.ts';
import type { ConfWord } from './readConfLines.ts';
import { type NumberRead, readDecimal, readInt, readUnsigned } from './readNumber.ts';
import type { ParsedKeyword, ParsedTrack } from './types.ts';

/** The notify keywords of a vrrp_instance; a vrrp_sync_group has the first five. */
export const NOTIFY_KEYWORDS: readonly string[] = [
  'notify',
  'notify_master',
  'notify_backup',
  'notify_fault',
  'notify_stop',
  'notify_deleted',
  'notify_master_rx_lower_pri',
];

/**
 * The argument a handler reads with strvec_slot(strvec, index): when it is missing keepalived
 * stops with "missing a parameter" (lib/parser.c null_strvec).
 */
export function requireArg(r: ConfReader, words: Words, index: number, expected: string, example: string): ConfWord {
  const word = words[index];
  if (word === undefined) {
    r.fail(words[0].pos, `${words[0].text} needs a value: ${expected}`, `write e.g. "${example}"`);
  }
  return word;
}

/** Extra words after what a keyword reads: keepalived ignores them without a word, vrrp-check says so. */
export function ignoreExtra(r: ConfReader, words: Words, used: number): void {
  const extra = words[used];
  if (extra !== undefined) r.warn(extra.pos, `extra argument "${extra.text}" after ${words[0].text} ignored`);
}

/** check_true_false() for `KEYWORD [true|false|on|off|yes|no]`; no value means true. */
export function readTrueFalse(r: ConfReader, words: Words, where: string): boolean | undefined {
  const value = words[1];
  if (value === undefined) return true;
  ignoreExtra(r, words, 2);
  if (['true', 'on', 'yes'].includes(value.text)) return true;
  if (['false', 'off', 'no'].includes(value.text)) return false;
  r.warn(
    value.pos,
    `invalid ${words[0].text} "${value.text}" in ${where}: must be true/false, on/off or yes/no; keepalived ignores it`,
  );
  return undefined;
}

/** A keyword kept as written. */
export function keptAsWritten(words: Words): ParsedKeyword {
  const [keyword, ...args] = words;
  return { keyword: keyword.text, args: args.map((a) => a.text), pos: keyword.pos };
}

/**
 * A number read by one of keepalived's readers: the value, or undefined after a warning that
 * names the rule and what keepalived does instead (`fallback`, e.g. "keeps the default 1 s").
 */
export function numberArg(
  r: ConfReader,
  word: ConfWord,
  keyword: string,
  where: string,
  read: NumberRead,
  rule: string,
  fallback: string,
): number | undefined {
  if (read.ok && !read.junk) return read.value;
  if (read.ok) {
    r.warn(
      word.pos,
      `"${word.text}" for ${keyword} in ${where} is not a plain number: keepalived reads it as ${read.value}`,
    );
    return read.value;
  }
  r.warn(word.pos, `invalid ${keyword} "${word.text}" in ${where}: ${rule}; keepalived ${fallback}`);
  return undefined;
}

export const read = { unsigned: readUnsigned, int: readInt, decimal: readDecimal };

/** Seconds with up to 6 decimals, as keepalived's read_decimal_unsigned_strvec gives them. */
export function secondsOf(micro: number): number {
  return micro / 1e6;
}

export type Family = 'inet' | 'inet6';

/** lib/utils.c inet_stosockaddr: what follows a "-" (a range) or else a "/" (a mask) is dropped, silently. */
export function sockaddrAddress(text: string): string {
  const cut = text.includes('-') ? text.indexOf('-') : text.indexOf('/');
  return cut < 0 ? text : text.slice(0, cut);
}

/** inet_pton's family for an address as keepalived guesses it (a ":" means IPv6), or undefined if invalid. */
export function addressFamily(text: string): Family | undefined {
  if (text.includes(':')) return isIPv6(text) ? 'inet6' : undefined;
  return isIPv4(text) ? 'inet' : undefined;
}

/** `NAME [weight N [reverse|noreverse]]` entries of track_script, track_interface, track_file, … (vrrp_track.c). */
export function readTrackEntry(
  r: ConfReader,
  entry: Words,
  block: string,
  where: string,
  min: number,
): ParsedTrack | undefined {
  const [name, option, value, direction] = entry;
  const base = { name: name.text, pos: name.pos };
  if (option === undefined) return base;
  if (option.text !== 'weight') {
    r.warn(
      option.pos,
      `unknown ${block} option "${option.text}" for "${name.text}" in ${where}: keepalived ignores the whole entry`,
    );
    return undefined;
  }
  if (value === undefined) {
    r.warn(
      option.pos,
      `weight without value for ${block} "${name.text}" in ${where}: keepalived ignores the whole entry`,
    );
    return undefined;
  }
  const weight = readInt(value.text, min, -min, true);
  let reverse: boolean | undefined;
  if (direction?.text === 'reverse') reverse = true;
  else if (direction?.text === 'noreverse' && block !== 'track_interface') reverse = false;
  else if (direction !== undefined) {
    r.warn(direction.pos, `unknown ${block} weight option "${direction.text}" for "${name.text}" in ${where}, ignored`);
  }
  ignoreExtra(r, entry, 4);
  const withReverse = reverse === undefined ? base : { ...base, reverse };
  if (!weight.ok) {
    r.warn(
      value.pos,
      `invalid weight "${value.text}" for ${block} "${name.text}" in ${where}: must be an integer from ${min} to ${-min}; keepalived ignores it`,
    );
    return withReverse;
  }
  return { ...withReverse, weight: weight.value };
}

/** How one numeric keyword is read: keepalived's reader, the rule as "must be …", and what keepalived does otherwise. */
export interface NumberSpec {
  readonly read: (text: string) => NumberRead;
  readonly rule: string;
  readonly example: string;
  readonly fallback: string;
}

/** `KEYWORD NUMBER`: the number, or undefined after a warning saying what keepalived does instead. */
export function numberKeyword(r: ConfReader, words: Words, where: string, spec: NumberSpec): number | undefined {
  const value = requireArg(r, words, 1, spec.rule.replace(/^must be /, ''), spec.example);
  ignoreExtra(r, words, 2);
  return numberArg(r, value, words[0].text, where, spec.read(value.text), spec.rule, spec.fallback);
}
