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
  // One wake-up: sends what staff queued, escalates a timed-out stage (mailing that level), takes the
  // due follow-up step (result notice, survey, reminder, closing), plans the next wait.
  AdvanceLifecycleFunctionArn: {
    name: 'AdvanceLifecycle',
    entry: 'functions/workflow/advance-lifecycle.ts',
    access: { table: 'readWrite', sendsEmail: true, customerTokens: 'links', readsPolicy: true },
  },
  // Stores the stage's task token; answers it at once when the plan is already stale, or is the end.
  RegisterWaitFunctionArn: {
    name: 'RegisterWait',
    entry: 'functions/workflow/register-wait.ts',
    access: { table: 'readWrite', answersTaskTokens: true, endsLifecycles: true },
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
