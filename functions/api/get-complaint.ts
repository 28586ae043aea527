import { customerView } from '../domain/customer-view.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { httpHandler } from './http/middleware.ts';
import { jsonResponse } from './http/problem.ts';
import { trackedComplaint } from './tracking-access.ts';

/** GET /v1/complaints/{id} — the complainant's view, with the tracking token in `x-tracking-token`. */
export const handler = httpHandler(async (event) => {
  const complaint = await trackedComplaint(event);
  return jsonResponse(200, customerView(complaint, await complaintStore.events(complaint.id)));
});
