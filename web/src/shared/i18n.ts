import type { Locale } from '../../../functions/domain/vocabulary.ts';
import { en, type Messages } from './messages-en.ts';
import { zhCN } from './messages-zh-CN.ts';

export type { Locale };
const STORAGE_KEY = 'complaints.locale';
const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** `?lang=` first, then the visitor's earlier choice, then the browser; Chinese by default. */
export const initialLocale = (): Locale => {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem(STORAGE_KEY);
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return navigator.languages.some((language) => language.toLowerCase().startsWith('zh')) ||
    !navigator.languages.some((language) => language.toLowerCase().startsWith('en'))
    ? 'zh-CN'
    : 'en';
};

/** Whether the visitor chose a language (link or switch), which then wins over the complaint's. */
export const localeWasChosen = (): boolean =>
  new URLSearchParams(location.search).has('lang') || localStorage.getItem(STORAGE_KEY) !== null;

export const rememberLocale = (locale: Locale) => {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
};

export const messagesFor = (locale: Locale): Messages => dictionaries[locale];

export const formatDateTime = (locale: Locale, iso: string | null | undefined): string =>
  iso
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
    : '—';
