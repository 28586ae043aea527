import { MAX_INTAKE_BODY_BYTES, validateIntake } from '../domain/intake.ts';
import { submitComplaint } from '../app/submit-complaint.ts';
import { checkIntakeLimits } from '../app/intake-limits.ts';
import { clock, now, wallClock } from '../adapters/clock.ts';
import { intakeCounters } from '../adapters/intake-counters.ts';
import { policySource } from '../adapters/policy-source.ts';
import { intakeRepository } from '../adapters/complaint-repository.ts';
import { trackingTokenGeneration } from '../domain/tracking-access.ts';
import { logger } from '../adapters/logger.ts';
import { businessMetrics } from '../adapters/metrics.ts';
import { issueTrackingToken } from '../adapters/tracking-token.ts';
import { clientAddress } from './http/client-address.ts';
import { httpHandler } from './http/middleware.ts';
import { jsonResponse, problems } from './http/problem.ts';
import { requireProofOfWork } from './http/proof-of-work.ts';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,128}$/u;

/** POST /v1/complaints — public intake. */
export const handler = httpHandler({ jsonBody: { maxBytes: MAX_INTAKE_BODY_BYTES } }, async (event) => {
  const idempotencyKey = event.headers['idempotency-key'];
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw problems.badHeader('Idempotency-Key', 'must be 1-128 visible ASCII characters');
  }
  const validation = validateIntake(event.body, now());
  if (!validation.ok) throw problems.validation(validation.errors);
  // Before the limits: a request without work is not counted against the address it names.
  await requireProofOfWork(event.headers);

  const allowance = await checkIntakeLimits(
    { counters: intakeCounters, policy: policySource, wallClock },
    { email: validation.request.customer.email, sourceIp: clientAddress(event) },
  );
  if (allowance.kind !== 'allowed') {
    const retryAfter = allowance.kind === 'rate-limited' ? allowance.retryAfterSeconds : 3600;
    throw problems.tooManyRequests(
      allowance.limit === 'address'
        ? `At most ${allowance.max} complaints an hour may be submitted for one email address. Nothing was stored; try again later.`
        : `At most ${allowance.max} complaints an hour may be submitted from one network address. Nothing was stored; try again later.`,
      retryAfter,
    );
  }

  const outcome = await submitComplaint(
    { intake: intakeRepository, clock, metrics: businessMetrics },
    validation.request,
    idempotencyKey,
  );
  if (outcome.kind === 'idempotency-key-reused') throw problems.idempotencyKeyReused();

  const { complaint } = outcome;
  logger.info('Complaint submitted', {
    complaintId: complaint.id,
    reference: complaint.reference,
    outcome: outcome.kind,
  });
  const self = `/v1/complaints/${complaint.id}`;
  return jsonResponse(
    201,
    {
      id: complaint.id,
      reference: complaint.reference,
      status: complaint.status,
      trackingToken: await issueTrackingToken(complaint.id, trackingTokenGeneration(complaint)),
      links: { self },
    },
    { location: self, ...(outcome.kind === 'replayed' ? { 'idempotent-replayed': 'true' } : {}) },
  );
});
