/**
 * A small seeded generator (SplitMix32 steps: a Weyl sequence through an avalanche mix), so that
 * anything random in a simulation comes from the scenario and replays exactly. Not for secrets.
 * Its whole state is one 32-bit number, so a world that carries it stays a plain, hashable value.
 */
export interface Draw {
  /** An integer in 0 .. n − 1. */
  readonly value: number;
  /** The generator's state after the draw. */
  readonly state: number;
}

/** The generator's state for a seed (0 .. 2^32 − 1). */
export function randomState(seed: number): number {
  return seed >>> 0;
}

/** One draw of an integer in 0 .. n − 1, for n ≥ 1. */
export function drawBelow(state: number, n: number): Draw {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z = (z ^ (z >>> 16)) >>> 0;
  return { value: Math.floor((z / 0x1_0000_0000) * n), state: next };
}
