import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  EXPORT_COLUMNS,
  EXPORT_DESCRIPTION_CHARACTERS,
  EXPORT_PAGE_ROWS,
  MAX_EXPORT_BODY_BYTES,
  exportRange,
  positionWithin,
  renderExportCsv,
  type ExportedComplaint,
} from '../../../functions/domain/complaint-export.ts';
import type { StageClock } from '../../../functions/domain/sla.ts';

const TZ = 'Asia/Shanghai';

const clock = (stage: StageClock['stage'], dueAt: string, done?: { at: string; onTime: boolean }) =>
  ({
    stage,
    clock: 'wall',
    target: { hours: 2 },
    rule: 'severity:L2',
    startedAt: '2026-11-23T01:00:00.000Z',
    dueAt,
    nextCheckAt: dueAt,
    ...(done ? { completedAt: done.at, onTime: done.onTime } : {}),
  }) satisfies StageClock;

const complaint = (overrides: Partial<ExportedComplaint> = {}): ExportedComplaint => ({
  id: '01KAQ00000000000000000000A',
  reference: 'CMP-261123-7K3QX9',
  status: 'closed',
  channel: 'web',
  subject: '电热水壶底部漏水',
  submittedAt: '2026-11-23T01:00:00.000Z',
  category: 'product-quality',
  department: 'quality',
  severity: 'L2',
  urgency: 'important',
  priority: 'P2',
  tier: 'ordinary',
  sla: {
    firstResponse: clock('firstResponse', '2026-11-23T03:00:00.000Z', {
      at: '2026-11-23T02:00:00.000Z',
      onTime: true,
    }),
    resolution: clock('resolution', '2026-11-26T01:00:00.000Z', {
      at: '2026-11-27T01:00:00.000Z',
      onTime: false,
    }),
    escalationLevel: 1,
    reminders: 0,
  },
  followUp: { round: 1, answer: { overall: 4, process: 5, result: 3, solved: 'partly' } },
  relatedComplaints: ['01KAP00000000000000000000B'],
  reopenCount: 1,
  ...overrides,
});

/** Parses a page back, as a spreadsheet would (BOM stripped, RFC 4180 quoting). */
const read = (csv: string) => parse(csv, { bom: true, relax_column_count: false });

describe('renderExportCsv', () => {
  it('starts with the UTF-8 byte order mark and a header row naming the time zone', () => {
    const csv = renderExportCsv([], { timeZone: TZ, locale: 'zh-CN' });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header] = read(csv);
    expect(header).toHaveLength(EXPORT_COLUMNS.length);
    expect(header?.slice(0, 4)).toEqual(['编号', '提交时间 (Asia/Shanghai)', '渠道', '主题']);
    expect(read(renderExportCsv([], { timeZone: TZ, locale: 'en' }))[0]?.[0]).toBe('Reference');
  });

  it('writes one row per complaint: times in the policy time zone, SLA outcomes, survey, repeat, reopens', () => {
    const rows = read(
      renderExportCsv([complaint()], {
        timeZone: TZ,
        locale: 'en',
        departmentNames: { quality: { 'zh-CN': '质量部', en: 'Quality' } },
      }),
    );
    const header = rows[0]!;
    const row = Object.fromEntries(header.map((name, index) => [name, rows[1]![index]]));
    expect(row).toEqual({
      Reference: 'CMP-261123-7K3QX9',
      'Submitted at (Asia/Shanghai)': '2026-11-23 09:00:00',
      Channel: 'Web form',
      Subject: '电热水壶底部漏水',
      Category: 'Product quality',
      Severity: 'L2 large impact',
      Urgency: 'Important',
      Priority: 'P2 high',
      Department: 'Quality',
      'Customer tier': 'Ordinary',
      Status: 'Closed',
      'Escalation level': '1',
      'First response due (Asia/Shanghai)': '2026-11-23 11:00:00',
      'First response at (Asia/Shanghai)': '2026-11-23 10:00:00',
      'First response on time': 'yes',
      'Resolution due (Asia/Shanghai)': '2026-11-26 09:00:00',
      'Resolved at (Asia/Shanghai)': '2026-11-27 09:00:00',
      'Resolved on time': 'no',
      'Survey: overall': '4',
      'Survey: process': '5',
      'Survey: result': '3',
      'Survey: solved': 'partly',
      'Repeat complaint': 'yes',
      'Times reopened': '1',
      'Root cause code': '',
      'Root cause': '',
      'Corrective action': '',
      'Corrective action owner': '',
      'Corrective action due': '',
      'Corrective action status': '',
    });
  });

  it('carries the root cause (code and label) and the corrective action (description, owner, due, status)', () => {
    const resolved = complaint({
      resolution: { rootCause: 'supplier' },
      correctiveAction: {
        description: '更换电芯供应商',
        ownerName: '王工',
        dueDate: '2026-12-15',
        status: 'in-progress',
      },
    });
    const [header, row] = read(renderExportCsv([resolved], { timeZone: TZ, locale: 'zh-CN' }));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('根本原因代码')).toBe('supplier');
    expect(cell('根本原因')).toBe('供应商');
    expect(cell('纠正措施')).toBe('更换电芯供应商');
    expect(cell('纠正措施负责人')).toBe('王工');
    expect(cell('纠正措施期限')).toBe('2026-12-15');
    expect(cell('纠正措施状态')).toBe('进行中');
  });

  it('cuts a long corrective action description to EXPORT_DESCRIPTION_CHARACTERS, whole characters', () => {
    const long = complaint({
      correctiveAction: {
        description: '\u{20000}'.repeat(300),
        ownerName: 'x',
        dueDate: '2026-12-15',
        status: 'open',
      },
    });
    const [header, row] = read(renderExportCsv([long], { timeZone: TZ, locale: 'en' }));
    const description = row![header!.indexOf('Corrective action')]!;
    expect([...description]).toHaveLength(EXPORT_DESCRIPTION_CHARACTERS);
    expect(description.endsWith('\u{20000}…')).toBe(true);
  });

  it('shows codes as Chinese labels, and a department the policy lacks as its id', () => {
    const [header, row] = read(renderExportCsv([complaint()], { timeZone: TZ, locale: 'zh-CN' }));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('类别')).toBe('产品质量');
    expect(cell('状态')).toBe('已结案');
    expect(cell('渠道')).toBe('网站表单');
    expect(cell('部门')).toBe('quality');
  });

  it('leaves what has not happened yet empty, and says yes/no in the staff language', () => {
    const fresh = complaint({ sla: undefined, followUp: undefined, relatedComplaints: undefined });
    delete fresh.reopenCount;
    const [header, row] = read(renderExportCsv([fresh], { timeZone: TZ, locale: 'zh-CN' }));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('首次响应时间 (Asia/Shanghai)')).toBe('');
    expect(cell('总体满意度')).toBe('');
    expect(cell('升级级别')).toBe('0');
    expect(cell('重复投诉')).toBe('否');
    expect(cell('重开次数')).toBe('0');
  });

  it('never carries the customer’s name, email or phone, nor the complaint’s or resolution’s free texts', () => {
    // A whole complaint item, as a mistaken read would hand over: only the columns' fields come out.
    const withCustomer = {
      ...complaint(),
      customer: { name: '王晓明', email: 'wang@example.com', phone: '+86 138 0013 8000' },
      description: '我家的水壶在厨房漏水，烫伤了孩子',
      desiredOutcome: '全额退款',
      resolution: {
        rootCause: 'logistics' as const,
        summary: '已与王先生电话沟通并退款',
        nextSteps: '上门回访',
      },
    };
    const csv = renderExportCsv([withCustomer], { timeZone: TZ, locale: 'zh-CN' });
    for (const secret of ['王晓明', 'wang@example.com', '138 0013', '烫伤', '全额退款', '王先生', '上门回访'])
      expect(csv).not.toContain(secret);
    expect(csv).toContain('logistics');
  });

  it('quotes commas, quotes and line breaks (RFC 4180, CRLF records) so every field reads back whole', () => {
    const subject = '漏水, "严重"\r\n第二行';
    const csv = renderExportCsv([complaint({ subject })], { timeZone: TZ, locale: 'en' });
    expect(csv).toContain('"漏水, ""严重""\r\n第二行"');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).not.toContain('\n');
    expect(read(csv)[1]?.[3]).toBe(subject);
  });

  it('defuses cells a spreadsheet would run as a formula (= + - @ tab CR) with a leading apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const subject = `${start}HYPERLINK("http://evil.example","点我")`;
      const [, row] = read(renderExportCsv([complaint({ subject })], { timeZone: TZ, locale: 'en' }));
      expect(row?.[3]).toBe(`'${subject}`);
    }
    const [, safe] = read(renderExportCsv([complaint({ subject: 'a=b' })], { timeZone: TZ, locale: 'en' }));
    expect(safe?.[3]).toBe('a=b');
  });

  it('keeps a full page of the largest possible rows under the body limit, JSON-encoded as Lambda returns it', () => {
    // Subjects are at most 200 characters (one line): quotes double in CSV and again in JSON; a
    // 4-byte character is the most UTF-8 per character.
    const action = (description: string) =>
      ({
        description,
        ownerName: description.slice(0, 100),
        dueDate: '2026-12-15',
        status: 'in-progress',
      }) as const;
    const worst = [
      complaint({ subject: '"'.repeat(200), correctiveAction: action('"'.repeat(2000)) }),
      complaint({ subject: '\u{20000}'.repeat(200), correctiveAction: action('\u{20000}'.repeat(2000)) }),
    ];
    for (const row of worst) {
      const page = renderExportCsv(
        Array.from({ length: EXPORT_PAGE_ROWS }, () => row),
        {
          timeZone: TZ,
          locale: 'zh-CN',
        },
      );
      expect(Buffer.byteLength(JSON.stringify({ body: page }), 'utf8')).toBeLessThan(MAX_EXPORT_BODY_BYTES);
    }
  });
});

describe('exportRange', () => {
  it('turns days in the policy time zone into UTC instants and the UTC days they touch', () => {
    const november = exportRange('2026-11-01', '2026-11-30', TZ);
    expect(november.first).toBe('2026-10-31T16:00:00.000Z');
    expect(november.last).toBe('2026-11-30T15:59:59.999Z');
    // Shanghai's 1–30 November are UTC's 31 October 16:00 to 30 November 16:00: 31 UTC days.
    expect(november.days).toHaveLength(31);
    expect([november.days[0], november.days[1], november.days.at(-1)]).toEqual([
      '2026-10-31',
      '2026-11-01',
      '2026-11-30',
    ]);
    expect(exportRange('2026-12-31', '2027-01-01', 'UTC').days).toEqual(['2026-12-31', '2027-01-01']);
    expect(exportRange('2026-11-23', '2026-11-23', TZ).days).toEqual(['2026-11-22', '2026-11-23']);
  });

  it('accepts only positions inside the range', () => {
    const range = exportRange('2026-11-01', '2026-11-30', TZ);
    const after = { submittedAt: '2026-11-10T00:00:00.000Z', id: '01KAQ00000000000000000000A' };
    expect(positionWithin({ day: '2026-10-31' }, range)).toBe(true);
    expect(positionWithin({ day: '2026-11-10', after }, range)).toBe(true);
    expect(positionWithin({ day: '2026-12-01' }, range)).toBe(false);
    expect(positionWithin({ day: '2026-11-11', after }, range)).toBe(false);
    expect(
      positionWithin(
        { day: '2026-11-30', after: { ...after, submittedAt: '2026-11-30T16:00:00.000Z' } },
        range,
      ),
    ).toBe(false);
  });
});
