import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { summaryDay, summaryRecipients, windowStart } from '../domain/daily-summary.ts';
import { buildKpiReport, type KpiReportQuery } from '../domain/kpi-report.ts';
import { now } from '../adapters/clock.ts';
import { dailySummaryEmail } from '../adapters/email/daily-summary.ts';
import { sendEmail } from '../adapters/email/mailer.ts';
import { readCounterRows, readGauges } from '../adapters/kpi-store.ts';
import { logger } from '../adapters/logger.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { DAILY_SUMMARY } from './daily-summary.ts';

/** Mails management yesterday's KPIs and the last 30 days', each against its target. */
export const handler = middy<unknown, { day: string; recipients: number }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const { policy } = currentPolicy();
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
    return { day, recipients: recipients.length };
  });
