import { ROUTES } from './routes.ts';
import { DAILY_SUMMARY } from './workflow/daily-summary.ts';
import { KPI_COUNTER } from './workflow/kpi-counter.ts';
import { LIFECYCLE_STARTER } from './workflow/lifecycle-starter.ts';
import { WORKFLOW_TASKS } from './workflow/tasks.ts';

export interface LambdaEntry {
  kind: 'API' | 'task' | 'stream' | 'schedule';
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
  { kind: 'stream', name: LIFECYCLE_STARTER.name, entry: LIFECYCLE_STARTER.entry },
  { kind: 'stream', name: KPI_COUNTER.name, entry: KPI_COUNTER.entry },
  { kind: 'schedule', name: DAILY_SUMMARY.name, entry: DAILY_SUMMARY.entry },
];
