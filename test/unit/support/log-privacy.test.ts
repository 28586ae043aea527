import { describe, expect, it } from 'vitest';
import { linesWithContactDetails } from '../../support/log-privacy.ts';

describe('linesWithContactDetails (the test stack log check)', () => {
  it('finds unmasked addresses and the test phones however spaced, and passes masked ones', () => {
    const leaking = [
      '{"level":"INFO","message":"sent","to":"wang.xiaoming@example.com"}',
      'Error: could not mail 孙丽 <sun.li@example.com.cn>',
      '{"phone":"+86 139 1234 5678"}',
      'called 139-1234-5678 back',
      '{"phone":"13800138000"}',
    ];
    const clean = [
      '{"level":"INFO","message":"sent","to":"w***@example.com"}',
      '{"phone":"***5678","timestamp":"2026-11-23T13:80:01.380Z","epoch":1763913800138000}',
      'Local stack ready.',
    ];
    expect(linesWithContactDetails([...leaking, ...clean])).toEqual(leaking);
  });
});
