import type { EventDraft } from './audit-event.ts';
import { addDuration, type BusinessCalendar } from './calendar.ts';
import type { Assist, Complaint, OutboxMessage } from './complaint.ts';
import type { Policy } from './policy.ts';
import { canAccessDepartment, type StaffPrincipal } from './staff.ts';
import type { DepartmentId } from './vocabulary.ts';

/**
 * Co-handling: the department that owns a case (the lead) asks another department for help. Each
 * request is an assist with its own clock (the policy's `assists.dueIn`), its own place in the
 * assisting department's queue (domain/queue.ts) and its own escalation (its supervisors are mailed
 * once when it is overdue). A required assist blocks resolution until it is answered or cancelled,
 * unless a supervisor resolves with a reason.
 */
export const openAssists = (complaint: Pick<Complaint, 'assists'>): Assist[] =>
  (complaint.assists ?? []).filter((assist) => assist.status === 'open');

/** The open assists that stop the case from being resolved. */
export const blockingAssists = (complaint: Pick<Complaint, 'assists'>): Assist[] =>
  openAssists(complaint).filter((assist) => assist.required);

/**
 * Whether the caller works for a department asked to help on this case: they may read the case and
 * answer their department's assist, nothing more (the lead department's rules stay as they are).
 */
export const isAssistingDepartment = (principal: StaffPrincipal, complaint: Pick<Complaint, 'assists'>) =>
  principal.department !== undefined &&
  (complaint.assists ?? []).some((assist) => assist.department === principal.department);

/**
 * How the caller may see a case: as its lead department (or a manager, an admin), as a department
 * asked to help on it (read it and answer their assist), or not at all.
 */
export const caseAccess = (
  principal: StaffPrincipal,
  complaint: Pick<Complaint, 'assists' | 'department'>,
): 'lead' | 'assisting' | 'none' => {
  if (canAccessDepartment(principal, complaint.department)) return 'lead';
  return isAssistingDepartment(principal, complaint) ? 'assisting' : 'none';
};

/** A new assist, due after the policy's answer time counted from now. */
export const newAssist = (
  policy: Policy,
  calendar: BusinessCalendar,
  request: { department: DepartmentId; question: string; required: boolean; requestedBy: string },
  id: string,
  now: Date,
): Assist => ({
  id,
  ...request,
  status: 'open',
  requestedAt: now.toISOString(),
  dueAt: addDuration(calendar, now, policy.assists.dueIn).toISOString(),
});

/**
 * The mail telling the assisting department's supervisors they were asked for help, queued with the
 * assist (once per assist). It shares the assist's id: one request, one mail.
 */
export const assistRequestedMail = (assist: Assist): OutboxMessage => ({
  id: assist.id,
  kind: 'assist-requested',
  level: 1,
  assistId: assist.id,
  minutesLate: 0,
  createdAt: assist.requestedAt,
});

/** Why the lead department cannot ask this department for help now; undefined when it can. */
export const assistRequestRefusal = (
  policy: Policy,
  complaint: Pick<Complaint, 'assists' | 'department'>,
  department: string,
): string | undefined => {
  if (!(department in policy.departments)) return `unknown department ${department}`;
  if (department === complaint.department) return 'a department cannot ask itself for help';
  if (openAssists(complaint).some((assist) => assist.department === department))
    return `an assist to ${department} is already open`;
  return undefined;
};

/** The complaint's assists with one replaced. */
export const withAssist = (complaint: Pick<Complaint, 'assists'>, changed: Assist): Assist[] =>
  (complaint.assists ?? []).map((assist) => (assist.id === changed.id ? changed : assist));

/** Every open assist cancelled (the case ended without them), with the reason given. */
export const cancelOpenAssists = (
  complaint: Pick<Complaint, 'assists'>,
  reason: string,
  by: string,
  at: string,
): Assist[] | undefined =>
  openAssists(complaint).length === 0
    ? undefined
    : (complaint.assists ?? []).map((assist) =>
        assist.status === 'open'
          ? { ...assist, status: 'cancelled', cancelReason: reason, cancelledBy: by, cancelledAt: at }
          : assist,
      );

/** When the workflow should next look at the assists: the earliest open one not yet reported overdue. */
export const nextAssistCheckAt = (complaint: Pick<Complaint, 'assists'>): string | undefined =>
  openAssists(complaint)
    .filter((assist) => assist.overdueAlertedAt === undefined)
    .map((assist) => assist.dueAt)
    .sort()[0];

/**
 * Open assists past their due time that were not reported yet: each is marked and mails its
 * department's supervisors once, with an audit event. Undefined when none is.
 */
export const decideOverdueAssists = (
  complaint: Pick<Complaint, 'assists' | 'outbox'>,
  newId: () => string,
  now: Date,
): { changes: Partial<Complaint>; events: EventDraft[] } | undefined => {
  const at = now.toISOString();
  const overdue = openAssists(complaint).filter(
    (assist) => assist.overdueAlertedAt === undefined && new Date(assist.dueAt) <= now,
  );
  if (overdue.length === 0) return undefined;
  const alerted = new Set(overdue.map((assist) => assist.id));
  const messages: OutboxMessage[] = overdue.map((assist) => ({
    id: newId(),
    kind: 'assist-overdue',
    level: 1,
    assistId: assist.id,
    minutesLate: Math.max(0, Math.round((now.getTime() - Date.parse(assist.dueAt)) / 60_000)),
    createdAt: at,
  }));
  return {
    changes: {
      assists: (complaint.assists ?? []).map((assist) =>
        alerted.has(assist.id) ? { ...assist, overdueAlertedAt: at } : assist,
      ),
      outbox: [...(complaint.outbox ?? []), ...messages],
    },
    events: overdue.map((assist) => ({
      type: 'assist.overdue' as const,
      customerVisible: false,
      details: { assistId: assist.id, department: assist.department, dueAt: assist.dueAt },
    })),
  };
};
