import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../../../functions/domain/calendar.ts';
import { calendarYearFromIcs, MAKE_UP_WORKDAY } from '../../../functions/domain/calendar-ics.ts';
import { calendarYearDays, calendarYearEntry } from '../../../functions/domain/calendar-year-entry.ts';
import { businessCalendar, parsePolicy } from '../../../functions/domain/policy.ts';
import { defaultPolicyDocument } from '../../support/policy.ts';

/**
 * A realistic 2027 feed in the style of the public China holiday calendars (not the State Council's
 * notice, which is published in the autumn before): 春节 as one event per day with a day counter,
 * the other holidays as ranges (DTEND exclusive, one with DURATION), 补班 / 调休上班 / "make-up
 * workday" days, a timed meeting, a yearly event, an event of 2026, CRLF lines and a folded line.
 */
const FEED = readFileSync(join(import.meta.dirname, 'fixtures', 'china-holidays-2027.ics'), 'utf8');

describe('importing a calendar year from an .ics file', () => {
  const imported = calendarYearFromIcs(FEED, 2027);

  it('maps all-day events to named holiday periods, joining per-day events into one', () => {
    expect(imported.holidays).toEqual([
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-05', to: '2027-02-13' },
      { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
      { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
      { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
      { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
      { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
    ]);
  });

  it('recognises 补班, 调休上班 and "make-up workday" events as working days', () => {
    expect(imported.workingDays.map((day) => day.date)).toEqual([
      '2027-01-31',
      '2027-02-20',
      '2027-04-25',
      '2027-05-08',
      '2027-09-26',
      '2027-10-09',
    ]);
    expect(imported.workingDays[0]!.name).toBe('春节 补班');
  });

  it('lists what it skipped, with the reason: another year, a timed event, a recurring one', () => {
    expect(imported.skipped).toEqual([
      { summary: '国庆节（休）', start: '2026-10-01', reason: 'other-year' },
      { summary: '节前安全检查会议', start: '2027-02-04T09:00:00', reason: 'not-all-day' },
      { summary: '妇女节（半天）', start: '2027-03-08', reason: 'recurring' },
    ]);
  });

  it('gives a year the policy accepts, and the business calendar then follows it', () => {
    const document = defaultPolicyDocument() as { calendar: { years: Record<string, unknown> } };
    document.calendar.years['2027'] = calendarYearEntry(imported);
    const calendar = businessCalendar(parsePolicy(document));
    expect(isWorkingDay(calendar, '2027-02-08')).toBe(false); // a Monday in 春节
    expect(isWorkingDay(calendar, '2027-02-20')).toBe(true); // a Saturday worked (补班)
    expect(isWorkingDay(calendar, '2027-10-09')).toBe(true);
    expect(isWorkingDay(calendar, '2027-10-11')).toBe(true);
  });

  it('counts a day both off and worked as worked, and says so', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART;VALUE=DATE:20270501',
      'DTEND;VALUE=DATE:20270506',
      'SUMMARY:劳动节',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTART;VALUE=DATE:20270503',
      'SUMMARY:补班',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const year = calendarYearFromIcs(ics, 2027);
    expect(year.holidays).toEqual([
      { name: '劳动节', from: '2027-05-01', to: '2027-05-02' },
      { name: '劳动节', from: '2027-05-04', to: '2027-05-05' },
    ]);
    expect(year.workingDays).toEqual([{ name: '补班', date: '2027-05-03' }]);
    expect(year.skipped).toEqual([
      { summary: '劳动节', start: '2027-05-03', reason: 'holiday-and-working-day' },
    ]);
  });

  it('finds nothing for a year the file does not cover, and refuses text that is not iCalendar', () => {
    const other = calendarYearFromIcs(FEED, 2028);
    expect(other.holidays).toEqual([]);
    expect(other.workingDays).toEqual([]);
    expect(() => calendarYearFromIcs('not a calendar', 2027)).toThrow();
  });

  it('takes 班, workday, working day and make-up as the working-day words, and not 假期 or 休', () => {
    for (const summary of ['补班', '上班', 'Workday', 'working day (adjusted)', 'Make-up day', 'makeup day'])
      expect(MAKE_UP_WORKDAY.test(summary), summary).toBe(true);
    for (const summary of ['春节 假期', '国庆节（休）', 'Spring Festival', 'Labour Day holiday'])
      expect(MAKE_UP_WORKDAY.test(summary), summary).toBe(false);
  });
});

describe('a calendar year as named periods and the policy entry', () => {
  it('expands periods to sorted days and keeps names by first day; and reads them back', () => {
    const days = {
      holidays: [
        { name: '国庆节', from: '2027-10-01', to: '2027-10-03' },
        { name: '中秋节', from: '2027-09-30', to: '2027-09-30' },
        { name: '', from: '2027-01-01', to: '2027-01-01' },
      ],
      workingDays: [{ name: '国庆节 补班', date: '2027-10-09' }],
    };
    const entry = calendarYearEntry(days);
    expect(entry).toEqual({
      holidays: ['2027-01-01', '2027-09-30', '2027-10-01', '2027-10-02', '2027-10-03'],
      workingDays: ['2027-10-09'],
      names: { '2027-10-01': '国庆节', '2027-09-30': '中秋节', '2027-10-09': '国庆节 补班' },
    });
    // Adjacent periods with names of their own stay two periods.
    expect(calendarYearDays(entry)).toEqual({
      holidays: [
        { name: '', from: '2027-01-01', to: '2027-01-01' },
        { name: '中秋节', from: '2027-09-30', to: '2027-09-30' },
        { name: '国庆节', from: '2027-10-01', to: '2027-10-03' },
      ],
      workingDays: [{ name: '国庆节 补班', date: '2027-10-09' }],
    });
  });

  it('groups an unnamed year (the seed file) into runs of consecutive days', () => {
    const { holidays } = calendarYearDays({
      holidays: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-04-04', '2026-04-05', '2026-04-06'],
      workingDays: ['2026-01-04'],
    });
    expect(holidays).toEqual([
      { name: '', from: '2026-01-01', to: '2026-01-03' },
      { name: '', from: '2026-04-04', to: '2026-04-06' },
    ]);
  });

  it('ignores a period whose end is before its start, and leaves out names when there are none', () => {
    expect(
      calendarYearEntry({ holidays: [{ name: ' ', from: '2027-05-05', to: '2027-05-01' }], workingDays: [] }),
    ).toEqual({ holidays: [], workingDays: [] });
  });

  it('refuses a policy whose year lists a day of another year, at that day’s path', () => {
    const document = defaultPolicyDocument() as { calendar: { years: Record<string, unknown> } };
    document.calendar.years['2027'] = { holidays: ['2027-01-01', '2028-01-01'], workingDays: [] };
    expect(() => parsePolicy(document)).toThrow(
      /calendar\.years\.2027\.holidays\.1: 2028-01-01 is not in 2027/u,
    );
  });
});
