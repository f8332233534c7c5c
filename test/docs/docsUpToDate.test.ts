import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_RUNS, DOCS_SEED } from '../../src/cli/docsCommand.ts';
import { generateDocs } from '../../src/docs/generateDocs.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DOCS = join(ROOT, 'docs');

describe('the committed docs', () => {
  const files = generateDocs({ root: ROOT, runs: DOCS_RUNS, seed: DOCS_SEED });

  it('are what `vrrp-check docs` writes today (regenerate with `npx vrrp-check docs` if this fails)', () => {
    const stale = [...files].filter(
      ([file, content]) => !existsSync(join(DOCS, file)) || readFileSync(join(DOCS, file), 'utf8') !== content,
    );
    expect(stale.map(([file]) => file)).toEqual([]);
  });

  it('hold no generated file the generator no longer writes', () => {
    const extra = ['img', 'counterexamples'].flatMap((dir) =>
      existsSync(join(DOCS, dir))
        ? readdirSync(join(DOCS, dir))
            .map((f) => `${dir}/${f}`)
            .filter((f) => !files.has(f))
        : [],
    );
    expect(extra).toEqual([]);
  });

  it('are deterministic: generating twice gives the same bytes', () => {
    const again = generateDocs({ root: ROOT, runs: DOCS_RUNS, seed: DOCS_SEED });
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [file, content] of again) expect(content, file).toBe(files.get(file));
  });

  it('every counterexample in them replays: it is a scenario file', () => {
    for (const [file, content] of files) {
      if (!file.startsWith('counterexamples/')) continue;
      const scenario = JSON.parse(content);
      expect(scenario.routers.length, file).toBeGreaterThanOrEqual(2);
      expect(scenario.events.length, file).toBeGreaterThan(0);
    }
  });
});
