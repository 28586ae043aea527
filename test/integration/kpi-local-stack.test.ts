import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { KpiReport } from '../../functions/domain/kpi-report.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, eventually } from '../support/http.ts';
import { useLocalStack } from '../support/stack-client.ts';

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
// The stack's clock (faster business time): a receipt time is stated on it.
const { now } = await import('../../functions/adapters/clock.ts');
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
  it('count a logged complaint through the second stream poller', async () => {
    const before = await letterVolume();
    // Letters are logged by staff (the public route takes web and api only).
    const { customer: _customer, ...details } = chineseComplaint();
    const submitted = await fetch(`${apiUrl()}/v1/staff/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...details,
        channel: 'letter',
        customer: { name: '李四', email: 'kpi-local@example.com' },
        receivedAt: now().toISOString(),
      }),
    });
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
