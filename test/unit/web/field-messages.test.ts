import { describe, expect, it } from 'vitest';
import { validateIntake } from '../../../functions/domain/intake-request.ts';
import { localizeFieldError } from '../../../web/src/public/field-messages.ts';

const CJK = /[\u4e00-\u9fff]/u;

describe('form field errors in the page language', () => {
  it('words every error of the intake schema in Chinese and in English, none with the fallback', () => {
    const result = validateIntake(
      {
        customer: { name: '', email: 'nope', phone: 'abc', locale: 'fr' },
        subject: 'a\nb',
        description: 'short',
        categoryHint: 'x',
        orderRef: '!!',
        incidentAt: 'yesterday',
        consent: { dataProcessing: false },
      },
      new Date(),
    );
    if (result.ok) throw new Error('expected errors');
    for (const error of result.errors) {
      const zh = localizeFieldError('zh-CN', error);
      const en = localizeFieldError('en', error);
      expect(zh, error.message).toMatch(CJK);
      expect(zh, error.message).not.toBe('请检查此项。');
      expect(en, error.message).not.toMatch(CJK);
    }
  });

  it('flags a future incident time alongside the other errors', () => {
    const result = validateIntake(
      { incidentAt: new Date(Date.now() + 86_400_000).toISOString() },
      new Date(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const future = result.errors.find((error) => error.field === 'incidentAt');
    expect(future && localizeFieldError('zh-CN', future)).toBe('发生时间不能晚于现在。');
  });

  it('falls back to a localized hint for a message it does not know', () => {
    expect(localizeFieldError('zh-CN', { field: 'x', message: 'something new' })).toBe('请检查此项。');
  });
});
