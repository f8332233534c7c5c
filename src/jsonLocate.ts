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

// Both scanners below keep their nesting in an explicit stack, never in the call stack: a file
// of 8,000 nested "[" is one bad input like any other, not a stack overflow.

const isJsonSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The offset just past the string starting at `at` (a `"`), or the text's end if it never closes. */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

interface Container {
  readonly kind: '{' | '[';
  /** How many components of the wanted path lead here, or -1 when this container is off it. */
  readonly depth: number;
  /** Arrays: the index of the current element. */
  index: number;
  /** Objects: the key of the value coming next, or undefined while a key is awaited. */
  key: string | undefined;
}

/**
 * Where the value at `path` starts in a JSON text (for error messages). When the path does not
 * exist (a missing key), where its closest existing ancestor starts, so that a message about a
 * missing field still points into the file; null only for a text with no value at all. Meant
 * for text that JSON.parse accepted; on any other text it still ends, with some position.
 * Of duplicate keys the last counts, as in JSON.parse.
 */
export function locateJsonPath(text: string, path: JsonPath): TextPos | null {
  let best: { depth: number; offset: number } | null = null;
  const stack: Container[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    const top = stack[stack.length - 1];
    if (isJsonSpace(c) || c === ':') {
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      i++;
      continue;
    }
    if (c === ',') {
      if (top?.kind === '[') top.index++;
      else if (top !== undefined) top.key = undefined;
      i++;
      continue;
    }
    if (top?.kind === '{' && top.key === undefined) {
      // a key, then its value
      const end = c === '"' ? stringEnd(text, i) : i + 1;
      top.key = keyText(text.slice(i, end));
      i = end;
      continue;
    }
    // a value starts here: is it on the wanted path?
    let depth = -1;
    if (top === undefined) depth = 0;
    else if (top.depth >= 0 && top.depth < path.length) {
      const want = path[top.depth];
      if (top.kind === '[' ? want === top.index : want === top.key) depth = top.depth + 1;
    }
    if (depth >= 0 && (best === null || depth >= best.depth)) best = { depth, offset: i };
    if (c === '{' || c === '[') {
      stack.push({ kind: c, depth, index: 0, key: undefined });
      i++;
    } else if (c === '"') {
      i = stringEnd(text, i);
    } else {
      const start = i;
      while (i < text.length && !isJsonSpace(text.charAt(i)) && !',:{}[]"'.includes(text.charAt(i))) i++;
      if (i === start) i++;
    }
  }
  return best === null ? null : offsetToPos(text, best.offset);
}

function keyText(quoted: string): string {
  try {
    const key: unknown = JSON.parse(quoted);
    return typeof key === 'string' ? key : quoted;
  } catch {
    return quoted;
  }
}

/** `events[2].router` */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(top level)' : out;
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** What the validator expects next. */
type Expect = 'value' | 'value or ]' | 'key' | 'key or }' | 'after value';

/** Where a text stops being JSON, and what was found there; null if it is valid. */
export function findJsonSyntaxError(text: string): { offset: number; found: string } | null {
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const stop = () => ({
    offset: Math.min(i, text.length),
    found: i >= text.length ? 'the end of the file' : JSON.stringify(text.charAt(i)),
  });
  /** Reads a string at i; false where it is not one. */
  const string = (): boolean => {
    if (text.charAt(i) !== '"') return false;
    i++;
    while (i < text.length && text.charAt(i) !== '"') {
      if (text.charCodeAt(i) < 0x20) return false;
      i += text.charAt(i) === '\\' ? 2 : 1;
    }
    if (i >= text.length) return false;
    i++;
    return true;
  };
  for (;;) {
    while (i < text.length && isJsonSpace(text.charAt(i))) i++;
    const c = text.charAt(i);
    if (expect === 'after value') {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? stop() : null;
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if (c === (top === '{' ? '}' : ']')) stack.pop();
      else return stop();
      i++;
    } else if (expect === 'key' || expect === 'key or }') {
      if (expect === 'key or }' && c === '}') {
        stack.pop();
        expect = 'after value';
        i++;
        continue;
      }
      if (!string()) return stop();
      while (i < text.length && isJsonSpace(text.charAt(i))) i++;
      if (text.charAt(i) !== ':') return stop();
      i++;
      expect = 'value';
    } else {
      if (expect === 'value or ]' && c === ']') {
        stack.pop();
        expect = 'after value';
        i++;
        continue;
      }
      if (c === '{' || c === '[') {
        stack.push(c);
        expect = c === '{' ? 'key or }' : 'value or ]';
        i++;
        continue;
      }
      if (c === '"') {
        if (!string()) return stop();
      } else {
        LITERAL.lastIndex = i;
        const m = LITERAL.exec(text);
        if (m === null) return stop();
        i += m[0].length;
      }
      expect = 'after value';
    }
  }
}
