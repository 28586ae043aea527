import { DateTime } from 'luxon';
import type { Locale } from '../../domain/vocabulary.ts';

/** A UTC instant as local date and time in the business time zone, e.g. "2026年11月24日 18:00" / "24 Nov 2026, 18:00". */
export const formatInstant = (iso: string, locale: Locale, timeZone: string): string => {
  const local = DateTime.fromISO(iso, { zone: timeZone });
  return locale === 'zh-CN'
    ? local.toFormat("yyyy'年'M'月'd'日' HH:mm")
    : local.setLocale('en-GB').toFormat('d LLL yyyy, HH:mm');
};

/** A lateness in minutes as words: "2 小时 5 分钟" / "2 h 5 min". */
export const formatMinutes = (minutes: number, locale: Locale): string => {
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  if (locale === 'zh-CN') return `${hours > 0 ? `${hours} 小时 ` : ''}${rest} 分钟`;
  return `${hours > 0 ? `${hours} h ` : ''}${rest} min`;
};
