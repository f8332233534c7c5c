// Drives real processes in real time: this clock is the wall clock, not the simulator's virtual one.
import { setTimeout as sleep } from 'node:timers/promises';

/** Thrown when a run is interrupted (signal, time cap); the message says why. */
export class Aborted extends Error {}

/**
 * Seconds since a scenario's T0, from the monotonic clock (`process.hrtime.bigint()`), and the
 * conversion of tcpdump's wall-clock packet stamps to the same scale.
 */
export class RealClock {
  readonly t0: bigint;
  /** The wall clock at T0, in µs since the epoch. */
  private readonly epochAtT0Us: bigint;

  constructor() {
    this.t0 = process.hrtime.bigint();
    this.epochAtT0Us = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
  }

  /** Seconds since T0, to the nanosecond. */
  now(): number {
    return Number(process.hrtime.bigint() - this.t0) / 1e9;
  }

  /** A wall-clock stamp `SECONDS.MICROS` (tcpdump -tt) as seconds since T0. */
  fromEpoch(seconds: string, fraction: string): number {
    const us = BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
    return Number(us - this.epochAtT0Us) / 1e6;
  }

  /** Waits until `seconds` after T0: a timer for most of it, then yielding turns for the last ms. */
  async sleepUntil(seconds: number, signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted) throw new Aborted(String(signal.reason ?? 'aborted'));
      const left = seconds - this.now();
      if (left <= 0) return;
      if (left > 0.003) {
        try {
          await sleep(Math.min(1000, (left - 0.002) * 1000), undefined, { signal });
        } catch {
          throw new Aborted(String(signal.reason ?? 'aborted'));
        }
      } else {
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }
}

/** Waits `ms` of real time (for polling), unless aborted. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, signal === undefined ? {} : { signal });
  } catch {
    throw new Aborted(String(signal?.reason ?? 'aborted'));
  }
}
