import { complaintIdSchema } from '../domain/complaint.ts';
import { customerMessageSchema } from '../domain/customer-message.ts';
import { toFieldErrors } from '../domain/field-errors.ts';
import { recordCustomerMessage } from '../app/record-customer-message.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { policySource } from '../adapters/policy-source.ts';
import { verifyTrackingToken } from '../adapters/tracking-token.ts';
import { workflowSignals } from '../adapters/workflow-signals.ts';
import { httpHandler } from './http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from './http/problem.ts';

const MAX_MESSAGE_BYTES = 64 * 1024;

/** POST /v1/complaints/{id}/messages — the customer answers (tracking token required). */
export const handler = httpHandler({ jsonBody: { maxBytes: MAX_MESSAGE_BYTES } }, async (event) => {
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  const token = event.headers['x-tracking-token'] ?? event.queryStringParameters?.token;
  if (!id.success || !token || !(await verifyTrackingToken(id.data, token))) throw problems.notFound();
  const parsed = customerMessageSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const outcome = await recordCustomerMessage(
    { store: complaintStore, signals: workflowSignals, policy: policySource },
    id.data,
    parsed.data.message,
  );
  if (outcome.kind === 'not-found') throw problems.notFound();
  if (outcome.kind === 'closed') {
    throw new HttpProblem({
      type: '/problems/complaint-closed',
      title: 'The complaint is closed',
      status: 409,
      detail: 'This complaint is no longer open for messages.',
    });
  }
  return jsonResponse(201, { id: outcome.complaint.id, status: outcome.complaint.status });
});
