import { sendDailySummary } from '../app/send-daily-summary.ts';
import { clock } from '../adapters/clock.ts';
import { dailySummaryEmail } from '../adapters/email/daily-summary.ts';
import { sendEmail } from '../adapters/email/mailer.ts';
import { kpiReader } from '../adapters/kpi-store.ts';
import { logger } from '../adapters/logger.ts';
import { policySource } from '../adapters/policy-source.ts';
import { DAILY_SUMMARY } from './daily-summary.ts';
import { backgroundHandler } from './task-handler.ts';

/** Mails management yesterday's KPIs and the last 30 days', each against its target. */
export const handler = backgroundHandler(async () => {
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
  return sent;
});
