import type { Clock } from '../app/ports.ts';

/**
 * The platform's clock: the wall clock, unless the local runtime made business time run faster for
 * demos and tests (runClockFaster, called from local/ and test/ only — production code never does).
 */
let speed = { factor: 1, epochMs: 0 };

/** Local runtime only: from `epochMs` on, business time runs `factor`× faster than real time. */
export const runClockFaster = (factor: number, epochMs: number): void => {
  if (!Number.isFinite(factor) || factor < 1) throw new Error(`Clock speed must be ≥ 1, got ${factor}`);
  speed = { factor, epochMs };
};

export const now = (): Date =>
  speed.factor === 1 ? new Date() : new Date(speed.epochMs + (Date.now() - speed.epochMs) * speed.factor);

/** Real seconds to wait until `instant` on this clock; at least 1, as Step Functions requires. */
export const realSecondsUntil = (instant: Date, from: Date = now()): number =>
  Math.max(1, Math.ceil((instant.getTime() - from.getTime()) / 1000 / speed.factor));

/** Real seconds for a span of clock time (for re-check intervals). */
export const realSeconds = (clockSeconds: number): number =>
  Math.max(1, Math.ceil(clockSeconds / speed.factor));

export const clock: Clock = { now };

/**
 * The wall clock, never sped up: limits on one party (complaints per address per hour, messages per
 * hour) are about real abuse, so SLA_TIME_SCALE must not shorten their windows.
 */
export const wallClock: Clock = { now: () => new Date() };
