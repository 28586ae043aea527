import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { Complaint } from '../domain/complaint.ts';
import { makeReference, newComplaint, type IntakeRequest } from '../domain/intake.ts';
import { createComplaint, getComplaint, getIdempotencyRecord } from './complaint-repository.ts';

const MAX_ATTEMPTS = 8;

export type StoreOutcome =
  | { kind: 'created'; complaint: Complaint }
  | { kind: 'replayed'; complaint: Complaint }
  | { kind: 'idempotency-key-reused' };

/** Identifies a request body independently of key order and whitespace (the schema fixes key order). */
export const requestFingerprint = (request: IntakeRequest): string =>
  createHash('sha256').update(JSON.stringify(request)).digest('base64url');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stores a submission exactly once per Idempotency-Key. Concurrent retries race on one conditional
 * transaction; the losers read the winner's record and return its complaint.
 */
export const storeSubmission = async (
  request: IntakeRequest,
  idempotencyKey: string | undefined,
  now: () => Date,
): Promise<StoreOutcome> => {
  const fingerprint = requestFingerprint(request);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const submittedAt = now();
    const id = ulid(submittedAt.getTime());
    const { complaint, receivedEvent } = newComplaint(
      request,
      { id, reference: makeReference(submittedAt, randomBytes(6)), eventId: ulid(submittedAt.getTime()) },
      submittedAt,
    );
    const idempotency = idempotencyKey ? { key: idempotencyKey, fingerprint, complaintId: id } : undefined;
    const outcome = await createComplaint(complaint, receivedEvent, idempotency, submittedAt);
    switch (outcome.kind) {
      case 'created':
        return { kind: 'created', complaint };
      case 'idempotency-key-taken': {
        const record = await getIdempotencyRecord(idempotencyKey!);
        if (!record) break; // expired between the write and the read: try again as new
        if (record.fingerprint !== fingerprint) return { kind: 'idempotency-key-reused' };
        const original = await getComplaint(record.complaintId);
        if (!original)
          throw new Error(`Idempotency record points to a missing complaint ${record.complaintId}`);
        return { kind: 'replayed', complaint: original };
      }
      case 'reference-taken':
        break; // astronomically rare: draw another reference
      case 'transaction-conflict':
        // A concurrent retry holds the same idempotency item; back off with jitter, then look again.
        await pause(Math.random() * 20 * attempt);
        break;
    }
  }
  throw new Error(`Could not store the complaint after ${MAX_ATTEMPTS} attempts`);
};
