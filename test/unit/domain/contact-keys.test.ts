import { describe, expect, it } from 'vitest';
import {
  customerKeyFor,
  customerPhoneKeyFor,
  normaliseEmail,
  normalisePhone,
  searchTermOf,
} from '../../../functions/domain/contact-keys.ts';

describe('contact keys', () => {
  it('normalises a mainland mobile written any way to one E.164 number', () => {
    for (const written of [
      '138 0013 8000',
      '+86 138-0013-8000',
      '008613800138000',
      '(+86) 138.0013.8000',
      '13800138000',
    ]) {
      expect(normalisePhone(written)).toBe('+8613800138000');
    }
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('010-6552 9988')).toBe('01065529988');
  });

  it('compares emails without case or surrounding spaces', () => {
    expect(normaliseEmail('  Wang.XiaoMing@Example.COM ')).toBe('wang.xiaoming@example.com');
    expect(customerKeyFor('Wang@Example.com')).toBe(customerKeyFor('wang@example.com'));
  });

  it('gives one phone key per number, never equal to an email key, and no number in it', () => {
    expect(customerPhoneKeyFor('+86 138 0013 8000')).toBe(customerPhoneKeyFor('13800138000'));
    expect(customerPhoneKeyFor('13800138000')).not.toBe(customerPhoneKeyFor('13800138001'));
    expect(customerPhoneKeyFor('13800138000')).not.toContain('138');
    expect(customerPhoneKeyFor('a@b.cn')).not.toBe(customerKeyFor('a@b.cn'));
  });

  it('reads a search term as a reference, an email or a phone number', () => {
    expect(searchTermOf(' cmp-261123-7k3qaa ')).toEqual({
      kind: 'reference',
      reference: 'CMP-261123-7K3QAA',
    });
    expect(searchTermOf('Wang@Example.com')).toEqual({
      kind: 'email',
      customerKey: customerKeyFor('wang@example.com'),
    });
    expect(searchTermOf('138-0013-8000')).toEqual({
      kind: 'phone',
      customerPhoneKey: customerPhoneKeyFor('+8613800138000'),
    });
    expect(searchTermOf('冰箱')).toBeUndefined();
    expect(searchTermOf('12')).toBeUndefined();
  });
});
