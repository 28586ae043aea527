import type { VocabularyLabels } from '../../../functions/domain/labels.ts';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import {
  CATEGORIES,
  REJECTION_REASONS,
  REMEDIES,
  ROOT_CAUSES,
  SEVERITIES,
  URGENCIES,
} from '../../../functions/domain/vocabulary.ts';

/**
 * One input of an action form; `name` is the field of the action in the staff API, and its label is
 * `composer.fields[name]` in the console's dictionary. Options of a select are codes shown with the
 * labels of `labels` (labels.ts), people from the staff directory (`staff`; `departmentStaff`: the
 * case's department's, or none), the policy's other departments (`department`) or the case's open
 * assists (`assist`). A dotted name ("correctiveAction.owner") is a field of a nested object.
 */
export interface ActionField {
  name: string;
  kind:
    | 'text'
    | 'textarea'
    | 'select'
    | 'amount'
    | 'datetime'
    | 'date'
    | 'staff'
    | 'departmentStaff'
    | 'department'
    | 'assist';
  options?: readonly string[];
  labels?: keyof VocabularyLabels;
  optional?: boolean;
  /** A yes/no select whose options are "true" and "false", sent as a boolean. */
  boolean?: boolean;
  /** Required only when another field has this value (the partly-resolved resolution's next steps). */
  requiredWhen?: { field: string; value: string };
}

export interface ActionForm {
  fields: ActionField[];
  /** Asks "are you sure?" before sending: the action ends the case for the customer. */
  confirm?: boolean;
}

const summary: ActionField = { name: 'summary', kind: 'textarea' };
const remedy: ActionField = { name: 'remedy', kind: 'select', options: REMEDIES, labels: 'remedy' };
const amount: ActionField = { name: 'amount', kind: 'amount', optional: true };
const partly = { field: 'outcome', value: 'partly-resolved' };

/**
 * The form of every action of POST /v1/staff/complaints/{id}/actions (staffActionSchema in
 * functions/domain/staff-actions.ts). The API validates; the forms collect and mark what is required.
 */
export const ACTION_FORMS: Record<string, ActionForm> = {
  assign: { fields: [{ name: 'assignee', kind: 'staff' }] },
  accept: { fields: [] },
  reject: {
    confirm: true,
    fields: [
      { name: 'reason', kind: 'select', options: REJECTION_REASONS, labels: 'rejectionReason' },
      { name: 'note', kind: 'textarea' },
    ],
  },
  reclassify: {
    fields: [
      { name: 'category', kind: 'select', options: CATEGORIES, labels: 'category' },
      { name: 'severity', kind: 'select', options: SEVERITIES, labels: 'severity' },
      { name: 'urgency', kind: 'select', options: URGENCIES, labels: 'urgency' },
      { name: 'reason', kind: 'textarea' },
    ],
  },
  'add-note': { fields: [{ name: 'text', kind: 'textarea' }] },
  'contact-customer': {
    fields: [
      {
        name: 'channel',
        kind: 'select',
        options: ['phone', 'email', 'sms', 'on-site', 'other'],
        labels: 'contactChannel',
      },
      summary,
    ],
  },
  'request-info': { fields: [{ name: 'message', kind: 'textarea' }] },
  'propose-resolution': { fields: [summary, remedy, amount] },
  'approve-proposal': { fields: [{ name: 'note', kind: 'text', optional: true }] },
  'decline-proposal': { fields: [{ name: 'note', kind: 'textarea' }] },
  'approve-change': { fields: [{ name: 'note', kind: 'text', optional: true }] },
  'decline-change': { fields: [{ name: 'note', kind: 'textarea' }] },
  resolve: {
    fields: [
      { name: 'outcome', kind: 'select', options: ['resolved', 'partly-resolved'], labels: 'outcome' },
      summary,
      remedy,
      { name: 'rootCause', kind: 'select', options: ROOT_CAUSES, labels: 'rootCause' },
      amount,
      { name: 'nextSteps', kind: 'textarea', optional: true, requiredWhen: partly },
      { name: 'nextStepsBy', kind: 'datetime', optional: true, requiredWhen: partly },
      // A supervisor's reason to resolve while a required assist is open (the API refuses it otherwise).
      { name: 'overrideReason', kind: 'textarea', optional: true },
      // The corrective action, all three or none: the owner is of the case's department (the API says
      // which of the three is missing when only some are filled in).
      { name: 'correctiveAction.description', kind: 'textarea', optional: true },
      { name: 'correctiveAction.owner', kind: 'departmentStaff', optional: true },
      { name: 'correctiveAction.dueDate', kind: 'date', optional: true },
    ],
  },
  reopen: { fields: [{ name: 'reason', kind: 'textarea' }] },
  close: { confirm: true, fields: [] },
  'revoke-tracking-token': { fields: [{ name: 'reason', kind: 'textarea' }] },
  'request-assist': {
    fields: [
      { name: 'department', kind: 'department' },
      { name: 'question', kind: 'textarea' },
      {
        name: 'required',
        kind: 'select',
        options: ['true', 'false'],
        labels: 'assistRequired',
        boolean: true,
      },
    ],
  },
  'answer-assist': {
    fields: [
      { name: 'assistId', kind: 'assist' },
      { name: 'answer', kind: 'textarea' },
    ],
  },
  'cancel-assist': {
    fields: [
      { name: 'assistId', kind: 'assist' },
      { name: 'reason', kind: 'textarea' },
    ],
  },
  escalate: { fields: [{ name: 'reason', kind: 'textarea' }] },
  'update-corrective-action': {
    fields: [
      { name: 'status', kind: 'select', options: ['in-progress', 'done'], labels: 'correctiveActionStatus' },
      { name: 'note', kind: 'textarea' },
    ],
  },
};

/** Fields of the staff API the console does not ask for (none now; kept for the form test). */
export const API_ONLY_FIELDS: Record<string, readonly string[]> = {};

/** Whether a field must be filled in, given what the form holds now. */
export const isRequired = (field: ActionField, values: Record<string, string>): boolean =>
  field.requiredWhen ? values[field.requiredWhen.field] === field.requiredWhen.value : !field.optional;

/**
 * Where a form starts: the case's current values (a regrade starts from the current grade, a
 * resolution from the proposal), so staff change what differs rather than retype what is there.
 */
export const initialValues = (type: string, detail: CaseDetail, self: string): Record<string, string> => {
  switch (type) {
    case 'assign':
      return { assignee: detail.assignee ?? self };
    case 'reclassify':
      return {
        category: detail.category ?? CATEGORIES[0],
        severity: detail.severity ?? SEVERITIES[0],
        urgency: detail.urgency ?? URGENCIES[0],
      };
    case 'resolve':
    case 'propose-resolution':
      return detail.proposal
        ? {
            summary: detail.proposal.summary,
            remedy: detail.proposal.remedy,
            amount: detail.proposal.amount === undefined ? '' : String(detail.proposal.amount),
          }
        : {};
    case 'answer-assist':
    case 'cancel-assist':
      // The open assist (the assisting department sees its own first).
      return { assistId: detail.assists?.find((assist) => assist.status === 'open')?.id ?? '' };
    default:
      return {};
  }
};

/**
 * The action body from a form's values: empty optional fields left out, amounts as numbers, times
 * (the browser's local datetime-local value) as UTC ISO-8601.
 */
export const actionBody = (type: string, expectedVersion: number, values: Record<string, string>) => {
  const body: Record<string, unknown> = { type, expectedVersion };
  for (const field of ACTION_FORMS[type]?.fields ?? []) {
    const value = values[field.name] ?? (field.kind === 'select' ? field.options?.[0] : '') ?? '';
    if (!isRequired(field, values) && value.trim() === '') continue;
    const [parent, child] = field.name.split('.') as [string, string | undefined];
    const target = child === undefined ? body : ((body[parent] ??= {}) as Record<string, unknown>);
    target[child ?? parent] = field.boolean
      ? value === 'true'
      : field.kind === 'amount'
        ? Number(value)
        : field.kind === 'datetime' && value !== ''
          ? new Date(value).toISOString()
          : value;
  }
  return body;
};
