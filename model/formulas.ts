/**
 * VRRPv2 timer and priority formulas, in integer microseconds.
 *
 * RFC 3768 (VRRPv2) is the protocol keepalived speaks for IPv4 by default in both
 * 1.2.13 and 2.2.7; keepalived's own macros are cited where it departs from the RFC.
 */

/** keepalived's time unit: `TIMER_HZ` in lib/timer.h. */
export const US_PER_SECOND = 1_000_000;

/** RFC 3768 §5.3.4: the router owning the virtual address. */
export const PRIORITY_OWNER = 255;

/** RFC 3768 §5.3.4: "the current Master has stopped participating in VRRP". */
export const PRIORITY_STOP = 0;

/** keepalived `VRRP_PRIO_DFL`, used when no priority is configured. */
export const PRIORITY_DEFAULT = 100;

/** RFC 3768 §6.1 Skew_Time = (256 − Priority) / 256 s; keepalived `VRRP_TIMER_SKEW` (integer division). */
export function skewTimeUs(priority: number): number {
  return Math.floor(((256 - priority) * US_PER_SECOND) / 256);
}

/** RFC 3768 §6.1 Master_Down_Interval = 3 × Advertisement_Interval + Skew_Time; keepalived `VRRP_MS_DOWN_TIMER`. */
export function masterDownIntervalUs(priority: number, advertIntUs: number): number {
  return 3 * advertIntUs + skewTimeUs(priority);
}

/**
 * Effective priority of a non-owner: base plus tracker contributions, clamped to 1..254.
 * keepalived 1.2.13 `vrrp_update_priority`, 2.2.7 `vrrp_set_effective_priority`; an owner stays 255.
 */
export function clampEffectivePriority(basePriority: number, contributions: number): number {
  if (basePriority === PRIORITY_OWNER) return PRIORITY_OWNER;
  const sum = basePriority + contributions;
  if (sum < 1) return 1;
  if (sum > PRIORITY_OWNER - 1) return PRIORITY_OWNER - 1;
  return sum;
}

/**
 * The effective priority an instance starts with: its base priority, or keepalived 1.2.13's
 * VRRP_PRIO_DFL when `priority` was omitted (its parser leaves the base at 0, and
 * vrrp_complete_instance sets only the effective priority).
 */
export function startingPriority(basePriority: number): number {
  return basePriority === 0 ? PRIORITY_DEFAULT : basePriority;
}

/** Seconds (as written in keepalived.conf or a scenario) to integer microseconds. */
export function secondsToUs(seconds: number): number {
  return Math.round(seconds * US_PER_SECOND);
}
