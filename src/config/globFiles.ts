import { join } from 'node:path';
import type { IncludeHost } from './includeHost.ts';

/** Brace alternatives are bounded so that a pattern cannot make unbounded work. */
const MAX_ALTERNATIVES = 256;

/**
 * The paths glob(3) gives for `pattern` with GLOB_BRACE, as keepalived's include uses it
 * (lib/parser.c open_and_check_glob): each brace alternative in order, each one's matches sorted.
 * Only the directories the pattern names are listed; nothing else is read. A relative pattern is
 * taken from `dir`.
 */
export function globFiles(pattern: string, dir: string, host: IncludeHost): string[] {
  const found: string[] = [];
  for (const alternative of expandBraces(pattern)) {
    const absolute = alternative.startsWith('/');
    const segments = alternative.split('/').filter((s) => s !== '');
    let paths = [absolute ? '/' : dir];
    for (const segment of segments) {
      const next: string[] = [];
      for (const base of paths) {
        if (!hasWildcard(segment)) {
          next.push(join(base, withoutEscapes(segment)));
          continue;
        }
        const matcher = segmentMatcher(segment);
        const names = [...(host.list(base) ?? [])].filter((name) => matcher.test(name)).sort(byBytes);
        for (const name of names) next.push(join(base, name));
      }
      paths = next;
    }
    found.push(...paths.filter((path) => host.stat(path) !== undefined).sort(byBytes));
  }
  return found;
}

export function hasWildcard(text: string): boolean {
  return /(?<!\\)[*?[]/.test(text);
}

function withoutEscapes(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function byBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** fnmatch(3) for one path segment: `*`, `?`, `[...]`; a leading "." is matched only by a literal one. */
function segmentMatcher(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment.charAt(i);
    if (ch === '\\' && i + 1 < segment.length) {
      source += escapeRegExp(segment.charAt(++i));
    } else if (ch === '*') {
      source += i === 0 ? '(?!\\.)[^/]*' : '[^/]*';
    } else if (ch === '?') {
      source += i === 0 ? '(?!\\.)[^/]' : '[^/]';
    } else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else {
      source += escapeRegExp(ch);
    }
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** GLOB_BRACE: "a{b,c}d" gives "abd" then "acd"; nested braces expand from the outside in. */
export function expandBraces(pattern: string): string[] {
  const open = findBrace(pattern);
  if (open === undefined) return [pattern];
  const { start, end, parts } = open;
  const out: string[] = [];
  for (const part of parts) {
    for (const expanded of expandBraces(pattern.slice(0, start) + part + pattern.slice(end + 1))) {
      if (out.length >= MAX_ALTERNATIVES) return out;
      out.push(expanded);
    }
  }
  return out;
}

/** The first top-level "{…,…}" with its comma-separated parts, or undefined. */
function findBrace(pattern: string): { start: number; end: number; parts: string[] } | undefined {
  for (let start = 0; start < pattern.length; start++) {
    if (pattern.charAt(start) === '\\') {
      start++;
      continue;
    }
    if (pattern.charAt(start) !== '{') continue;
    let depth = 0;
    const parts: string[] = [];
    let partStart = start + 1;
    for (let i = start; i < pattern.length; i++) {
      const ch = pattern.charAt(i);
      if (ch === '\\') i++;
      else if (ch === '{') depth++;
      else if (ch === ',' && depth === 1) {
        parts.push(pattern.slice(partStart, i));
        partStart = i + 1;
      } else if (ch === '}' && --depth === 0) {
        parts.push(pattern.slice(partStart, i));
        return { start, end: i, parts };
      }
    }
    return undefined;
  }
  return undefined;
}
