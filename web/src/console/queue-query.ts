/**
 * The queue's sortable columns: the API's sort keys (QUEUE_SORTS in functions/domain/queue-plan.ts,
 * which the web cannot import: it uses node:crypto; the unit test checks they agree). The API sorts
 * across pages, so "load more" stays in order.
 */
export const SORTS = ['due', 'submitted', 'priority'] as const;
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
    sort: sort && SORTS.includes(sort) ? sort : 'due',
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
  if (filters.sort !== 'due') query.set('sort', filters.sort);
  if (filters.order !== 'asc') query.set('order', filters.order);
  return `#/queue?${query}`;
};

/** Rows per page; "load more" asks for the next page with the answer's `nextCursor`. */
export const PAGE_SIZE = 50;

/**
 * The API's query for the filters (GET /v1/staff/complaints, queueQuerySchema): the server filters,
 * sorts and pages, so the console shows rows as they come. "Mine" is `assignee=me`. A search (reference, email or phone, exact)
 * makes the API ignore every other filter but department, so only that is sent with it.
 */
export const apiQuery = (filters: QueueFilters, cursor?: string): URLSearchParams => {
  const query = new URLSearchParams();
  const q = filters.q.trim();
  if (q) {
    query.set('q', q);
    if (filters.department) query.set('department', filters.department);
  } else {
    query.set('state', filters.state);
    // `status=any` would read finished cases too whatever the state; "all statuses" is `state=any`.
    if (filters.status !== 'any') query.set('status', filters.status);
    if (filters.scope === 'mine') query.set('assignee', 'me');
    if (filters.scope === 'unassigned') query.set('assignee', 'unassigned');
    if (filters.severity) query.set('severity', filters.severity);
    if (filters.department) query.set('department', filters.department);
    if (filters.overdue) query.set('overdue', 'true');
    query.set('sort', filters.sort);
    query.set('order', filters.order);
  }
  query.set('limit', String(PAGE_SIZE));
  if (cursor) query.set('cursor', cursor);
  return query;
};
