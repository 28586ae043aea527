import { complaintIdSchema } from '../../domain/complaint.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { decideStaffAction, staffActionSchema, type StaffActionOutcome } from '../../domain/staff-actions.ts';
import { caseDetail } from '../../domain/staff-view.ts';
import { now } from '../../adapters/clock.ts';
import { getComplaint, listEvents, mutateComplaint } from '../../adapters/complaint-repository.ts';
import { newId, toEvents } from '../../adapters/events.ts';
import { logger } from '../../adapters/logger.ts';
import { currentPolicy } from '../../adapters/policy-source.ts';
import { signalWorkflow } from '../../adapters/workflow-signals.ts';
import { httpHandler } from '../http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from '../http/problem.ts';
import { forbidden, requireDepartmentAccess, requireStaff } from '../http/staff-auth.ts';
import { caseNotFound } from './get-case.ts';

const MAX_ACTION_BYTES = 64 * 1024;

const refusal = (outcome: Exclude<StaffActionOutcome, { kind: 'applied' }>): HttpProblem => {
  switch (outcome.kind) {
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

  const existing = await getComplaint(id.data);
  if (!existing) throw caseNotFound();
  requireDepartmentAccess(principal, existing.department);

  const { policy, calendar } = currentPolicy();
  const actor = { kind: 'staff' as const, id: principal.subject, role: principal.roles.join(',') };
  let at = now();
  const { complaint, result: outcome } = await mutateComplaint<StaffActionOutcome>(
    id.data,
    (current) => {
      at = now();
      const decided = decideStaffAction(policy, calendar, current, action, principal, newId(at), at);
      if (decided.kind !== 'applied') return { result: decided };
      return {
        changes: decided.decision.changes,
        events: toEvents(current.id, decided.decision.events, actor, at),
        result: decided,
      };
    },
    () => at,
  );
  if (outcome.kind !== 'applied') throw refusal(outcome);

  logger.info('Staff action', {
    complaintId: complaint.id,
    action: action.type,
    requestId: event.headers['x-request-id'],
  });
  if (outcome.signalWorkflow) await signalWorkflow(complaint);
  return jsonResponse(200, caseDetail(complaint, await listEvents(complaint.id), principal, now()));
});
