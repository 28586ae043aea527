import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, eventually, postComplaint } from '../support/http.ts';
import { launchBrowser, reviewPage } from './browser.ts';
import { act } from './console-actions.ts';

/*
 * Co-handling in the console, in zh-CN: a quality agent asks Legal for help on a case, a Legal
 * agent finds it in their queue by its 协办 badge and answers it, and the lead sees the answer.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const QUESTION = '客户称将向消协投诉，退款方案是否有法律风险？';
const ANSWER = '按七天无理由退货处理即可，无法律风险。';

const signIn = async (page: Page, role: string, department: string, subject: string) => {
  await page.goto(`${apiUrl()}/console/`);
  await page.getByLabel('角色', { exact: true }).selectOption(role);
  await page.getByLabel('部门').fill(department);
  await page.getByLabel('用户 ID').fill(subject);
  await page.getByRole('button', { name: '登录（开发环境）' }).click();
  await page.getByRole('heading', { name: '工作队列' }).waitFor();
};

const newPage = () => browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });

describe('assists in the console', () => {
  it(
    'asks Legal for help, Legal answers from its queue, and the lead sees the answer',
    { timeout: 120_000 },
    async () => {
      const response = await postComplaint(
        chineseComplaint({
          customer: { name: '孙丽', email: `assist-${randomUUID()}@example.com`, locale: 'zh-CN' },
          subject: '包装盒有压痕',
          description: '外包装盒有压痕，产品本身可以使用，请处理一下。',
        }),
      );
      expect(response.status).toBe(201);
      const { id, reference } = (await response.json()) as { id: string; reference: string };

      // The quality agent asks Legal, choosing the department by name.
      const lead = await newPage();
      await signIn(lead, 'agent', 'quality', 'quality-agent-2');
      await lead.goto(`${apiUrl()}/console/#/case/${id}`);
      await lead.getByTestId('case-status').waitFor();
      await eventually(async () => {
        await lead.getByRole('button', { name: '刷新投诉' }).click();
        await lead.waitForTimeout(200);
        return (await lead.getByTestId('case-severity').textContent())?.startsWith('L3') ? true : undefined;
      }, 20_000);
      await act(lead, 'accept');
      await act(lead, 'contact-customer', { summary: '已电话联系客户，确认情况。' });
      await lead.getByTestId('composer-action').selectOption('request-assist');
      const departments = await lead
        .locator('form[data-action="request-assist"] select[name="department"] option')
        .allInnerTexts();
      expect(departments).toContain('法务部');
      expect(departments).not.toContain('质量与产品安全部');
      await act(lead, 'request-assist', { department: 'legal', question: QUESTION });
      const asked = lead.locator('[data-testid="assists"] li[data-department="legal"]');
      expect(await asked.getAttribute('data-status')).toBe('open');
      expect(await asked.innerText()).toContain('法务部');
      expect(await asked.innerText()).toContain('协办中');
      expect(await asked.innerText()).toContain('阻止办结');
      // The lead cannot resolve while the required assist is open.
      expect(await lead.getByTestId('composer-action').locator('option[value="resolve"]').count()).toBe(0);
      await reviewPage(lead, 'console-assist-01-requested');

      // A Legal agent finds it in their own queue, badged 协办, and answers it on the case.
      const legal = await newPage();
      await signIn(legal, 'agent', 'legal', 'legal-agent-1');
      const row = legal.locator(`tr[data-reference="${reference}"]`);
      await eventually(async () => {
        await legal.getByRole('button', { name: '筛选' }).click();
        await legal.waitForTimeout(300);
        return (await row.count()) > 0 ? true : undefined;
      }, 20_000);
      expect(await row.locator('[data-badge="assist"]').innerText()).toBe('协办');
      await reviewPage(legal, 'console-assist-02-legal-queue');
      await row.getByRole('link', { name: reference }).click();
      await legal.getByTestId('case-status').waitFor();
      // Reading the case and answering its assist is all an assisting department may do.
      expect(await legal.getByTestId('composer-action').locator('option').count()).toBe(1);
      await act(legal, 'answer-assist', { answer: ANSWER });
      await legal.locator('[data-testid="assists"] li[data-status="answered"]').waitFor();
      await legal.close();

      // The lead sees the answer, and may resolve now.
      await lead.getByRole('button', { name: '刷新投诉' }).click();
      const answered = lead.locator('[data-testid="assists"] li[data-status="answered"]');
      await answered.waitFor();
      expect(await answered.locator('[data-field="answer"]').innerText()).toBe(ANSWER);
      // Who answered, by name: kept with the answer, as the lead's directory holds its own staff only.
      expect(await answered.innerText()).toContain('黄俊');
      expect(await answered.innerText()).not.toContain('legal-agent-1');
      expect(await lead.getByTestId('composer-action').locator('option[value="resolve"]').count()).toBe(1);
      await reviewPage(lead, 'console-assist-03-answered');
      await lead.close();
    },
  );
});
