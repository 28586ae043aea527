import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, emailsTo, eventually, postComplaint } from '../support/http.ts';
import { launchBrowser, reviewPage } from './browser.ts';

/*
 * A customer asks for a copy of their personal data from the tracking page (zh-CN), confirms it from
 * the mailed link, downloads it from the second mailed link; a manager sees it on the console's
 * data-request page. The public /privacy/ form is checked too.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The newest mailed personal-data link (`/privacy/?<action>#t=…`) to `address`, whole. */
const mailedLink = (address: string, action: 'confirm' | 'download') =>
  eventually(async () => {
    const texts = (await emailsTo(address)).map((mail) => mail.body.text ?? '');
    const match = texts
      .map((text) => new RegExp(`https?://\\S+/privacy/\\?${action}#t=[A-Za-z0-9_%-]+`, 'u').exec(text))
      .findLast(Boolean);
    return match?.[0];
  }, 20_000);

describe('personal-data pages', () => {
  it(
    'a customer gets a copy from the tracking page, confirms from the mail and downloads it (zh-CN)',
    { timeout: 120_000 },
    async () => {
      const email = `dsr-web-${randomUUID()}@example.com`;
      const created = (await (
        await postComplaint(chineseComplaint({ customer: { name: '林小雨', email } }))
      ).json()) as { id: string; reference: string; trackingToken: string };
      const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1024, height: 900 } });
      await page.goto(`${apiUrl()}/track/?id=${created.id}&lang=zh-CN#token=${created.trackingToken}`);
      const section = page.getByRole('region', { name: '您的个人信息' });
      await section.waitFor();
      await section.getByText('删除意味着什么').click();
      await section.getByText('尚未办结的投诉').waitFor();
      await section.getByRole('button', { name: '获取我的个人信息副本' }).click();
      await page.getByTestId('data-request-sent').waitFor();
      await reviewPage(page, 'data-request-tracking-zh-CN');

      // The confirmation link: the page asks before it records anything.
      const confirmLink = (await mailedLink(email, 'confirm')).replace(/^https?:\/\/[^/]+/u, apiUrl());
      await page.goto(confirmLink);
      await page.getByRole('heading', { name: '确认您的申请' }).waitFor();
      await page.getByRole('button', { name: '确认申请' }).click();
      expect(await page.getByTestId('confirmed').innerText()).toContain('我们已收到您的申请');
      expect(await page.getByRole('main').innerText()).toContain('个人信息副本');
      await reviewPage(page, 'data-request-confirmed-zh-CN');

      // The download link, mailed once the export is stored.
      const downloadLink = (await mailedLink(email, 'download')).replace(/^https?:\/\/[^/]+/u, apiUrl());
      await page.goto(downloadLink);
      await page.getByRole('button', { name: '获取下载链接' }).click();
      const documentLink = page.getByTestId('export-document');
      await documentLink.waitFor();
      await reviewPage(page, 'data-request-download-zh-CN');
      const exported = (await (await fetch((await documentLink.getAttribute('href'))!)).json()) as {
        email: string;
        complaints: { reference: string; customer: { name: string } }[];
      };
      expect(exported.email).toBe(email);
      expect(exported.complaints.map(({ reference, customer }) => [reference, customer.name])).toEqual([
        [created.reference, '林小雨'],
      ]);
      await page.close();
    },
  );

  it(
    'the public form asks with an email after the proof of work; a manager sees requests with their deadline',
    { timeout: 120_000 },
    async () => {
      const email = `dsr-form-${randomUUID()}@example.com`;
      await postComplaint(chineseComplaint({ customer: { name: '高原', email } }));
      const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1024, height: 900 } });
      await page.goto(`${apiUrl()}/privacy/?lang=zh-CN`);
      await page.getByRole('heading', { name: '您的个人信息', level: 1 }).waitFor();
      await page.getByRole('button', { name: '发送确认链接' }).click();
      await page.getByText('请输入您使用的邮箱').waitFor();
      await page.getByLabel('提交投诉时使用的邮箱').fill(email);
      await page.getByLabel('删除我的个人信息').check();
      await page.getByRole('heading', { name: '删除意味着什么' }).waitFor();
      await page.getByRole('button', { name: '发送确认链接' }).click();
      await page.getByText('我们已向其发送确认链接').waitFor({ timeout: 60_000 });
      await reviewPage(page, 'data-request-form-zh-CN');
      const confirmLink = (await mailedLink(email, 'confirm')).replace(/^https?:\/\/[^/]+/u, apiUrl());
      await page.goto(confirmLink);
      await page.getByRole('button', { name: '确认申请' }).click();
      await page.getByTestId('confirmed').waitFor();

      // The complaint is open: the erasure is blocked and waits on the console's page.
      await page.goto(`${apiUrl()}/console/?lang=zh-CN`);
      await page.getByLabel('角色', { exact: true }).selectOption('manager');
      await page.getByLabel('用户 ID').fill('dsr-web-manager');
      await page.getByRole('button', { name: '登录（开发环境）' }).click();
      await page.getByRole('link', { name: '个人信息申请' }).click();
      await page.getByRole('heading', { name: '个人信息申请' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: email });
      await expect
        .poll(
          async () => {
            await page.reload();
            return row.getByText('部分保留').count();
          },
          { timeout: 30_000 },
        )
        .toBe(1);
      expect(await row.innerText()).toContain('投诉尚未办结');
      await reviewPage(page, 'data-requests-console-zh-CN');

      await row.getByRole('button', { name: '拒绝…' }).click();
      await row.getByLabel('告知客户的拒绝理由').fill('投诉仍在处理中，办结后请再次申请。');
      await row.getByRole('button', { name: '拒绝申请' }).click();
      await expect.poll(() => row.getByText('已拒绝', { exact: true }).count()).toBe(1);
      expect(await row.innerText()).toContain('投诉仍在处理中');
      await page.close();
    },
  );
});
