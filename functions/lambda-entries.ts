import { ROUTES } from './routes.ts';
import { DAILY_SUMMARY } from './workflow/daily-summary.ts';
import { KPI_COUNTER } from './workflow/kpi-counter.ts';
import { MAIL_EVENT_RECORDER } from './workflow/mail-event-recorder.ts';
import { STREAM_CONSUMER, WORKFLOW_TASKS } from './workflow/tasks.ts';

export interface LambdaEntry {
  /** `event`: invoked by an EventBridge rule. */
  kind: 'API' | 'task' | 'stream' | 'schedule' | 'event';
  name: string;
  /** The handler's source file, relative to the repository root. */
  entry: string;
}

/** Every Lambda function of the stack, by the declarations CDK builds them from. */
export const lambdaEntries = (): LambdaEntry[] => [
  ...ROUTES.map((route) => ({ kind: 'API' as const, name: route.name, entry: route.entry })),
  ...Object.values(WORKFLOW_TASKS).map((task) => ({
    kind: 'task' as const,
    name: task.name,
    entry: task.entry,
  })),
  { kind: 'stream', name: STREAM_CONSUMER.name, entry: STREAM_CONSUMER.entry },
  { kind: 'stream', name: KPI_COUNTER.name, entry: KPI_COUNTER.entry },
  { kind: 'schedule', name: DAILY_SUMMARY.name, entry: DAILY_SUMMARY.entry },
  { kind: 'event', name: MAIL_EVENT_RECORDER.name, entry: MAIL_EVENT_RECORDER.entry },
];
