import { COMPLAINT_SORT_KEY } from '../adapters/table.ts';
import type { FunctionAccess } from '../function-access.ts';
import type { StreamFilter } from './stream-filter.ts';

/**
 * The table-stream consumer that starts one lifecycle execution per new complaint: its mapping is
 * filtered to inserted complaint items, with its own retries and dead-letter queue.
 */
export const LIFECYCLE_STARTER = {
  name: 'StartLifecycle',
  entry: 'functions/workflow/start-lifecycle.ts',
  access: { table: 'none', startsLifecycles: true } satisfies FunctionAccess,
  filter: { eventName: 'INSERT', sortKey: { equals: COMPLAINT_SORT_KEY } } satisfies StreamFilter,
} as const;
