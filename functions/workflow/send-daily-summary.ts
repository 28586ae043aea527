import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { checkCalendarYears } from '../domain/calendar-years.ts';
import { sendDailySummary } from '../app/send-daily-summary.ts';
import { clock, now } from '../adapters/clock.ts';
import { dailySummaryEmail } from '../adapters/email/daily-summary.ts';
import { sendEmail } from '../adapters/email/mailer.ts';
import { kpiReader } from '../adapters/kpi-store.ts';
import { logger } from '../adapters/logger.ts';
import { metrics } from '../adapters/metrics.ts';
import { currentPolicy, policySource } from '../adapters/policy-source.ts';
import { DAILY_SUMMARY } from './daily-summary.ts';
import { backgroundHandler } from './task-handler.ts';

/**
 * Mails management yesterday's KPIs and the last 30 days', each against its target. First, the daily
 * calendar check: `CalendarYearMissing` is 1 while the policy lacks a calendar year it needs (an
 * alarm fires on it), 0 otherwise; it is published even when the mail then fails.
 */
export const handler = backgroundHandler(async () => {
  const calendar = checkCalendarYears(currentPolicy().policy, now());
  metrics.addMetric('CalendarYearMissing', MetricUnit.Count, calendar.missing.length > 0 ? 1 : 0);
  if (calendar.warning)
    logger.warn('Calendar year missing', { missing: calendar.missing, warning: calendar.warning });
  const sent = await sendDailySummary(
    {
      counters: kpiReader,
      policy: policySource,
      clock,
      summaries: { render: dailySummaryEmail, send: sendEmail },
    },
    DAILY_SUMMARY.windowDays,
  );
  logger.info('Daily summary sent', sent);
  return { ...sent, calendarYearsMissing: calendar.missing };
});
