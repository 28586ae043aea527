import { describe, expect, it } from 'vitest';
import { median, percentile, summarise } from '../../../bench/stats.ts';

describe('bench statistics', () => {
  it('takes the nearest-rank percentile of sorted samples', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('sorts before summarising and taking the median', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(summarise([3, 1, 2])).toEqual({ n: 3, p50: 2, p90: 3, p99: 3, max: 3 });
  });
});
