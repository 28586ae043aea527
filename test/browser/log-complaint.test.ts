import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiUrl } from '../support/http.ts';
import { launchBrowser, reviewPage } from './browser.ts';

/*
 * An agent on the hotline logs a phone-only complaint in the Chinese console with the keyboard alone
 * (the receipt time, a date-time control, is set with fill: Chromium's segment-by-segment typing
 * differs by locale), lands on the new case and reads how it came in.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ZONE = 'Asia/Shanghai';

/** A time as the datetime-local control holds it, and as the console shows it, in Beijing time. */
const beijing = (at: Date) => {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  return { input: `${day}T${time}`, shown: `${day} ${time} 北京时间` };
};

/** The focused element's id (the test's tsconfig has no DOM types: the page's document is typed here). */
const focusedId = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement
        ?.id ?? '',
  );

/** Tab to the next control and check it is the one expected: the tab order is part of the page. */
const tabTo = async (page: Page, id: string, keys = 'Tab') => {
  await page.keyboard.press(keys);
  expect(await focusedId(page)).toBe(id);
};

describe('logging a complaint in the console', () => {
  it(
    'logs a phone-only hotline complaint received two hours ago, from the keyboard, and opens its case',
    { timeout: 90_000 },
    async () => {
      // The browser in Beijing, as the agents' PCs are: the receipt time is their wall-clock time.
      const page = await browser.newPage({
        locale: 'zh-CN',
        timezoneId: ZONE,
        viewport: { width: 1366, height: 900 },
      });
      await page.goto(`${apiUrl()}/console/`);
      await page.getByLabel('角色', { exact: true }).selectOption('agent');
      await page.getByLabel('部门').fill('quality');
      await page.getByLabel('用户 ID').fill('quality-agent-2');
      await page.getByRole('button', { name: '登录（开发环境）' }).click();
      await page.getByRole('heading', { name: '工作队列' }).waitFor();

      await page.getByRole('link', { name: '登记投诉' }).click();
      await page.getByRole('heading', { name: '登记投诉' }).waitFor();
      // The channel has the focus, on a hotline call by default.
      expect(await focusedId(page)).toBe('log-channel');
      expect(await page.locator('#log-channel').inputValue()).toBe('hotline');
      expect(await page.locator('#log-channel option:checked').textContent()).toBe('热线电话');

      const receivedAt = new Date(Date.now() - 2 * 3_600_000);
      await tabTo(page, 'log-receivedAt');
      await page.locator('#log-receivedAt').fill(beijing(receivedAt).input);
      // Tab walks the date-time control's own fields (day, hour, minute…) before leaving it.
      for (let segment = 0; segment < 12 && (await focusedId(page)) === 'log-receivedAt'; segment += 1)
        await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('log-name');
      await page.keyboard.type('王芳');
      await tabTo(page, 'log-phone');
      await page.keyboard.type('138 0013 8000');
      await tabTo(page, 'log-email'); // none: the customer has no email
      await tabTo(page, 'log-locale');
      await tabTo(page, 'log-tier');
      await tabTo(page, 'log-subject');
      await page.keyboard.type('空调安装后漏水');
      await tabTo(page, 'log-description');
      await page.keyboard.type('师傅安装完空调第二天就开始漏水，');
      await page.keyboard.press('Enter'); // a new line, not a submission
      await page.keyboard.type('地板已经泡坏，要求上门维修并赔偿。');
      await tabTo(page, 'log-categoryHint');
      await tabTo(page, 'log-product');
      await page.keyboard.type('KFR-35GW 空调');

      // Enter saves from a one-line field; the form checks first, with the API's schema, and sends
      // nothing while the customer's consent is not ticked.
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/v1/staff/complaints'))
          posts.push(request.headers()['idempotency-key'] ?? '');
      });
      await page.keyboard.press('Enter');
      await page.locator('#log-consent-error').waitFor();
      expect(await page.locator('#log-consent-error').textContent()).toBe('须经客户同意才能登记');
      expect(await focusedId(page)).toBe('log-consent');
      expect(posts).toEqual([]);
      await reviewPage(page, 'console-zh-06-log-complaint');

      await page.keyboard.press('Space');
      // Receipt confirmed on the phone: a closed select changes with the arrow keys.
      await tabTo(page, 'log-acknowledgedVia', 'Shift+Tab');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('#log-acknowledgedVia option:checked').textContent()).toBe('电话');
      await tabTo(page, 'log-product', 'Shift+Tab');
      await page.keyboard.press('Enter');

      await page.waitForURL(/#\/case\/[0-9A-Z]{26}$/u);
      await page.getByTestId('case-status').waitFor();
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatch(/^[0-9a-f-]{36}$/u);
      await page.getByRole('heading', { name: /空调安装后漏水/u }).waitFor();
      const side = page.locator('aside.side');
      expect(await side.innerText()).toContain('热线电话');
      const intake = page.getByTestId('case-intake');
      expect(await page.getByTestId('case-received-at').innerText()).toMatch(
        new RegExp(`^${beijing(receivedAt).shown}`, 'u'),
      );
      expect(await intake.innerText()).toContain('提交时间'); // recorded later than received
      expect(await intake.innerText()).toContain('刘洋'); // logged by, from the directory
      expect(await intake.innerText()).toContain('电话'); // receipt confirmed on the phone
      // Recorded within one working day (intake.recordWithin), or late: the test stack's business clock
      // runs 3600× faster, so two hours ago is days of business time and the case says "recorded late".
      expect(inject('slaTimeScale')).toBeGreaterThan(12);
      expect(await page.getByTestId('recorded-late').textContent()).toBe('补录超时');
      expect(await page.getByTestId('no-email').innerText()).toContain('无邮箱');
      const text = await page.locator('body').innerText();
      for (const code of ['hotline', 'phone', 'ordinary', 'zh-CN']) expect(text, code).not.toContain(code);
      await reviewPage(page, 'console-zh-07-logged-case');
      await page.close();
    },
  );
});
