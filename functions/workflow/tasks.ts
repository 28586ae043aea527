/**
 * The Lambda tasks of the lifecycle state machine, keyed by the ASL substitution that names each
 * one's ARN. CDK substitutes real function ARNs; the local runtime maps each to its handler.
 */
export const WORKFLOW_TASKS = {
  RecordReceiptFunctionArn: { name: 'RecordReceipt', entry: 'functions/workflow/record-receipt.ts' },
  SendAcknowledgementFunctionArn: {
    name: 'SendAcknowledgement',
    entry: 'functions/workflow/send-acknowledgement.ts',
  },
} as const;

export type WorkflowTaskSubstitution = keyof typeof WORKFLOW_TASKS;

/** The table-stream consumer that starts one lifecycle execution per new complaint. */
export const STREAM_CONSUMER = {
  name: 'StartLifecycle',
  entry: 'functions/workflow/start-lifecycle.ts',
} as const;

export const LIFECYCLE_DEFINITION_FILE = 'statemachines/complaint-lifecycle.asl.json';
