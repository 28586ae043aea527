/**
 * The platform's clock. In AWS it is the wall clock. The local runtime may set SLA_TIME_SCALE (and
 * SLA_CLOCK_EPOCH_MS, shared by every process of one run) so that business time runs faster for
 * demos and tests: with a scale of 3600 an hour passes every second after the epoch.
 */
const scale = (): number => {
  const value = Number(process.env.SLA_TIME_SCALE ?? '1');
  return Number.isFinite(value) && value > 0 ? value : 1;
};

const epoch = (): number => Number(process.env.SLA_CLOCK_EPOCH_MS ?? '0') || Date.now();

export const now = (): Date => {
  const factor = scale();
  if (factor === 1) return new Date();
  const start = epoch();
  return new Date(start + (Date.now() - start) * factor);
};

/** Real seconds to wait until `instant` on this clock; at least 1, as Step Functions requires. */
export const realSecondsUntil = (instant: Date, from: Date = now()): number =>
  Math.max(1, Math.ceil((instant.getTime() - from.getTime()) / 1000 / scale()));

/** Real seconds for a span of clock time (for re-check intervals). */
export const realSeconds = (clockSeconds: number): number => Math.max(1, Math.ceil(clockSeconds / scale()));
