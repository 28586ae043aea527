import type { Incident } from '../../domain/incident.ts';
import { labelOf } from '../../domain/labels.ts';
import type { Locale } from '../../domain/vocabulary.ts';
import { composeEmail } from './compose.ts';
import { formatInstant } from './format.ts';
import type { EmailContent } from './mailer.ts';

/**
 * Senior management is told of a complaint surge at once (the emergency plan): what it is about, the
 * counts against the rule, and where the suggested incident is. In the staff language, then English.
 */
export const surgeAlertEmail = (
  incident: Incident,
  staffLocale: Locale,
  timeZone: string,
  incidentUrl: string,
): EmailContent => {
  const surge = incident.surge!;
  const about = (locale: Locale) =>
    surge.dimension === 'category' ? labelOf(locale, 'category', surge.value) : surge.value;
  const zh = staffLocale === 'zh-CN';
  const subject = zh
    ? `【投诉激增】${about('zh-CN')}：${surge.windowMinutes} 分钟内 ${surge.windowCount} 件`
    : `[Complaint surge] ${about('en')}: ${surge.windowCount} in ${surge.windowMinutes} minutes`;
  const rows = (locale: Locale): [string, string][] =>
    locale === 'zh-CN'
      ? [
          [surge.dimension === 'product' ? '产品' : '类别', about(locale)],
          [`${surge.windowMinutes} 分钟内投诉`, String(surge.windowCount)],
          ['此前同长时段平均', surge.baselineMean.toFixed(2)],
          ['发现时间', formatInstant(surge.detectedAt, locale, timeZone)],
        ]
      : [
          [surge.dimension === 'product' ? 'Product' : 'Category', about(locale)],
          [`Complaints in ${surge.windowMinutes} minutes`, String(surge.windowCount)],
          ['Trailing mean per span', surge.baselineMean.toFixed(2)],
          ['Detected', formatInstant(surge.detectedAt, locale, timeZone)],
        ];
  const intro = {
    'zh-CN': '投诉量异常激增，已按应急预案生成待确认事件，请立即关注并指定负责人。',
    en: 'Complaints are surging. A suggested incident was opened under the emergency plan: please attend to it and name an owner.',
  };
  const locales: Locale[] = zh ? ['zh-CN', 'en'] : ['en', 'zh-CN'];
  return composeEmail(
    staffLocale,
    subject,
    locales.flatMap((locale) => [
      { kind: 'paragraph' as const, text: intro[locale] },
      { kind: 'facts' as const, rows: rows(locale) },
      {
        kind: 'link' as const,
        intro: locale === 'zh-CN' ? '事件页面：' : 'The incident:',
        label: locale === 'zh-CN' ? '打开事件' : 'Open the incident',
        url: incidentUrl,
      },
    ]),
  );
};
