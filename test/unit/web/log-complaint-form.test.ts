import { describe, expect, it } from 'vitest';
import { validateStaffIntake } from '../../../functions/domain/intake-request.ts';
import {
  emptyLogComplaint,
  errorsByControl,
  firstControlInError,
  logComplaintBody,
  toLocalInput,
  type LogComplaintValues,
} from '../../../web/src/console/log-complaint-form.ts';
import { consoleZhCN } from '../../../web/src/console/messages-zh-CN.ts';
import { fieldErrorText } from '../../../web/src/console/problem-text.ts';

const NOW = new Date(2026, 10, 26, 15, 30);
const zh = { locale: 'zh-CN' as const, t: consoleZhCN };

/** A phone call being logged: what an agent types, nothing more. */
const phoneCall = (overrides: Partial<LogComplaintValues> = {}): LogComplaintValues => ({
  ...emptyLogComplaint(NOW),
  name: '王芳',
  phone: '138 0013 8000',
  subject: '空调安装后漏水',
  description: '师傅安装完空调第二天就开始漏水，地板已经泡坏。',
  consent: true,
  ...overrides,
});

describe('the console form to log a complaint', () => {
  it('starts as a hotline call received now, customer in Chinese, ordinary tier, receipt not confirmed', () => {
    const empty = emptyLogComplaint(NOW);
    expect(empty).toMatchObject({
      channel: 'hotline',
      receivedAt: '2026-11-26T15:30',
      locale: 'zh-CN',
      tier: 'ordinary',
      acknowledgedVia: '',
      consent: false,
    });
  });

  it('sends a phone-only call as the API takes it: local time as UTC, no email, empty optionals left out', () => {
    const body = logComplaintBody(phoneCall({ acknowledgedVia: 'phone' }));
    expect(body.receivedAt).toBe(new Date(2026, 10, 26, 15, 30).toISOString());
    expect(body.customer).toEqual({
      name: '王芳',
      phone: '138 0013 8000',
      email: undefined,
      locale: 'zh-CN',
    });
    expect(body.source).toBeUndefined();
    expect(body.categoryHint).toBeUndefined();
    const validation = validateStaffIntake(JSON.parse(JSON.stringify(body)), new Date(2026, 10, 26, 16));
    expect(validation.ok && validation.request).toMatchObject({
      channel: 'hotline',
      acknowledgedVia: 'phone',
      tier: 'ordinary',
      customer: { phone: '138 0013 8000' },
    });
  });

  it('sends who passed it on for third-party always and social media only when named', () => {
    const thirdParty = logComplaintBody(
      phoneCall({ channel: 'third-party', sourceName: '消费者协会', sourceKind: 'organisation' }),
    );
    expect(thirdParty.source).toEqual({ kind: 'organisation', name: '消费者协会', reference: undefined });
    expect(logComplaintBody(phoneCall({ channel: 'social-media' })).source).toBeUndefined();
    expect(logComplaintBody(phoneCall({ channel: 'social-media', sourceName: '微博' })).source).toMatchObject(
      {
        name: '微博',
      },
    );
    // A source typed for a third party is dropped when the agent switches to a letter.
    expect(logComplaintBody(phoneCall({ channel: 'letter', sourceName: '微博' })).source).toBeUndefined();
  });

  it('puts each schema error beside its field, in Chinese, focusing the first in tab order', () => {
    const body = logComplaintBody(
      phoneCall({
        phone: '',
        channel: 'third-party',
        receivedAt: toLocalInput(new Date(NOW.getTime() + 3_600_000)),
        consent: false,
      }),
    );
    const validation = validateStaffIntake(JSON.parse(JSON.stringify(body)), NOW);
    if (validation.ok) throw new Error('expected refusal');
    const errors = errorsByControl(validation.errors);
    expect(Object.keys(errors).sort()).toEqual(['consent', 'phone', 'receivedAt', 'sourceName']);
    expect(firstControlInError(errors)).toBe('receivedAt');
    expect(fieldErrorText(errors.phone!, zh)).toBe('电话和邮箱至少填一项');
    expect(fieldErrorText(errors.receivedAt!, zh)).toBe('不能晚于现在');
    expect(fieldErrorText(errors.consent!, zh)).toBe('须经客户同意才能登记');
  });

  it('maps the API’s errors for the whole source to its name field', () => {
    expect(
      errorsByControl([{ field: 'source', message: 'is required for a third-party complaint' }]),
    ).toEqual({
      sourceName: 'is required for a third-party complaint',
    });
    expect(fieldErrorText('is required for a third-party complaint', zh)).toBe('第三方转办须填写转办方');
  });

  it('sends an unreadable receipt time as typed, so the schema refuses it by name', () => {
    const body = logComplaintBody(phoneCall({ receivedAt: '' }));
    const validation = validateStaffIntake(body, NOW);
    expect(validation.ok ? [] : validation.errors.map((error) => error.field)).toEqual(['receivedAt']);
  });
});
