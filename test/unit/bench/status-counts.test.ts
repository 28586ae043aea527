import { describe, expect, it } from 'vitest';
import { statusCounts } from '../../../bench/status-counts.ts';

describe('statusCounts', () => {
  it('counts each outcome, statuses ascending and requests without a response last', () => {
    expect(statusCounts([500, 201, 'no response', 201, 503, 201])).toBe(
      '201 × 3, 500 × 1, 503 × 1, no response × 1',
    );
  });

  it('says none when no request was sent', () => {
    expect(statusCounts([])).toBe('none');
  });
});
