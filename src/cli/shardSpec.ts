/**
 * `--shard K/N`, as check and verify take it: the K-th of N parts, 1 ≤ K ≤ N ≤ `max` (`limit`
 * names that bound in the error), or the one-line error.
 */
export function shardSpec(text: string, max: number, limit: string): { k: number; n: number } | string {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (m === null || n < 1 || n > max || k < 1 || k > n)
    return `--shard must be K/N with 1 ≤ K ≤ N ≤ ${limit} (got "${text}"; write e.g. --shard 1/4)`;
  return { k, n };
}
