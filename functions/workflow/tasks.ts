import type { FunctionAccess } from '../function-access.ts';

/**
 * The Lambda tasks of the lifecycle state machine, keyed by the ASL substitution that names each
 * one's ARN. CDK substitutes real function ARNs; the local runtime maps each to its handler.
 */
export const WORKFLOW_TASKS = {
  // Grades and routes; repeat detection queries the byCustomer index.
  TriageFunctionArn: {
    name: 'Triage',
    entry: 'functions/workflow/triage.ts',
    access: { table: 'readWrite', readsPolicy: true },
  },
  // Mails senior management (the policy names them).
  NotifyEmergencyFunctionArn: {
    name: 'NotifyEmergency',
    entry: 'functions/workflow/notify-emergency.ts',
    access: { table: 'readWrite', sendsEmail: true, customerTokens: 'links', readsPolicy: true },
  },
  // Mails the complainant a tracking link, with dates in the policy's time zone.
  SendAcknowledgementFunctionArn: {
    name: 'SendAcknowledgement',
    entry: 'functions/workflow/send-acknowledgement.ts',
    access: { table: 'readWrite', sendsEmail: true, customerTokens: 'links', readsPolicy: true },
  },
  PlanStageFunctionArn: {
    name: 'PlanStage',
    entry: 'functions/workflow/plan-stage.ts',
    access: { table: 'read' },
  },
  // Stores the stage's task token; answers it at once when the plan is already stale.
  RegisterWaitFunctionArn: {
    name: 'RegisterWait',
    entry: 'functions/workflow/register-wait.ts',
    access: { table: 'readWrite', answersTaskTokens: true },
  },
  // Escalates along the policy's chain and mails that level (and anything else still queued).
  EscalateFunctionArn: {
    name: 'Escalate',
    entry: 'functions/workflow/escalate.ts',
    access: { table: 'readWrite', sendsEmail: true, customerTokens: 'links', readsPolicy: true },
  },
  // Sends the mail a staff action queued, such as a request for information to the customer.
  DeliverNotificationsFunctionArn: {
    name: 'DeliverNotifications',
    entry: 'functions/workflow/deliver-notifications.ts',
    access: { table: 'readWrite', sendsEmail: true, customerTokens: 'links', readsPolicy: true },
  },
  // After resolution: result notice, survey, reminder, closing; see functions/domain/follow-up.ts.
  FollowUpFunctionArn: {
    name: 'FollowUp',
    entry: 'functions/workflow/follow-up.ts',
    access: { table: 'readWrite', sendsEmail: true, customerTokens: 'links', readsPolicy: true },
  },
  // A follow-up mail failed after the retries: recorded, and the follow-up goes on.
  RecordFollowUpFailureFunctionArn: {
    name: 'RecordFollowUpFailure',
    entry: 'functions/workflow/record-follow-up-failure.ts',
    access: { table: 'readWrite' },
  },
  // A step failed for good: recorded on the complaint before the execution fails.
  RecordLifecycleFailureFunctionArn: {
    name: 'RecordLifecycleFailure',
    entry: 'functions/workflow/record-lifecycle-failure.ts',
    access: { table: 'readWrite' },
  },
} as const satisfies Record<string, { name: string; entry: string; access: FunctionAccess }>;

export type WorkflowTaskSubstitution = keyof typeof WORKFLOW_TASKS;

export const LIFECYCLE_DEFINITION_FILE = 'statemachines/complaint-lifecycle.asl.json';
