import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { labelOf, labelsFor, type VocabularyLabels } from '../../../functions/domain/labels.ts';
import type { Locale } from '../../../functions/domain/vocabulary.ts';
import { consoleEn, type ConsoleMessages } from './messages-en.ts';
import { consoleZhCN } from './messages-zh-CN.ts';

/** The console's own key: a member of staff who tries the public form does not flip their console. */
const STORAGE_KEY = 'complaints.staff-locale';
/** The policy's calendar zone, until a response names its own (`timeZone` on the case). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const dictionaries: Record<Locale, ConsoleMessages> = { 'zh-CN': consoleZhCN, en: consoleEn };

/** `?lang=` first, then the member of staff's earlier choice, then the policy's staffLocale (zh-CN). */
export const initialConsoleLocale = (staffLocale: Locale = 'zh-CN'): Locale => {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem(STORAGE_KEY);
  return asked === 'en' || asked === 'zh-CN' ? asked : staffLocale;
};

export const rememberConsoleLocale = (locale: Locale) => {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
};

const parts = (locale: Locale, timeZone: string, iso: string) => {
  const values: Record<string, string> = {};
  const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const part of format.formatToParts(new Date(iso))) values[part.type] = part.value;
  return values;
};

export interface ConsoleLocale {
  locale: Locale;
  t: ConsoleMessages;
  /** A code as the reader's words (labels.ts: one source with the mails). */
  label: <K extends keyof VocabularyLabels>(kind: K, code: string | null | undefined) => string;
  labels: VocabularyLabels;
  timeZone: string;
  /** The zone's name as the reader says it ("北京时间"), else its IANA name. */
  zoneName: string;
  /** "2026-11-26 22:46 北京时间": every date names its zone, so no one reads it as their own. */
  at: (iso: string | null | undefined) => string;
  /** A signed wall-clock countdown from milliseconds left (the server's `remainingMs`). */
  remaining: (ms: number | null | undefined) => string;
}

export const consoleLocale = (locale: Locale, timeZone = DEFAULT_TIME_ZONE): ConsoleLocale => {
  const t = dictionaries[locale];
  const zoneName = t.zoneNames[timeZone] ?? timeZone;
  return {
    locale,
    t,
    labels: labelsFor(locale),
    label: (kind, code) => labelOf(locale, kind, code),
    timeZone,
    zoneName,
    at: (iso) => {
      if (!iso) return t.none;
      const p = parts(locale, timeZone, iso);
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${zoneName}`;
    },
    remaining: (ms) => {
      if (ms === null || ms === undefined) return t.none;
      const minutes = Math.round(Math.abs(ms) / 60_000);
      const days = Math.floor(minutes / 1440);
      const hours = Math.floor((minutes % 1440) / 60);
      const { days: d, hours: h, minutes: m, overdueBy } = t.countdown;
      const text =
        days > 0
          ? `${days} ${d} ${hours} ${h}`
          : hours > 0
            ? `${hours} ${h} ${minutes % 60} ${m}`
            : `${minutes} ${m}`;
      return ms < 0 ? overdueBy(text) : text;
    },
  };
};

export const ConsoleLocaleContext = createContext<ConsoleLocale>(consoleLocale('zh-CN'));
export const useConsoleLocale = () => useContext(ConsoleLocaleContext);
