import type { FunctionAccess } from './function-access.ts';
import { FUNCTION_TIMEOUT_SECONDS, type FunctionKind } from './function-timeouts.ts';
import { ROUTES } from './routes.ts';
import { S3_EVENT_CONSUMERS } from './s3-event-consumers.ts';
import { DAILY_SUMMARY } from './workflow/daily-summary.ts';
import { KPI_COUNTER } from './workflow/kpi-counter.ts';
import { DATA_REQUEST_CONSUMER } from './workflow/data-request-consumer.ts';
import { LIFECYCLE_RECONCILER } from './workflow/lifecycle-reconciler.ts';
import { LIFECYCLE_STARTER } from './workflow/lifecycle-starter.ts';
import { RETENTION_JOB } from './workflow/retention-job.ts';
import { WORKFLOW_TASKS } from './workflow/tasks.ts';
import { MAIL_EVENT_RECORDER } from './workflow/mail-event-recorder.ts';
import { MAIL_RECEIVER } from './workflow/mail-receiver.ts';

export interface LambdaEntry {
  /** `event`: invoked by an EventBridge rule. */
  kind: FunctionKind;
  name: string;
  /** The handler's source file, relative to the repository root. */
  entry: string;
  access: FunctionAccess;
  /** Lambda's timeout for it (FUNCTION_TIMEOUT_SECONDS of its kind). */
  timeoutSeconds: number;
}

/** Every Lambda function of the stack, by the declarations CDK builds them from. */
export const lambdaEntries = (): LambdaEntry[] =>
  declaredFunctions().map((entry) => ({ ...entry, timeoutSeconds: FUNCTION_TIMEOUT_SECONDS[entry.kind] }));

/** The timeout of the function named `name`; undefined for a name no declaration has. */
export const timeoutSecondsOf = (name: string): number | undefined =>
  lambdaEntries().find((entry) => entry.name === name)?.timeoutSeconds;

const declaredFunctions = (): Omit<LambdaEntry, 'timeoutSeconds'>[] => [
  ...ROUTES.map(({ name, entry, access }) => ({ kind: 'API' as const, name, entry, access })),
  ...Object.values(WORKFLOW_TASKS).map(({ name, entry, access }) => ({
    kind: 'task' as const,
    name,
    entry,
    access,
  })),
  { kind: 'stream', ...LIFECYCLE_STARTER },
  { kind: 'stream', ...KPI_COUNTER },
  { kind: 'stream', ...DATA_REQUEST_CONSUMER },
  { kind: 'schedule', ...DAILY_SUMMARY },
  { kind: 'schedule', ...LIFECYCLE_RECONCILER },
  { kind: 'schedule', ...RETENTION_JOB },
  { kind: 'event', ...MAIL_EVENT_RECORDER },
  { kind: 'event', ...MAIL_RECEIVER },
  ...S3_EVENT_CONSUMERS.map(({ name, entry, access }) => ({ kind: 'event' as const, name, entry, access })),
];
