/** keepalived 2.2.7's number readers (lib/parser.c) as a running keepalived applies them. */
import { describe, expect, it } from 'vitest';
import { readDecimal, readInt, readUnsigned } from '../../src/config/readNumber.ts';

describe('readUnsigned (read_unsigned_func)', () => {
  it.each([
    ['100', 1, 255, false, { ok: true, value: 100, junk: false }],
    [' +7', 1, 255, false, { ok: true, value: 7, junk: false }],
    ['256', 1, 255, false, { ok: false, value: 256, why: "number '256' outside range [1, 255]" }],
    ['-5', 0, 10, true, { ok: false, value: 5, why: "negative number '-5'" }],
    // strtoul stops at the ".": with ignore_error the prefix counts, in range
    ['2.5', 0, 10, true, { ok: true, value: 2, junk: true }],
    ['2.5', 0, 10, false, { ok: false, value: 2, why: "invalid number '2.5'" }],
    ['abc', 0, 10, true, { ok: true, value: 0, junk: true }],
    ['abc', 1, 10, true, { ok: false, value: 0, why: "invalid number 'abc'" }],
    ['0x10', 0, 100, false, { ok: false, value: 0, why: "invalid number '0x10'" }],
  ])('%s in [%d, %d], ignore_error %s', (text, min, max, ignore, expected) => {
    expect(readUnsigned(text, min, max, ignore)).toEqual(expected);
  });
});

describe('readInt (read_int_func)', () => {
  it("keeps strtol's value even when it refuses it", () => {
    expect(readInt('-300', -253, 253, true)).toEqual({
      ok: false,
      value: -300,
      why: "number '-300' outside range [-253, 253]",
    });
    expect(readInt('-20', -253, 253, true)).toEqual({ ok: true, value: -20, junk: false });
    // strtol gives 0, not a negative zero (which deep equality tells from 0)
    expect(Object.is(readInt('-0', -253, 253, true).value, 0)).toBe(true);
    expect(readInt('10x', -253, 253, true)).toEqual({ ok: true, value: 10, junk: true });
  });
});

describe('readDecimal (read_decimal_unsigned_long_func, 6 places)', () => {
  it.each([
    ['1', 10_000, 255_000_000, { ok: true, value: 1_000_000, junk: false }],
    ['0.5', 10_000, 255_000_000, { ok: true, value: 500_000, junk: false }],
    ['.25', 10_000, 255_000_000, { ok: true, value: 250_000, junk: false }],
    ['3.', 10_000, 255_000_000, { ok: true, value: 3_000_000, junk: false }],
    [
      '1000',
      10_000,
      255_000_000,
      { ok: false, value: 1_000_000_000, why: "number '1000' outside range [0.010000, 255.000000]" },
    ],
    ['0', 10_000, 255_000_000, { ok: false, value: 0, why: "number '0' outside range [0.010000, 255.000000]" }],
    ['-1', 10_000, 255_000_000, { ok: false, value: 0, why: "negative number '-1'" }],
    // a seventh decimal rounds, with a warning
    ['0.0100005', 10_000, 255_000_000, { ok: true, value: 10_001, junk: true }],
  ])('%s', (text, min, max, expected) => {
    expect(readDecimal(text, min, max, true)).toEqual(expected);
  });
});
