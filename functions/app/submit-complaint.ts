import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { Complaint } from '../domain/complaint.ts';
import { makeReference, newComplaint, type IntakeRequest } from '../domain/intake.ts';
import type { BusinessMetrics, Clock, IntakeRepository } from './ports.ts';
import { retry } from './retry.ts';

export type SubmitOutcome =
  | { kind: 'created'; complaint: Complaint }
  | { kind: 'replayed'; complaint: Complaint }
  | { kind: 'idempotency-key-reused' };

/** Identifies a request body independently of key order and whitespace (the schema fixes key order). */
export const requestFingerprint = (request: IntakeRequest): string =>
  createHash('sha256').update(JSON.stringify(request)).digest('base64url');

/** This attempt lost a race that another attempt will settle (see below); nothing was written. */
class TryAgain extends Error {
  override name = 'TryAgain';
}

// A concurrent retry holding the same idempotency item settles within milliseconds.
const INTAKE_RETRY = { attempts: 8, baseDelayMs: 10, maxDelayMs: 200 };

/**
 * Stores a submission exactly once per Idempotency-Key. Concurrent retries race on one conditional
 * transaction; the losers read the winner's record and return its complaint.
 */
export const submitComplaint = async (
  deps: { intake: IntakeRepository; clock: Clock; metrics: BusinessMetrics },
  request: IntakeRequest,
  idempotencyKey: string | undefined,
): Promise<SubmitOutcome> => {
  const fingerprint = requestFingerprint(request);
  const outcome = await retry(
    INTAKE_RETRY,
    (error) => error instanceof TryAgain,
    async (): Promise<SubmitOutcome> => {
      const submittedAt = deps.clock.now();
      const id = ulid(submittedAt.getTime());
      const { complaint, receivedEvent } = newComplaint(
        request,
        { id, reference: makeReference(submittedAt, randomBytes(6)), eventId: ulid(submittedAt.getTime()) },
        submittedAt,
      );
      const idempotency = idempotencyKey ? { key: idempotencyKey, fingerprint, complaintId: id } : undefined;
      const created = await deps.intake.create(complaint, receivedEvent, idempotency, submittedAt);
      switch (created.kind) {
        case 'created':
          return { kind: 'created', complaint };
        case 'idempotency-key-taken': {
          const record = await deps.intake.idempotencyRecord(idempotencyKey!);
          // Expired between the write and the read: try again as new.
          if (!record) throw new TryAgain('Idempotency record expired');
          if (record.fingerprint !== fingerprint) return { kind: 'idempotency-key-reused' };
          const original = await deps.intake.get(record.complaintId);
          if (!original)
            throw new Error(`Idempotency record points to a missing complaint ${record.complaintId}`);
          return { kind: 'replayed', complaint: original };
        }
        case 'reference-taken':
          throw new TryAgain('Reference taken'); // astronomically rare: draw another reference
        case 'transaction-conflict':
          throw new TryAgain('A concurrent retry holds the same idempotency item');
      }
    },
  );
  if (outcome.kind === 'created')
    deps.metrics.count('ComplaintReceived', { channel: outcome.complaint.channel });
  return outcome;
};
