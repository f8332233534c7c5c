/** One line of keepalived.conf as characters that remember their column, and keepalived's own cuts on it (lib/parser.c). */

export interface Char {
  readonly ch: string;
  readonly col: number;
}

export function toChars(text: string): Char[] {
  return [...text].map((ch, i) => ({ ch, col: i + 1 }));
}

export function join(chars: readonly Char[]): string {
  return chars.map((c) => c.ch).join('');
}

const SPACE = new Set([' ', '\t', '\f', '\n', '\r', '\v']);

export function isSpace(ch: string): boolean {
  return SPACE.has(ch);
}

export function trimStart(chars: readonly Char[]): readonly Char[] {
  let i = 0;
  while (i < chars.length && (chars[i]?.ch === ' ' || chars[i]?.ch === '\t')) i++;
  return chars.slice(i);
}

/**
 * decomment(): leading blanks go, a "!" or "#" outside double quotes starts a comment, "\#" and
 * "\!" outside quotes are the characters themselves, trailing blanks go.
 */
export function decomment(chars: readonly Char[], unterminated: (col: number) => void): Char[] {
  let start = 0;
  while (start < chars.length && (chars[start]?.ch === ' ' || chars[start]?.ch === '\t')) start++;
  const out: Char[] = [];
  let quote: Char | undefined;
  for (let i = start; i < chars.length; i++) {
    const c = chars[i];
    if (c === undefined) break;
    if (c.ch === '"') {
      quote = quote === undefined ? c : undefined;
    } else if (c.ch === '\\' && i + 1 < chars.length) {
      const next = chars[i + 1];
      if (next !== undefined && quote === undefined && (next.ch === '#' || next.ch === '!')) {
        out.push(next);
        i++;
        continue;
      }
      out.push(c);
      if (next !== undefined) out.push(next);
      i++;
      continue;
    } else if (quote === undefined && (c.ch === '!' || c.ch === '#')) {
      break;
    }
    out.push(c);
  }
  if (quote !== undefined) unterminated(quote.col);
  while (out.length > 0 && (out[out.length - 1]?.ch === ' ' || out[out.length - 1]?.ch === '\t')) out.pop();
  return out;
}

/** The first "{" or "}" not inside double quotes; an unclosed quote hides the rest of the line. */
export function braceOutsideQuotes(chars: readonly Char[]): number | undefined {
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]?.ch;
    if (ch === '{' || ch === '}') return i;
    if (ch === '"') {
      const close = chars.findIndex((c, j) => j > i && c.ch === '"');
      if (close < 0) return undefined;
      i = close;
    }
  }
  return undefined;
}

export function wordAt(chars: readonly Char[], start: number): string {
  let end = start;
  while (end < chars.length && !isSpace(chars[end]?.ch ?? ' ')) end++;
  return join(chars.slice(start, end));
}
