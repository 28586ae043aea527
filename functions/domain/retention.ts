import type { AnonymisationReason, Complaint } from './complaint.ts';
import type { Decision } from './lifecycle.ts';
import { personalDataRemoval } from './personal-data.ts';
import type { Policy } from './policy.ts';
import type { StaffRole } from './staff.ts';
import { text } from './text.ts';
import * as z from './zod.ts';

/**
 * Retention of personal data (issue 20): a finished complaint's personal data is anonymised the
 * policy's `retention.anonymiseAfter` after it was closed or rejected, unless a manager put it under
 * a legal hold; a customer's erasure request does the same at once. Pure decisions; the use cases
 * are app/anonymise-complaint.ts, app/set-legal-hold.ts and app/run-retention.ts.
 */

const HOUR_MS = 60 * 60 * 1000;

/** Partition of the sparse retention index: every complaint that will be due is in it. */
export const RETENTION_DUE = 'due';

/**
 * Attributes that place a complaint in the retention index (adapters/table.ts, `byRetention`),
 * derived from it with every save like the lifecycle watch. `retentionFrom` is when its retention
 * period began, so the job Queries `retentionFrom <= now - period` and a changed period applies to
 * every complaint at once.
 */
export interface RetentionAttributes {
  retentionDue: typeof RETENTION_DUE | undefined;
  retentionFrom: string | undefined;
}

export const RETENTION_ATTRIBUTE_NAMES: readonly (keyof RetentionAttributes)[] = [
  'retentionDue',
  'retentionFrom',
];

/** Sorts before every real instant: an anonymisation left half-done is due at once. */
const AT_ONCE = '1970-01-01T00:00:00.000Z';

/** When the complaint finished for good: closed, or rejected (a rejection is final). Else undefined. */
export const finishedAt = (
  complaint: Pick<Complaint, 'status' | 'closedAt' | 'rejection'>,
): string | undefined => {
  if (complaint.status === 'closed') return complaint.closedAt;
  if (complaint.status === 'rejected') return complaint.rejection?.at;
  return undefined;
};

/** Open work (anything not closed or rejected, a resolved complaint included: its customer may reopen it). */
export const isOpen = (complaint: Pick<Complaint, 'status'>): boolean =>
  complaint.status !== 'closed' && complaint.status !== 'rejected';

/**
 * Out of the index: open complaints (a reopened one leaves it), those under a legal hold, and those
 * anonymised completely. A half-done anonymisation stays, due at once, so the next run finishes it.
 */
export const retentionAttributes = (
  complaint: Pick<Complaint, 'status' | 'closedAt' | 'rejection' | 'legalHold' | 'anonymised'>,
): RetentionAttributes => {
  const from = complaint.anonymised
    ? complaint.anonymised.complete
      ? undefined
      : AT_ONCE
    : complaint.legalHold
      ? undefined
      : finishedAt(complaint);
  return { retentionDue: from ? RETENTION_DUE : undefined, retentionFrom: from };
};

/** The retention period in milliseconds (calendar time). */
export const retentionPeriodMs = (policy: Pick<Policy, 'retention'>): number => {
  const after = policy.retention.anonymiseAfter;
  return 'days' in after ? after.days * 24 * HOUR_MS : after.hours * HOUR_MS;
};

/** Complaints that finished at or before this instant are due. */
export const retentionCutoff = (policy: Pick<Policy, 'retention'>, now: Date): Date =>
  new Date(now.getTime() - retentionPeriodMs(policy));

export type AnonymisationRefusal = 'legal-hold' | 'open' | 'not-due';

export interface AnonymisationRequest {
  reason: AnonymisationReason;
  requestedBy: string;
}

export type AnonymisationDecision =
  | { kind: 'refused'; why: AnonymisationRefusal }
  /** Anonymised before; `complete` says whether its files, mail and events were done too. */
  | { kind: 'anonymised-before'; complete: boolean }
  | { kind: 'anonymise'; decision: Decision };

/**
 * Whether to anonymise the complaint now, and the change that does it: its personal fields removed
 * (domain/personal-data.ts), every tracking link revoked, and one audit event that says why and who
 * asked, without field changes (their "before" would be the personal data). The retention job's
 * request also needs the period to have passed (`retentionCutoff`): the index it reads may be stale.
 */
export const decideAnonymisation = (
  complaint: Complaint,
  request: AnonymisationRequest,
  at: Date,
  cutoff: Date | undefined,
): AnonymisationDecision => {
  if (complaint.anonymised) return { kind: 'anonymised-before', complete: complaint.anonymised.complete };
  if (complaint.legalHold) return { kind: 'refused', why: 'legal-hold' };
  if (isOpen(complaint)) return { kind: 'refused', why: 'open' };
  const finished = finishedAt(complaint);
  if (
    request.reason === 'retention' &&
    (finished === undefined || cutoff === undefined || finished > cutoff.toISOString())
  )
    return { kind: 'refused', why: 'not-due' };
  return {
    kind: 'anonymise',
    decision: {
      changes: {
        ...personalDataRemoval(complaint),
        trackingTokenGeneration: (complaint.trackingTokenGeneration ?? 0) + 1,
        anonymised: {
          reason: request.reason,
          requestedBy: request.requestedBy,
          at: at.toISOString(),
          complete: false,
          files: (complaint.attachments ?? []).map((attachment) => attachment.id),
        },
      },
      events: [
        {
          type: 'complaint.anonymised',
          customerVisible: false,
          details: { reason: request.reason, requestedBy: request.requestedBy },
        },
      ],
    },
  };
};

/** Records that the files, mail copies and events were cleaned too: the complaint leaves the index. */
export const decideAnonymisationComplete = (complaint: Complaint): Decision | undefined =>
  complaint.anonymised && !complaint.anonymised.complete
    ? { changes: { anonymised: { ...complaint.anonymised, complete: true, files: undefined } }, events: [] }
    : undefined;

export type LegalHoldDecision =
  { kind: 'refused'; why: 'anonymised' } | { kind: 'unchanged' } | { kind: 'changed'; decision: Decision };

/**
 * Sets (or re-words) or clears a legal hold. An anonymised complaint has nothing left to hold; a hold
 * cleared brings a finished complaint back into the retention index (already past its period, it is
 * anonymised by the next run).
 */
export const decideLegalHold = (
  complaint: Complaint,
  change: { hold: boolean; reason: string },
  by: string,
  at: Date,
): LegalHoldDecision => {
  if (change.hold) {
    if (complaint.anonymised) return { kind: 'refused', why: 'anonymised' };
    if (complaint.legalHold?.reason === change.reason) return { kind: 'unchanged' };
    const legalHold = { reason: change.reason, by, at: at.toISOString() };
    return {
      kind: 'changed',
      decision: {
        changes: { legalHold },
        events: [
          {
            type: 'legal-hold.set',
            customerVisible: false,
            changes: { legalHold: { before: complaint.legalHold, after: legalHold } },
            details: { reason: change.reason },
          },
        ],
      },
    };
  }
  if (!complaint.legalHold) return { kind: 'unchanged' };
  return {
    kind: 'changed',
    decision: {
      changes: { legalHold: undefined },
      events: [
        {
          type: 'legal-hold.cleared',
          customerVisible: false,
          changes: { legalHold: { before: complaint.legalHold, after: undefined } },
          details: { reason: change.reason },
        },
      ],
    },
  };
};

/** Who may set or clear a legal hold. */
export const LEGAL_HOLD_ROLES: readonly StaffRole[] = ['manager', 'admin'];

/** PUT /v1/staff/complaints/{id}/legal-hold: set (`hold: true`) or clear it, always with a reason. */
export const legalHoldRequestSchema = z.strictObject({
  hold: z.boolean(),
  reason: text({ max: 500, multiline: true }),
});
export type LegalHoldRequest = z.output<typeof legalHoldRequestSchema>;

/** What the route answers: the hold as it now is (null when none), and the complaint's version. */
export const legalHoldResponseSchema = z.strictObject({
  legalHold: z.nullable(z.strictObject({ reason: z.string(), by: z.string(), at: z.string() })),
  version: z.int(),
});
export type LegalHoldResponse = z.output<typeof legalHoldResponseSchema>;
