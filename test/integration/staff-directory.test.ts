import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StaffDirectoryView } from '../../functions/domain/staff-directory.ts';
import { useLocalStack } from '../support/stack-client.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, emailsTo, eventually, postComplaint } from '../support/http.ts';

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');

// Members of the seeded directory, local/staff-directory.json.
const supervisor = await issueDevToken({
  role: 'supervisor',
  department: 'quality',
  subject: 'quality-supervisor',
});
const manager = await issueDevToken({ role: 'manager', subject: 'manager-1' });

const staff = (token: string, path: string, body?: unknown) =>
  fetch(`${apiUrl()}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('staff directory', () => {
  it("shows supervisors their department's staff and managers everyone; every department by name", async () => {
    const own = (await (await staff(supervisor, '/v1/staff/directory')).json()) as StaffDirectoryView;
    // Any department may be asked for help on a case (an assist), so all are named, to everyone.
    expect(own.departments).toHaveLength(5);
    expect(own.departments).toContainEqual({
      id: 'legal',
      name: { 'zh-CN': '法务部', en: 'Legal' },
    });
    expect(own.staff.map((member) => member.id).sort()).toEqual([
      'quality-agent-1',
      'quality-agent-2',
      'quality-supervisor',
    ]);
    const all = (await (await staff(manager, '/v1/staff/directory')).json()) as StaffDirectoryView;
    expect(all.departments).toHaveLength(5);
    expect(all.staff.map((member) => member.id)).toEqual(
      expect.arrayContaining(['cs-agent-1', 'manager-1', 'admin-1']),
    );
  });

  it("assigns only a member of the complaint's department, and mails the assignee", async () => {
    const response = await postComplaint(
      chineseComplaint({
        customer: { name: '孙丽', email: `directory-${randomUUID()}@example.com` },
        categoryHint: 'product-quality',
      }),
    );
    const { id, reference } = (await response.json()) as { id: string; reference: string };
    const complaint = await eventually(async () => {
      const current = await getComplaint(id);
      return current?.waitStage === 'firstResponse' ? current : undefined;
    });
    expect(complaint.department).toBe('quality');
    const assign = (assignee: string, expectedVersion: number) =>
      staff(supervisor, `/v1/staff/complaints/${id}/actions`, { type: 'assign', expectedVersion, assignee });

    for (const [assignee, detail] of [
      ['someone-typed-by-hand', 'not in the staff directory'],
      ['cs-agent-1', 'customer-service'],
    ]) {
      const refused = await assign(assignee!, complaint.version);
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as { detail: string }).detail).toContain(detail);
    }
    expect((await getComplaint(id))?.assignee).toBeUndefined();

    expect((await assign('quality-agent-1', complaint.version)).status).toBe(200);
    const mail = await eventually(async () =>
      (await emailsTo('wang.lei@example.com')).find((sent) => sent.subject.includes(reference)),
    );
    expect(mail.subject).toContain('分派');
    expect(mail.body.text).toContain(`/console/#/case/${id}`);
    expect(mail.body.text).toContain('王磊');
    expect(mail.body.text).toContain('陈静');
    expect(mail.body.text).not.toContain('product-quality');
  });
});
