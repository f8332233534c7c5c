/**
 * keepalived.conf as keepalived 2.2.7's lib/parser.c read_line() hands it to the keyword
 * handlers: comments removed (decomment), `$NAME=value` definitions applied, `include` followed,
 * and each physical line cut at its braces into "lines" of words (alloc_strvec_r), every word
 * with the file, line and column it came from.
 */
import { dirname, relative, resolve } from 'node:path';
import { quoteText } from '../escapeText.ts';
import { braceOutsideQuotes, type Char, decomment, isSpace, join, toChars, trimStart, wordAt } from './confChars.ts';
import { ConfFailure } from './confFailure.ts';
import { NOTIFY_KEYWORDS } from './confValues.ts';
import { globFiles, hasWildcard } from './globFiles.ts';
import type { IncludeHost } from './includeHost.ts';
import { rejectTemplate, rejectUndefinedReference, TEMPLATE_MARKERS } from './rejectTemplate.ts';
import type { ConfWarning, SourcePos } from './types.ts';

export interface ConfWord {
  /** Quotes removed. */
  readonly text: string;
  readonly pos: SourcePos;
}

export type ConfLine =
  | { readonly kind: 'open'; readonly pos: SourcePos }
  | { readonly kind: 'close'; readonly pos: SourcePos }
  | { readonly kind: 'words'; readonly words: readonly [ConfWord, ...ConfWord[]] };

export interface ConfLines {
  readonly lines: readonly ConfLine[];
  readonly warnings: readonly ConfWarning[];
  readonly sources: readonly string[];
  /** The text with each include line replaced by what it matched (see KeepalivedConf.text). */
  readonly text: string;
}

/** Bounds on include: keepalived has none (a file including itself loops until it runs out of files). */
export const INCLUDE_LIMITS = { depth: 8, files: 256, bytes: 4 * 1024 * 1024 } as const;

/** keepalived's MAXBUF: a line longer than this cannot be a real configuration line. */
const MAX_LINE = 1024;
/** $NAME substitutions per line: a definition that names itself would otherwise never end. */
const MAX_SUBSTITUTIONS = 64;

/** Keywords whose value is a command (or a password): `$` and braces there are the command's own. */
const COMMAND_KEYWORDS = new Set([
  ...NOTIFY_KEYWORDS,
  'script',
  'startup_script',
  'shutdown_script',
  'notify_fifo_script',
  'vrrp_notify_fifo_script',
  'lvs_notify_fifo_script',
  'process',
  'auth_pass',
]);

interface Definition {
  readonly value: string;
}

class LineReader {
  readonly lines: ConfLine[] = [];
  readonly warnings: ConfWarning[] = [];
  readonly sources: string[] = [];
  private readonly definitions = new Map<string, Definition>();
  private bytes = 0;

  constructor(private readonly host: IncludeHost) {}

  warn(pos: SourcePos, message: string): void {
    this.warnings.push({ pos, message });
  }

  /** Reads one file's text; returns it with its include lines expanded. */
  readText(text: string, file: string, depth: number): string {
    this.sources.push(file);
    this.bytes += text.length;
    const expanded: string[] = [];
    text.split('\n').forEach((rawLine, index) => {
      const line = index + 1;
      const physical = rawLine.replace(/[\r\n]+$/, '');
      const included = this.readPhysicalLine(physical, file, line, depth);
      expanded.push(included ?? rawLine);
    });
    return expanded.join('\n');
  }

  /** Returns the expansion text when the line is an include, else undefined. */
  private readPhysicalLine(physical: string, file: string, line: number, depth: number): string | undefined {
    const at = (col: number): SourcePos => ({ file, line, col });
    if (physical.length > MAX_LINE) {
      throw new ConfFailure(
        at(MAX_LINE + 1),
        `line longer than ${MAX_LINE} characters (keepalived reads ${MAX_LINE} at a time and splits it)`,
        'shorten the line',
      );
    }
    let chars = decomment(toChars(physical), (col) =>
      this.warn(at(col), 'unterminated quote: keepalived reads on to the end of the line'),
    );
    if (chars.length === 0) return undefined;
    const command = COMMAND_KEYWORDS.has(wordAt(chars, 0));
    if (!command) rejectTemplate(chars, at, TEMPLATE_MARKERS);
    for (let round = 0; ; round++) {
      const first = chars[0];
      if (first === undefined) return undefined;
      if (first.ch === '@') {
        throw new ConfFailure(
          at(first.col),
          `line prefix "${wordAt(chars, 0)}" makes the line apply only on the host whose keepalived config id matches (-i, else the host name); vrrp-check cannot tell which router runs this file`,
          'give each router its own file, without "@" prefixes',
        );
      }
      const text = chars.map((c) => c.ch).join('');
      const definition = /^\$([A-Za-z_][A-Za-z0-9_]*)=[ \t]*/.exec(text);
      if (definition !== null) {
        const name = definition[1] ?? '';
        const value = text.slice(definition[0].length);
        if (value.endsWith('\\')) {
          throw new ConfFailure(
            at(first.col),
            `multi-line definition "$${name}" (ending in "\\") is not supported by vrrp-check`,
            `write $${name} on one line, or expand it in the file`,
          );
        }
        this.definitions.set(name, { value });
        return undefined;
      }
      if (text.startsWith('~SEQ') || text.startsWith('~LST')) {
        throw new ConfFailure(
          at(first.col),
          `${text.slice(0, 4)} (keepalived's line generator) is not supported by vrrp-check`,
          'write the lines it would generate',
        );
      }
      if (!text.includes('$') || round > 0) break;
      const substituted = this.substitute(chars, file, at);
      if (substituted === undefined) break;
      chars = decomment(substituted, () => undefined);
      if (chars.length === 0) return undefined;
    }
    // what is left of ${NAME} is undefined: keepalived would keep it as written
    if (!command) rejectTemplate(chars, at, [/\$\{[A-Za-z_][A-Za-z0-9_]*\}/]);
    const include = /^include([rmwba]?)[ \t\n\r\f\v]+/.exec(chars.map((c) => c.ch).join(''));
    if (include !== null) {
      return this.include(chars.slice(include[0].length), include[1] ?? '', file, at, depth);
    }
    this.splitBraces(chars, at);
    return undefined;
  }

  /**
   * replace_param(): `$NAME` (followed by a blank, ",", ")" or the end) and `${NAME}` become their
   * definitions, rescanning the result; an unknown name stays as written. Undefined means no change.
   */
  private substitute(input: readonly Char[], file: string, at: (col: number) => SourcePos): Char[] | undefined {
    let chars = [...input];
    let changed = false;
    let count = 0;
    for (let i = 0; i < chars.length; ) {
      if (chars[i]?.ch !== '$') {
        i++;
        continue;
      }
      const rest = chars
        .slice(i + 1)
        .map((c) => c.ch)
        .join('');
      const reference = /^\{([A-Za-z_][A-Za-z0-9_]*)\}|^([A-Za-z_][A-Za-z0-9_]*)(?=[ \t,)]|$)/.exec(rest);
      const name = reference?.[1] ?? reference?.[2];
      const col = chars[i]?.col ?? 1;
      const value = name === undefined ? undefined : this.valueOf(name, file, at(col));
      if (reference === null || value === undefined) {
        i++;
        continue;
      }
      if (++count > MAX_SUBSTITUTIONS) {
        throw new ConfFailure(
          at(col),
          `"$${name}" expands without end (more than ${MAX_SUBSTITUTIONS} substitutions on one line)`,
          'make sure no definition refers to itself',
        );
      }
      chars = [
        ...chars.slice(0, i),
        ...[...value].map((ch) => ({ ch, col })),
        ...chars.slice(i + 1 + reference[0].length),
      ];
      if (chars.length > MAX_LINE) {
        throw new ConfFailure(
          at(col),
          `substituting "$${name}" makes the line longer than ${MAX_LINE} characters`,
          'shorten the definition',
        );
      }
      changed = true;
    }
    return changed ? chars : undefined;
  }

  /** A definition's value: the file's own `$NAME=` first, then keepalived's standard ones. */
  private valueOf(name: string, file: string, pos: SourcePos): string | undefined {
    const defined = this.definitions.get(name);
    if (defined !== undefined) return defined.value;
    switch (name) {
      case '_HASH':
        return '#';
      case '_BANG':
        return '!';
      case '_PWD':
        // keepalived changes into each file's directory before reading it
        return dirname(resolve(file));
      case '_INSTANCE':
      case '_RANDOM':
        throw new ConfFailure(
          pos,
          `"$${name}" depends on how keepalived is started (its instance name, or chance), which vrrp-check cannot know`,
          `replace $${name} with the value it has on the router`,
        );
      default:
        return undefined;
    }
  }

  private include(
    patternChars: readonly Char[],
    variant: string,
    file: string,
    at: (col: number) => SourcePos,
    depth: number,
  ): string {
    const pattern = patternChars.map((c) => c.ch).join('');
    const pos = at(patternChars[0]?.col ?? 1);
    if (depth >= INCLUDE_LIMITS.depth) {
      throw new ConfFailure(
        pos,
        `include nested more than ${INCLUDE_LIMITS.depth} deep (does a file include itself?)`,
        'remove the include loop',
      );
    }
    const matches = globFiles(pattern, dirname(file), this.host);
    // lib/parser.c check_include: includer/m/w/b/a make a missing match an error, plain include only logs it
    const strict =
      variant === 'w' ||
      variant === 'a' ||
      (variant === 'm' && !hasWildcard(pattern)) ||
      (variant === 'b' && pattern.includes('{'));
    const parts: string[] = [`# vrrp-check: ${relativeName(pattern)} expanded below`];
    let read = 0;
    for (const path of matches) {
      const stat = this.host.stat(path);
      const text = stat?.readable === true ? this.host.read(path) : undefined;
      if (text === undefined) {
        const why = stat?.directory === true ? 'is a directory' : 'is not a regular non-executable readable file';
        if (variant !== '') {
          throw new ConfFailure(
            pos,
            `include${variant} ${quoteText(pattern)}: ${relativeName(path)} ${why}`,
            'fix the path',
          );
        }
        this.warn(pos, `include ${quoteText(pattern)}: ${relativeName(path)} ${why}, skipped as keepalived does`);
        continue;
      }
      if (this.sources.length >= INCLUDE_LIMITS.files || this.bytes + text.length > INCLUDE_LIMITS.bytes) {
        throw new ConfFailure(
          pos,
          `include ${quoteText(pattern)} reads more than ${INCLUDE_LIMITS.files} files or ${INCLUDE_LIMITS.bytes} bytes in all`,
          'include fewer files',
        );
      }
      read++;
      parts.push(this.readText(text, relativeName(path), depth + 1));
    }
    if (read === 0) {
      if (strict) {
        throw new ConfFailure(
          pos,
          `include${variant} ${quoteText(pattern)} matches no file`,
          'fix the path or the pattern',
        );
      }
      this.warn(pos, `include ${quoteText(pattern)} matches no file: keepalived reads on without it`);
    }
    return parts.join('\n');
  }

  /** read_line()'s cut at "{" and "}" outside quotes, then alloc_strvec_r()'s words. */
  private splitBraces(input: readonly Char[], at: (col: number) => SourcePos): void {
    let chars = input;
    while (chars.length > 0) {
      const first = chars[0];
      if (first === undefined) break;
      if (first.ch === '{' || first.ch === '}') {
        this.lines.push(
          first.ch === '{' ? { kind: 'open', pos: at(first.col) } : { kind: 'close', pos: at(first.col) },
        );
        chars = trimStart(chars.slice(1));
        continue;
      }
      const brace = braceOutsideQuotes(chars);
      this.pushWords(brace === undefined ? chars : chars.slice(0, brace), at);
      if (brace === undefined) break;
      chars = chars.slice(brace);
    }
  }

  private pushWords(chars: readonly Char[], at: (col: number) => SourcePos): void {
    const words: ConfWord[] = [];
    let i = 0;
    while (i < chars.length) {
      const c = chars[i];
      if (c === undefined) break;
      if (isSpace(c.ch)) {
        i++;
        continue;
      }
      if (c.ch === '"') {
        const close = chars.findIndex((d, j) => j > i && d.ch === '"');
        if (close < 0) {
          this.warn(at(c.col), 'unmatched quote: keepalived drops the rest of the line');
          break;
        }
        words.push({ text: join(chars.slice(i + 1, close)), pos: at(c.col) });
        i = close + 1;
        continue;
      }
      let end = i;
      while (end < chars.length && !isSpace(chars[end]?.ch ?? ' ') && chars[end]?.ch !== '"') end++;
      words.push({ text: join(chars.slice(i, end)), pos: at(c.col) });
      i = end;
    }
    const [head, ...rest] = words;
    if (head === undefined) return;
    if (!COMMAND_KEYWORDS.has(head.text)) for (const word of words) rejectUndefinedReference(word);
    this.lines.push({ kind: 'words', words: [head, ...rest] });
  }
}

/** Reads `text` (the contents of `file`) and everything it includes into keepalived's lines. */
export function readConfLines(text: string, file: string, host: IncludeHost): ConfLines {
  const reader = new LineReader(host);
  const expanded = reader.readText(text, file, 0);
  return { lines: reader.lines, warnings: reader.warnings, sources: reader.sources, text: expanded };
}

function relativeName(path: string): string {
  if (!path.startsWith('/')) return path;
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
