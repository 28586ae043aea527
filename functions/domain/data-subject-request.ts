import type { StaffRole } from './staff.ts';
import type { BusinessCalendar, SlaDuration } from './calendar.ts';
import { addDuration } from './calendar.ts';
import type { Complaint } from './complaint.ts';
import type { AnonymisationRefusal } from './retention.ts';
import { LOCALES, type ComplaintStatus, type Locale } from './vocabulary.ts';
import * as z from './zod.ts';

/**
 * Data-subject requests (PIPL arts. 45 and 47): a complainant asks for a copy of their personal data
 * (`export`) or for its erasure (`erasure`). A request covers every complaint filed with one email
 * address, so it is only recorded once the mailbox's owner confirmed it from a mailed, signed link.
 */
export const DATA_REQUEST_KINDS = ['export', 'erasure'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];

/**
 * `received`: confirmed, waiting to be carried out (at once, by the stream consumer; or by staff);
 * `fulfilled`: the export is ready / every complaint was erased; `blocked`: an erasure that had to keep
 * some complaints (the reasons are told to the customer; staff may carry it out again later);
 * `refused`: staff refused it, with a reason told to the customer.
 */
export const DATA_REQUEST_STATUSES = ['received', 'fulfilled', 'blocked', 'refused'] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

/** Where the request was made: the tracking page of one complaint, or the public form. */
export const DATA_REQUEST_CHANNELS = ['tracking-page', 'email-link'] as const;
export type DataRequestChannel = (typeof DATA_REQUEST_CHANNELS)[number];

/** Why a complaint's personal data is kept despite an erasure request. */
export const ERASURE_BLOCKS = ['legal-hold', 'open-complaint'] as const;
export type ErasureBlock = (typeof ERASURE_BLOCKS)[number];

export const DATA_REQUEST_ACTIONS = ['fulfil', 'refuse'] as const;
export type DataRequestAction = (typeof DATA_REQUEST_ACTIONS)[number];

export interface DataRequestExport {
  /** The object key of the JSON document in the evidence bucket. */
  key: string;
  complaints: number;
  files: number;
  bytes: number;
  producedAt: string;
  /** Until when the mailed download link opens. */
  linkExpiresAt: string;
  /** The customer's files listed in it, where storage keeps them (download links are made per opening). */
  fileKeys: {
    complaintReference: string;
    fileName: string;
    contentType: string;
    size: number;
    key: string;
  }[];
}

export interface DataRequestErasure {
  /** References of the complaints whose personal data was removed. */
  erased: string[];
  /** Complaints kept, with the reason told to the customer. */
  kept: { reference: string; reason: ErasureBlock }[];
  at: string;
}

export interface DataSubjectRequest {
  /** Time-ordered (ULID), fixed when the confirmation link was mailed. */
  id: string;
  kind: DataRequestKind;
  status: DataRequestStatus;
  channel: DataRequestChannel;
  /** The confirmed address: where outcomes are mailed and whose complaints the request covers. */
  email: string;
  locale: Locale;
  receivedAt: string;
  /** The answer is due by then (policy.dataRequests.answerWithin, in business time). */
  dueAt: string;
  version: number;
  updatedAt: string;
  export?: DataRequestExport | undefined;
  erasure?: DataRequestErasure | undefined;
  refusal?: { reason: string; by: string; at: string } | undefined;
  /** Who carried it out or refused it: a member of staff's id, or `system`. */
  handledBy?: string | undefined;
}

/** The answer to a data-subject request is due this long after it was confirmed, in business time. */
export const dataRequestDueAt = (
  calendar: BusinessCalendar,
  answerWithin: SlaDuration,
  receivedAt: Date,
): Date => addDuration(calendar, receivedAt, answerWithin);

/** Statuses in which a complaint is over: nothing more is decided on it, so its data may go. */
const ENDED: ReadonlySet<ComplaintStatus> = new Set(['closed', 'rejected']);

/**
 * Why a complaint's personal data may not be erased now, if anything prevents it. A legal hold comes
 * first (it outlasts the complaint); a complaint still open (resolved included: the customer may still
 * disagree and reopen it) needs its data to be handled.
 */
export const erasureBlockOf = (
  complaint: Pick<Complaint, 'status'> & { legalHold?: unknown },
): ErasureBlock | undefined => {
  if (isHeld(complaint.legalHold)) return 'legal-hold';
  if (!ENDED.has(complaint.status)) return 'open-complaint';
  return undefined;
};

/** A legal hold is set while the complaint carries one (a record of who set it and why); lifting removes it. */
const isHeld = (hold: unknown): boolean => hold !== undefined && hold !== null && hold !== false;

/** Which of a customer's complaints an erasure removes, and which it keeps with the reason. */
export const erasurePlan = (
  complaints: readonly (Pick<Complaint, 'id' | 'reference' | 'status'> & { legalHold?: unknown })[],
): { erase: { id: string; reference: string }[]; keep: { reference: string; reason: ErasureBlock }[] } => {
  const erase: { id: string; reference: string }[] = [];
  const keep: { reference: string; reason: ErasureBlock }[] = [];
  for (const complaint of complaints) {
    const reason = erasureBlockOf(complaint);
    if (reason) keep.push({ reference: complaint.reference, reason });
    else erase.push({ id: complaint.id, reference: complaint.reference });
  }
  return { erase, keep };
};

/**
 * The reason told to the customer when anonymising a complaint the plan let through was refused: the
 * complaint changed in between (a hold was set, it was reopened). An erasure request does not wait for
 * the retention period, so `not-due` cannot be its answer; it is an error if it is.
 */
export const erasureBlockOfRefusal = (why: AnonymisationRefusal): ErasureBlock => {
  switch (why) {
    case 'legal-hold':
      return 'legal-hold';
    case 'open':
      return 'open-complaint';
    case 'not-due':
      throw new Error('An erasure request was refused as not due: erasure does not wait for retention');
  }
};

/** The status an erasure ends in: fulfilled when nothing was kept. */
export const erasureStatus = (erasure: Pick<DataRequestErasure, 'kept'>): DataRequestStatus =>
  erasure.kept.length === 0 ? 'fulfilled' : 'blocked';

export type DataRequestRefusal = 'already-done' | 'already-refused';

/**
 * Whether staff may act on a request now: a request may be carried out or refused while received or
 * blocked (an erasure may be carried out again once the complaint that kept it closed); one fulfilled
 * or refused is final.
 */
export const dataRequestActionAllowed = (
  request: Pick<DataSubjectRequest, 'status'>,
): DataRequestRefusal | undefined => {
  if (request.status === 'fulfilled') return 'already-done';
  if (request.status === 'refused') return 'already-refused';
  return undefined;
};

/** Whether a request is still waiting for an answer (the staff queue's "open"). */
export const isOpenDataRequest = (request: Pick<DataSubjectRequest, 'status'>): boolean =>
  request.status === 'received' || request.status === 'blocked';

const emailField = z.pipe(
  z.string().check(z.trim(), z.maxLength(254, 'must be at most 254 characters')),
  z.email('must be an email address'),
);
const kindField = z.enum(DATA_REQUEST_KINDS, `must be one of ${DATA_REQUEST_KINDS.join(', ')}`);
const localeField = z._default(z.enum(LOCALES, `must be one of ${LOCALES.join(', ')}`), 'zh-CN');

/** The public form: which address, what is asked, in which language to write. */
export const dataRequestFormSchema = z.strictObject({
  email: emailField,
  kind: kindField,
  locale: localeField,
});
export type DataRequestForm = z.output<typeof dataRequestFormSchema>;

/** From the tracking page: the address is the complaint's, the language the complaint's. */
export const trackedDataRequestSchema = z.strictObject({ kind: kindField });

/** Confirming the mailed link. */
export const dataRequestConfirmationSchema = z.strictObject({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{40,600}$/u, 'must be the token from the link')),
});

/** A staff decision: carry it out, or refuse it with the reason the customer is told. */
export const dataRequestActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('fulfil') }),
  z.strictObject({
    action: z.literal('refuse'),
    reason: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'must not be empty'),
        z.maxLength(2000, 'must be at most 2000 characters'),
      ),
  }),
]);
export type DataRequestActionInput = z.output<typeof dataRequestActionSchema>;

export const dataRequestIdSchema = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/u));

/** What the customer sees after confirming (no other request, no complaint detail). */
export const dataRequestReceiptSchema = z.strictObject({
  id: z.string(),
  kind: kindField,
  status: z.enum(DATA_REQUEST_STATUSES),
  receivedAt: z.string(),
  dueAt: z.string(),
});
export type DataRequestReceipt = z.output<typeof dataRequestReceiptSchema>;

export const dataRequestReceipt = (request: DataSubjectRequest): DataRequestReceipt => ({
  id: request.id,
  kind: request.kind,
  status: request.status,
  receivedAt: request.receivedAt,
  dueAt: request.dueAt,
});

/** A row of the staff queue: the address is shown (staff answer the person), masked nowhere else. */
export const dataRequestViewSchema = z.strictObject({
  id: z.string(),
  kind: kindField,
  status: z.enum(DATA_REQUEST_STATUSES),
  channel: z.enum(DATA_REQUEST_CHANNELS),
  email: z.string(),
  locale: z.enum(LOCALES),
  receivedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  version: z.number(),
  export: z.nullable(
    z.strictObject({
      complaints: z.number(),
      files: z.number(),
      bytes: z.number(),
      producedAt: z.string(),
      linkExpiresAt: z.string(),
    }),
  ),
  erasure: z.nullable(
    z.strictObject({
      erased: z.array(z.string()),
      kept: z.array(z.strictObject({ reference: z.string(), reason: z.enum(ERASURE_BLOCKS) })),
      at: z.string(),
    }),
  ),
  refusal: z.nullable(z.strictObject({ reason: z.string(), by: z.string(), at: z.string() })),
  handledBy: z.nullable(z.string()),
});
export type DataRequestView = z.output<typeof dataRequestViewSchema>;

export const dataRequestListSchema = z.strictObject({ items: z.array(dataRequestViewSchema) });
export type DataRequestList = z.output<typeof dataRequestListSchema>;

export const dataRequestView = (request: DataSubjectRequest, now: Date): DataRequestView => ({
  id: request.id,
  kind: request.kind,
  status: request.status,
  channel: request.channel,
  email: request.email,
  locale: request.locale,
  receivedAt: request.receivedAt,
  dueAt: request.dueAt,
  overdue: isOpenDataRequest(request) && Date.parse(request.dueAt) < now.getTime(),
  version: request.version,
  export: request.export
    ? {
        complaints: request.export.complaints,
        files: request.export.files,
        bytes: request.export.bytes,
        producedAt: request.export.producedAt,
        linkExpiresAt: request.export.linkExpiresAt,
      }
    : null,
  erasure: request.erasure ?? null,
  refusal: request.refusal ?? null,
  handledBy: request.handledBy ?? null,
});

/** The fresh download links of a fulfilled export (minutes), behind the mailed link (days). */
export const dataExportLinksSchema = z.strictObject({
  expiresAt: z.string(),
  document: z.strictObject({ fileName: z.string(), url: z.string() }),
  files: z.array(
    z.strictObject({
      complaintReference: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number(),
      url: z.string(),
    }),
  ),
});
export type DataExportLinks = z.output<typeof dataExportLinksSchema>;

export const DATA_REQUEST_EVENT_TYPES = [
  'data-request.received',
  'data-request.exported',
  'data-request.erased',
  'data-request.blocked',
  'data-request.refused',
  // The customer opened the mailed link and was handed download links.
  'data-request.downloaded',
] as const;
export type DataRequestEventType = (typeof DATA_REQUEST_EVENT_TYPES)[number];

/** One entry of a request's audit trail, kept beside the request (never with the customer's address). */
export interface DataRequestEvent {
  requestId: string;
  eventId: string;
  at: string;
  type: DataRequestEventType;
  actor: { kind: 'customer' | 'staff' | 'system'; id?: string | undefined; role?: string | undefined };
  status: DataRequestStatus;
  /** Non-personal facts: counts, references, the refusal's reason. */
  details?: Record<string, unknown> | undefined;
}

/** The audit event type of a request's new status. */
export const outcomeEventType = (
  request: Pick<DataSubjectRequest, 'kind' | 'status'>,
): DataRequestEventType => {
  if (request.status === 'refused') return 'data-request.refused';
  if (request.status === 'blocked') return 'data-request.blocked';
  return request.kind === 'export' ? 'data-request.exported' : 'data-request.erased';
};

/** Who sees the queue and answers requests: it holds requesters' addresses and erases data. */
export const DATA_REQUEST_ROLES: readonly StaffRole[] = ['manager', 'admin'];
