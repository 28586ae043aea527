import { liveAttachments } from './evidence.ts';
import type { ComplaintEvent } from './audit-event.ts';
import { caseThread, isNoise } from './case-thread.ts';
import type { Complaint } from './complaint.ts';
import { maskEmail, maskPhone } from './privacy.ts';
import type { QueueItem } from './queue.ts';
import type { SentMail } from './sent-mail.ts';
import type { StageClock } from './sla.ts';
import { allowedActionsFor } from './staff-actions.ts';
import { canAccessDepartment, canSeeContactDetails, type StaffPrincipal } from './staff.ts';
import type { ComplaintStatus } from './vocabulary.ts';

export type { ThreadEntry, ThreadEntryKind, ThreadAuthor } from './case-thread.ts';

/**
 * The customer's email does not reach them (a permanent bounce, or our mail reported as spam): the
 * agent should phone them. Which mail, when and why, for the queue and the case page.
 */
const contactProblemView = (problem: Complaint['contactProblem']) =>
  problem
    ? {
        kind: problem.kind,
        mailKind: problem.mailKind,
        at: problem.at,
        type: problem.type ?? null,
        subType: problem.subType ?? null,
        action: 'contact-by-phone' as const,
      }
    : null;

export type ContactProblemView = NonNullable<ReturnType<typeof contactProblemView>>;

const maskedCustomer = (customer: Complaint['customer']) => ({
  name: customer.name,
  email: customer.email === undefined ? undefined : maskEmail(customer.email),
  phone: customer.phone === undefined ? undefined : maskPhone(customer.phone),
  locale: customer.locale,
});

/** One row of a work queue: what a list shows, personal data masked. */
export const queueRow = (complaint: QueueItem, now: Date) => {
  const due = complaint.nextDueAt;
  return {
    id: complaint.id,
    reference: complaint.reference,
    status: complaint.status,
    subject: complaint.subject,
    category: complaint.category ?? null,
    department: complaint.department ?? null,
    severity: complaint.severity ?? null,
    urgency: complaint.urgency ?? null,
    priority: complaint.priority ?? null,
    assignee: complaint.assignee ?? null,
    customer: maskedCustomer(complaint.customer),
    submittedAt: complaint.submittedAt,
    escalationLevel: complaint.escalationLevel ?? 0,
    nextDueAt: due ?? null,
    /** Wall-clock milliseconds to the next deadline on the server's clock (negative when overdue). */
    remainingMs: due === undefined ? null : Date.parse(due) - now.getTime(),
    overdue: due !== undefined && Date.parse(due) < now.getTime(),
    contactProblem: contactProblemView(complaint.contactProblem),
    /** Set when the row is another department's case this department assists on (协办 / Assist). */
    assistId: complaint.assistId ?? null,
  };
};

/** A row of `GET /v1/staff/complaints` (the web console imports this type). */
export type QueueRow = ReturnType<typeof queueRow>;

const clockView = (clock: StageClock | undefined, now: Date) =>
  clock && {
    dueAt: clock.dueAt,
    rule: clock.rule,
    clock: clock.clock,
    /** Wall-clock milliseconds left (negative when overdue); null once the stage ended or while paused. */
    remainingMs: clock.completedAt || clock.pausedAt ? null : Date.parse(clock.dueAt) - now.getTime(),
    paused: clock.pausedAt !== undefined,
    pausedAt: clock.pausedAt ?? null,
    completedAt: clock.completedAt ?? null,
    onTime: clock.onTime ?? null,
    breachedAt: clock.breachedAt ?? null,
    /** The deadline ran through a year the calendar lacks (statutory holidays only): it may move. */
    provisionalCalendar: clock.provisionalCalendar ?? false,
  };

/** Another complaint as the case page lists it (a repeat, or the same customer's history). */
export interface ComplaintSummary {
  id: string;
  reference: string;
  status: ComplaintStatus;
  subject: string;
  submittedAt: string;
  department?: string | undefined;
}

/** A summary as shown: the subject only when the viewer may open that complaint (its department). */
const summaryView = (summary: ComplaintSummary, principal: StaffPrincipal) => {
  const accessible = canAccessDepartment(principal, summary.department);
  return {
    id: summary.id,
    reference: summary.reference,
    status: summary.status,
    subject: accessible ? summary.subject : null,
    submittedAt: summary.submittedAt,
    accessible,
  };
};

export type ComplaintSummaryView = ReturnType<typeof summaryView>;

/** What the case page shows beside the complaint and its events, read from other items. */
export interface CaseContext {
  /** The customer mail sent for this complaint, as received. */
  mails: readonly SentMail[];
  /** The complaints named in `relatedComplaints` (repeats), those that exist. */
  relatedComplaints: readonly ComplaintSummary[];
  /** The customer's other complaints, newest first (bounded by the reader). */
  customerHistory: readonly ComplaintSummary[];
  /** The policy's business-calendar time zone: every time is ISO UTC, the console names the zone. */
  timeZone: string;
}

/** How much of a too-large case response was left out (domain/case-bound.ts), so the console can say so. */
export interface CaseTrim {
  /** Oldest audit-trail entries left out (machinery first). */
  timelineEntries: number;
  /** Sent mail shown by its first characters only. */
  mailTextsShortened: boolean;
  /** Oldest entries of the internal-notes list left out (they stay in the thread while it fits). */
  notes: number;
  /** Oldest conversation entries left out (never the complaint itself). */
  threadEntries: number;
}

/** The case page: everything about a complaint, contact details only for roles that need them. */
export const caseDetail = (
  complaint: Complaint,
  events: readonly ComplaintEvent[],
  principal: StaffPrincipal,
  now: Date,
  context: CaseContext,
) => {
  const {
    waitToken: _waitToken,
    waitStage: _waitStage,
    outbox: _outbox,
    customerKey: _customerKey,
    customerPhoneKey: _customerPhoneKey,
    contactProblem,
    sla,
    customer,
    assists,
    ...rest
  } = complaint;
  const timeline = events.toSorted((a, b) => a.eventId.localeCompare(b.eventId));
  return {
    ...rest,
    customer: canSeeContactDetails(principal) ? customer : maskedCustomer(customer),
    contactProblem: contactProblemView(contactProblem),
    sla: {
      firstResponse: clockView(sla?.firstResponse, now) ?? null,
      resolution: clockView(sla?.resolution, now) ?? null,
      escalationLevel: sla?.escalationLevel ?? 0,
      reminders: sla?.reminders ?? 0,
    },
    // Overdue on the server's clock, as the stage clocks' remainingMs (the browser's may differ).
    assists: (assists ?? []).map((assist) => ({
      ...assist,
      overdue: assist.status === 'open' && Date.parse(assist.dueAt) < now.getTime(),
    })),
    relatedComplaints: context.relatedComplaints.map((summary) => summaryView(summary, principal)),
    customerHistory: context.customerHistory
      .filter((summary) => summary.id !== complaint.id)
      .toSorted((a, b) => b.submittedAt.localeCompare(a.submittedAt))
      .map((summary) => summaryView(summary, principal)),
    timeZone: context.timeZone,
    // Upload forms abandoned long ago are no files of the case.
    attachments: liveAttachments(complaint.attachments, now),
    // Mail queued but not yet sent (the workflow retries it), so staff can see a delivery problem.
    pendingMail: (complaint.outbox ?? []).map(({ kind, createdAt }) => ({ kind, createdAt })),
    allowedActions: allowedActionsFor(complaint, principal),
    notes: timeline.flatMap((event) =>
      event.type === 'note.added'
        ? [{ at: event.at, by: event.actor.id ?? null, text: event.details.text }]
        : [],
    ),
    thread: caseThread(complaint, timeline, context.mails),
    // Machinery (a mail went out, a reminder fired) stays in the audit trail, folded by the console.
    timeline: timeline.map((event) => ({ ...event, noise: isNoise(event.type) })),
    /** Set when the case was too large for one response and parts were left out (case-bound.ts). */
    trimmed: null as CaseTrim | null,
  };
};

/** The body of `GET /v1/staff/complaints/{id}` and of an action's answer (the web console imports this type). */
export type CaseDetail = ReturnType<typeof caseDetail>;
/** One SLA clock of the case page; null before triage. */
export type CaseClock = CaseDetail['sla']['firstResponse'];
