import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { eventually, postComplaint } from '../support/http.ts';
import { staffRequest } from '../support/staff-client.ts';

/**
 * The read audit (issue 20 item 5): a staff read of a case is in its access log with the reader;
 * the log is for managers, admins and the department's supervisors; an export is recorded too.
 */

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');
const { recentExports } = await import('../../functions/adapters/access-log-repository.ts');

// The reader as the seeded directory (local/staff-directory.json) names them: 王磊.
const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'quality-agent-1' });
const supervisor = await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-q1' });
const otherSupervisor = await issueDevToken({
  role: 'supervisor',
  department: 'logistics',
  subject: 'sup-l1',
});
const manager = await issueDevToken({ role: 'manager', subject: 'mgr-audit' });

interface AccessLogPage {
  items: { kind: string; by: string; byName?: string; roles: string[]; at: string }[];
  nextCursor: string | null;
}

describe('read audit against the local stack', () => {
  it('lists a case read with the reader, newest first, to managers and the department’s supervisors', async () => {
    const { id } = (await (
      await postComplaint(chineseComplaint({ subject: `访问记录 ${randomUUID().slice(0, 8)}` }))
    ).json()) as { id: string };
    await eventually(async () => ((await getComplaint(id))?.department === 'quality' ? true : undefined));

    expect((await staffRequest(agent, `/v1/staff/complaints/${id}`)).status).toBe(200);
    const log = async (token: string, query = '') =>
      staffRequest(token, `/v1/staff/complaints/${id}/access-log${query}`);

    const response = await log(manager);
    expect(response.status).toBe(200);
    const page = (await response.json()) as AccessLogPage;
    expect(page.items[0]).toMatchObject({
      kind: 'case-read',
      by: 'quality-agent-1',
      byName: '王磊',
      roles: ['agent'],
    });

    expect((await log(supervisor)).status).toBe(200);
    expect((await log(agent)).status).toBe(403);
    expect((await log(otherSupervisor)).status).toBe(403);
    expect((await log(manager, '?limit=0')).status).toBe(400);

    // A second read comes first; paging one at a time walks both.
    expect((await staffRequest(supervisor, `/v1/staff/complaints/${id}`)).status).toBe(200);
    const first = (await (await log(manager, '?limit=1')).json()) as AccessLogPage;
    expect(first.items.map((item) => item.by)).toEqual(['sup-q1']);
    const second = (await (
      await log(manager, `?limit=1&cursor=${first.nextCursor}`)
    ).json()) as AccessLogPage;
    expect(second.items.map((item) => item.by)).toEqual(['quality-agent-1']);
  });

  it('records an export page with the manager and the complaints it handed over', async () => {
    const from = DateTime.utc().minus({ days: 2 }).toISODate();
    const to = DateTime.utc().plus({ days: 700 }).toISODate();
    const response = await staffRequest(
      manager,
      `/v1/staff/reports/complaints.csv?from=${from}&to=${to}&limit=5`,
    );
    expect(response.status).toBe(200);
    const [latest] = await recentExports(10).then((records) =>
      records.filter((record) => record.by === 'mgr-audit'),
    );
    expect(latest).toMatchObject({ kind: 'export', roles: ['manager'], export: { from, to } });
    expect(latest!.export!.complaintIds.length).toBe(latest!.export!.rows);
  });
});
