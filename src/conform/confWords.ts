/**
 * The words a conform config may contain, each checked against the narrowest pattern that
 * keepalived reads as plain data. None can hold what keepalived's reader gives a meaning of its
 * own (lib/parser.c read_line and its callers): a `{`, `}` or `"`, a comment (`#`, `!`), a
 * `$NAME` definition or use, an `@ID` line prefix, a `~SEQ`, a backslash, white space, or a
 * line starting with `include` (check_include).
 */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/;

/** A vrrp_instance or vrrp_script name, a router name. */
export function isSafeName(word: string): boolean {
  return NAME.test(word) && !/^include/i.test(word);
}

/** A Linux interface name keepalived can use: IFNAMSIZ − 1 characters, not "." or "..", not lo. */
export function isSafeInterface(word: string): boolean {
  return /^[A-Za-z0-9_.-]{1,15}$/.test(word) && word !== '.' && word !== '..' && word !== 'lo' && isSafeName(word);
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const IPV4_PREFIX = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}(?:/(?:3[0-2]|[12]?\\d))?$`);

/** An IPv4 address, with a /prefix where `withPrefix`. */
export function isSafeAddress(word: string, withPrefix: boolean): boolean {
  return (withPrefix ? IPV4_PREFIX : IPV4).test(word);
}

/** The run directory in a flag path: an absolute path of plain characters. */
export function isSafePath(word: string): boolean {
  return /^\/[A-Za-z0-9_./-]*$/.test(word) && !word.includes('..');
}

/** A whole number as keepalived's strtol/strtoul read it, within [min, max]; else null. */
export function integerWord(value: number, min: number, max: number): string | null {
  return Number.isSafeInteger(value) && value >= min && value <= max ? String(value) : null;
}

/**
 * A decimal as keepalived 2.2.7 reads it (read_decimal_unsigned_strvec: at most `places`
 * decimals), within [min, max]; else null. Never in exponent notation.
 */
export function decimalWord(value: number, min: number, max: number, places: number): string | null {
  if (!Number.isFinite(value) || value < min || value > max) return null;
  const fixed = places === 0 ? value.toFixed(0) : value.toFixed(places).replace(/0+$/, '').replace(/\.$/, '');
  return Number(fixed) === value ? fixed : null;
}
