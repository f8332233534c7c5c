import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateDocs } from '../docs/generateDocs.ts';
import type { CommandResult } from './commandResult.ts';
import { type OptionSpec, optionHelp, parseArgs } from './parseArgs.ts';

/** The seed the committed docs are generated with: regenerating them must change nothing. */
export const DOCS_SEED = 2026;
export const DOCS_RUNS = 300;

const options: readonly OptionSpec[] = [
  { name: 'out', value: 'DIR', help: 'where to write the docs (default: docs/ in the vrrp-check folder)' },
  { name: 'runs', value: 'N', help: `generated scenarios per claim and profile (default ${DOCS_RUNS})` },
  { name: 'seed', value: 'S', help: `fast-check seed (default ${DOCS_SEED}, the committed docs' seed)` },
  { name: 'help', help: 'show this help' },
];

export const docsHelp = `Usage: vrrp-check docs [options]

Runs the property suite under both profiles (keepalived 1.2.13 and 2.2.7) and writes what was
verified: verified-behaviour.md and a self-contained index.html, with the SVG timelines in img/
and every counterexample in counterexamples/ (replay with vrrp-check run). The same seed writes
the same bytes.

Options:
${optionHelp(options)}
`;

/** The vrrp-check package folder (where examples/ and docs/ live), from this file's place. */
export function packageRoot(from: string = import.meta.dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'vrrp-check')
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the vrrp-check package folder');
    dir = up;
  }
}

/** Folders the generator owns entirely; files it did not write this time are removed. */
const GENERATED_DIRS = ['img', 'counterexamples'];

export function docsCommand(argv: readonly string[]): CommandResult {
  const parsed = parseArgs('docs', argv, options);
  if (!parsed.ok) return { code: 2, stderr: `vrrp-check: ${parsed.error}\n` };
  const { positional, flags, values } = parsed.args;
  if (flags.has('help')) return { code: 0, stdout: docsHelp };
  if (positional.length > 0)
    return { code: 2, stderr: `vrrp-check: docs takes no arguments, got "${positional[0]}" (see --help)\n` };
  const number = (name: string, fallback: number, min: number, max: number): number | string => {
    const text = values.get(name)?.[0];
    if (text === undefined) return fallback;
    const n = Number(text);
    return Number.isInteger(n) && n >= min && n <= max
      ? n
      : `--${name} must be an integer from ${min} to ${max} (got "${text}")`;
  };
  const runs = number('runs', DOCS_RUNS, 1, 100_000);
  const seed = number('seed', DOCS_SEED, -(2 ** 31), 2 ** 31 - 1);
  if (typeof runs === 'string') return { code: 2, stderr: `vrrp-check: ${runs}\n` };
  if (typeof seed === 'string') return { code: 2, stderr: `vrrp-check: ${seed}\n` };
  const root = packageRoot();
  const out = values.get('out')?.[0] ?? join(root, 'docs');
  const tty = process.stderr.isTTY === true;
  const files = generateDocs({
    root,
    runs,
    seed,
    ...(tty ? { onProgress: (what: string) => process.stderr.write(`\r\x1b[K  checking ${what}`) } : {}),
  });
  if (tty) process.stderr.write('\r\x1b[K');
  try {
    for (const dir of GENERATED_DIRS) {
      const path = join(out, dir);
      if (!existsSync(path)) continue;
      for (const name of readdirSync(path)) if (!files.has(`${dir}/${name}`)) rmSync(join(path, name));
    }
    for (const [file, content] of files) {
      const path = join(out, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  } catch (e) {
    return {
      code: 2,
      stderr: `vrrp-check: cannot write the docs to ${out}: ${(e as Error).message} (choose another --out DIR)\n`,
    };
  }
  return { code: 0, stdout: `wrote ${files.size} files to ${out} (runs ${runs}, seed ${seed})\n` };
}
