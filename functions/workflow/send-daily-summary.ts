import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { checkCalendarYears } from '../domain/calendar-years.ts';
import { summaryDay, summaryRecipients, windowStart } from '../domain/daily-summary.ts';
import { buildKpiReport, type KpiReportQuery } from '../domain/kpi-report.ts';
import { now } from '../adapters/clock.ts';
import { dailySummaryEmail } from '../adapters/email/daily-summary.ts';
import { sendEmail } from '../adapters/email/mailer.ts';
import { readCounterRows, readGauges } from '../adapters/kpi-store.ts';
import { logger } from '../adapters/logger.ts';
import { metrics } from '../adapters/metrics.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { DAILY_SUMMARY } from './daily-summary.ts';

/**
 * Mails management yesterday's KPIs and the last 30 days', each against its target. First, the daily
 * calendar check: `CalendarYearMissing` is 1 while the policy lacks a calendar year it needs (an
 * alarm fires on it), 0 otherwise; it is published even when the mail then fails.
 */
export const handler = middy<unknown, { day: string; recipients: number; calendarYearsMissing: number[] }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async () => {
    const { policy } = currentPolicy();
    const calendar = checkCalendarYears(policy, now());
    metrics.addMetric('CalendarYearMissing', MetricUnit.Count, calendar.missing.length > 0 ? 1 : 0);
    if (calendar.warning)
      logger.warn('Calendar year missing', { missing: calendar.missing, warning: calendar.warning });
    const timeZone = policy.calendar.timeZone;
    const day = summaryDay(now(), timeZone);
    const from = windowStart(day, DAILY_SUMMARY.windowDays);
    const [rows, gauges] = await Promise.all([readCounterRows('all', from, day), readGauges('all')]);
    const report = (query: KpiReportQuery) =>
      buildKpiReport(
        query,
        timeZone,
        policy.kpiTargets,
        rows.filter((row) => row.day >= query.from && row.day <= query.to),
        [],
        gauges,
      );
    const content = dailySummaryEmail(
      day,
      report({ from: day, to: day, groupBy: 'day' }),
      report({ from, to: day, groupBy: 'day' }),
      policy.staffLocale,
    );
    const recipients = summaryRecipients(policy);
    await sendEmail(recipients, content);
    logger.info('Daily summary sent', { day, recipients: recipients.length });
    return { day, recipients: recipients.length, calendarYearsMissing: calendar.missing };
  });
