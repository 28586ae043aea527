import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, redactContactDetails } from '../../../functions/domain/privacy.ts';

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('wang.xiaoming@example.com')).toBe('w***@example.com');
    expect(maskEmail('no-at-sign')).toBe('***');
  });
});

describe('maskPhone', () => {
  it('keeps only the last four digits, behind a mask of fixed length', () => {
    expect(maskPhone('+86 138 0013 8000')).toBe('***8000');
    expect(maskPhone('13912345678')).toBe('***5678');
    expect(maskPhone('1234')).toBe('***');
  });
});

describe('redactContactDetails', () => {
  it('masks emails and phone numbers inside text', () => {
    expect(
      redactContactDetails(
        '客户 王小明 (wang.xiaoming@example.com, +86 138 0013 8000) 来电；备用 139-1234-5678',
      ),
    ).toBe('客户 王小明 (w***@example.com, ***8000) 来电；备用 ***5678');
    expect(redactContactDetails('call +44 20 7946 0958 today')).toBe('call ***0958 today');
  });

  it('leaves timestamps, ids and references alone', () => {
    for (const text of [
      '2026-11-23T08:00:00.000Z',
      'epoch 1763888888888',
      'CMP-261123-7K3Q',
      '01JD4X8M6Y2ZQ5R7T9V1W3X5Y7',
    ]) {
      expect(redactContactDetails(text)).toBe(text);
    }
  });

  it('never leaves a generated mobile number or email readable', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^1[3-9]\d{9}$/u),
        // A '*' in the address could survive as part of the mask itself.
        fc.emailAddress().filter((email) => !email.includes('*')),
        fc.string({ maxLength: 20 }).filter((s) => !/[\d@+]/u.test(s)),
        (mobile, email, filler) => {
          const redacted = redactContactDetails(`${filler} ${mobile} ${filler} ${email}`);
          expect(redacted).not.toContain(mobile);
          expect(redacted).not.toContain(email);
        },
      ),
    );
  });
});
