import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A file longer than the input limit: it was not read to its end. */
export class InputTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
  }
}

const CHUNK = 64 * 1024;

/**
 * A file's text, read up to `maxBytes`: a longer file (or an endless one such as /dev/zero, a
 * device or a pipe) throws InputTooLarge after at most one chunk past the limit. Other errors
 * (a missing file, a directory) are thrown as the file system gives them.
 */
export function readBoundedText(path: string, maxBytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > maxBytes) throw new InputTooLarge(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK);
      const read = readSync(fd, chunk, 0, CHUNK, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) throw new InputTooLarge(maxBytes);
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
