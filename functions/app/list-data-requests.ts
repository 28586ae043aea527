import { dataRequestView, type DataRequestList } from '../domain/data-subject-request.ts';
import type { DataRequestStore } from './data-request-ports.ts';
import type { Clock } from './ports.ts';

/** Requests a month are few; the queue shows the newest this many, open and answered. */
export const DATA_REQUEST_QUEUE_LIMIT = 200;

/** The staff queue of data-subject requests: newest first, each with its deadline and whether it is past. */
export const listDataRequests = async (deps: {
  requests: DataRequestStore;
  clock: Clock;
}): Promise<DataRequestList> => {
  const now = deps.clock.now();
  const requests = await deps.requests.list(DATA_REQUEST_QUEUE_LIMIT);
  return { items: requests.map((request) => dataRequestView(request, now)) };
};
