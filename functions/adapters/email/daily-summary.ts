import type { Locale } from '../../domain/vocabulary.ts';
import type { KpiReport, Kpis, TargetCheck } from '../../domain/kpi-report.ts';
import { escapeHtml, htmlDocument } from './html.ts';
import type { EmailContent } from './mailer.ts';

const TEXT: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    subject: '投诉处理日报',
    yesterday: '昨日受理',
    window: '近 30 日',
    volume: '投诉量',
    backlog: '当前未结',
    overdue: '当前超时',
    kpi: '指标',
    value: '数值',
    target: '目标',
    met: '达标',
    notMet: '未达标',
    noData: '暂无数据',
    footer: '此邮件由投诉处理系统自动发送。数据按受理日统计，详见报表接口。',
  },
  en: {
    subject: 'Complaint handling daily summary',
    yesterday: 'Received yesterday',
    window: 'Last 30 days',
    volume: 'Complaints',
    backlog: 'Open now',
    overdue: 'Overdue now',
    kpi: 'KPI',
    value: 'Value',
    target: 'Target',
    met: 'met',
    notMet: 'NOT met',
    noData: 'no data',
    footer: 'Sent by the complaint-handling system. Figures are by day of receipt; see the reports API.',
  },
};

const KPI_NAMES: Record<Locale, Record<TargetCheck['kpi'], string>> = {
  'zh-CN': {
    resolutionRate: '解决率',
    satisfactionRate: '满意率',
    csat: '满意度评分',
    repeatRate: '重复投诉率',
    escalationRate: '升级至高层比例',
    firstResponseMeanHours: '平均首次响应（小时）',
    resolutionMeanHours: '平均处理时长（小时）',
  },
  en: {
    resolutionRate: 'Resolution rate',
    satisfactionRate: 'Satisfaction rate',
    csat: 'CSAT (1–5)',
    repeatRate: 'Repeat-complaint rate',
    escalationRate: 'Escalated to senior management',
    firstResponseMeanHours: 'Mean first response (h)',
    resolutionMeanHours: 'Mean resolution time (h)',
  },
};

const isRate = (kpi: TargetCheck['kpi']) => kpi.endsWith('Rate');
const show = (kpi: TargetCheck['kpi'], value: number | null, locale: Locale): string =>
  value === null ? TEXT[locale].noData! : isRate(kpi) ? `${(value * 100).toFixed(1)} %` : value.toFixed(2);

const rows = (kpis: Kpis, locale: Locale) =>
  kpis.targets.map((check) => ({
    name: KPI_NAMES[locale][check.kpi],
    value: show(check.kpi, check.value, locale),
    target: `${check.comparator} ${show(check.kpi, check.target, locale)}`,
    verdict: check.met === null ? TEXT[locale].noData! : check.met ? TEXT[locale].met! : TEXT[locale].notMet!,
  }));

/** The morning summary for management: yesterday's and the last 30 days' KPIs against their targets. */
export const dailySummaryEmail = (
  day: string,
  yesterday: KpiReport,
  window: KpiReport,
  locale: Locale,
): EmailContent => {
  const t = TEXT[locale];
  const subject = `${t.subject} ${day}`;
  const sections = [
    { title: `${t.yesterday} (${day})`, kpis: yesterday.total },
    { title: `${t.window} (${window.from} – ${window.to})`, kpis: window.total },
  ];
  const headline = `${t.backlog}: ${yesterday.now.backlog} · ${t.overdue}: ${yesterday.now.overdue}`;
  const text = [
    subject,
    headline,
    ...sections.flatMap((section) => [
      '',
      `${section.title} — ${t.volume}: ${section.kpis.volume}`,
      ...rows(section.kpis, locale).map(
        (row) => `  ${row.name}: ${row.value} (${row.target}, ${row.verdict})`,
      ),
    ]),
    '',
    t.footer,
  ].join('\n');
  const table = (kpis: Kpis) =>
    `<table border="1" cellpadding="4" cellspacing="0"><tr><th>${t.kpi}</th><th>${t.value}</th><th>${t.target}</th><th></th></tr>${rows(
      kpis,
      locale,
    )
      .map(
        (row) =>
          `<tr><td>${escapeHtml(row.name)}</td><td>${escapeHtml(row.value)}</td><td>${escapeHtml(row.target)}</td><td>${escapeHtml(row.verdict)}</td></tr>`,
      )
      .join('')}</table>`;
  const html = htmlDocument(
    locale,
    subject,
    `<h1>${escapeHtml(subject)}</h1><p>${escapeHtml(headline)}</p>${sections
      .map(
        (section) =>
          `<h2>${escapeHtml(section.title)}</h2><p>${t.volume}: ${section.kpis.volume}</p>${table(section.kpis)}`,
      )
      .join('')}<p>${escapeHtml(t.footer!)}</p>`,
  );
  return { subject, text, html };
};
