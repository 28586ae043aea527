import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, eventually, postComplaint } from '../support/http.ts';
import { staffRequest } from '../support/staff-client.ts';
import { useLocalStack } from '../support/stack-client.ts';
import { launchBrowser } from './browser.ts';

/*
 * A supervisor opens an incident page in the console (zh-CN): the linked complaint with its status in
 * words, then a resembling complaint's case page offers the incident ("可能属于事件") and links it.
 */
await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');
const supervisor = await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-q1' });

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const product = `电池 ${randomUUID()}`;

const complaintAbout = async () => {
  const response = await postComplaint(
    chineseComplaint({
      customer: { name: '李娜', email: `incident-page-${randomUUID()}@example.com`, locale: 'zh-CN' },
      subject: '充电宝电池鼓包',
      description: '购买的充电宝用了一周电池鼓包，质量有问题，无法正常充电。',
      product,
    }),
  );
  const created = (await response.json()) as { id: string; reference: string };
  await eventually(async () => ((await getComplaint(created.id))?.department ? true : undefined), 20_000);
  return created;
};

const signIn = async (page: Page) => {
  await page.goto(`${apiUrl()}/console/`);
  await page.getByLabel('角色', { exact: true }).selectOption('supervisor');
  await page.getByLabel('部门').fill('quality');
  await page.getByLabel('用户 ID').fill('sup-q1');
  await page.getByRole('button', { name: '登录（开发环境）' }).click();
  await page.getByRole('heading', { name: '工作队列' }).waitFor();
};

describe('incidents in the console', () => {
  it(
    'shows an incident page with its linked complaints, and offers it on a resembling case',
    { timeout: 120_000 },
    async () => {
      const [linked, resembling] = await Promise.all([complaintAbout(), complaintAbout()]);
      const created = await staffRequest(supervisor, '/v1/staff/incidents', {
        method: 'POST',
        body: JSON.stringify({ title: '充电宝电池鼓包批次问题', cause: '电芯来料缺陷', products: [product] }),
      });
      const incident = (await created.json()) as { id: string };
      const link = await staffRequest(supervisor, `/v1/staff/incidents/${incident.id}/actions`, {
        method: 'POST',
        body: JSON.stringify({ type: 'link', complaintIds: [linked.id] }),
      });
      expect(link.status).toBe(200);

      const page = await browser.newPage();
      await signIn(page);
      await page.getByRole('link', { name: '事件', exact: true }).click();
      await page.getByRole('link', { name: '充电宝电池鼓包批次问题' }).first().click();
      await page.getByTestId('incident-title').waitFor();
      expect(await page.getByTestId('incident-title').textContent()).toBe('充电宝电池鼓包批次问题');
      expect(await page.getByTestId('incident-status').textContent()).toBe('处理中');
      const rows = page.getByTestId('incident-complaints').locator('tbody tr');
      expect(await rows.count()).toBe(1);
      const row = await rows.first().innerText();
      expect(row).toContain(linked.reference);
      expect(row).not.toMatch(/received|triaged|investigating/u);

      // The resembling complaint's case page offers the incident, and links it with one click.
      await page.goto(`${apiUrl()}/console/#/case/${resembling.id}`);
      const suggestion = page.getByTestId('incident-suggestions');
      await suggestion.waitFor();
      expect(await suggestion.innerText()).toContain('可能属于事件');
      await suggestion.getByRole('button', { name: '关联投诉' }).click();
      await page.getByRole('link', { name: '已关联到事件：打开事件' }).waitFor();
      expect((await getComplaint(resembling.id))?.incidentId).toBe(incident.id);
      await page.close();
    },
  );
});
