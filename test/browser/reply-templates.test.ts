import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, postComplaint } from '../support/http.ts';
import { launchBrowser } from './browser.ts';
import { act } from './console-actions.ts';

/* A reply template fills the request-info form of a case in the customer's language; the agent may edit it. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('reply templates in the console', () => {
  it(
    'choosing the seeded template fills the message with the customer name and reference',
    { timeout: 90_000 },
    async () => {
      const name = `赵敏${randomUUID().slice(0, 4)}`;
      const response = await postComplaint(
        chineseComplaint({
          customer: { name, email: `tpl-ui-${randomUUID()}@example.com`, locale: 'zh-CN' },
        }),
      );
      expect(response.status).toBe(201);
      const { id, reference } = (await response.json()) as { id: string; reference: string };

      const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
      await page.goto(`${apiUrl()}/console/`);
      await page.getByLabel('角色', { exact: true }).selectOption('admin');
      await page.getByLabel('用户 ID').fill('admin-templates-ui');
      await page.getByRole('button', { name: '登录（开发环境）' }).click();
      await page.getByRole('heading', { name: '工作队列' }).waitFor();
      await page.goto(`${apiUrl()}/console/#/case/${id}`);
      await page.getByTestId('case-status').waitFor();
      await act(page, 'accept');

      await page.getByTestId('composer-action').selectOption('request-info');
      const form = page.locator('form[data-action="request-info"]');
      await form.getByLabel('模板').selectOption({ label: '请补充订单信息和照片' });
      const message = form.locator('[name="message"]');
      await expect.poll(() => message.inputValue()).toContain(`${name}您好`);
      expect(await message.inputValue()).toContain(reference);
      expect(await message.inputValue()).not.toContain('{{');
      await message.fill(`${await message.inputValue()}\n（已补充说明）`);
      expect(await message.inputValue()).toContain('（已补充说明）');
      await page.close();
    },
  );
});
