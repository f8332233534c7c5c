/**
 * The set of states seen, as 64-bit fingerprints (two 32-bit halves) in an open-addressing
 * table of typed arrays: no object per state, so millions of states cost a few bytes each and no
 * garbage collection. The pair (0, 0) marks an empty slot; a fingerprint that is (0, 0) is
 * stored as (0, 1).
 */
export class FingerprintSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private count = 0;

  constructor(capacity = 1 << 16) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the fingerprint; false when it was already there. */
  add(a: number, b: number): boolean {
    const hi = a >>> 0;
    const lo = hi === 0 && b >>> 0 === 0 ? 1 : b >>> 0;
    if ((this.count + 1) * 2 > this.hi.length) this.grow();
    const mask = this.hi.length - 1;
    for (let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const h = this.hi[i] as number;
      const l = this.lo[i] as number;
      if (h === 0 && l === 0) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.count++;
        return true;
      }
      if (h === hi && l === lo) return false;
    }
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    this.hi = new Uint32Array(oldHi.length * 2);
    this.lo = new Uint32Array(oldLo.length * 2);
    this.count = 0;
    for (let i = 0; i < oldHi.length; i++) {
      const h = oldHi[i] as number;
      const l = oldLo[i] as number;
      if (h !== 0 || l !== 0) this.add(h, l);
    }
  }
}
