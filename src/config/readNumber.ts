/**
 * keepalived 2.2.7's number readers (lib/parser.c read_unsigned_func, read_int_func,
 * read_decimal_unsigned_long_func) as they behave in a running keepalived: a value with trailing
 * text is taken for its leading number, with a warning, where the handler passes ignore_error.
 */

export type NumberRead =
  | { readonly ok: true; readonly value: number; readonly junk: boolean }
  | { readonly ok: false; readonly value: number; readonly why: string };

const UINT_MAX = 4294967295;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** strtoul/strtol: leading white space, a sign, digits; `rest` is what follows the number. */
function leadingNumber(text: string): { value: number; sign: string; rest: string } {
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(text);
  if (match === null) return { value: 0, sign: '', rest: text };
  return { value: Number(match[2]), sign: match[1] ?? '', rest: text.slice(match[0].length) };
}

/** read_unsigned_func: an integer in [min, max]. */
export function readUnsigned(text: string, min: number, max: number, ignoreError: boolean): NumberRead {
  const { value, sign, rest } = leadingNumber(text);
  const inRange = value >= min && value <= max;
  if (sign === '-') return { ok: false, value, why: `negative number '${text}'` };
  if (rest !== '') {
    return ignoreError && inRange
      ? { ok: true, value, junk: true }
      : { ok: false, value, why: `invalid number '${text}'` };
  }
  if (value > UINT_MAX || !inRange) return { ok: false, value, why: `number '${text}' outside range [${min}, ${max}]` };
  return { ok: true, value, junk: false };
}

/** read_int_func: an integer in [min, max]; `value` is strtol's result even when it is refused. */
export function readInt(text: string, min: number, max: number, ignoreError: boolean): NumberRead {
  const { value: magnitude, sign, rest } = leadingNumber(text);
  // strtol("-0") is 0: never JavaScript's -0, which compares unequal to 0 in deep equality
  const value = sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
  const inRange = value >= min && value <= max;
  if (rest !== '') {
    return ignoreError && inRange
      ? { ok: true, value, junk: true }
      : { ok: false, value, why: `invalid number '${text}'` };
  }
  if (value < INT_MIN || value > INT_MAX || !inRange) {
    return { ok: false, value, why: `number '${text}' outside range [${min}, ${max}]` };
  }
  return { ok: true, value, junk: false };
}

/**
 * read_decimal_unsigned_long_func with 6 decimal places: `value` is in millionths (µs for
 * seconds), `min` and `max` too. More decimals are rounded, with a warning.
 */
export function readDecimal(text: string, min: number, max: number, ignoreError: boolean): NumberRead {
  if (text.startsWith('-')) return { ok: false, value: 0, why: `negative number '${text}'` };
  const dot = text.indexOf('.');
  let decimals = dot < 0 ? 0 : text.length - dot - 1;
  let roundUp = false;
  let junk = false;
  if (decimals > 6) {
    junk = true;
    roundUp = text.charAt(dot + 7) >= '5';
    decimals = 6;
  }
  const digits =
    (dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1, dot + 1 + decimals)) + '0'.repeat(6 - decimals);
  const { value: read, sign, rest } = leadingNumber(digits);
  const value = read + (roundUp ? 1 : 0);
  const inRange = value >= min && value <= max;
  if (sign === '-' || rest !== '') {
    return ignoreError && inRange
      ? { ok: true, value, junk: true }
      : { ok: false, value, why: `invalid number '${text}'` };
  }
  if (!inRange) {
    return { ok: false, value, why: `number '${text}' outside range [${fixed(min)}, ${fixed(max)}]` };
  }
  return { ok: true, value, junk };
}

function fixed(millionths: number): string {
  return (millionths / 1e6).toFixed(6);
}
