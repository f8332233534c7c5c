/**
 * keepalived's lib/parser.c process_stream() and alloc_value_block() over the lines of
 * readConfLines: how blocks open and close, and what keepalived does with a brace out of place
 * (it warns and reads on, so the reader does the same).
 */
import { ConfFailure } from './confFailure.ts';
import type { ConfLine, ConfWord } from './readConfLines.ts';
import type { ConfWarning, SourcePos } from './types.ts';

/** What a keyword handler did with its line. */
export type Handled = 'done' | 'unknown';

/** The block being read, for messages: "vrrp_instance VI_1". */
export interface BlockOwner {
  readonly label: string;
  readonly pos: SourcePos;
}

export type Words = readonly [ConfWord, ...ConfWord[]];

export class ConfReader {
  readonly warnings: ConfWarning[];
  private readonly lines: readonly ConfLine[];
  private index = 0;

  constructor(lines: readonly ConfLine[], warnings: readonly ConfWarning[]) {
    this.lines = lines;
    this.warnings = [...warnings];
  }

  warn(pos: SourcePos, message: string): void {
    this.warnings.push({ pos, message });
  }

  fail(pos: SourcePos, message: string, hint: string): never {
    throw new ConfFailure(pos, message, hint);
  }

  private next(): ConfLine | undefined {
    return this.lines[this.index++];
  }

  private peekOpen(): { readonly pos: SourcePos } | undefined {
    const line = this.lines[this.index];
    return line?.kind === 'open' ? line : undefined;
  }

  /**
   * process_stream(): the keyword lines of a block (or of the file, without `owner`) up to its
   * "}". A handler that does not know its keyword returns 'unknown'.
   */
  readBlock(owner: BlockOwner | undefined, handle: (words: Words) => Handled): void {
    const where = owner === undefined ? 'the top level' : owner.label;
    const inWhere = owner === undefined ? 'at the top level' : `in ${owner.label}`;
    let needOpen = owner !== undefined;
    for (;;) {
      const line = this.next();
      if (line === undefined) {
        if (owner !== undefined) {
          this.warn(owner.pos, `block "${owner.label}" is never closed: keepalived reads it to the end of the file`);
        }
        return;
      }
      if (needOpen) {
        needOpen = false;
        if (line.kind === 'open') continue;
        this.warn(posOf(line), `"{" missing at the start of "${where}": keepalived reads on as if it were there`);
      } else if (line.kind === 'open') {
        this.warn(line.pos, `unexpected "{" ${inWhere}, ignored as keepalived does`);
        continue;
      }
      if (line.kind === 'close') {
        if (owner !== undefined) return;
        this.warn(line.pos, 'unexpected "}" with no open block, ignored as keepalived does');
        continue;
      }
      if (line.kind !== 'words') continue;
      const keyword = line.words[0];
      const handled = handle(line.words);
      const open = this.peekOpen();
      if (handled === 'unknown') {
        const what = `unknown keyword "${keyword.text}" ${inWhere}, ignored`;
        if (open === undefined) {
          this.warn(keyword.pos, what);
        } else {
          this.index++;
          this.warn(
            keyword.pos,
            `${what} with its "{" (keepalived then reads the lines after it as part of ${where}${closesOwner(owner)})`,
          );
        }
      } else if (open !== undefined) {
        this.index++;
        this.warn(
          open.pos,
          `"${keyword.text}" takes no block: keepalived ignores this "{" and reads the lines after it as part of ${where}${closesOwner(owner)}`,
        );
      }
    }
  }

  /** alloc_value_block(): the entry lines of `keyword { … }`, one word list per line. */
  readValueBlock(words: Words): Words[] {
    const [keyword, ...extra] = words;
    const first = extra[0];
    if (first !== undefined) {
      this.warn(
        first.pos,
        `"${keyword.text}" takes no argument before its block, "${first.text}" ignored as keepalived does`,
      );
    }
    const entries: Words[] = [];
    let needOpen = true;
    for (;;) {
      const line = this.next();
      if (line === undefined) {
        this.warn(keyword.pos, `block "${keyword.text}" is never closed: keepalived reads it to the end of the file`);
        return entries;
      }
      if (needOpen) {
        needOpen = false;
        if (line.kind === 'open') continue;
        this.warn(
          posOf(line),
          `"{" missing after "${keyword.text}": keepalived takes every line up to the next "}" as its entries`,
        );
      }
      if (line.kind === 'close') return entries;
      if (line.kind === 'open') entries.push([{ text: '{', pos: line.pos }]);
      else entries.push(line.words);
    }
  }

  /** skip_block(true): a block keepalived refuses is passed over whole, nested braces included. */
  skipBlock(): void {
    if (this.peekOpen() === undefined) return;
    let depth = 0;
    for (let line = this.next(); line !== undefined; line = this.next()) {
      if (line.kind === 'open') depth++;
      else if (line.kind === 'close' && --depth === 0) return;
    }
  }
}

function posOf(line: ConfLine): SourcePos {
  return line.kind === 'words' ? line.words[0].pos : line.pos;
}

function closesOwner(owner: BlockOwner | undefined): string {
  return owner === undefined ? '' : `, and its "}" closes ${owner.label}`;
}
