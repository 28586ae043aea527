import type { ComplaintEvent, ComplaintEventType } from './audit-event.ts';
import type { Complaint, Proposal } from './complaint.ts';
import type { SentMail } from './sent-mail.ts';
import type { SolvedAnswer } from './survey.ts';
import type {
  Category,
  Channel,
  ContactChannel,
  RejectionReason,
  Remedy,
  ResolutionOutcome,
} from './vocabulary.ts';

export interface ThreadAuthor {
  kind: 'customer' | 'staff' | 'system';
  id?: string | undefined;
}

interface EntryBase {
  /** The audit event id, the mail id, or "complaint" for the complaint itself. */
  id: string;
  at: string;
  author: ThreadAuthor;
  /** Staff-only: the customer never saw it. */
  internal: boolean;
}

/**
 * One entry of a case's conversation: what the customer wrote, what we wrote them (as received),
 * what staff recorded. Narrow on `kind`; codes (remedy, reason, channel…) are shown as labels.
 */
export type ThreadEntry = EntryBase &
  (
    | {
        kind: 'complaint';
        channel: Channel;
        subject: string;
        description: string;
        desiredOutcome: string | null;
        product: string | null;
        orderRef: string | null;
        incidentAt: string | null;
        categoryHint: Category | null;
      }
    | { kind: 'customer-message'; text: string }
    | { kind: 'mail'; mailKind: string; subject: string; text: string; messageId: string; truncated: boolean }
    | { kind: 'info-request'; text: string }
    | { kind: 'contact'; channel: ContactChannel | null; summary: string | null }
    | { kind: 'note'; text: string }
    | {
        kind: 'proposal';
        summary: string;
        remedy: Remedy;
        amount: number | null;
        /** As it stands now for the current proposal; as proposed for earlier ones. */
        approval: Proposal['approval'];
        decidedBy: string | null;
        decisionNote: string | null;
      }
    | { kind: 'proposal-decision'; decision: 'approved' | 'declined'; note: string | null }
    | {
        kind: 'resolution';
        outcome: ResolutionOutcome | null;
        remedy: Remedy | null;
        summary: string | null;
        amount: number | null;
        nextSteps: string | null;
        nextStepsBy: string | null;
      }
    | { kind: 'rejection'; reason: RejectionReason; note: string | null }
    | {
        kind: 'survey-answer';
        round: number;
        overall: number;
        process: number;
        result: number;
        solved: SolvedAnswer;
        comment: string | null;
      }
    | { kind: 'reopened'; reason: string; byCustomer: boolean }
  );

export type ThreadEntryKind = ThreadEntry['kind'];

/**
 * Audit entries that record the machinery (a mail went out, a reminder fired), not the case: the
 * console folds them away. The mail itself is in the thread.
 */
const NOISE_EVENTS: ReadonlySet<ComplaintEventType> = new Set([
  'notification.sent',
  'sla.reminded',
  'survey.sent',
  'survey.reminded',
  'resolution.notified',
]);

export const isNoise = (type: ComplaintEventType): boolean => NOISE_EVENTS.has(type);

const authorOf = (event: ComplaintEvent): ThreadAuthor => ({
  kind: event.actor.kind,
  ...(event.actor.id ? { id: event.actor.id } : {}),
});

/** The value a staff action stored on the complaint, as its event recorded it (staff-actions.ts `change`). */
const after = <T>(event: ComplaintEvent, field: string): T | undefined =>
  (event.changes?.[field]?.after ?? undefined) as T | undefined;

type Body = ThreadEntry extends infer E ? (E extends ThreadEntry ? Omit<E, keyof EntryBase> : never) : never;

const entryOf = (complaint: Complaint, event: ComplaintEvent): Body | undefined => {
  switch (event.type) {
    case 'customer.replied':
      return { kind: 'customer-message', text: event.details.message };
    case 'info.requested':
      return { kind: 'info-request', text: event.details.message };
    case 'customer.contacted':
      // The workflow's own first contact (lifecycle.ts) records no channel or summary.
      return {
        kind: 'contact',
        channel: event.details?.channel ?? null,
        summary: event.details?.summary ?? null,
      };
    case 'note.added':
      return { kind: 'note', text: event.details.text };
    case 'resolution.proposed': {
      const proposed = after<Proposal>(event, 'proposal');
      if (!proposed) return undefined;
      const current = complaint.proposal?.at === proposed.at ? complaint.proposal : proposed;
      return {
        kind: 'proposal',
        summary: proposed.summary,
        remedy: proposed.remedy,
        amount: proposed.amount ?? null,
        approval: current.approval,
        decidedBy: current.decidedBy ?? null,
        decisionNote: current.decisionNote ?? null,
      };
    }
    case 'proposal.approved':
    case 'proposal.declined':
      return {
        kind: 'proposal-decision',
        decision: event.type === 'proposal.approved' ? 'approved' : 'declined',
        note: after<Proposal>(event, 'proposal')?.decisionNote ?? null,
      };
    case 'complaint.resolved': {
      // The complaint keeps the latest resolution only; an earlier round shows what its event kept.
      const resolution = complaint.resolution?.at === event.at ? complaint.resolution : undefined;
      return {
        kind: 'resolution',
        outcome: resolution?.outcome ?? event.details?.outcome ?? null,
        remedy: resolution?.remedy ?? event.details?.remedy ?? null,
        summary: resolution?.summary ?? null,
        amount: resolution?.amount ?? null,
        nextSteps: resolution?.nextSteps ?? null,
        nextStepsBy: resolution?.nextStepsBy ?? null,
      };
    }
    case 'complaint.rejected':
      return {
        kind: 'rejection',
        reason: event.details.reason,
        note: after<{ note: string }>(event, 'rejection')?.note ?? complaint.rejection?.note ?? null,
      };
    case 'survey.answered': {
      const { round, overall, process, result, solved } = event.details;
      // Answers recorded before the event kept the comment: the complaint holds the current round's.
      const stored = complaint.followUp?.round === round ? complaint.followUp.answer?.comment : undefined;
      return {
        kind: 'survey-answer',
        round,
        overall,
        process,
        result,
        solved,
        comment: event.details.comment ?? stored ?? null,
      };
    }
    case 'complaint.reopened':
      return { kind: 'reopened', reason: event.details.reason, byCustomer: event.details.byCustomer };
    default:
      return undefined;
  }
};

/**
 * The complaint as one conversation in time order: the complaint itself, then every message, mail,
 * contact, note, proposal, decision and answer, from its audit events and the mail it was sent.
 */
export const caseThread = (
  complaint: Complaint,
  events: readonly ComplaintEvent[],
  mails: readonly SentMail[],
): ThreadEntry[] => {
  const opening: ThreadEntry = {
    id: 'complaint',
    at: complaint.submittedAt,
    author: { kind: 'customer' },
    internal: false,
    kind: 'complaint',
    channel: complaint.channel,
    subject: complaint.subject,
    description: complaint.description,
    desiredOutcome: complaint.desiredOutcome ?? null,
    product: complaint.product ?? null,
    orderRef: complaint.orderRef ?? null,
    incidentAt: complaint.incidentAt ?? null,
    categoryHint: complaint.categoryHint ?? null,
  };
  const fromEvents = events.flatMap((event): ThreadEntry[] => {
    const body = entryOf(complaint, event);
    if (!body) return [];
    const base = {
      id: event.eventId,
      at: event.at,
      author: authorOf(event),
      internal: !event.customerVisible,
    };
    return [{ ...base, ...body }];
  });
  const fromMail = mails.map((mail): ThreadEntry => ({
    id: `mail-${mail.id}`,
    at: mail.sentAt,
    author: { kind: 'system' },
    internal: false,
    kind: 'mail',
    mailKind: mail.mailKind,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    truncated: mail.truncated,
  }));
  // Stable: at equal times the complaint comes first, then events in id order, then mail.
  return [opening, ...fromEvents.toSorted((a, b) => a.id.localeCompare(b.id)), ...fromMail].toSorted((a, b) =>
    a.at.localeCompare(b.at),
  );
};
