import type { ComplaintEvent, ComplaintEventType, FieldChanges } from './audit-event.ts';
import type { Complaint, CustomerNotice } from './complaint.ts';

/** Outbox kinds addressed to the complainant (the others alert staff and quote nothing of theirs). */
const CUSTOMER_NOTICE_KINDS = new Set<string>([
  'info-request',
  'incident-notice',
  'rejection-notice',
  'reopened-notice',
  'tracking-link',
  'result-notice',
  'survey',
  'survey-reminder',
] satisfies CustomerNotice['kind'][]);

/**
 * What of a complaint is the complainant's personal data, and what anonymisation leaves of it
 * (app/anonymise-complaint.ts). Kept: codes, dates, states, grades, root cause, ids, counts, staff
 * ids: everything the KPI reports read. Removed: the customer's name and contact details and every
 * key derived from them, and every free text, because customers write their names, numbers and
 * addresses into them and staff quote them (notes, summaries, reasons). Texts become '' rather than
 * disappearing, so every view and schema reads an anonymised complaint as it reads any other.
 *
 * Both maps below name every field and every event type: a field or event added later is a compile
 * error here until someone decides whether it is personal.
 */

type Rule<T> = 'keep' | ((value: NonNullable<T>, complaint: Pick<Complaint, 'id'>) => T);

/** The customer key of an anonymised complaint: its own, so it matches no other complaint (repeats, exports). */
export const anonymisedCustomerKey = (complaintId: string): string => `anonymised#${complaintId}`;

const blank = (): string => '';
const gone = (): undefined => undefined;

const COMPLAINT_FIELDS: { [K in keyof Required<Complaint>]: Rule<Complaint[K]> } = {
  id: 'keep',
  reference: 'keep',
  status: 'keep',
  channel: 'keep',
  customer: (customer) => ({ name: '', locale: customer.locale }),
  subject: blank,
  description: blank,
  categoryHint: 'keep',
  product: 'keep',
  orderRef: gone,
  incidentAt: 'keep',
  desiredOutcome: blank,
  consent: 'keep',
  submittedAt: 'keep',
  receivedAt: 'keep',
  // Staff, not the complainant.
  loggedBy: 'keep',
  // A social-media handle or a platform's order reference names the customer.
  source: (source) => ({ kind: source.kind, name: '' }),
  recordedLate: 'keep',
  acknowledgedVia: 'keep',
  updatedAt: 'keep',
  version: 'keep',
  tier: 'keep',
  customerKey: (_key, complaint) => anonymisedCustomerKey(complaint.id),
  customerPhoneKey: gone,
  acknowledgedAt: 'keep',
  category: 'keep',
  department: 'keep',
  severity: 'keep',
  urgency: 'keep',
  priority: 'keep',
  // Rule ids and the policy's own keywords, not the customer's words.
  preliminaryGrade: 'keep',
  sla: 'keep',
  relatedComplaints: 'keep',
  relatedTo: 'keep',
  emergencyAlertedAt: 'keep',
  // Customer mail still queued can no longer be addressed; staff alerts carry no customer text.
  outbox: (outbox) => outbox.filter((message) => !CUSTOMER_NOTICE_KINDS.has(message.kind)),
  assists: (assists) =>
    assists.map((assist) => ({
      ...assist,
      question: '',
      ...(assist.answer !== undefined ? { answer: '' } : {}),
      ...(assist.cancelReason !== undefined ? { cancelReason: '' } : {}),
    })),
  reputationAlertedAt: 'keep',
  assignee: 'keep',
  assigneeContact: 'keep',
  finalGrade: (grade) => ({ ...grade, reason: '' }),
  proposal: (proposal) => ({
    ...proposal,
    summary: '',
    ...(proposal.decisionNote !== undefined ? { decisionNote: '' } : {}),
  }),
  pendingChange: (change) =>
    change.kind === 'regrade' ? { ...change, reason: '' } : { ...change, note: '' },
  resolution: (resolution) => ({
    ...resolution,
    summary: '',
    ...(resolution.nextSteps !== undefined ? { nextSteps: '' } : {}),
  }),
  // What the company changes so the cause does not recur: about its process, written by staff, and
  // tracked on its own list after the complaint is gone.
  correctiveAction: 'keep',
  rejection: (rejection) => ({ ...rejection, note: '' }),
  reopenCount: 'keep',
  closedAt: 'keep',
  followUp: (followUp) => {
    if (!followUp.answer) return followUp;
    const { comment: _comment, ...answer } = followUp.answer;
    return { ...followUp, answer };
  },
  incidentId: 'keep',
  incidentNotices: 'keep',
  followUpOptOut: 'keep',
  // Bumped by the anonymisation itself (every tracking link stops working).
  trackingTokenGeneration: 'keep',
  trackingLinkMailedAt: 'keep',
  contactProblem: 'keep',
  waitToken: 'keep',
  waitStage: 'keep',
  // An error message may quote what it failed on.
  lifecycleFailure: (failure) => ({ ...failure, cause: '' }),
  lifecycleAttempt: 'keep',
  customerMessageCount: 'keep',
  acknowledgementOutbox: 'keep',
  // The files are deleted with it; their names are the customer's ("wang-id-card.jpg").
  attachments: gone,
  legalHold: (hold) => ({ ...hold, reason: '' }),
  anonymised: 'keep',
  policyVersion: 'keep',
};

const redactField = (field: string, value: unknown, complaint: Pick<Complaint, 'id'>): unknown => {
  if (value === undefined || value === null) return value;
  const rule = (COMPLAINT_FIELDS as Record<string, Rule<unknown>>)[field];
  // A field this version does not know (written by a newer one): removed, never kept by default.
  if (rule === undefined) return undefined;
  return rule === 'keep' ? value : rule(value, complaint);
};

/**
 * The changes that remove the complaint's personal data: every field whose value changes, with
 * `undefined` for a field that goes. Empty when there is nothing (left) to remove.
 */
export const personalDataRemoval = (complaint: Complaint): Partial<Complaint> => {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(complaint)) {
    const redacted = redactField(field, value, complaint);
    if (JSON.stringify(redacted) !== JSON.stringify(value)) changes[field] = redacted;
  }
  return changes;
};

type Details = Record<string, unknown>;
type DetailsRule = 'keep' | ((details: Details) => Details);

/** Blanks the named free-text details (those present). */
const blanking =
  (...names: string[]) =>
  (details: Details): Details =>
    Object.fromEntries(
      Object.entries(details).map(([name, value]) => [
        name,
        names.includes(name) && typeof value === 'string' ? '' : value,
      ]),
    );

/** A regrade's `reason` is text; a rejection's is a code, and its `note` the text. */
const requestedChangeTexts = (details: Details): Details =>
  details.kind === 'regrade'
    ? blanking('reason', 'decisionNote')(details)
    : blanking('note', 'decisionNote')(details);

const EVENT_DETAILS: Record<ComplaintEventType, DetailsRule> = {
  'complaint.received': 'keep',
  'complaint.recorded-late': 'keep',
  'complaint.triaged': 'keep',
  'complaint.repeat-detected': 'keep',
  'complaint.acknowledged': 'keep',
  // Staff addresses, not the complainant's.
  'emergency.alerted': 'keep',
  'sla.escalated': (details) => (details.manual ? { ...details, manual: { reason: '' } } : details),
  'sla.reminded': (details) => (details.manual ? { ...details, manual: { reason: '' } } : details),
  'sla.paused': 'keep',
  'sla.resumed': 'keep',
  'customer.contacted': blanking('summary'),
  'complaint.resolved': 'keep',
  'notification.sent': 'keep',
  'complaint.assigned': 'keep',
  'complaint.accepted': 'keep',
  // `reason` is a code.
  'complaint.rejected': 'keep',
  'complaint.reclassified': blanking('reason'),
  'note.added': blanking('text'),
  'info.requested': blanking('message'),
  'customer.replied': blanking('message'),
  'resolution.proposed': blanking('summary'),
  'proposal.approved': blanking('note'),
  'proposal.declined': blanking('note'),
  'complaint.reopened': blanking('reason'),
  // `reason` is a code.
  'complaint.closed': 'keep',
  'resolution.notified': 'keep',
  'survey.sent': 'keep',
  'survey.reminded': 'keep',
  'survey.answered': ({ comment: _comment, ...details }) => details,
  'survey.expired': 'keep',
  'followup.opted-out': 'keep',
  'notification.failed': 'keep',
  'tracking-token.revoked': blanking('reason'),
  'contact.problem': 'keep',
  'lifecycle.failed': blanking('cause'),
  'change.requested': requestedChangeTexts,
  'change.approved': requestedChangeTexts,
  'change.declined': requestedChangeTexts,
  'lifecycle.redriven': 'keep',
  'assist.requested': blanking('question'),
  'assist.answered': blanking('answer'),
  'assist.cancelled': blanking('reason'),
  'assist.overdue': 'keep',
  'assist.overridden': blanking('reason'),
  'corrective-action.updated': 'keep',
  // Policy keywords and staff addresses.
  'reputation.alerted': 'keep',
  'sla.warned': 'keep',
  'incident.linked': 'keep',
  'incident.unlinked': 'keep',
  'attachment.added': blanking('fileName'),
  'attachment.quarantined': blanking('fileName'),
  'complaint.linked': 'keep',
  'legal-hold.set': blanking('reason'),
  'legal-hold.cleared': blanking('reason'),
  'complaint.anonymised': 'keep',
};

const redactChanges = (changes: FieldChanges, complaint: Pick<Complaint, 'id'>): FieldChanges =>
  Object.fromEntries(
    Object.entries(changes).map(([field, { before, after }]) => [
      field,
      { before: redactField(field, before, complaint), after: redactField(field, after, complaint) },
    ]),
  );

/**
 * The audit event without personal data: its free texts blanked, the personal fields of its
 * before/after values anonymised as the complaint's are. Type, time, actor and every figure the KPI
 * counters read stay. The same event (by reference) when there is nothing to remove.
 */
export const anonymisedEvent = (event: ComplaintEvent): ComplaintEvent => {
  const rule = EVENT_DETAILS[event.type];
  const details =
    rule === 'keep' || event.details === undefined ? event.details : rule(event.details as Details);
  const changes = event.changes && redactChanges(event.changes, { id: event.complaintId });
  const redacted = { ...event, details, changes } as ComplaintEvent;
  if (changes === undefined) delete (redacted as { changes?: unknown }).changes;
  if (details === undefined) delete (redacted as { details?: unknown }).details;
  return JSON.stringify(redacted) === JSON.stringify(event) ? event : redacted;
};
