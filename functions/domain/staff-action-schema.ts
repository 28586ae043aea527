import { text } from './text.ts';
import {
  categorySchema,
  departmentIdSchema,
  contactChannelSchema,
  rejectionReasonSchema,
  remedySchema,
  resolutionOutcomeSchema,
  rootCauseSchema,
  severitySchema,
  urgencySchema,
} from './vocabulary-schemas.ts';
import * as z from './zod.ts';

/** The body of a staff action; who may take which, when, is in staff-action-rights.ts. */
const expectedVersion = z.int().check(z.gte(1));
const money = z.number().check(z.nonnegative(), z.lte(100_000_000), z.multipleOf(0.01));

/** Every staff action, as posted to `POST /v1/staff/complaints/{id}/actions`. */
export const staffActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('assign'), expectedVersion, assignee: text({ max: 128 }) }),
  z.strictObject({ type: z.literal('accept'), expectedVersion }),
  z.strictObject({
    type: z.literal('reject'),
    expectedVersion,
    reason: rejectionReasonSchema,
    note: text({ max: 2000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('reclassify'),
    expectedVersion,
    category: categorySchema,
    severity: severitySchema,
    urgency: urgencySchema,
    reason: text({ max: 1000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('add-note'),
    expectedVersion,
    text: text({ max: 5000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('contact-customer'),
    expectedVersion,
    channel: contactChannelSchema,
    summary: text({ max: 2000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('request-info'),
    expectedVersion,
    message: text({ max: 2000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('propose-resolution'),
    expectedVersion,
    summary: text({ max: 5000, multiline: true }),
    remedy: remedySchema,
    amount: z.optional(money),
  }),
  z.strictObject({
    type: z.literal('approve-proposal'),
    expectedVersion,
    note: z.optional(text({ max: 1000 })),
  }),
  z.strictObject({ type: z.literal('decline-proposal'), expectedVersion, note: text({ max: 1000 }) }),
  z
    .strictObject({
      type: z.literal('resolve'),
      expectedVersion,
      outcome: resolutionOutcomeSchema,
      summary: text({ max: 5000, multiline: true }),
      remedy: remedySchema,
      amount: z.optional(money),
      /** Required when partly resolved: the customer is told what comes next and by when. */
      nextSteps: z.optional(text({ max: 2000, multiline: true })),
      nextStepsBy: z.optional(z.iso.datetime({ offset: true })),
      /** A supervisor's reason to resolve while a required assist is still open (the assists are cancelled). */
      overrideReason: z.optional(text({ max: 1000, multiline: true })),
      /** Why the complaint arose: one of the policy's root causes (domain/corrective-actions.ts). */
      rootCause: rootCauseSchema,
      /** What is to be done so it does not recur: tracked on the corrective actions list until done. */
      correctiveAction: z.optional(
        z.strictObject({
          description: text({ max: 2000, multiline: true }),
          /** A staff id from the directory, of the complaint's department. */
          owner: text({ max: 128 }),
          dueDate: z.iso.date(),
        }),
      ),
    })
    .check(
      z.refine((action) => action.outcome === 'resolved' || (action.nextSteps && action.nextStepsBy), {
        message: 'a partly resolved complaint needs nextSteps and nextStepsBy',
        path: ['nextSteps'],
      }),
    ),
  z.strictObject({
    type: z.literal('reopen'),
    expectedVersion,
    reason: text({ max: 1000, multiline: true }),
  }),
  z.strictObject({ type: z.literal('close'), expectedVersion }),
  z.strictObject({
    type: z.literal('revoke-tracking-token'),
    expectedVersion,
    /** Why (a leaked or forwarded link, a customer's request): kept in the audit trail. */
    reason: text({ max: 1000, multiline: true }),
  }),
  // A supervisor's decision on the change an agent asked for (Complaint.pendingChange).
  z.strictObject({
    type: z.literal('approve-change'),
    expectedVersion,
    note: z.optional(text({ max: 1000 })),
  }),
  z.strictObject({ type: z.literal('decline-change'), expectedVersion, note: text({ max: 1000 }) }),
  // Co-handling (domain/assists.ts): the lead asks another department; that department answers.
  z.strictObject({
    type: z.literal('request-assist'),
    expectedVersion,
    department: departmentIdSchema,
    question: text({ max: 2000, multiline: true }),
    /** A required assist blocks resolution until answered or cancelled (the default). */
    required: z._default(z.boolean(), true),
  }),
  z.strictObject({
    type: z.literal('answer-assist'),
    expectedVersion,
    assistId: text({ max: 64 }),
    answer: text({ max: 5000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('cancel-assist'),
    expectedVersion,
    assistId: text({ max: 64 }),
    reason: text({ max: 1000, multiline: true }),
  }),
  // The owner (or a supervisor) moves the complaint's corrective action forwards, saying what was done.
  z.strictObject({
    type: z.literal('update-corrective-action'),
    expectedVersion,
    status: z.enum(['in-progress', 'done']),
    note: text({ max: 2000, multiline: true }),
  }),
  // A handler who foresees a delay moves the case up the escalation chain now, saying why.
  z.strictObject({
    type: z.literal('escalate'),
    expectedVersion,
    reason: text({ max: 1000, multiline: true }),
  }),
]);

export type StaffAction = z.output<typeof staffActionSchema>;
export type StaffActionType = StaffAction['type'];
