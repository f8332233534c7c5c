import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const PROPERTIES = join(import.meta.dirname, '..', '..', 'properties');

it('no claim imports the model: each computes its expectation from the configs and the formulas it cites', () => {
  const files = readdirSync(PROPERTIES).filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(30);
  const offending = files.flatMap((file) => {
    const text = readFileSync(join(PROPERTIES, file), 'utf8');
    const specifiers = [
      ...text.matchAll(/(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g),
    ].map((m) => m[1] ?? m[2] ?? '');
    return specifiers.filter((s) => /(^|\/)model(\/|$)/.test(s)).map((s) => `${file}: ${s}`);
  });
  expect(offending).toEqual([]);
});

it('nor does anything it imports from src/ (the trace, its folds), transitively', () => {
  const seen = new Set<string>();
  const reaches: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import (?!type)[^'"]*from\s*['"](\.[^'"]+)['"]/gm)) {
      const target = join(file, '..', m[1] as string);
      if (/\/model\//.test(target)) reaches.push(`${file} → ${target}`);
      else if (target.endsWith('.ts')) visit(target);
    }
  };
  for (const f of readdirSync(PROPERTIES).filter((x) => x.endsWith('.ts'))) visit(join(PROPERTIES, f));
  expect(reaches).toEqual([]);
});
