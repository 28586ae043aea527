/** What one request got: its HTTP status, or no response at all (connection failed, timed out). */
export type RequestOutcome = number | 'no response';

/** "201 × 812, 500 × 37": how many requests got each outcome, statuses in ascending order. */
export const statusCounts = (outcomes: readonly RequestOutcome[]): string => {
  const counts = new Map<RequestOutcome, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return (
    [...counts]
      .sort(([a], [b]) => (a === b ? 0 : a === 'no response' ? 1 : b === 'no response' ? -1 : a - b))
      .map(([outcome, count]) => `${outcome} × ${count}`)
      .join(', ') || 'none'
  );
};
