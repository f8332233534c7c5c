/** A position in a text file, 1-based. */
export interface TextPos {
  readonly line: number;
  readonly col: number;
}

export type JsonPath = readonly (string | number)[];

export function offsetToPos(text: string, offset: number): TextPos {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * Where the value at `path` starts in a JSON text (for error messages), or null.
 * Assumes the text is valid JSON; it is only called after JSON.parse succeeded.
 */
export function locateJsonPath(text: string, path: JsonPath): TextPos | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
    i++;
  };
  const readString = (): string => {
    const start = i;
    skipString();
    return JSON.parse(text.slice(start, i)) as string;
  };
  // returns the offset of the target, or −1 after skipping the value at i
  const walk = (depth: number): number => {
    ws();
    if (depth === path.length) return i;
    const want = path[depth];
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      for (;;) {
        ws();
        if (text.charAt(i) === '}') {
          i++;
          return -1;
        }
        const key = readString();
        ws();
        i++; // ':'
        if (key === want) return walk(depth + 1);
        skip();
        ws();
        if (text.charAt(i) === ',') i++;
      }
    }
    if (c === '[') {
      i++;
      for (let index = 0; ; index++) {
        ws();
        if (text.charAt(i) === ']') {
          i++;
          return -1;
        }
        if (index === want) return walk(depth + 1);
        skip();
        ws();
        if (text.charAt(i) === ',') i++;
      }
    }
    skip();
    return -1;
  };
  const skip = () => {
    ws();
    const c = text.charAt(i);
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      for (;;) {
        ws();
        if (text.charAt(i) === close) {
          i++;
          return;
        }
        skip();
        ws();
        if (text.charAt(i) === ':') {
          i++;
          skip();
          ws();
        }
        if (text.charAt(i) === ',') i++;
      }
    }
    while (i < text.length && !/[\s,}\]]/.test(text.charAt(i))) i++;
  };
  const offset = walk(0);
  return offset < 0 ? null : offsetToPos(text, offset);
}

/** `events[2].router` */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(top level)' : out;
}

/** Where a text stops being JSON, and what was found there; null if it is valid. */
export function findJsonSyntaxError(text: string): { offset: number; found: string } | null {
  let i = 0;
  class Stop extends Error {}
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const fail = (): never => {
    throw new Stop();
  };
  const expect = (c: string) => {
    if (text.charAt(i) !== c) fail();
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length && text.charAt(i) !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text.charAt(i) === '\\' ? 2 : 1;
    }
    expect('"');
  };
  const value = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        expect(':');
        value();
        ws();
        if (text.charAt(i) !== ',') break;
        i++;
      }
      expect('}');
      return;
    }
    if (c === '[') {
      i++;
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text.charAt(i) !== ',') break;
        i++;
      }
      expect(']');
      return;
    }
    if (c === '"') {
      string();
      return;
    }
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (m === null) fail();
    i += (m as RegExpExecArray)[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const found = i >= text.length ? 'the end of the file' : JSON.stringify(text.charAt(i));
    return { offset: Math.min(i, text.length), found };
  }
}
