import type { Complaint, CorrectiveAction } from './complaint.ts';
import type { Policy } from './policy.ts';
import { assigneeProblem, type StaffMember } from './staff-directory.ts';
import { isSupervisor, type StaffPrincipal } from './staff.ts';
import type { CorrectiveActionStatus, RootCause } from './vocabulary.ts';

export type { CorrectiveAction } from './complaint.ts';

/**
 * Root causes and corrective actions (issue 19): resolving a complaint names why it arose (a code
 * the policy offers) and may open a corrective action, tracked on its own list until done.
 */

export interface CorrectiveActionInput {
  description: string;
  owner: string;
  dueDate: string;
}

/** Why a resolution's root cause is refused: the policy no longer (or never) offers it. */
export const rootCauseProblem = (
  policy: Pick<Policy, 'rootCauses'>,
  rootCause: RootCause,
): string | undefined =>
  policy.rootCauses.includes(rootCause)
    ? undefined
    : `rootCause ${rootCause} is not one of the policy's root causes (${policy.rootCauses.join(', ')})`;

/** A new corrective action, or why it is refused (the owner must work in the complaint's department). */
export const openCorrectiveAction = (
  input: CorrectiveActionInput,
  owner: StaffMember | undefined,
  complaint: Pick<Complaint, 'department'>,
  by: string,
  at: string,
): { action: CorrectiveAction } | { problem: string } => {
  const problem = assigneeProblem(input.owner, owner, complaint);
  if (problem) return { problem: `correctiveAction.owner: ${problem}` };
  return {
    action: {
      description: input.description,
      owner: input.owner,
      ownerName: owner!.name,
      dueDate: input.dueDate,
      status: 'open',
      department: complaint.department!,
      createdBy: by,
      createdAt: at,
      updates: [],
    },
  };
};

const ORDER: Record<CorrectiveActionStatus, number> = { open: 0, 'in-progress': 1, done: 2 };

/**
 * An update of a corrective action's status: forwards only (open → in-progress → done, or straight
 * to done), by its owner or a supervisor.
 */
export const updateCorrectiveAction = (
  current: CorrectiveAction | undefined,
  update: { status: CorrectiveActionStatus; note: string },
  principal: StaffPrincipal,
  at: string,
):
  | { kind: 'updated'; action: CorrectiveAction }
  | { kind: 'forbidden' | 'precondition-failed'; reason: string } => {
  if (!current) return { kind: 'precondition-failed', reason: 'the complaint has no corrective action' };
  if (current.owner !== principal.subject && !isSupervisor(principal))
    return {
      kind: 'forbidden',
      reason: 'only the owner of the corrective action or a supervisor may update it',
    };
  if (ORDER[update.status] <= ORDER[current.status])
    return {
      kind: 'precondition-failed',
      reason: `the corrective action is ${current.status}: it moves forwards only (open → in-progress → done)`,
    };
  return {
    kind: 'updated',
    action: {
      ...current,
      status: update.status,
      updates: [...current.updates, { ...update, by: principal.subject, at }],
    },
  };
};

/** Where a corrective action is listed: open and in-progress ones by due date, done ones by when. */
export const correctiveActionListing = (
  action: CorrectiveAction,
): { state: 'open' | 'done'; sortKey: string } =>
  action.status === 'done'
    ? { state: 'done', sortKey: action.updates.at(-1)?.at ?? action.createdAt }
    : { state: 'open', sortKey: action.dueDate };

/**
 * What the corrective actions list shows of one action: enough to find the case and chase the owner,
 * none of the complaint's own text (least exposure; the case page has the rest).
 */
export interface CorrectiveActionRow {
  complaintId: string;
  reference: string;
  department: string;
  rootCause?: RootCause | undefined;
  description: string;
  owner: string;
  ownerName: string;
  dueDate: string;
  status: CorrectiveActionStatus;
  createdAt: string;
  /** When it last changed (its latest update, or when it was opened). */
  updatedAt: string;
}

/** A list the row sits on: its department's and the all-departments one, each split open/done. */
export interface CorrectiveActionPlacement {
  department: string;
  state: 'open' | 'done';
  sortKey: string;
  complaintId: string;
}

const placementOf = (complaintId: string, action: CorrectiveAction): CorrectiveActionPlacement => ({
  department: action.department,
  complaintId,
  ...correctiveActionListing(action),
});

const samePlacement = (a: CorrectiveActionPlacement, b: CorrectiveActionPlacement): boolean =>
  a.department === b.department && a.state === b.state && a.sortKey === b.sortKey;

/**
 * How a save changes the corrective actions list, written in the save's transaction: the row of the
 * action as it now is (when it changed), and the placement it leaves (when its status moved it to
 * the done list, or a new resolution replaced it). Nothing when the action did not change.
 */
export const correctiveActionListChanges = (
  before: Pick<Complaint, 'correctiveAction'>,
  after: Pick<Complaint, 'id' | 'reference' | 'correctiveAction' | 'resolution'>,
): {
  put?: { placement: CorrectiveActionPlacement; row: CorrectiveActionRow };
  remove?: CorrectiveActionPlacement;
} => {
  const previous = before.correctiveAction;
  const current = after.correctiveAction;
  if (previous === current || (previous && current && JSON.stringify(previous) === JSON.stringify(current)))
    return {};
  const placement = current && placementOf(after.id, current);
  const left = previous && placementOf(after.id, previous);
  return {
    ...(current && placement
      ? {
          put: {
            placement,
            row: {
              complaintId: after.id,
              reference: after.reference,
              department: current.department,
              rootCause: after.resolution?.rootCause,
              description: current.description,
              owner: current.owner,
              ownerName: current.ownerName,
              dueDate: current.dueDate,
              status: current.status,
              createdAt: current.createdAt,
              updatedAt: current.updates.at(-1)?.at ?? current.createdAt,
            },
          },
        }
      : {}),
    ...(left && !(placement && samePlacement(left, placement)) ? { remove: left } : {}),
  };
};

/** Whose corrective actions a member of staff may list: agents their department's, supervisors and above any. */
export const correctiveActionScopeFor = (
  principal: StaffPrincipal,
  department: string | undefined,
): { kind: 'allowed'; department: string | undefined } | { kind: 'forbidden'; reason: string } => {
  if (isSupervisor(principal)) return { kind: 'allowed', department };
  if (!principal.department)
    return { kind: 'forbidden', reason: 'an agent without a department lists nothing' };
  if (department !== undefined && department !== principal.department)
    return { kind: 'forbidden', reason: "agents list their own department's corrective actions only" };
  return { kind: 'allowed', department: principal.department };
};

/** Overdue: not done and due before today (the business calendar's local date). */
export const isCorrectiveActionOverdue = (
  action: Pick<CorrectiveAction, 'status' | 'dueDate'>,
  today: string,
): boolean => action.status !== 'done' && action.dueDate < today;
