import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { eventually, postComplaint } from '../support/http.ts';
import { staffAction, staffRequest } from '../support/staff-client.ts';

/**
 * Root cause and corrective action through the staff API (issue 19 item 6): a resolution without a
 * root cause changes nothing; a corrective action is listed for its department, updated by its owner,
 * moved off the open list, and exported in the CSV.
 */

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');

const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'agent-q1' });
const supervisor = await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-q1' });
// The action's owner, as the seeded directory (local/staff-directory.json) names them: 王磊.
const owner = await issueDevToken({ role: 'agent', department: 'quality', subject: 'quality-agent-1' });
const logisticsAgent = await issueDevToken({ role: 'agent', department: 'logistics', subject: 'agent-l1' });
const manager = await issueDevToken({ role: 'manager', subject: 'mgr-ca' });

interface Row {
  complaintId: string;
  reference: string;
  status: string;
  ownerName: string;
  overdue: boolean;
  dueDate: string;
  rootCause?: string;
}

/** Every row of a listing, following nextCursor. */
const listAll = async (token: string, query = '') => {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const response = await staffRequest(
      token,
      `/v1/staff/corrective-actions?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: Row[]; nextCursor: string | null };
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
};

describe('corrective actions against the local stack', () => {
  const marker = randomUUID().slice(0, 8);
  let id = '';
  let reference = '';

  it('refuses a resolution without a root cause with 400 and changes nothing', async () => {
    const created = (await (
      await postComplaint(chineseComplaint({ subject: `纠正措施 ${marker}：电热水壶漏水` }))
    ).json()) as { id: string; reference: string };
    ({ id, reference } = created);
    await eventually(async () =>
      (await getComplaint(id))?.waitStage === 'firstResponse' ? true : undefined,
    );
    const act = async (token: string, action: Record<string, unknown>) =>
      staffAction(token, id, { ...action, expectedVersion: (await getComplaint(id))!.version });
    expect((await act(agent, { type: 'accept' })).status).toBe(200);
    expect(
      (await act(agent, { type: 'contact-customer', channel: 'phone', summary: '电话联系' })).status,
    ).toBe(200);
    const { severity } = (await getComplaint(id))!;
    if (severity === 'L1' || severity === 'L2') {
      expect(
        (await act(agent, { type: 'propose-resolution', summary: '更换', remedy: 'replace' })).status,
      ).toBe(200);
      expect((await act(supervisor, { type: 'approve-proposal' })).status).toBe(200);
    }
    const before = (await getComplaint(id))!;
    const refused = await act(agent, {
      type: 'resolve',
      outcome: 'resolved',
      summary: '已更换',
      remedy: 'replace',
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('rootCause');
    const after = (await getComplaint(id))!;
    expect([after.version, after.status, after.resolution]).toEqual([
      before.version,
      before.status,
      undefined,
    ]);

    const resolved = await act(agent, {
      type: 'resolve',
      outcome: 'resolved',
      summary: '已更换',
      remedy: 'replace',
      rootCause: 'supplier',
      // Due long ago on any clock: the list flags it overdue.
      correctiveAction: {
        description: `复核供应商密封工艺 ${marker}`,
        owner: 'quality-agent-1',
        dueDate: '2020-01-15',
      },
    });
    expect(resolved.status).toBe(200);
  });

  it('lists the action for its department (overdue, by the owner’s name), not for another', async () => {
    const ours = (await listAll(agent)).find((row) => row.complaintId === id);
    expect(ours).toMatchObject({
      reference,
      status: 'open',
      ownerName: '王磊',
      overdue: true,
      dueDate: '2020-01-15',
      rootCause: 'supplier',
    });
    expect((await listAll(manager)).some((row) => row.complaintId === id)).toBe(true);
    expect(
      (await listAll(manager, '&department=quality&status=open')).some((row) => row.complaintId === id),
    ).toBe(true);
    expect((await listAll(logisticsAgent)).some((row) => row.complaintId === id)).toBe(false);
    expect(
      (await staffRequest(logisticsAgent, '/v1/staff/corrective-actions?department=quality')).status,
    ).toBe(403);
    expect((await staffRequest(agent, '/v1/staff/corrective-actions?status=finished')).status).toBe(400);
    expect((await staffRequest(agent, '/v1/staff/corrective-actions?cursor=bm9wZQ')).status).toBe(400);
  });

  it('is updated to done by its owner and moves off the open list onto the done list', async () => {
    const done = await staffAction(owner, id, {
      type: 'update-corrective-action',
      expectedVersion: (await getComplaint(id))!.version,
      status: 'done',
      note: '供应商已整改',
    });
    expect(done.status).toBe(200);
    expect((await listAll(agent)).some((row) => row.complaintId === id)).toBe(false);
    expect((await listAll(manager)).some((row) => row.complaintId === id)).toBe(false);
    const finished = (await listAll(agent, '&status=done')).find((row) => row.complaintId === id);
    expect(finished).toMatchObject({ status: 'done', overdue: false });
  });

  it('exports the root cause and the corrective action in the CSV, without the customer', async () => {
    const from = DateTime.utc().minus({ days: 2 }).toISODate();
    const to = DateTime.utc().plus({ days: 700 }).toISODate();
    const rows: string[][] = [];
    let next: string | undefined =
      `/v1/staff/reports/complaints.csv?from=${from}&to=${to}&lang=en&limit=2000`;
    while (next) {
      const response = await staffRequest(manager, next);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain('王晓明');
      const page: string[][] = parse(text, { bom: true });
      rows.push(...page);
      next = /^<([^>]+)>; rel="next"$/u.exec(response.headers.get('link') ?? '')?.[1];
    }
    const header = rows[0]!;
    const ours = rows.find((row) => row[0] === reference)!;
    const cell = (name: string) => ours[header.indexOf(name)];
    expect(cell('Root cause code')).toBe('supplier');
    expect(cell('Root cause')).toBe('Supplier');
    expect(cell('Corrective action')).toBe(`复核供应商密封工艺 ${marker}`);
    expect(cell('Corrective action owner')).toBe('王磊');
    expect(cell('Corrective action due')).toBe('2020-01-15');
    expect(cell('Corrective action status')).toBe('Done');
  });
});
