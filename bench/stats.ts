/** Nearest-rank percentile of already sorted samples. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export const summarise = (samples: readonly number[]) => {
  const sorted = samples.toSorted((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
};

export const median = (samples: readonly number[]): number =>
  percentile(
    samples.toSorted((a, b) => a - b),
    50,
  );

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export const ratio = (value: number) => `${value.toFixed(2)}×`;

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
