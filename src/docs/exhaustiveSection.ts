import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileName } from '../../model/profiles.ts';
import { describeScope } from '../verify/describeScope.ts';
import type { ExploreStats, Scope } from '../verify/explore.ts';
import type { Block } from './docModel.ts';

/** One `vrrp-check verify --json` of the bundled sound pair, as docs/exhaustive-scope.json keeps it. */
interface ScopeRun {
  readonly profile: ProfileName;
  readonly scope: Scope;
  readonly stats: ExploreStats;
  readonly verdicts: readonly {
    readonly property: string;
    readonly kind: string;
    readonly status: string;
    readonly applicable: number;
  }[];
  readonly coverage: readonly { readonly transition: string; readonly taken: number }[];
}

const thousands = (n: number) => n.toLocaleString('en-US');

/**
 * The exhaustive scope of each claim beside the random results: what `vrrp-check verify` proved
 * on examples/check-sound under each profile (docs/exhaustive-scope.json, written by
 * `VRRP_WRITE_EXHAUSTIVE_SCOPE=1 npx vitest run test/mutants/exhaustive.test.ts`), and the
 * machine transitions the search took.
 */
export function exhaustiveSection(root: string): Block[] {
  const file = join(root, 'docs', 'exhaustive-scope.json');
  const heading: Block = { kind: 'heading', level: 2, text: 'Exhaustive scope', id: 'exhaustive' };
  if (!existsSync(file)) return [heading, { kind: 'paragraph', text: 'Not written yet (docs/exhaustive-scope.json).' }];
  const runs = JSON.parse(readFileSync(file, 'utf8')) as ScopeRun[];
  const blocks: Block[] = [
    heading,
    {
      kind: 'paragraph',
      text: 'Random runs say "not found in so many samples"; `vrrp-check verify` explores every behaviour within a stated scope, breadth first, and says "holds" only for the whole of it. On the bundled sound pair (examples/check-sound), with the scope below; [exhaustive.md](exhaustive.md) sets it against `check` on the broken models.',
    },
  ];
  for (const [n, run] of runs.entries()) {
    const s = run.stats;
    // a profile verified in more than one scope: each scope under its own heading
    const before = runs.slice(0, n).filter((r) => r.profile === run.profile).length;
    const bounds = `≤ ${run.scope.faults} fault${run.scope.faults === 1 ? '' : 's'}, ≤ ${run.scope.flips} flip${run.scope.flips === 1 ? '' : 's'}`;
    blocks.push(
      {
        kind: 'heading',
        level: 3,
        text: `${run.profile}, ${bounds}`,
        id: `exhaustive-${run.profile}${before === 0 ? '' : `-${before + 1}`}`,
      },
      {
        kind: 'paragraph',
        text: `Scope: ${describeScope(run.scope)}. Explored: ${thousands(s.distinct)} distinct states (${thousands(s.generated)} generated), depth ${s.depth}, ${thousands(s.paths)} paths judged${s.incomplete ? '; INCOMPLETE: the state limit was reached' : ''}.`,
      },
      {
        kind: 'table',
        head: ['claim', 'kind', 'verify', 'paths applicable'],
        rows: run.verdicts.map((v) => [
          v.property,
          v.kind,
          v.status,
          v.kind === 'sometimes' ? '' : thousands(v.applicable),
        ]),
      },
      {
        kind: 'paragraph',
        text: `Machine transitions taken in the scope: ${run.coverage.filter((c) => c.taken > 0).length} of ${run.coverage.length}. Not taken: ${run.coverage
          .filter((c) => c.taken === 0)
          .map((c) => `\`${c.transition}\``)
          .join('; ')}.`,
      },
    );
  }
  return blocks;
}
