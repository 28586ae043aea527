import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl } from '../support/http.ts';
import { launchBrowser, reviewPage } from './browser.ts';

/*
 * An administrator adds a holiday on the policy page in Chinese, reviews the diff, saves with a
 * reason, and the new version is active and in the history. The holiday is in a year far ahead
 * (2035), so the other tests' deadlines on the shared stack do not move.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the admin policy page', () => {
  it('adds a holiday in zh-CN, shows the diff, saves a new version', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await page.goto(`${apiUrl()}/console/`);
    await page.getByLabel('角色', { exact: true }).selectOption('admin');
    await page.getByLabel('用户 ID').fill('admin-policy-ui');
    await page.getByRole('button', { name: '登录（开发环境）' }).click();
    await page.getByRole('link', { name: '策略' }).click();
    await page.getByRole('heading', { name: '投诉处理策略' }).waitFor();
    const before = Number(/第 (\d+) 版/u.exec(await page.getByTestId('active-version').innerText())![1]);

    const calendar = page.getByTestId('calendar-years');
    const year = calendar.getByLabel('添加年份');
    const years = await page.getByTestId('covered-years').innerText();
    if (!years.includes('2035')) {
      await year.fill('2035');
      await calendar.getByRole('button', { name: '添加年份' }).click();
    } else await calendar.getByLabel('年份', { exact: true }).selectOption('2035');
    await expect.poll(() => page.getByTestId('covered-years').innerText()).toContain('2035');
    const day = `2035-06-${String(10 + (before % 18)).padStart(2, '0')}`;
    const add = page.getByRole('form', { name: '添加节假日' });
    await add.getByLabel('名称').fill('测试假日');
    await add.getByLabel('开始').fill(day);
    await add.getByRole('button', { name: '添加节假日' }).click();
    await expect.poll(() => page.getByTestId('holiday-periods').innerText()).toContain(day);
    await reviewPage(page, 'policy-page-zh-CN');

    await page.getByRole('button', { name: '查看修改' }).click();
    const diff = page.getByTestId('policy-diff');
    await diff.waitFor();
    expect(await diff.innerText()).toContain(`+ `);
    expect(await diff.innerText()).toContain(day);
    expect(await diff.innerText()).toContain('calendar › years');
    await reviewPage(page, 'policy-diff-zh-CN');

    // No reason, no save.
    await page.getByRole('button', { name: '保存为新版本' }).click();
    expect(
      await page
        .getByLabel('修改原因')
        .evaluate((element) => (element as { validity: { valid: boolean } }).validity.valid),
    ).toBe(false);
    await page.getByLabel('修改原因').fill(`补充 ${day} 测试假日`);
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText(`已保存：第 ${before + 1} 版已生效。`).waitFor();
    const history = page.getByTestId('policy-history');
    await expect.poll(() => history.innerText()).toContain(`补充 ${day} 测试假日`);
    expect(await page.getByTestId('active-version').innerText()).toContain(`第 ${before + 1} 版`);

    // The earlier version against the active one: the added day.
    await history.getByRole('button', { name: `与当前版本对比 ${before}` }).click();
    await expect.poll(() => page.getByTestId('version-diff').innerText()).toContain(day);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Complaint policy' }).waitFor();
    await reviewPage(page, 'policy-page-en');
    await page.close();
  });

  it('shows the policy read-only to a manager', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ locale: 'en', viewport: { width: 1366, height: 900 } });
    await page.goto(`${apiUrl()}/console/?lang=en`);
    await page.getByLabel('Role', { exact: true }).selectOption('manager');
    await page.getByRole('button', { name: 'Sign in (development)' }).click();
    await page.getByRole('link', { name: 'Policy' }).click();
    await page.getByText('only an administrator can change it').waitFor();
    expect(await page.getByRole('button', { name: 'Review changes' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Add holiday' }).count()).toBe(0);
    await page.close();
  });
});
