import { responseWindow } from '../domain/customer-response.ts';
import { customerView } from '../domain/customer-view.ts';
import { now } from '../adapters/clock.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { httpHandler } from './http/middleware.ts';
import { jsonResponse } from './http/problem.ts';
import { trackedComplaint } from './tracking-access.ts';

/** GET /v1/complaints/{id} — the complainant's view, with the tracking token in `x-tracking-token`. */
export const handler = httpHandler(async (event) => {
  const complaint = await trackedComplaint(event);
  const { policy, calendar } = currentPolicy();
  const response = responseWindow(policy, calendar, complaint, now());
  return jsonResponse(200, customerView(complaint, await complaintStore.events(complaint.id), response));
});
