/**
 * Inputs per fuzz property: `base`, times VRRP_FUZZ_SCALE when set (e.g. 20 for a longer hunt
 * on one's own machine; the suite's default runs well over 10,000 inputs within a minute).
 */
export function fuzzRuns(base: number): number {
  const scale = Number(process.env.VRRP_FUZZ_SCALE ?? '1');
  return Number.isFinite(scale) && scale > 0 ? Math.max(1, Math.round(base * scale)) : base;
}
