import type { FunctionAccess } from './function-access.ts';
import { ROUTES } from './routes.ts';
import { DAILY_SUMMARY } from './workflow/daily-summary.ts';
import { KPI_COUNTER } from './workflow/kpi-counter.ts';
import { LIFECYCLE_RECONCILER } from './workflow/lifecycle-reconciler.ts';
import { LIFECYCLE_STARTER } from './workflow/lifecycle-starter.ts';
import { WORKFLOW_TASKS } from './workflow/tasks.ts';
import { MAIL_EVENT_RECORDER } from './workflow/mail-event-recorder.ts';

export interface LambdaEntry {
  /** `event`: invoked by an EventBridge rule. */
  kind: 'API' | 'task' | 'stream' | 'schedule' | 'event';
  name: string;
  /** The handler's source file, relative to the repository root. */
  entry: string;
  access: FunctionAccess;
}

/** Every Lambda function of the stack, by the declarations CDK builds them from. */
export const lambdaEntries = (): LambdaEntry[] => [
  ...ROUTES.map(({ name, entry, access }) => ({ kind: 'API' as const, name, entry, access })),
  ...Object.values(WORKFLOW_TASKS).map(({ name, entry, access }) => ({
    kind: 'task' as const,
    name,
    entry,
    access,
  })),
  { kind: 'stream', ...LIFECYCLE_STARTER },
  { kind: 'stream', ...KPI_COUNTER },
  { kind: 'schedule', ...DAILY_SUMMARY },
  { kind: 'schedule', ...LIFECYCLE_RECONCILER },
  { kind: 'event', ...MAIL_EVENT_RECORDER },
];
