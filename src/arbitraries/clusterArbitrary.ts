import fc from 'fast-check';
import { PRIORITY_OWNER } from '../../model/formulas.ts';
import type { ScriptOutcome } from '../scenario.ts';

/**
 * A weight, either a literal or relative to the gap between two routers' priorities, so that
 * "weight equal to the gap" (and one less, one more) comes up often: the dangerous corner.
 */
export type GenWeight =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'gap'; readonly a: number; readonly b: number; readonly sign: 1 | -1; readonly plus: -1 | 0 | 1 };

export interface GenScript {
  readonly weight: GenWeight;
  readonly rise: number;
  readonly fall: number;
  readonly interval: number;
  readonly initial: ScriptOutcome;
}

export interface GenRouter {
  readonly state: 'MASTER' | 'BACKUP';
  /** Offset from the cluster's base priority; null makes the router the address owner (255). */
  readonly delta: number | null;
  readonly nopreempt: boolean;
  readonly preemptDelay: number;
  readonly scripts: readonly GenScript[];
  /** Weight of a tracked second interface, eth1, if any. */
  readonly eth1: GenWeight | null;
}

export interface GenCluster {
  readonly advertInt: number;
  readonly base: number;
  readonly routers: readonly GenRouter[];
  /** Every router but an owner at the base priority: ties everywhere (the tie-break's corner). */
  readonly equal: boolean;
}

const weight: fc.Arbitrary<GenWeight> = fc.oneof(
  { arbitrary: fc.constant<GenWeight>({ kind: 'value', value: 0 }), weight: 2 },
  {
    arbitrary: fc.integer({ min: -40, max: 40 }).map((value): GenWeight => ({ kind: 'value', value })),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('gap' as const),
      a: fc.nat(4),
      b: fc.nat(4),
      sign: fc.constantFrom(1 as const, -1 as const),
      plus: fc.constantFrom(-1 as const, 0 as const, 1 as const),
    }),
    weight: 3,
  },
);

const script: fc.Arbitrary<GenScript> = fc.record({
  weight,
  rise: fc.integer({ min: 1, max: 3 }),
  fall: fc.integer({ min: 1, max: 3 }),
  interval: fc.integer({ min: 1, max: 3 }),
  initial: fc.oneof(
    { arbitrary: fc.constant('ok' as const), weight: 5 },
    { arbitrary: fc.constant('fail' as const), weight: 1 },
  ),
});

const router: fc.Arbitrary<GenRouter> = fc.record({
  state: fc.oneof(
    { arbitrary: fc.constant('BACKUP' as const), weight: 2 },
    { arbitrary: fc.constant('MASTER' as const), weight: 1 },
  ),
  // ties are the dangerous corner: a third of the routers share the base priority
  delta: fc.oneof(
    { arbitrary: fc.constant(0), weight: 3 },
    { arbitrary: fc.integer({ min: -30, max: 30 }), weight: 5 },
    { arbitrary: fc.constant(null), weight: 1 },
  ),
  nopreempt: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
  preemptDelay: fc.oneof(
    { arbitrary: fc.constant(0), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 8 }), weight: 1 },
  ),
  // most routers track a script: the stories make the master's fail
  scripts: fc.oneof(
    { arbitrary: fc.array(script, { minLength: 1, maxLength: 2 }), weight: 3 },
    { arbitrary: fc.constant([]), weight: 1 },
  ),
  eth1: fc.option(weight, { nil: null, freq: 5 }),
});

/** Clusters of 2–5 routers on one VRID, sharing one advert_int (VRRPv2 requires it to match). */
export const clusterArbitrary: fc.Arbitrary<GenCluster> = fc.record({
  advertInt: fc.oneof(
    { arbitrary: fc.constant(1), weight: 4 },
    { arbitrary: fc.integer({ min: 2, max: 3 }), weight: 1 },
  ),
  base: fc.integer({ min: 40, max: 220 }),
  routers: fc.array(router, { minLength: 2, maxLength: 5 }),
  equal: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
});

/** Each router's configured priority. */
export function priorities(cluster: GenCluster): number[] {
  return cluster.routers.map((r) =>
    r.delta === null ? PRIORITY_OWNER : Math.max(1, Math.min(254, cluster.base + (cluster.equal ? 0 : r.delta))),
  );
}

export function resolveWeight(w: GenWeight, prios: readonly number[]): number {
  if (w.kind === 'value') return w.value;
  const a = prios[w.a % prios.length] as number;
  const b = prios[w.b % prios.length] as number;
  return Math.max(-254, Math.min(254, w.sign * (Math.abs(a - b) + w.plus)));
}
