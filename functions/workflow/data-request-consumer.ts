import { DATA_REQUEST_SORT_KEY_PREFIX } from '../adapters/table.ts';
import type { FunctionAccess } from '../function-access.ts';
import type { StreamFilter } from './stream-filter.ts';

/**
 * The third table-stream consumer: carries out each data-subject request once it is confirmed (one
 * INSERT per request): builds and stores the export, or erases, and mails the outcome.
 */
export const DATA_REQUEST_CONSUMER = {
  name: 'CarryOutDataRequests',
  entry: 'functions/workflow/carry-out-data-requests.ts',
  // Reads the customer's complaints, writes the request (and, erasing, the complaints); stores the
  // export and mails the link to the page that hands out its download links; erasing deletes the
  // complaints' evidence files.
  access: {
    table: 'readWrite',
    readsPolicy: true,
    sendsEmail: true,
    customerTokens: 'links',
    dataExports: 'write',
    evidenceDeletion: true,
  } satisfies FunctionAccess,
  filter: {
    eventName: 'INSERT',
    sortKey: { prefix: DATA_REQUEST_SORT_KEY_PREFIX },
  } satisfies StreamFilter,
} as const;
