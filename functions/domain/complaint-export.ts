import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { Complaint, CorrectiveAction, Resolution } from './complaint.ts';
import { labelOf, type VocabularyLabels } from './labels.ts';
import type { Locale } from './vocabulary.ts';

/**
 * The complaints CSV export (GET /v1/staff/reports/complaints.csv): which complaints a date range
 * covers, and the rows a manager gets for them. No customer name, email or phone (DOMAIN.md,
 * Privacy: minimum necessary data).
 */

/** What the submission-time index projects of a complaint: exactly what a row needs. */
export type ExportedComplaint = Pick<
  Complaint,
  | 'id'
  | 'reference'
  | 'status'
  | 'channel'
  | 'subject'
  | 'submittedAt'
  | 'category'
  | 'department'
  | 'severity'
  | 'urgency'
  | 'priority'
  | 'tier'
  | 'sla'
  | 'followUp'
  | 'relatedComplaints'
  | 'reopenCount'
> & {
  /** Read from the complaint item, not the index (adapters/export-repository.ts). */
  resolution?: Pick<Resolution, 'rootCause'> | undefined;
  correctiveAction?: Pick<CorrectiveAction, 'description' | 'ownerName' | 'dueDate' | 'status'> | undefined;
};

/**
 * Rows per response. A Lambda behind an HTTP API answers at most 6 MB and cannot stream, so a
 * longer export continues on further pages (a `Link: rel="next"` header). At this many rows even
 * the largest possible row keeps a page under MAX_EXPORT_BODY_BYTES (see the unit test).
 */
export const EXPORT_PAGE_ROWS = 2000;
/** What a page may weigh, JSON-encoded in the Lambda response, leaving room under the 6 MB limit. */
export const MAX_EXPORT_BODY_BYTES = 5 * 1024 * 1024;

const BYTE_ORDER_MARK = '\uFEFF';

type Cell = string | number | undefined;

interface Column {
  header: Record<Locale, string>;
  /** A time in the policy's time zone: its header names the zone. */
  time?: true;
  value: (complaint: ExportedComplaint, format: CellFormat) => Cell;
}

interface CellFormat {
  time: (iso: string | undefined) => string | undefined;
  /** A stored code as the reader's word (a spreadsheet is read by people, not parsed back). */
  label: (kind: keyof VocabularyLabels, code: string | undefined) => string | undefined;
  department: (id: string | undefined) => string | undefined;
  yesNo: (value: boolean | undefined) => string | undefined;
  solved: (value: 'yes' | 'partly' | 'no' | undefined) => string | undefined;
}

/**
 * A corrective action's description is cut to this many characters (its first line and more is
 * what a spreadsheet shows anyway; the case page has all of it): at up to 2000 characters it would
 * take a full page of rows past the 6 MB response limit.
 */
export const EXPORT_DESCRIPTION_CHARACTERS = 200;

const shortened = (text: string | undefined): string | undefined => {
  if (text === undefined) return undefined;
  const characters = [...text];
  return characters.length <= EXPORT_DESCRIPTION_CHARACTERS
    ? text
    : `${characters.slice(0, EXPORT_DESCRIPTION_CHARACTERS - 1).join('')}…`;
};

export const EXPORT_COLUMNS: readonly Column[] = [
  { header: { 'zh-CN': '编号', en: 'Reference' }, value: (c) => c.reference },
  {
    header: { 'zh-CN': '提交时间', en: 'Submitted at' },
    time: true,
    value: (c, f) => f.time(c.submittedAt),
  },
  { header: { 'zh-CN': '渠道', en: 'Channel' }, value: (c, f) => f.label('channel', c.channel) },
  { header: { 'zh-CN': '主题', en: 'Subject' }, value: (c) => c.subject },
  { header: { 'zh-CN': '类别', en: 'Category' }, value: (c, f) => f.label('category', c.category) },
  { header: { 'zh-CN': '严重程度', en: 'Severity' }, value: (c, f) => f.label('severity', c.severity) },
  { header: { 'zh-CN': '紧急程度', en: 'Urgency' }, value: (c, f) => f.label('urgency', c.urgency) },
  { header: { 'zh-CN': '优先级', en: 'Priority' }, value: (c, f) => f.label('priority', c.priority) },
  { header: { 'zh-CN': '部门', en: 'Department' }, value: (c, f) => f.department(c.department) },
  { header: { 'zh-CN': '客户等级', en: 'Customer tier' }, value: (c, f) => f.label('tier', c.tier) },
  { header: { 'zh-CN': '状态', en: 'Status' }, value: (c, f) => f.label('status', c.status) },
  { header: { 'zh-CN': '升级级别', en: 'Escalation level' }, value: (c) => c.sla?.escalationLevel ?? 0 },
  {
    header: { 'zh-CN': '首次响应期限', en: 'First response due' },
    time: true,
    value: (c, f) => f.time(c.sla?.firstResponse.dueAt),
  },
  {
    header: { 'zh-CN': '首次响应时间', en: 'First response at' },
    time: true,
    value: (c, f) => f.time(c.sla?.firstResponse.completedAt),
  },
  {
    header: { 'zh-CN': '首次响应及时', en: 'First response on time' },
    value: (c, f) => f.yesNo(c.sla?.firstResponse.onTime),
  },
  {
    header: { 'zh-CN': '解决期限', en: 'Resolution due' },
    time: true,
    value: (c, f) => f.time(c.sla?.resolution.dueAt),
  },
  {
    header: { 'zh-CN': '解决时间', en: 'Resolved at' },
    time: true,
    value: (c, f) => f.time(c.sla?.resolution.completedAt),
  },
  {
    header: { 'zh-CN': '解决及时', en: 'Resolved on time' },
    value: (c, f) => f.yesNo(c.sla?.resolution.onTime),
  },
  {
    header: { 'zh-CN': '总体满意度', en: 'Survey: overall' },
    value: (c) => c.followUp?.answer?.overall,
  },
  {
    header: { 'zh-CN': '过程满意度', en: 'Survey: process' },
    value: (c) => c.followUp?.answer?.process,
  },
  { header: { 'zh-CN': '结果满意度', en: 'Survey: result' }, value: (c) => c.followUp?.answer?.result },
  {
    header: { 'zh-CN': '问题是否解决', en: 'Survey: solved' },
    value: (c, f) => f.solved(c.followUp?.answer?.solved),
  },
  {
    header: { 'zh-CN': '重复投诉', en: 'Repeat complaint' },
    value: (c, f) => f.yesNo((c.relatedComplaints?.length ?? 0) > 0),
  },
  { header: { 'zh-CN': '重开次数', en: 'Times reopened' }, value: (c) => c.reopenCount ?? 0 },
  // Root cause and corrective action (issue 19): the code for sorting and pivoting, the label to read.
  { header: { 'zh-CN': '根本原因代码', en: 'Root cause code' }, value: (c) => c.resolution?.rootCause },
  {
    header: { 'zh-CN': '根本原因', en: 'Root cause' },
    value: (c, f) => f.label('rootCause', c.resolution?.rootCause),
  },
  {
    header: { 'zh-CN': '纠正措施', en: 'Corrective action' },
    value: (c) => shortened(c.correctiveAction?.description),
  },
  {
    header: { 'zh-CN': '纠正措施负责人', en: 'Corrective action owner' },
    value: (c) => c.correctiveAction?.ownerName,
  },
  {
    header: { 'zh-CN': '纠正措施期限', en: 'Corrective action due' },
    value: (c) => c.correctiveAction?.dueDate,
  },
  {
    header: { 'zh-CN': '纠正措施状态', en: 'Corrective action status' },
    value: (c, f) => f.label('correctiveActionStatus', c.correctiveAction?.status),
  },
];

const WORDS = {
  'zh-CN': { yes: '是', no: '否', partly: '部分' },
  en: { yes: 'yes', no: 'no', partly: 'partly' },
} as const;

const cellFormat = (
  timeZone: string,
  locale: Locale,
  departmentNames: Readonly<Record<string, Record<Locale, string>>>,
): CellFormat => ({
  time: (iso) =>
    iso === undefined
      ? undefined
      : DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).toFormat('yyyy-MM-dd HH:mm:ss'),
  yesNo: (value) => (value === undefined ? undefined : WORDS[locale][value ? 'yes' : 'no']),
  solved: (value) => (value === undefined ? undefined : WORDS[locale][value]),
  label: (kind, code) => (code === undefined ? undefined : labelOf(locale, kind, code)),
  department: (id) => (id === undefined ? undefined : (departmentNames[id]?.[locale] ?? id)),
});

/**
 * One page of the export as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break), starting with the UTF-8 byte order mark so Excel reads Chinese text as
 * UTF-8, and with the header row, so every page opens on its own. A cell starting with = + - @ tab
 * or CR gets a leading apostrophe: a spreadsheet must never run a customer's subject as a formula.
 */
export const renderExportCsv = (
  complaints: readonly ExportedComplaint[],
  options: {
    timeZone: string;
    locale: Locale;
    /** The policy's department names by id; an id the policy no longer has shows as itself. */
    departmentNames?: Readonly<Record<string, Record<Locale, string>>>;
  },
): string => {
  const format = cellFormat(options.timeZone, options.locale, options.departmentNames ?? {});
  const header = EXPORT_COLUMNS.map((column) =>
    column.time ? `${column.header[options.locale]} (${options.timeZone})` : column.header[options.locale],
  );
  const rows = complaints.map((complaint) =>
    EXPORT_COLUMNS.map((column) => column.value(complaint, format) ?? ''),
  );
  return (
    BYTE_ORDER_MARK +
    stringify([header, ...rows], { record_delimiter: 'windows', escape_formulas: true, eof: true })
  );
};

/** The instants and UTC day partitions that the days `from`..`to` (policy time zone) cover. */
export interface ExportRange {
  /** First instant, ISO-8601 UTC, inclusive. */
  first: string;
  /** Last instant (the last millisecond of `to`), ISO-8601 UTC, inclusive. */
  last: string;
  /** UTC days ("YYYY-MM-DD") from the first instant's to the last's, in order. */
  days: string[];
}

export const exportRange = (from: string, to: string, timeZone: string): ExportRange => {
  const first = DateTime.fromISO(from, { zone: timeZone }).startOf('day').toUTC();
  const last = DateTime.fromISO(to, { zone: timeZone }).endOf('day').toUTC();
  const days: string[] = [];
  for (let day = first.startOf('day'); day <= last; day = day.plus({ days: 1 })) {
    days.push(day.toFormat('yyyy-MM-dd'));
  }
  return { first: first.toISO()!, last: last.toISO()!, days };
};

/** Where the next page of an export starts: a UTC day of the range, after a row already sent. */
export interface ExportPosition {
  day: string;
  after?: { submittedAt: string; id: string } | undefined;
}

/** Whether a position (from a client's cursor) lies within the range it is used with. */
export const positionWithin = (position: ExportPosition, range: ExportRange): boolean =>
  range.days.includes(position.day) &&
  (position.after === undefined ||
    (position.after.submittedAt.startsWith(position.day) &&
      position.after.submittedAt >= range.first &&
      position.after.submittedAt <= range.last));
