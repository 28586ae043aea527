import { describe, expect, it } from 'vitest';
import { startupCalendarWarning } from '../../../local/calendar-warning.ts';
import { defaultPolicy } from '../../support/policy.ts';

describe('npm start: calendar years', () => {
  it('prints one warning line from 1 December when the next year is missing', () => {
    const line = startupCalendarWarning(defaultPolicy(), new Date('2026-12-01T01:00:00Z'));
    expect(line).toMatch(/^Warning {9}the complaint policy's calendar has no entry for 2027/u);
    expect(line).not.toContain('\n');
  });

  it('prints nothing while the calendar has the years it needs', () => {
    expect(startupCalendarWarning(defaultPolicy(), new Date('2026-06-01T01:00:00Z'))).toBeUndefined();
  });
});
