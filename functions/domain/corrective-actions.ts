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
