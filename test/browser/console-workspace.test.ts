import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_PRIVACY_NOTICE_VERSION } from '../../functions/domain/privacy.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, emailsTo, eventually, postComplaint } from '../support/http.ts';
import { launchBrowser, reviewPage } from './browser.ts';
import { act } from './console-actions.ts';

/*
 * An agent and a supervisor work an L1 (safety) complaint in the console as Chinese staff do, in
 * zh-CN (the staff language, with no language chosen): from the queue, through a request for
 * information the customer answers, a proposal the supervisor approves, to the resolution, and read
 * the customer's reply, survey comment and the mail we sent them on the case page. Every page shows
 * labels, never codes.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const email = `console-${randomUUID()}@example.com`;
const REPLY = '照片已上传：插头处有明显烧焦痕迹。';
const COMMENT = '退款很快，客服态度很好，谢谢！';

/** Codes a reader must never see, and a grade shown without its words. */
const RAW_CODES = [
  'product-quality',
  'solution-proposed',
  'awaiting-customer',
  'investigating',
  'note.added',
  'customer.replied',
  'resolution.proposed',
  'partly-resolved',
];
const expectOnlyLabels = async (page: Page) => {
  const text = await page.locator('body').innerText();
  for (const code of RAW_CODES) expect(text, code).not.toContain(code);
  expect(text).not.toMatch(/\bL1\b(?! (重大|major))/u);
  expect(text).not.toMatch(/\bP[1-4]\b(?! (最高|高|中|低|highest|high|medium|low))/u);
};

const signIn = async (page: Page, role: string, subject: string) => {
  await page.goto(`${apiUrl()}/console/`);
  await page.getByLabel('角色', { exact: true }).selectOption(role);
  await page.getByLabel('部门').fill('quality');
  await page.getByLabel('用户 ID').fill(subject);
  await page.getByRole('button', { name: '登录（开发环境）' }).click();
  await page.getByRole('heading', { name: '工作队列' }).waitFor();
};

const reloadUntil = async (page: Page, status: string) =>
  eventually(async () => {
    await page.getByRole('button', { name: '刷新投诉' }).click();
    await page.waitForTimeout(200);
    return (await page.getByTestId('case-status').getAttribute('data-status')) === status ? true : undefined;
  }, 20_000);

let id = '';
let reference = '';
let trackingToken = '';

describe('the staff console in Chinese', () => {
  // Two people, a customer and the workflow's mail: longer than one request-sized test.
  it(
    'takes an L1 complaint from the queue to an approved resolution and shows the conversation',
    { timeout: 180_000 },
    async () => {
      const response = await postComplaint(
        chineseComplaint({
          customer: { name: '赵敏', email, phone: '+86 139 8888 6666', locale: 'zh-CN' },
          subject: '电暖器插头冒烟',
          description: '昨晚使用电暖器时插头突然冒烟，孩子的手被烫伤，请尽快处理。',
        }),
      );
      expect(response.status).toBe(201);
      ({ id, reference, trackingToken } = (await response.json()) as {
        id: string;
        reference: string;
        trackingToken: string;
      });

      const agent = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
      await signIn(agent, 'agent', 'quality-agent-2');
      // Agents do not see the dashboard link (reports are for managers and administrators).
      expect(await agent.getByRole('link', { name: '数据看板' }).count()).toBe(0);

      // Triage files it under quality within moments; the search box finds it by reference.
      await eventually(async () => {
        await agent.getByLabel('搜索（投诉编号、客户电话或邮箱）').fill(reference);
        await agent.getByRole('button', { name: '筛选' }).click();
        // The row is in the unfiltered queue already: wait for the search itself (its hash, its answer),
        // or the filter form, re-made for the new query, would wipe what is typed next.
        const searched = await agent
          .waitForFunction(
            `decodeURIComponent(location.hash).includes(${JSON.stringify(reference)})`,
            undefined,
            {
              timeout: 2_000,
            },
          )
          .then(() => true)
          .catch(() => false);
        if (!searched) return undefined;
        // The filtered answer itself (one complaint), not the unfiltered list's count still on screen.
        await agent.getByRole('status').filter({ hasText: '共 1 条投诉' }).waitFor();
        return (await agent.locator('tr[data-reference]').count()) === 1 &&
          (await agent.locator(`tr[data-reference="${reference}"]`).count()) === 1
          ? true
          : undefined;
      }, 20_000);
      const row = agent.locator(`tr[data-reference="${reference}"]`);
      expect(await row.innerText()).toContain('L1 重大');
      // The customer's email finds it too (the API searches; exact match, other filters ignored).
      await agent.getByLabel('搜索（投诉编号、客户电话或邮箱）').fill(email);
      const searched = agent.waitForResponse(
        (answer) =>
          answer.url().includes('/v1/staff/complaints?') &&
          new URL(answer.url()).searchParams.get('q') === email,
      );
      await agent.getByRole('button', { name: '筛选' }).click();
      expect((await searched).status()).toBe(200);
      await agent.getByRole('status').filter({ hasText: '共 1 条投诉' }).waitFor();
      expect(await agent.locator('tr[data-reference]').count()).toBe(1);
      await row.waitFor();
      await reviewPage(agent, 'console-zh-01-queue');
      await expectOnlyLabels(agent);

      await row.getByRole('link', { name: reference }).click();
      await agent.getByTestId('case-status').waitFor();
      expect(await agent.getByTestId('case-severity').textContent()).toBe('L1 重大（质量/安全）');
      await act(agent, 'accept');
      await act(agent, 'assign', { assignee: 'quality-agent-2' });
      expect(await agent.getByTestId('case-assignee').textContent()).toBe('刘洋');
      await act(agent, 'request-info', { message: '请上传插头和烫伤部位的照片。' });
      expect(await agent.getByTestId('case-status').getAttribute('data-status')).toBe('awaiting-customer');

      // The customer answers from the tracking page's API; the case page shows it in the conversation.
      const reply = await fetch(`${apiUrl()}/v1/complaints/${id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tracking-token': trackingToken },
        body: JSON.stringify({ message: REPLY }),
      });
      expect(reply.status).toBe(201);
      await reloadUntil(agent, 'investigating');
      await agent.getByTestId('thread').getByText(REPLY).waitFor();
      await act(agent, 'add-note', { text: '已联系质检部门检查同批次插头。' });
      await act(agent, 'propose-resolution', {
        summary: '全额退款并承担医药费。',
        remedy: 'compensation',
        amount: '800',
      });
      expect(await agent.getByTestId('case-status').getAttribute('data-status')).toBe('solution-proposed');
      await agent.locator('[data-approval="pending"]').waitFor();
      await reviewPage(agent, 'console-zh-02-case-proposed');
      await expectOnlyLabels(agent);

      // The supervisor approves the proposal from their own session.
      const supervisor = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
      await signIn(supervisor, 'supervisor', 'quality-supervisor');
      await supervisor.goto(`${apiUrl()}/console/#/case/${id}`);
      await supervisor.getByTestId('case-status').waitFor();
      await act(supervisor, 'approve-proposal', { note: '同意，尽快办理。' });
      await supervisor.locator('[data-approval="approved"]').waitFor();
      await supervisor.close();

      // Partly resolved needs next steps and their date: the form says so next to the fields.
      await reloadUntil(agent, 'solution-proposed');
      await agent.getByTestId('composer-action').selectOption('resolve');
      const resolve = agent.locator('form[data-action="resolve"]');
      await resolve.locator('select[name="outcome"]').selectOption('partly-resolved');
      await resolve.getByRole('button', { name: '办结' }).click();
      expect(await resolve.locator('#action-nextSteps-error').textContent()).toBe('此项为必填项');
      expect(await resolve.locator('#action-nextStepsBy-error').textContent()).toBe('此项为必填项');
      expect(await resolve.locator('textarea[name="summary"]').inputValue()).toBe('全额退款并承担医药费。');
      await act(agent, 'resolve', { outcome: 'resolved' });
      expect(await agent.getByTestId('case-status').getAttribute('data-status')).toBe('resolved');

      // The customer rates it from the survey mail, with a comment.
      const surveyMail = await eventually(
        async () => (await emailsTo(email)).find((mail) => mail.subject.startsWith('请评价')),
        20_000,
      );
      const token = /\/survey\/\?t=([A-Za-z0-9_-]+)/u.exec(surveyMail.body.text ?? '')?.[1];
      expect(token).toBeDefined();
      const answer = await fetch(`${apiUrl()}/v1/surveys/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ overall: 5, process: 5, result: 4, solved: 'yes', comment: COMMENT }),
      });
      expect(answer.status).toBeLessThan(300);
      await reloadUntil(agent, 'closed');

      const thread = agent.getByTestId('thread');
      expect(await thread.innerText()).toContain(REPLY);
      expect(await agent.getByTestId('survey-comment').innerText()).toContain(COMMENT);
      expect(await thread.locator('[data-internal="true"]').first().innerText()).toContain('内部');
      // The acknowledgement as the customer received it: its subject, and its text behind a fold.
      const acknowledgement = thread.locator('li[data-kind="mail"]').filter({
        has: agent.locator('[data-mail-kind="acknowledgement"]'),
      });
      expect(await acknowledgement.innerText()).toContain(reference);
      await acknowledgement.locator('summary').click();
      const mailText = acknowledgement.locator('pre.mail-text');
      expect(await mailText.isVisible()).toBe(true);
      expect(await mailText.innerText()).toContain(`投诉编号: ${reference}`);
      expect(await thread.getByText(REPLY).isVisible()).toBe(true);
      expect(await agent.getByTestId('survey-comment').isVisible()).toBe(true);
      await reviewPage(agent, 'console-zh-03-case-closed');
      await expectOnlyLabels(agent);

      // The same page in English, remembered for the next visit.
      await agent.getByRole('button', { name: 'English' }).click();
      await agent.getByRole('heading', { name: 'Conversation' }).waitFor();
      expect(await agent.getByTestId('case-severity').textContent()).toBe('L1 major (quality/safety)');
      await reviewPage(agent, 'console-en-04-case-closed');
      await expectOnlyLabels(agent);
      await agent.goto(`${apiUrl()}/console/#/queue?state=done`);
      await agent.getByRole('heading', { name: 'Work queue' }).waitFor();
      await reviewPage(agent, 'console-en-05-queue-done');
      await agent.close();
    },
  );

  it('shows a supervisor the grade change an agent asked for, who asked and what, and applies it', async () => {
    const response = await postComplaint(
      chineseComplaint({
        customer: { name: '钱伟', email: `change-${randomUUID()}@example.com`, locale: 'zh-CN' },
        subject: '充电器冒烟',
        description: '充电器插上后冒烟，已拔掉，没有人受伤，但担心安全。',
      }),
    );
    const created = (await response.json()) as { id: string; reference: string };
    const agent = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signIn(agent, 'agent', 'quality-agent-2');
    await agent.goto(`${apiUrl()}/console/#/case/${created.id}`);
    await agent.getByTestId('case-status').waitFor();
    await eventually(async () => {
      await agent.getByRole('button', { name: '刷新投诉' }).click();
      await agent.waitForTimeout(200);
      return (await agent.getByTestId('case-severity').textContent())?.startsWith('L1') ? true : undefined;
    }, 20_000);
    // The regrade form starts from the current grade; the agent lowers only the severity.
    await agent.getByTestId('composer-action').selectOption('reclassify');
    const form = agent.locator('form[data-action="reclassify"]');
    expect(await form.locator('select[name="severity"]').inputValue()).toBe('L1');
    expect(await form.locator('select[name="category"]').inputValue()).toBe('product-quality');
    await act(agent, 'reclassify', { severity: 'L3', reason: '经核实无安全隐患，仅为外观问题。' });
    const pending = agent.getByTestId('pending-change');
    await pending.waitFor();
    expect(await pending.innerText()).toContain('调低分级');
    expect(await pending.innerText()).toContain('L1 重大（质量/安全） → L3 一般影响');
    await agent.close();

    const supervisor = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signIn(supervisor, 'supervisor', 'quality-supervisor');
    await supervisor.goto(`${apiUrl()}/console/#/case/${created.id}`);
    await supervisor.getByTestId('pending-change').waitFor();
    // Names from the staff directory, never ids.
    expect(await supervisor.getByTestId('pending-change').innerText()).toContain('刘洋');
    await reviewPage(supervisor, 'console-zh-04-pending-change');
    await expectOnlyLabels(supervisor);
    await act(supervisor, 'approve-change', { note: '同意调整。' });
    expect(await supervisor.getByTestId('case-severity').textContent()).toBe('L3 一般影响');
    expect(await supervisor.getByTestId('pending-change').count()).toBe(0);
    await supervisor.close();
  });

  it('shows a manager the access log and the consent, and lets them set and clear a legal hold, in zh-CN and en', async () => {
    const response = await postComplaint(
      chineseComplaint({
        customer: { name: '孙莉', email: `hold-${randomUUID()}@example.com`, locale: 'zh-CN' },
        consent: { dataProcessing: true, privacyNoticeVersion: CURRENT_PRIVACY_NOTICE_VERSION },
      }),
    );
    const created = (await response.json()) as { id: string };
    const manager = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 1400 } });
    await signIn(manager, 'manager', 'manager-1');
    await manager.goto(`${apiUrl()}/console/#/case/${created.id}`);
    await manager.getByTestId('case-status').waitFor();
    expect(await manager.getByTestId('case-consent').innerText()).toContain(
      `隐私声明版本：${CURRENT_PRIVACY_NOTICE_VERSION}`,
    );

    // The hold, with its reason, shows beside the case; the form then offers to clear it.
    const hold = manager.getByTestId('legal-hold-form');
    await hold.getByLabel('原因').fill('客户已起诉，法院要求保全证据。');
    await hold.getByRole('button', { name: '设置法律保留' }).click();
    await manager.getByTestId('legal-hold').filter({ hasText: '客户已起诉' }).waitFor();
    // Who set it, by name from the directory.
    expect(await manager.getByTestId('legal-hold').innerText()).toContain('马建国');
    expect(await hold.getByRole('button', { name: '解除法律保留' }).count()).toBe(1);

    // Two reads of the case so far (opening it, and the reload after the hold): by name, labelled.
    const log = manager.getByTestId('access-log');
    await log.getByText('访问记录').click();
    const reads = log.locator('tr[data-kind="case-read"]');
    await eventually(async () => ((await reads.count()) >= 2 ? true : undefined), 10_000);
    expect(await reads.first().innerText()).toContain('马建国');
    expect(await reads.first().innerText()).toContain('经理');
    expect(await reads.first().innerText()).toContain('查看投诉');
    await reviewPage(manager, 'console-zh-05-access-log-legal-hold');
    await expectOnlyLabels(manager);

    await manager.getByRole('button', { name: 'English' }).click();
    await manager.getByRole('heading', { name: 'Access log' }).waitFor();
    expect(await reads.first().innerText()).toContain('Case read');
    expect(await manager.getByTestId('case-consent').innerText()).toContain(
      `Privacy notice, version ${CURRENT_PRIVACY_NOTICE_VERSION}`,
    );
    await hold.getByLabel('Reason').fill('The court lifted the order.');
    await hold.getByRole('button', { name: 'Clear legal hold' }).click();
    await hold.getByText('Legal hold cleared.').waitFor();
    await eventually(async () =>
      (await manager.getByTestId('legal-hold').count()) === 0 ? true : undefined,
    );
    await reviewPage(manager, 'console-en-06-access-log-hold-cleared');
    await manager.close();
  });
});
