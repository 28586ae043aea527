import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fillTemplate, formatDueDate } from '../../functions/domain/reply-template-fill.ts';
import type { ReplyTemplateView } from '../../functions/domain/reply-templates.ts';
import { useLocalStack } from '../support/stack-client.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { eventually, postComplaint } from '../support/http.ts';
import { staffRequest } from '../support/staff-client.ts';

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');

const admin = await issueDevToken({ role: 'admin', subject: 'admin-templates' });
const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'agent-templates' });

interface CaseBody {
  reference: string;
  category?: string;
  customer: { name: string; locale: 'zh-CN' | 'en' };
  sla: { resolution: { dueAt: string } | null };
  timeZone: string;
}

const send = (token: string, path: string, method: string, body?: unknown) =>
  staffRequest(token, path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

const listed = async (token: string, query: string) => {
  const response = await staffRequest(token, `/v1/staff/templates?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { templates: ReplyTemplateView[] }).templates;
};

describe('reply templates', () => {
  it('an admin writes one, an agent fills a form with it for a case, versions and retirement follow', async () => {
    const name = `王芳${randomUUID().slice(0, 4)}`;
    const submitted = await postComplaint(
      chineseComplaint({ customer: { name, email: `tpl-${randomUUID()}@example.com`, locale: 'zh-CN' } }),
    );
    expect(submitted.status).toBe(201);
    const { id } = (await submitted.json()) as { id: string };
    const found = await eventually(async () => {
      const body = (await (await staffRequest(admin, `/v1/staff/complaints/${id}`)).json()) as CaseBody;
      return body.category && body.sla.resolution ? body : undefined;
    }, 20_000);

    const title = `补充信息 ${randomUUID()}`;
    const draft = {
      category: found.category,
      locale: 'zh-CN',
      purpose: 'request-info',
      title,
      body: '{{customerName}}您好：为处理您的投诉（编号{{reference}}），请补充订单号和照片。我们将在{{dueDate}}前给您答复。',
    };
    expect((await send(agent, '/v1/staff/templates', 'POST', draft)).status).toBe(403);
    const refused = await send(admin, '/v1/staff/templates', 'POST', { ...draft, body: '{{orderNumber}}' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('body');
    const created = await send(admin, '/v1/staff/templates', 'POST', draft);
    expect(created.status).toBe(201);
    const template = (await created.json()) as ReplyTemplateView;
    expect(template.version).toBe(1);

    // The agent's request-info form: the case's category (or any) in the customer's language.
    const offered = await listed(agent, `category=${found.category}&locale=zh-CN&purpose=request-info`);
    const mine = offered.find((candidate) => candidate.id === template.id);
    expect(mine).toBeDefined();
    expect(offered.every((candidate) => [found.category, 'any'].includes(candidate.category))).toBe(true);
    const filled = fillTemplate(
      mine!,
      { reference: found.reference, customer: found.customer, dueAt: found.sla.resolution!.dueAt },
      { timeZone: found.timeZone },
      found.customer.locale,
    );
    expect(filled).toContain(`${name}您好`);
    expect(filled).toContain(found.reference);
    expect(filled).toContain(formatDueDate(found.sla.resolution!.dueAt, found.timeZone, 'zh-CN'));
    expect(filled).not.toContain('{{');

    const updated = await send(admin, `/v1/staff/templates/${template.id}`, 'PUT', {
      ...draft,
      body: `${draft.body}谢谢！`,
      expectedVersion: 1,
    });
    expect(updated.status).toBe(200);
    expect(((await updated.json()) as ReplyTemplateView).version).toBe(2);
    const stale = await send(admin, `/v1/staff/templates/${template.id}`, 'PUT', {
      ...draft,
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);

    expect((await send(agent, `/v1/staff/templates/${template.id}/retire`, 'POST')).status).toBe(403);
    const retired = await send(admin, `/v1/staff/templates/${template.id}/retire`, 'POST');
    expect(retired.status).toBe(200);
    expect(((await retired.json()) as ReplyTemplateView).status).toBe('retired');
    expect((await listed(agent, 'purpose=request-info')).map((candidate) => candidate.id)).not.toContain(
      template.id,
    );
    expect((await staffRequest(agent, '/v1/staff/templates?status=all')).status).toBe(403);
    const everything = await listed(admin, 'status=all');
    expect(everything.find((candidate) => candidate.id === template.id)).toMatchObject({ version: 3 });
  });

  it('a fresh local stack offers the seeded templates in both languages', async () => {
    const english = await listed(agent, 'category=logistics&locale=en&purpose=proposal');
    expect(english.map((template) => template.category)).toEqual(['logistics', 'any']);
    expect(english[0]?.body).toContain('{{remedy}}');
    expect((await listed(agent, 'locale=zh-CN&purpose=resolution')).length).toBeGreaterThan(0);
  });
});
