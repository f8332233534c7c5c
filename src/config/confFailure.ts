import type { ConfError, SourcePos } from './types.ts';

/** Thrown inside the reader for a file keepalived would not run; parseKeepalivedConf turns it into a ConfError. */
export class ConfFailure extends Error {
  readonly confError: ConfError;
  constructor(pos: SourcePos, message: string, hint: string) {
    super(message);
    this.confError = { pos, message, hint };
  }
}
