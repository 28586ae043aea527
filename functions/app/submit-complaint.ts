import { createHash, randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { Complaint } from '../domain/complaint.ts';
import {
  makeReference,
  newComplaint,
  recordingDueAt,
  type IntakeOrigin,
  type IntakeRequest,
  type StaffIntakeRequest,
} from '../domain/intake.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { BusinessMetrics, Clock, IntakeRepository, PolicySource } from './ports.ts';
import { retry } from './retry.ts';

export type SubmitOutcome =
  | { kind: 'created'; complaint: Complaint }
  | { kind: 'replayed'; complaint: Complaint }
  | { kind: 'idempotency-key-reused' };

/** Identifies a request body independently of key order and whitespace (the schema fixes key order). */
export const requestFingerprint = (request: IntakeRequest | StaffIntakeRequest): string =>
  createHash('sha256').update(JSON.stringify(request)).digest('base64url');

/** This attempt lost a race that another attempt will settle (see below); nothing was written. */
class TryAgain extends Error {
  override name = 'TryAgain';
}

// A concurrent retry holding the same idempotency item settles within milliseconds.
const INTAKE_RETRY = { attempts: 8, baseDelayMs: 10, maxDelayMs: 200 };

type IntakeDeps = { intake: IntakeRepository; clock: Clock; metrics: BusinessMetrics };

/** A complaint the complainant submits (web form, API). */
export const submitComplaint = async (
  deps: IntakeDeps,
  request: IntakeRequest,
  idempotencyKey: string | undefined,
): Promise<SubmitOutcome> => recordComplaint(deps, { kind: 'customer', request }, idempotencyKey);

/**
 * A complaint staff log for a customer (hotline, letter, desk, social media, third party, email):
 * the same intake, with the receipt time the agent states, the agent as its author, and a flag when
 * it is recorded later than the policy's recordWithin.
 */
export const logStaffComplaint = async (
  deps: IntakeDeps & { policy: PolicySource },
  request: StaffIntakeRequest,
  idempotencyKey: string | undefined,
  principal: StaffPrincipal,
): Promise<SubmitOutcome> => {
  const { policy, calendar } = deps.policy.current();
  const outcome = await recordComplaint(
    deps,
    {
      kind: 'staff',
      request,
      loggedBy: { id: principal.subject, email: principal.email, role: principal.roles[0] },
      recordDueAt: recordingDueAt(policy, calendar, new Date(request.receivedAt)),
    },
    idempotencyKey,
  );
  if (outcome.kind === 'created' && outcome.complaint.recordedLate)
    deps.metrics.count('ComplaintRecordedLate', { channel: outcome.complaint.channel });
  return outcome;
};

/**
 * Stores a new complaint exactly once per Idempotency-Key, whoever records it (`origin`). Concurrent
 * retries race on one conditional transaction; the losers read the winner's record and return its
 * complaint.
 */
export const recordComplaint = async (
  deps: IntakeDeps,
  origin: IntakeOrigin,
  idempotencyKey: string | undefined,
): Promise<SubmitOutcome> => {
  const fingerprint = requestFingerprint(origin.request);
  const outcome = await retry(
    INTAKE_RETRY,
    (error) => error instanceof TryAgain,
    async (): Promise<SubmitOutcome> => {
      const submittedAt = deps.clock.now();
      // Monotonic: the complaint's first events keep their order within one millisecond.
      const ulid = monotonicFactory();
      const id = ulid(submittedAt.getTime());
      const { complaint, events } = newComplaint(
        origin,
        {
          id,
          reference: makeReference(submittedAt, randomBytes(6)),
          eventId: () => ulid(submittedAt.getTime()),
        },
        submittedAt,
      );
      const idempotency = idempotencyKey ? { key: idempotencyKey, fingerprint, complaintId: id } : undefined;
      const created = await deps.intake.create(complaint, events, idempotency, submittedAt);
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
