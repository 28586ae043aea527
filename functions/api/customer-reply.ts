import { customerMessageSchema } from '../domain/customer-message.ts';
import { toFieldErrors } from '../domain/field-errors.ts';
import { recordCustomerMessage } from '../app/record-customer-message.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { policySource } from '../adapters/policy-source.ts';
import { workflowSignals } from '../adapters/workflow-signals.ts';
import { httpHandler } from './http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from './http/problem.ts';
import { trackedComplaint } from './tracking-access.ts';

const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * POST /v1/complaints/{id}/messages — the customer answers (tracking token in `x-tracking-token`);
 * with `reopen: true` they disagree with our resolution and the complaint reopens, within the window.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: MAX_MESSAGE_BYTES } }, async (event) => {
  const tracked = await trackedComplaint(event);
  const parsed = customerMessageSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const outcome = await recordCustomerMessage(
    { store: complaintStore, signals: workflowSignals, policy: policySource },
    tracked.id,
    parsed.data.message,
    { reopen: parsed.data.reopen === true },
  );
  switch (outcome.kind) {
    case 'not-found':
      throw problems.notFound();
    case 'closed':
      throw new HttpProblem({
        type: '/problems/complaint-closed',
        title: 'The complaint is closed',
        status: 409,
        detail: 'This complaint is no longer open for messages.',
      });
    case 'window-over':
      throw new HttpProblem({
        type: '/problems/reopen-window-over',
        title: 'The complaint can no longer be reopened',
        status: 409,
        detail: 'The time to disagree with this result has passed; please file a new complaint.',
      });
    case 'not-resolved':
      throw new HttpProblem({
        type: '/problems/not-resolved',
        title: 'The complaint is not resolved',
        status: 422,
        detail: 'Only a resolved complaint can be reopened; send your message without "reopen".',
      });
    case 'recorded':
    case 'reopened':
      return jsonResponse(201, { id: outcome.complaint.id, status: outcome.complaint.status });
  }
});
