import { MAX_INTAKE_BODY_BYTES, validateStaffIntake } from '../../domain/intake.ts';
import { logStaffComplaint } from '../../app/submit-complaint.ts';
import { clock, now } from '../../adapters/clock.ts';
import { intakeRepository } from '../../adapters/complaint-repository.ts';
import { logger } from '../../adapters/logger.ts';
import { businessMetrics } from '../../adapters/metrics.ts';
import { policySource } from '../../adapters/policy-source.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse, problems } from '../http/problem.ts';
import { requireStaff } from '../http/staff-auth.ts';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,128}$/u;

/**
 * POST /v1/staff/complaints — a complaint an agent (or anyone above) logs for a customer who called,
 * wrote or came in. Any department's: triage routes it as it routes every complaint. No intake limits:
 * staff are authenticated and the customer's address is not mailed at their request.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: MAX_INTAKE_BODY_BYTES } }, async (event) => {
  const principal = requireStaff(event);
  const idempotencyKey = event.headers['idempotency-key'];
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw problems.badHeader('Idempotency-Key', 'must be 1-128 visible ASCII characters');
  }
  const validation = validateStaffIntake(event.body, now());
  if (!validation.ok) throw problems.validation(validation.errors);

  const outcome = await logStaffComplaint(
    { intake: intakeRepository, clock, metrics: businessMetrics, policy: policySource },
    validation.request,
    // One agent's key never replays another's submission.
    idempotencyKey && `staff:${principal.subject}:${idempotencyKey}`,
    principal,
  );
  if (outcome.kind === 'idempotency-key-reused') throw problems.idempotencyKeyReused();

  const { complaint } = outcome;
  logger.info('Complaint logged by staff', {
    complaintId: complaint.id,
    reference: complaint.reference,
    channel: complaint.channel,
    recordedLate: complaint.recordedLate !== undefined,
    outcome: outcome.kind,
  });
  const self = `/v1/staff/complaints/${complaint.id}`;
  return jsonResponse(
    201,
    {
      id: complaint.id,
      reference: complaint.reference,
      status: complaint.status,
      receivedAt: complaint.receivedAt,
      recordedLate: complaint.recordedLate !== undefined,
      links: { self },
    },
    { location: self, ...(outcome.kind === 'replayed' ? { 'idempotent-replayed': 'true' } : {}) },
  );
});
