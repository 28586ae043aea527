import { EVENT_SORT_KEY_PREFIX } from '../adapters/table.ts';
import { COUNTED_EVENT_TYPES } from '../domain/kpi-counters.ts';
import type { FunctionAccess } from '../function-access.ts';
import type { StreamFilter } from './stream-filter.ts';

/**
 * The second table-stream consumer: keeps the KPI counters from the audit events (one INSERT per
 * event), with its own filter, retries and dead-letter queue, and detects complaint surges from them.
 */
export const KPI_COUNTER = {
  name: 'CountKpis',
  entry: 'functions/workflow/count-kpis.ts',
  // Reads the complaint's partition, writes counters; the policy gives the report time zone and the
  // surge rule; a surge mails senior management a link to its incident.
  access: {
    table: 'readWrite',
    readsPolicy: true,
    sendsEmail: true,
    linksToConsole: true,
  } satisfies FunctionAccess,
  filter: {
    eventName: 'INSERT',
    sortKey: { prefix: EVENT_SORT_KEY_PREFIX },
    types: COUNTED_EVENT_TYPES,
  } satisfies StreamFilter,
} as const;
