import { complaintIdSchema } from '../../domain/complaint.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { staffActionSchema } from '../../domain/staff-actions.ts';
import { performStaffAction, type PerformedStaffAction } from '../../app/perform-staff-action.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { logger } from '../../adapters/logger.ts';
import { policySource } from '../../adapters/policy-source.ts';
import { staffDirectory } from '../../adapters/staff-directory.ts';
import { workflowSignals } from '../../adapters/workflow-signals.ts';
import { httpHandler } from '../http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from '../http/problem.ts';
import { forbidden, requireStaff } from '../http/staff-auth.ts';
import { caseResponse } from './case-response.ts';
import { caseNotFound } from './case-not-found.ts';

const MAX_ACTION_BYTES = 64 * 1024;

const refusal = (outcome: Exclude<PerformedStaffAction, { kind: 'applied' }>): HttpProblem => {
  switch (outcome.kind) {
    case 'not-found':
      return caseNotFound();
    case 'other-department':
      return forbidden('This complaint belongs to another department.');
    case 'stale-version':
      return new HttpProblem({
        type: '/problems/stale-version',
        title: 'The complaint changed since you loaded it',
        status: 409,
        detail: `expectedVersion does not match the current version ${outcome.currentVersion}; reload and try again.`,
      });
    case 'illegal-transition':
      return new HttpProblem({
        type: '/problems/illegal-transition',
        title: 'Action not allowed in this status',
        status: 422,
        detail: `A complaint that is ${outcome.status} allows: ${outcome.allowed.join(', ') || 'nothing'}.`,
        allowed: outcome.allowed,
      });
    case 'precondition-failed':
      return new HttpProblem({
        type: '/problems/precondition-failed',
        title: 'Action not possible now',
        status: 422,
        detail: outcome.reason,
      });
    case 'forbidden':
      return forbidden(outcome.reason);
  }
};

/** POST /v1/staff/complaints/{id}/actions — one case action, checked against the transition table. */
export const handler = httpHandler({ jsonBody: { maxBytes: MAX_ACTION_BYTES } }, async (event) => {
  const principal = requireStaff(event);
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw caseNotFound();
  const parsed = staffActionSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const action = parsed.data;

  const outcome = await performStaffAction(
    { store: complaintStore, signals: workflowSignals, policy: policySource, directory: staffDirectory },
    id.data,
    action,
    principal,
  );
  if (outcome.kind !== 'applied') throw refusal(outcome);

  const { complaint } = outcome;
  logger.info('Staff action', {
    complaintId: complaint.id,
    action: action.type,
    requestId: event.headers['x-request-id'],
  });
  return jsonResponse(200, await caseResponse(complaint, principal));
});
