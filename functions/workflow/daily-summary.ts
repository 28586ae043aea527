import type { FunctionAccess } from '../function-access.ts';

/** The scheduled daily summary to management (EventBridge Scheduler in AWS, `npm run summary:daily` locally). */
export const DAILY_SUMMARY = {
  name: 'SendDailySummary',
  entry: 'functions/workflow/send-daily-summary.ts',
  access: { table: 'read', readsPolicy: true, sendsEmail: true } satisfies FunctionAccess,
  /** Local hour (policy time zone) at which it is sent. */
  hour: 8,
  /** The rolling window beside yesterday's figures. */
  windowDays: 30,
} as const;
