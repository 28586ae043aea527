import { customerMessageSchema } from '../domain/customer-message.ts';
import { toFieldErrors } from '../domain/field-errors.ts';
import { decideCustomerMessage } from '../domain/lifecycle.ts';
import { applyStageAction } from '../adapters/apply-stage-action.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { httpHandler } from './http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from './http/problem.ts';
import { readJsonBody } from './http/request.ts';
import { trackedComplaint } from './tracking-access.ts';

const MAX_MESSAGE_BYTES = 64 * 1024;

/** POST /v1/complaints/{id}/messages — the customer answers (tracking token in `x-tracking-token`). */
export const handler = httpHandler(async (event) => {
  const tracked = await trackedComplaint(event);
  const parsed = customerMessageSchema.safeParse(readJsonBody(event, MAX_MESSAGE_BYTES));
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));

  const { calendar } = currentPolicy();
  const { complaint, applied } = await applyStageAction(tracked.id, { kind: 'customer' }, (current, at) =>
    decideCustomerMessage(calendar, current, parsed.data.message, at),
  );
  if (!applied) {
    throw new HttpProblem({
      type: '/problems/complaint-closed',
      title: 'The complaint is closed',
      status: 409,
      detail: 'This complaint is no longer open for messages.',
    });
  }
  return jsonResponse(201, { id: complaint.id, status: complaint.status });
});
