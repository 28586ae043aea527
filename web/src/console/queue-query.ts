import type { QueueRow } from '../../../functions/domain/staff-view.ts';

/** The queue's columns that sort, and the API's sort keys for those it sorts itself. */
export const SORTS = ['dueAt', 'submittedAt', 'priority', 'reference', 'status', 'severity'] as const;
export type QueueSort = (typeof SORTS)[number];

export interface QueueFilters {
  scope: 'all' | 'mine' | 'unassigned';
  state: string;
  status: string;
  severity: string;
  department: string;
  q: string;
  overdue: boolean;
  sort: QueueSort;
  order: 'asc' | 'desc';
}

/** The filters as the page's hash holds them (`#/queue?scope=mine&status=…`), so views are links. */
export const filtersOf = (query: URLSearchParams): QueueFilters => {
  const scope = query.get('scope');
  const sort = query.get('sort') as QueueSort | null;
  return {
    scope: scope === 'mine' || scope === 'unassigned' ? scope : 'all',
    state: query.get('state') ?? 'open',
    status: query.get('status') ?? 'any',
    severity: query.get('severity') ?? '',
    department: query.get('department') ?? '',
    q: query.get('q') ?? query.get('reference') ?? '',
    overdue: query.get('overdue') === 'true',
    sort: sort && SORTS.includes(sort) ? sort : 'dueAt',
    order: query.get('order') === 'desc' ? 'desc' : 'asc',
  };
};

export const hashOf = (filters: QueueFilters): string => {
  const query = new URLSearchParams();
  if (filters.scope !== 'all') query.set('scope', filters.scope);
  if (filters.state !== 'open') query.set('state', filters.state);
  if (filters.status !== 'any') query.set('status', filters.status);
  for (const name of ['severity', 'department', 'q'] as const)
    if (filters[name]) query.set(name, filters[name]);
  if (filters.overdue) query.set('overdue', 'true');
  if (filters.sort !== 'dueAt') query.set('sort', filters.sort);
  if (filters.order !== 'asc') query.set('order', filters.order);
  return `#/queue?${query}`;
};

/**
 * The API's query for the filters (GET /v1/staff/complaints, queueQuerySchema). "Mine" is the
 * signed-in member of staff; "unassigned" and free-text search are applied to the rows here.
 */
export const apiQuery = (filters: QueueFilters, self: string): URLSearchParams => {
  const query = new URLSearchParams({ state: filters.state });
  if (filters.scope === 'mine') query.set('assignee', self);
  if (filters.status !== 'any') query.set('status', filters.status);
  if (filters.severity) query.set('severity', filters.severity);
  if (filters.department) query.set('department', filters.department);
  if (/^[0-9A-Za-z-]{1,20}$/u.test(filters.q.trim())) query.set('reference', filters.q.trim());
  if (filters.overdue) query.set('overdue', 'true');
  return query;
};

/** What the API does not filter yet: unassigned rows only. */
export const keepRow = (filters: QueueFilters) => (row: QueueRow) =>
  filters.scope !== 'unassigned' || row.assignee === null;

const SEVERITY_RANK: Record<string, number> = { L1: 1, L2: 2, L3: 3, L4: 4 };
const key = (row: QueueRow, sort: QueueSort): string | number => {
  switch (sort) {
    case 'dueAt':
      return row.nextDueAt ?? '9999';
    case 'submittedAt':
      return row.submittedAt;
    case 'priority':
      return row.priority ?? 'P9';
    case 'severity':
      return SEVERITY_RANK[row.severity ?? ''] ?? 9;
    default:
      return row[sort];
  }
};

/** Sorts the rows loaded so far (the API sorts its pages; this keeps a page and "load more" in order). */
export const sortRows = (rows: readonly QueueRow[], sort: QueueSort, order: 'asc' | 'desc'): QueueRow[] =>
  rows.toSorted((a, b) => {
    const [x, y] = [key(a, sort), key(b, sort)];
    const compared = x < y ? -1 : x > y ? 1 : 0;
    return order === 'asc' ? compared : -compared;
  });
