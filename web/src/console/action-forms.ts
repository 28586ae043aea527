import {
  CATEGORIES,
  REJECTION_REASONS,
  REMEDIES,
  SEVERITIES,
  URGENCIES,
} from '../../../functions/domain/vocabulary.ts';

/** One input of an action form; names are the fields of the action in the staff API. */
export interface ActionField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'amount' | 'datetime';
  options?: readonly string[];
  optional?: boolean;
}

export interface ActionForm {
  label: string;
  fields: ActionField[];
}

const summary: ActionField = { name: 'summary', label: 'Summary', kind: 'textarea' };
const remedy: ActionField = { name: 'remedy', label: 'Remedy', kind: 'select', options: REMEDIES };
const amount: ActionField = { name: 'amount', label: 'Amount (CNY)', kind: 'amount', optional: true };

/**
 * The form of every action of POST /v1/staff/complaints/{id}/actions (staffActionSchema in
 * functions/domain/staff-actions.ts). The API validates; the forms only collect.
 */
export const ACTION_FORMS: Record<string, ActionForm> = {
  assign: { label: 'Assign', fields: [{ name: 'assignee', label: 'Assignee (user id)', kind: 'text' }] },
  accept: { label: 'Accept', fields: [] },
  reject: {
    label: 'Reject',
    fields: [
      { name: 'reason', label: 'Reason', kind: 'select', options: REJECTION_REASONS },
      { name: 'note', label: 'Note', kind: 'textarea' },
    ],
  },
  reclassify: {
    label: 'Reclassify (final grade)',
    fields: [
      { name: 'category', label: 'Category', kind: 'select', options: CATEGORIES },
      { name: 'severity', label: 'Severity', kind: 'select', options: SEVERITIES },
      { name: 'urgency', label: 'Urgency', kind: 'select', options: URGENCIES },
      { name: 'reason', label: 'Reason', kind: 'textarea' },
    ],
  },
  'add-note': { label: 'Add internal note', fields: [{ name: 'text', label: 'Note', kind: 'textarea' }] },
  'contact-customer': {
    label: 'Record contact with the customer',
    fields: [
      {
        name: 'channel',
        label: 'Channel',
        kind: 'select',
        options: ['phone', 'email', 'sms', 'on-site', 'other'],
      },
      summary,
    ],
  },
  'request-info': {
    label: 'Ask the customer for information',
    fields: [{ name: 'message', label: 'Message to the customer', kind: 'textarea' }],
  },
  'propose-resolution': { label: 'Propose a resolution', fields: [summary, remedy, amount] },
  'approve-proposal': {
    label: 'Approve the proposal',
    fields: [{ name: 'note', label: 'Note', kind: 'text', optional: true }],
  },
  'decline-proposal': {
    label: 'Decline the proposal',
    fields: [{ name: 'note', label: 'Note', kind: 'text' }],
  },
  resolve: {
    label: 'Resolve',
    fields: [
      { name: 'outcome', label: 'Outcome', kind: 'select', options: ['resolved', 'partly-resolved'] },
      summary,
      remedy,
      amount,
      { name: 'nextSteps', label: 'Next steps (when partly resolved)', kind: 'textarea', optional: true },
      {
        name: 'nextStepsBy',
        label: 'Next steps by (when partly resolved)',
        kind: 'datetime',
        optional: true,
      },
    ],
  },
  reopen: { label: 'Reopen', fields: [{ name: 'reason', label: 'Reason', kind: 'textarea' }] },
  close: { label: 'Close', fields: [] },
  'revoke-tracking-token': {
    label: 'Revoke the tracking link (old links stop working)',
    fields: [{ name: 'reason', label: 'Reason', kind: 'textarea' }],
  },
};

/**
 * The action body from a form's values: empty optional fields left out, amounts as numbers, times
 * (the browser's local datetime-local value) as UTC ISO-8601.
 */
export const actionBody = (type: string, expectedVersion: number, values: Record<string, string>) => {
  const body: Record<string, unknown> = { type, expectedVersion };
  for (const field of ACTION_FORMS[type]?.fields ?? []) {
    const value = values[field.name] ?? (field.kind === 'select' ? field.options?.[0] : '') ?? '';
    if (field.optional && value.trim() === '') continue;
    body[field.name] =
      field.kind === 'amount'
        ? Number(value)
        : field.kind === 'datetime'
          ? new Date(value).toISOString()
          : value;
  }
  return body;
};
