import { describe, expect, it } from 'vitest';
import { mayHoldLegally, mayReadAccessLog } from '../../../web/src/console/case-privacy-rights.ts';

const session = (roles: string[], department?: string) => ({ subject: 's', roles, department });

describe('who sees the case page privacy panels (the routes’ own rules)', () => {
  it('shows the access log to managers, admins and the case department’s supervisors only', () => {
    expect(mayReadAccessLog(session(['manager']), 'quality')).toBe(true);
    expect(mayReadAccessLog(session(['admin']), 'quality')).toBe(true);
    expect(mayReadAccessLog(session(['supervisor'], 'quality'), 'quality')).toBe(true);
    expect(mayReadAccessLog(session(['supervisor'], 'logistics'), 'quality')).toBe(false);
    expect(mayReadAccessLog(session(['agent'], 'quality'), 'quality')).toBe(false);
  });

  it('offers the legal hold form to managers and admins only', () => {
    expect(mayHoldLegally(session(['manager']))).toBe(true);
    expect(mayHoldLegally(session(['admin']))).toBe(true);
    expect(mayHoldLegally(session(['supervisor'], 'quality'))).toBe(false);
    expect(mayHoldLegally(session(['agent'], 'quality'))).toBe(false);
  });
});
