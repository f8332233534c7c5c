/** keepalived's time unit: `TIMER_HZ`, microseconds per second. */
export const US = 1_000_000;

/** Seconds (as a trace writes them) to whole microseconds. */
export const toUs = (seconds: number): number => Math.round(seconds * US);

/** RFC 3768 §5.3.4: the priority of the router that owns the virtual addresses. */
export const OWNER = 255;

/** RFC 3768 §6.1 Skew_Time = (256 − Priority) / 256 s, in whole µs as keepalived's VRRP_TIMER_SKEW computes it. */
export function skewUs(priority: number): number {
  return Math.floor(((256 - priority) * US) / 256);
}

/** RFC 3768 §6.1 Master_Down_Interval = 3 × Advertisement_Interval + Skew_Time (keepalived VRRP_MS_DOWN_TIMER). */
export function masterDownUs(priority: number, advertIntUs: number): number {
  return 3 * advertIntUs + skewUs(priority);
}

/**
 * keepalived.conf(5) "weight": the base priority plus each weight whose tracker calls for it,
 * kept within 1..254 (vrrp_update_priority, vrrp_set_effective_priority); an address owner
 * stays at 255.
 */
export function clampPriority(base: number, contributions: number): number {
  if (base === OWNER) return OWNER;
  return Math.min(OWNER - 1, Math.max(1, base + contributions));
}
