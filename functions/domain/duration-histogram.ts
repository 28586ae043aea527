/**
 * Fixed, log-spaced histogram buckets for durations (seconds), stored as counters beside the other
 * KPI counters so that any set of days and groups merges by adding bucket counts.
 *
 * Bucket 0 holds [0, 60 s); bucket i ≥ 1 holds [60·r^(i−1), 60·r^i) with r = 1.1. A percentile is
 * read as the geometric middle of the bucket that holds the requested rank, so it is within
 * √r − 1 ≈ 4.9 % of the true sample at that rank (within 30 s in bucket 0). Ten years fit in about
 * 180 buckets; an item only carries the buckets that have counts.
 */
export const BUCKET_RATIO = 1.1;
const FIRST_BOUNDARY_SECONDS = 60;
/** The relative error bound of a percentile read from the buckets (above 60 s). */
export const PERCENTILE_RELATIVE_ERROR = Math.sqrt(BUCKET_RATIO) - 1;
/** The absolute error bound of a percentile below 60 s. */
export const PERCENTILE_ABSOLUTE_ERROR_SECONDS = FIRST_BOUNDARY_SECONDS / 2;

/** The bucket of a duration in seconds. */
export const bucketOf = (seconds: number): number => {
  if (seconds < FIRST_BOUNDARY_SECONDS) return 0;
  return Math.floor(Math.log(seconds / FIRST_BOUNDARY_SECONDS) / Math.log(BUCKET_RATIO)) + 1;
};

/** The value a bucket stands for: its geometric middle (bucket 0: 30 s). */
export const bucketValue = (bucket: number): number =>
  bucket === 0
    ? FIRST_BOUNDARY_SECONDS / 2
    : FIRST_BOUNDARY_SECONDS * BUCKET_RATIO ** (bucket - 1) * Math.sqrt(BUCKET_RATIO);

/** Bucket index → count. */
export type Histogram = ReadonlyMap<number, number>;

/**
 * The nearest-rank percentile (p in (0, 1]): the value of the ⌈p·n⌉-th smallest sample, as the
 * middle of its bucket. Undefined for an empty histogram.
 */
export const percentile = (histogram: Histogram, p: number): number | undefined => {
  const total = [...histogram.values()].reduce((sum, count) => sum + count, 0);
  if (total <= 0) return undefined;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket) ?? 0;
    if (seen >= rank) return bucketValue(bucket);
  }
  return undefined;
};
