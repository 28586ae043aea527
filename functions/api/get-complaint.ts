import { complaintIdSchema } from '../domain/complaint.ts';
import { customerView } from '../domain/customer-view.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { verifyTrackingToken } from '../adapters/tracking-token.ts';
import { httpHandler } from './http/middleware.ts';
import { jsonResponse, problems } from './http/problem.ts';

/** GET /v1/complaints/{id} — the complainant's view, with the tracking token. */
export const handler = httpHandler(async (event) => {
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  const token = event.headers['x-tracking-token'] ?? event.queryStringParameters?.token;
  // A wrong id and a wrong token look the same, so ids cannot be probed.
  if (!id.success || !token || !(await verifyTrackingToken(id.data, token))) throw problems.notFound();

  const [complaint, events] = await Promise.all([
    complaintStore.get(id.data),
    complaintStore.events(id.data),
  ]);
  if (!complaint) throw problems.notFound();
  return jsonResponse(200, customerView(complaint, events));
});
