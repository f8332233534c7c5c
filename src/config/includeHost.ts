import { readdirSync, readFileSync, statSync } from 'node:fs';

export interface IncludeStat {
  readonly directory: boolean;
  /** A regular file without any execute bit: the only kind keepalived reads (lib/parser.c check_glob_file). */
  readonly readable: boolean;
}

/** What following `include` needs from the file system; tests give their own. */
export interface IncludeHost {
  /** The names in a directory, or undefined when it cannot be listed. */
  readonly list: (dir: string) => readonly string[] | undefined;
  /** What is at a path, or undefined when nothing is. */
  readonly stat: (path: string) => IncludeStat | undefined;
  /** A file's text, or undefined when it cannot be read. */
  readonly read: (path: string) => string | undefined;
}

/** The machine's own files, read-only. */
export const nodeIncludeHost: IncludeHost = {
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return undefined;
    }
  },
  stat(path) {
    try {
      const stats = statSync(path);
      return { directory: stats.isDirectory(), readable: stats.isFile() && (stats.mode & 0o111) === 0 };
    } catch {
      return undefined;
    }
  },
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};
