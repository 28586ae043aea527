import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { KpiReport } from '../../functions/domain/kpi-report.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, eventually, postComplaint } from '../support/http.ts';
import { useLocalStack } from '../support/stack-client.ts';

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const manager = await issueDevToken({ role: 'manager', subject: 'mgr-kpi' });
const supervisor = await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-kpi' });

// The stack's clock runs fast (SLA_TIME_SCALE), so a wide range surely holds today's submissions.
const from = DateTime.utc().minus({ days: 2 }).toISODate();
const to = DateTime.utc().plus({ days: 700 }).toISODate();

const letterVolume = async (token = manager) => {
  const response = await fetch(
    `${apiUrl()}/v1/staff/reports/kpis?from=${from}&to=${to}&groupBy=month&by=channel`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(response.status).toBe(200);
  const report = (await response.json()) as KpiReport;
  return report.groups.find((group) => group.group === 'letter')?.kpis.volume ?? 0;
};

describe('KPI counters in the local stack', () => {
  it('count a submitted complaint through the second stream poller', async () => {
    const before = await letterVolume();
    const submitted = await postComplaint(
      chineseComplaint({ channel: 'letter', customer: { name: '李四', email: 'kpi-local@example.com' } }),
    );
    expect(submitted.status).toBe(201);
    // Counted at triage: the lifecycle's first step, then the KPI poller.
    await eventually(async () => ((await letterVolume()) > before ? true : undefined), 30_000);
  });

  it('answers 403 to a supervisor', async () => {
    const response = await fetch(`${apiUrl()}/v1/staff/reports/kpis?from=${from}&to=${from}`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(response.status).toBe(403);
  });
});
