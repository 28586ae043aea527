import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../../functions/domain/staff-view.ts';
import { apiQuery, filtersOf, hashOf, keepRow, sortRows } from '../../../web/src/console/queue-query.ts';

const row = (overrides: Partial<QueueRow>): QueueRow =>
  ({
    id: 'id',
    reference: 'CMP-261126-AAAAAA',
    status: 'assigned',
    subject: 's',
    assignee: null,
    submittedAt: '2026-11-26T01:00:00.000Z',
    nextDueAt: null,
    severity: 'L3',
    priority: 'P3',
    ...overrides,
  }) as QueueRow;

describe('the console queue filters', () => {
  it('keep a view in the hash: what is read back is what was written', () => {
    const filters = filtersOf(
      new URLSearchParams('scope=mine&status=investigating&q=CMP-2611&overdue=true&sort=priority&order=desc'),
    );
    expect(filters).toMatchObject({ scope: 'mine', status: 'investigating', q: 'CMP-2611', overdue: true });
    expect(filtersOf(new URLSearchParams(hashOf(filters).split('?')[1]))).toEqual(filters);
    expect(hashOf(filtersOf(new URLSearchParams()))).toBe('#/queue?');
  });

  it('ask the API for "mine" as the signed-in member of staff and leave "any" status out', () => {
    const query = apiQuery(filtersOf(new URLSearchParams('scope=mine&q=CMP-2611')), 'agent-7');
    expect(Object.fromEntries(query)).toEqual({ state: 'open', assignee: 'agent-7', reference: 'CMP-2611' });
    // Free text that is no reference is not sent as one (the API would refuse it).
    expect(apiQuery(filtersOf(new URLSearchParams('q=a@b.cn')), 'x').has('reference')).toBe(false);
  });

  it('keep only unassigned rows for "unassigned", and sort by the chosen column either way', () => {
    const rows = [
      row({ id: 'a', assignee: 'agent-1', nextDueAt: '2026-11-27T00:00:00.000Z', severity: 'L2' }),
      row({ id: 'b', nextDueAt: '2026-11-26T00:00:00.000Z', severity: 'L1' }),
      row({ id: 'c', nextDueAt: null, severity: 'L4' }),
    ];
    expect(rows.filter(keepRow(filtersOf(new URLSearchParams('scope=unassigned')))).map((r) => r.id)).toEqual(
      ['b', 'c'],
    );
    expect(sortRows(rows, 'dueAt', 'asc').map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(sortRows(rows, 'severity', 'desc').map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });
});
