import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiUrl, emailsTo, eventually } from '../support/http.ts';
import { CURRENT_PRIVACY_NOTICE_VERSION } from '../../functions/domain/privacy.ts';
import { launchBrowser, reviewPage } from './browser.ts';
import { act } from './console-actions.ts';

/*
 * One customer's complaint through the pages, as people use them: the Chinese form, the
 * acknowledgement mail, the tracking page from its link, an agent handling it in the console, the
 * survey from its mail, and the closed complaint.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const email = `web-${randomUUID()}@example.com`;

/** A photo of the problem, as the customer attaches it: a real 1×1 PNG. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
let trackingUrl = '';
let reference = '';

/*
 * Business time runs SLA_TIME_SCALE× faster on the test stack, so complaints are received on days
 * after the stack's clock epoch: the dashboard's range covers from the day before it on.
 */
const DAY_MS = 86_400_000;
const dashboardRange = () => {
  const epoch = inject('slaClockEpochMs');
  return {
    from: new Date(epoch - DAY_MS).toISOString().slice(0, 10),
    to: new Date(epoch + 700 * DAY_MS).toISOString().slice(0, 10),
  };
};

/** Signs in as a manager (reports are theirs) and reads the dashboard's figures for the range. */
const readDashboard = async (page: Page) => {
  // The console opens in the staff language (zh-CN); this journey reads it in English.
  await page.goto(`${apiUrl()}/console/?lang=en`);
  await page.evaluate(() => sessionStorage.clear()); // signed out, whoever was signed in
  await page.reload();
  await page.getByLabel('Role', { exact: true }).selectOption('manager');
  await page.getByLabel('Department').fill('');
  await page.getByRole('button', { name: 'Sign in (development)' }).click();
  await page.getByRole('heading', { name: 'Work queue' }).waitFor();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  const { from, to } = dashboardRange();
  await page.getByLabel('From').fill(from);
  await page.getByLabel('To').fill(to);
  await page.getByTestId('kpi-table').waitFor();
  const figure = async (kpi: string) =>
    Number((await page.locator(`[data-testid="kpi-table"] [data-kpi="${kpi}"]`).textContent()) ?? 'NaN');
  // The range was changed twice; wait until the table shows it (the request may still be running).
  await page.waitForLoadState('networkidle');
  return { received: await figure('volume'), answered: await figure('surveysAnswered') };
};

let before = { received: 0, answered: 0 };

describe('complaint journey in the browser', () => {
  it('reads the dashboard before the journey', async () => {
    const page = await browser.newPage({ locale: 'en', viewport: { width: 1280, height: 900 } });
    before = await readDashboard(page);
    expect(Number.isInteger(before.received)).toBe(true);
    await page.close();
  });

  it('files a complaint in Chinese from the web form, checking fields as the API does', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 414, height: 896 } });
    await page.goto(`${apiUrl()}/`);
    await expect.poll(() => page.title()).toContain('提交投诉');

    // Client-side validation uses the API's schema; its messages are worded in the page's language.
    await page.getByLabel('标题').fill('水壶');
    await page.getByLabel('问题描述').fill('太短');
    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#f-description-error').textContent()).toBe('至少需要 10 个字。');
    expect(await page.locator('#f-consent-error').textContent()).toBe('请勾选同意，我们才能处理您的投诉。');
    expect(await page.getByLabel('问题描述').getAttribute('aria-invalid')).toBe('true');
    await reviewPage(page, '01-complaint-form-errors');
    // Switching the language rewords every error and the summary at once.
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('#f-description-error').textContent()).toBe('Write at least 10 characters.');
    expect(await page.getByRole('alert').textContent()).toMatch(/^Please correct \d+ fields?\.$/u);
    await reviewPage(page, '01b-complaint-form-errors-en');
    await page.getByRole('button', { name: '中文' }).click();
    expect(await page.locator('#f-description-error').textContent()).toBe('至少需要 10 个字。');

    await page.getByLabel('姓名').fill('李小红');
    await page.getByLabel('电子邮箱').fill(email);
    await page.getByLabel('电话 (选填)').fill('+86 139 0000 1234');
    await page.getByLabel('标题').fill('电水壶把手松动');
    await page.getByLabel('问题描述').fill('上周购买的电水壶把手有些松动，倒水时不太稳，希望能换一个把手。');
    await page.getByLabel('问题类型 (选填)').selectOption('product-quality');
    await page.getByLabel('产品或服务 (选填)').fill('电水壶 KS-1800');
    await page.getByLabel('订单号或发票号 (选填)').fill('JD-20261120-1234');
    await page.getByLabel('我同意').check();
    // The privacy notice's version is shown beside the consent and sent with it.
    expect(await page.getByTestId('privacy-notice-version').textContent()).toBe(
      `隐私声明版本：${CURRENT_PRIVACY_NOTICE_VERSION}`,
    );
    // An executable is refused before anything is sent; the photo is taken.
    await page.getByTestId('evidence-input').setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ'),
    });
    await page.getByText('setup.exe：不接受此类文件。').waitFor();
    await page
      .getByTestId('evidence-input')
      .setInputFiles({ name: '把手.png', mimeType: 'image/png', buffer: PHOTO });
    await reviewPage(page, '02-complaint-form-filled');

    // The first attempt is lost on the way; the retry sends the same Idempotency-Key.
    const keys: string[] = [];
    const consents: unknown[] = [];
    await page.route('**/v1/complaints', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      consents.push((route.request().postDataJSON() as { consent: unknown }).consent);
      if (keys.length === 1) await route.abort('connectionreset');
      else await route.continue();
    });
    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.getByRole('alert').filter({ hasText: '无法连接服务' }).waitFor();
    await page.getByRole('button', { name: '提交投诉' }).click();

    await page.getByTestId('reference').waitFor();
    reference = (await page.getByTestId('reference').textContent())!;
    expect(reference).toMatch(/^CMP-\d{6}-[0-9A-Z]{6}$/u);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/u);
    expect(consents[1]).toEqual({
      dataProcessing: true,
      privacyNoticeVersion: CURRENT_PRIVACY_NOTICE_VERSION,
    });
    // The photo goes straight to storage with the form the API answered for the new complaint.
    await page.getByTestId('upload-status').getByText('已上传 1 个文件。').waitFor();
    trackingUrl = (await page.getByTestId('tracking-link').getAttribute('href'))!;
    expect(trackingUrl).toContain(`${apiUrl()}/track/?id=`);
    await reviewPage(page, '03-complaint-submitted');
    await page.close();
  });

  it('acknowledges by email with a link to the tracking page, which shows status and history', async () => {
    const [ack] = await eventually(async () => {
      const mails = await emailsTo(email);
      return mails.length > 0 ? mails : undefined;
    }, 15_000);
    expect(ack!.subject).toContain(reference);
    expect(ack!.body.text).toContain(trackingUrl);

    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(trackingUrl);
    await page.getByTestId('status').waitFor();
    expect(await page.getByTestId('reference').textContent()).toBe(reference);
    await expect
      .poll(async () => (await page.locator('ol.timeline').textContent()) ?? '')
      .toContain('收到投诉');
    // The uploaded photo is listed as available, with a preview loaded from a presigned link.
    await eventually(async () => {
      await page.reload();
      await page.getByTestId('status').waitFor();
      return (await page.locator('[data-testid="evidence-list"] li[data-status="available"]').count()) > 0
        ? true
        : undefined;
    }, 15_000);
    const preview = page.getByTestId('evidence-preview');
    await preview.waitFor();
    await expect
      .poll(() => preview.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(1);
    await reviewPage(page, '04-tracking');

    // A link mailed before tokens moved to the fragment (`&token=`) still opens the page, which moves
    // the token out of the query; the API itself never takes it from a query string.
    await page.goto(trackingUrl.replace('#token=', '&token='));
    await page.getByTestId('status').waitFor();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    expect(new URL(page.url()).hash).toMatch(/^#token=/u);
    await page.close();
  });

  it('lets an agent handle the complaint in the console; the survey answer closes it', async () => {
    const page = await browser.newPage({ locale: 'en', viewport: { width: 1280, height: 900 } });
    await page.goto(`${apiUrl()}/console/?lang=en`);
    await page.getByLabel('Role', { exact: true }).selectOption('agent');
    await page.getByLabel('Department').fill('quality');
    await page.getByLabel('User id').fill('quality-agent-1');
    await reviewPage(page, '05-console-login');
    await page.getByRole('button', { name: 'Sign in (development)' }).click();
    await page.getByRole('heading', { name: 'Work queue' }).waitFor();

    // Triage puts the complaint in the quality queue shortly after intake.
    await eventually(async () => {
      await page.goto(`${apiUrl()}/console/?lang=en#/queue?q=${reference}`);
      await page.reload();
      await page.getByRole('status').filter({ hasText: 'complaint' }).waitFor();
      return (await page.locator(`tr[data-reference="${reference}"]`).count()) > 0 ? true : undefined;
    }, 20_000);
    await reviewPage(page, '06-console-queue');

    await page.getByRole('link', { name: reference }).click();
    await page.getByTestId('case-status').waitFor();
    await reviewPage(page, '07-console-case');

    await act(page, 'accept');
    await act(page, 'assign', { assignee: 'quality-agent-1' });
    await act(page, 'contact-customer', {
      channel: 'phone',
      summary: '已电话联系客户，确认把手松动，安排更换。',
    });
    await act(page, 'resolve', {
      outcome: 'resolved',
      summary: '已为客户寄送新把手并指导安装。',
      remedy: 'repair',
    });
    await expect.poll(() => page.getByTestId('case-status').getAttribute('data-status')).toBe('resolved');
    await reviewPage(page, '08-console-resolved');

    // The follow-up mails the survey (2 s after resolution on the test clock); the customer rates it.
    const surveyMail = await eventually(
      async () => (await emailsTo(email)).find((mail) => mail.subject.startsWith('请评价')),
      20_000,
    );
    const surveyUrl = new RegExp(`${apiUrl()}/survey/\\?t=[A-Za-z0-9_-]+(?![A-Za-z0-9_&-])`, 'u').exec(
      surveyMail.body.text ?? '',
    )?.[0];
    expect(surveyUrl).toBeDefined();
    const survey = await browser.newPage({ locale: 'zh-CN', viewport: { width: 414, height: 896 } });
    await survey.goto(surveyUrl!);
    for (const question of ['总体满意度', '处理过程', '处理结果']) {
      await survey.getByRole('group', { name: question }).getByLabel('5 非常满意').check();
    }
    await survey.getByRole('group', { name: '您的问题解决了吗？' }).getByLabel('已解决').check();
    await survey.getByLabel('还有什么想告诉我们的吗？').fill('处理很及时，谢谢！');
    await reviewPage(survey, '09-survey');
    await survey.getByRole('button', { name: '提交评价' }).click();
    await survey.locator('[data-ending="thanks"]').waitFor();
    await reviewPage(survey, '10-survey-answered');
    await survey.close();

    // A satisfied answer closes the complaint.
    await eventually(async () => {
      await page.getByRole('button', { name: 'Reload case' }).click();
      await page.waitForTimeout(200);
      return (await page.getByTestId('case-status').getAttribute('data-status')) === 'closed'
        ? true
        : undefined;
    }, 15_000);
    await reviewPage(page, '11-console-closed');

    // Reports are for managers: sign out, back in as one, and see this complaint counted.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually(async () => {
      const after = await readDashboard(page);
      return after.received > before.received && after.answered > before.answered ? true : undefined;
    }, 20_000);
    await reviewPage(page, '12-console-dashboard');

    // The CSV export of the same range holds the complaint, Chinese text intact.
    const { from, to } = dashboardRange();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`complaints-${from}-${to}.csv`);
    const file = await readFile(await download.path());
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csv = file.toString('utf8');
    expect(csv).toContain(`${reference},`);
    expect(csv).toContain('电水壶把手松动');
    expect(csv).not.toContain(email);
    await page.close();
  });

  it('shows the customer the closed complaint', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(trackingUrl);
    await page.getByTestId('status').waitFor();
    expect(await page.getByTestId('status').getAttribute('data-status')).toBe('closed');
    expect(await page.getByTestId('status').textContent()).toBe('已结案');
    await reviewPage(page, '13-tracking-closed');
    await page.close();
  });

  it('finds a lost link from the reference and email, on a phone, in both languages', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const page = await browser.newPage({ locale, viewport: { width: 360, height: 740 } });
      await page.goto(`${apiUrl()}/track/?lang=${locale}`);
      const zh = locale === 'zh-CN';
      await page.getByLabel(zh ? '投诉编号' : 'Reference').fill(reference.toLowerCase());
      await page.getByLabel(zh ? '提交时填写的邮箱' : 'Email you used').fill(email);
      await page.getByRole('button', { name: zh ? '把链接发到我的邮箱' : 'Email me the link' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: zh ? '如果投诉编号和邮箱匹配' : 'If the reference and email match' })
        .waitFor();
      await reviewPage(page, `14-find-complaint-${locale}`);
      await page.close();
    }
    const mail = await eventually(async () =>
      (await emailsTo(email)).find((sent) => sent.subject.includes('查询链接')),
    );
    expect(mail.body.text).toContain('/track/?id=');
  });
});
