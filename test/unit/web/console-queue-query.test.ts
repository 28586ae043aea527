import { describe, expect, it } from 'vitest';
import { queueQuerySchema } from '../../../functions/api/staff/schemas.ts';
import { QUEUE_SORTS } from '../../../functions/domain/queue-plan.ts';
import { apiQuery, filtersOf, hashOf, SORTS } from '../../../web/src/console/queue-query.ts';

const sent = (hash: string, cursor?: string) =>
  Object.fromEntries(apiQuery(filtersOf(new URLSearchParams(hash)), cursor));

describe('the console queue filters', () => {
  it('keep a view in the hash: what is read back is what was written', () => {
    const filters = filtersOf(
      new URLSearchParams('scope=mine&status=investigating&q=CMP-2611&overdue=true&sort=priority&order=desc'),
    );
    expect(filters).toMatchObject({ scope: 'mine', status: 'investigating', q: 'CMP-2611', overdue: true });
    expect(filtersOf(new URLSearchParams(hashOf(filters).split('?')[1]))).toEqual(filters);
    expect(hashOf(filtersOf(new URLSearchParams()))).toBe('#/queue?');
    // A column the API cannot sort by falls back to the deadline.
    expect(filtersOf(new URLSearchParams('sort=severity')).sort).toBe('due');
  });

  it('leave filtering and sorting to the API: my cases, unassigned, a status, the sort and its order', () => {
    expect(sent('')).toEqual({ state: 'open', sort: 'due', order: 'asc', limit: '50' });
    expect(sent('scope=mine&status=investigating&sort=priority&order=desc')).toMatchObject({
      assignee: 'me',
      status: 'investigating',
      sort: 'priority',
      order: 'desc',
    });
    expect(sent('scope=unassigned&overdue=true&severity=L1')).toMatchObject({
      assignee: 'unassigned',
      overdue: 'true',
      severity: 'L1',
    });
    // "Any status" reads open work and finished cases alike.
    expect(sent('state=any')).toMatchObject({ state: 'any' });
    expect(sent('state=any')).not.toHaveProperty('status');
  });

  it('search by reference, email or phone with the department only, and page on with the cursor', () => {
    expect(sent('scope=mine&status=closed&department=billing&q= a@b.cn ')).toEqual({
      q: 'a@b.cn',
      department: 'billing',
      limit: '50',
    });
    expect(sent('q=13800138000', 'next-page')).toEqual({
      q: '13800138000',
      limit: '50',
      cursor: 'next-page',
    });
  });

  it('send only what the API accepts', () => {
    expect(SORTS).toEqual(QUEUE_SORTS);
    for (const hash of [
      '',
      'scope=mine&sort=submitted&order=desc',
      'state=any&scope=unassigned',
      'q=CMP-261126',
    ])
      expect(queueQuerySchema.safeParse(sent(hash, 'c')).success).toBe(true);
  });
});
