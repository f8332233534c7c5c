/**
 * Text from a user's files (config words, router names, file names) made safe to print: every
 * character that a terminal would act on instead of showing is written as an escape. Control
 * characters (C0, DEL, C1), the Unicode line and paragraph separators, and the bidirectional
 * controls that reorder what is shown ("Trojan Source", CVE-2021-42574) become `\xNN` (C0) or
 * `\uNNNN`. `keepLines` leaves newlines and tabs as they are: for whole outputs, whose lines are
 * vrrp-check's own; without it a newline is `\n` too, so that a quoted word never splits a line.
 */
export function escapeText(text: string, options: { readonly keepLines?: boolean } = {}): string {
  return text.replace(UNSAFE, (ch) => {
    if (options.keepLines === true && (ch === '\n' || ch === '\t')) return ch;
    const named = NAMED[ch];
    if (named !== undefined) return named;
    // C0 as \xNN; DEL and above as \uNNNN, which is also a valid escape inside a JSON string
    // (JSON.stringify escapes C0 itself, so `run --format json` stays JSON)
    const code = ch.charCodeAt(0);
    return code < 0x20 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/** A word from a user's file in double quotes, escaped as escapeText does, and `"` and `\` too. */
export function quoteText(text: string): string {
  return `"${escapeText(text.replace(/[\\"]/g, (ch) => `\\${ch}`))}"`;
}

// C0 and DEL, C1, U+061C, U+200E/F, U+2028/9, U+202A–E, U+2066–9; matching control characters
// is this regular expression's purpose
// biome-ignore lint/suspicious/noControlCharactersInRegex: see above
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');
