/**
 * The Lambda tasks of the lifecycle state machine, keyed by the ASL substitution that names each
 * one's ARN. CDK substitutes real function ARNs; the local runtime maps each to its handler.
 */
export const WORKFLOW_TASKS = {
  TriageFunctionArn: { name: 'Triage', entry: 'functions/workflow/triage.ts' },
  NotifyEmergencyFunctionArn: { name: 'NotifyEmergency', entry: 'functions/workflow/notify-emergency.ts' },
  SendAcknowledgementFunctionArn: {
    name: 'SendAcknowledgement',
    entry: 'functions/workflow/send-acknowledgement.ts',
  },
  PlanStageFunctionArn: { name: 'PlanStage', entry: 'functions/workflow/plan-stage.ts' },
  RegisterWaitFunctionArn: { name: 'RegisterWait', entry: 'functions/workflow/register-wait.ts' },
  EscalateFunctionArn: { name: 'Escalate', entry: 'functions/workflow/escalate.ts' },
} as const;

export type WorkflowTaskSubstitution = keyof typeof WORKFLOW_TASKS;

/** The table-stream consumer that starts one lifecycle execution per new complaint. */
export const STREAM_CONSUMER = {
  name: 'StartLifecycle',
  entry: 'functions/workflow/start-lifecycle.ts',
} as const;

export const LIFECYCLE_DEFINITION_FILE = 'statemachines/complaint-lifecycle.asl.json';
