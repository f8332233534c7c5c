import { describe, expect, it } from 'vitest';
import {
  clampEffectivePriority,
  masterDownIntervalUs,
  PRIORITY_OWNER,
  secondsToUs,
  skewTimeUs,
} from '../../model/formulas.ts';

describe('skewTimeUs', () => {
  it("is (256 − priority)/256 s with keepalived's integer division", () => {
    expect(skewTimeUs(100)).toBe(609_375);
    expect(skewTimeUs(102)).toBe(601_562); // 601562.5 truncated
    expect(skewTimeUs(255)).toBe(3_906); // 3906.25 truncated
    expect(skewTimeUs(1)).toBe(996_093);
  });
});

describe('masterDownIntervalUs', () => {
  it('is 3 × advert_int + skew', () => {
    expect(masterDownIntervalUs(102, 1_000_000)).toBe(3_601_562);
    expect(masterDownIntervalUs(100, 1_000_000)).toBe(3_609_375);
    expect(masterDownIntervalUs(99, 1_000_000)).toBe(3_613_281);
    expect(masterDownIntervalUs(103, 2_000_000)).toBe(6_597_656);
  });

  it('matches the recorded takeovers of keepalived 2.2.7 within 3 ms', () => {
    // oracle s1-seed1: B entered BACKUP at 8.016 with priority 103 and took over at 11.614
    expect(8.016 + masterDownIntervalUs(103, 1_000_000) / 1e6).toBeCloseTo(11.614, 2);
    // oracle s7-script-failover: B (100) heard its last accepted advert at 6.633, took over at 10.243
    expect(6.633 + masterDownIntervalUs(100, 1_000_000) / 1e6).toBeCloseTo(10.243, 2);
  });
});

describe('clampEffectivePriority', () => {
  it('adds the contributions and clamps a non-owner to 1..254', () => {
    expect(clampEffectivePriority(99, 3)).toBe(102);
    expect(clampEffectivePriority(100, -150)).toBe(1);
    expect(clampEffectivePriority(250, 10)).toBe(254);
    expect(clampEffectivePriority(0, 0)).toBe(1);
  });

  it('never moves an owner', () => {
    expect(clampEffectivePriority(PRIORITY_OWNER, -100)).toBe(255);
    expect(clampEffectivePriority(PRIORITY_OWNER, 10)).toBe(255);
  });
});

describe('secondsToUs', () => {
  it('rounds to whole microseconds', () => {
    expect(secondsToUs(8.005)).toBe(8_005_000);
    expect(secondsToUs(0.1 + 0.2)).toBe(300_000);
  });
});
