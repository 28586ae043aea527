import { summaryDay, summaryRecipients, windowStart } from '../domain/daily-summary.ts';
import { buildKpiReport, type KpiReport, type KpiReportQuery } from '../domain/kpi-report.ts';
import type { Clock, EmailContent, KpiReader, PolicySource, SendMail } from './ports.ts';

export interface SummaryMailer {
  render(day: string, yesterday: KpiReport, window: KpiReport, locale: string): EmailContent;
  send: SendMail;
}

/** Mails management yesterday's KPIs and the last `windowDays` days', each against its target. */
export const sendDailySummary = async (
  deps: { counters: KpiReader; policy: PolicySource; clock: Clock; summaries: SummaryMailer },
  windowDays: number,
): Promise<{ day: string; recipients: number }> => {
  const { policy } = deps.policy.current();
  const timeZone = policy.calendar.timeZone;
  const day = summaryDay(deps.clock.now(), timeZone);
  const from = windowStart(day, windowDays);
  const [rows, gauges] = await Promise.all([
    deps.counters.rows('all', from, day),
    deps.counters.gauges('all'),
  ]);
  const report = (query: KpiReportQuery) =>
    buildKpiReport(
      query,
      timeZone,
      policy.kpiTargets,
      rows.filter((row) => row.day >= query.from && row.day <= query.to),
      [],
      gauges,
    );
  const content = deps.summaries.render(
    day,
    report({ from: day, to: day, groupBy: 'day' }),
    report({ from, to: day, groupBy: 'day' }),
    policy.staffLocale,
  );
  const recipients = summaryRecipients(policy);
  await deps.summaries.send(recipients, content, { mailKind: 'daily-summary' });
  return { day, recipients: recipients.length };
};
