/**
 * A small seeded generator (SplitMix32 steps: a Weyl sequence through an avalanche mix), so that
 * anything random in a simulation comes from the scenario and replays exactly. Not for secrets.
 */
export interface SeededRandom {
  /** An integer in 0 .. n − 1, for n ≥ 1. */
  below(n: number): number;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  return {
    below(n: number): number {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      z = (z ^ (z >>> 16)) >>> 0;
      return Math.floor((z / 0x1_0000_0000) * n);
    },
  };
}
