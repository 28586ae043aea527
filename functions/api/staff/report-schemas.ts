import { DateTime } from 'luxon';
import * as z from 'zod';
import { complaintIdSchema } from '../../domain/complaint.ts';
import { EXPORT_PAGE_ROWS } from '../../domain/complaint-export.ts';
import { PERIODS, REPORT_DIMENSIONS } from '../../domain/kpi-report.ts';

/** The longest range one report covers (two years of days). */
export const MAX_REPORT_DAYS = 731;

const day = z.iso.date();

/** `to` not before `from`, and at most MAX_REPORT_DAYS days in all. */
const checkRange = (query: { from: string; to: string }, ctx: z.RefinementCtx) => {
  const days = DateTime.fromISO(query.to).diff(DateTime.fromISO(query.from), 'days').days;
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  if (days >= MAX_REPORT_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range may span at most ${MAX_REPORT_DAYS} days`,
    });
  }
};

/** Query string of GET /v1/staff/reports/kpis. */
export const kpiQuerySchema = z
  .strictObject({
    from: day,
    to: day,
    groupBy: z.enum(PERIODS).default('day'),
    by: z.enum(REPORT_DIMENSIONS).optional(),
  })
  .superRefine(checkRange);

/** Where an export continues: its range, and a position in it (opaque to clients: base64url JSON). */
const exportCursorContent = z.strictObject({
  from: day,
  to: day,
  month: z.string().regex(/^\d{4}-\d{2}$/u),
  after: z.strictObject({ submittedAt: z.iso.datetime(), id: complaintIdSchema }).optional(),
});
export type ExportCursor = z.infer<typeof exportCursorContent>;

export const encodeExportCursor = (cursor: ExportCursor): string =>
  Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

const exportCursorSchema = z
  .string()
  .max(1000)
  .transform((value, ctx) => {
    try {
      const decoded = exportCursorContent.safeParse(
        JSON.parse(Buffer.from(value, 'base64url').toString('utf8')),
      );
      if (decoded.success) return decoded.data;
    } catch {
      // fall through
    }
    ctx.addIssue({ code: 'custom', message: 'is not a cursor returned by this API' });
    return z.NEVER;
  });

/** Query string of GET /v1/staff/reports/complaints.csv. */
export const complaintExportQuerySchema = z
  .strictObject({
    from: day,
    to: day,
    /** Rows per page; the last page is the one without a `Link: rel="next"` header. */
    limit: z.coerce.number().int().min(1).max(EXPORT_PAGE_ROWS).default(EXPORT_PAGE_ROWS),
    cursor: exportCursorSchema.optional(),
  })
  .superRefine((query, ctx) => {
    checkRange(query, ctx);
    if (query.cursor && (query.cursor.from !== query.from || query.cursor.to !== query.to)) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'belongs to another date range' });
    }
  });

const rate = z.number().min(0).nullable();
const hours = z.number().min(0).nullable();

const durationKpiSchema = z.strictObject({
  count: z.number().int(),
  meanHours: hours,
  medianHours: hours,
  p90Hours: hours,
  onTimeRate: rate,
});

const kpisSchema = z.strictObject({
  volume: z.number().int(),
  rejected: z.number().int(),
  firstResponse: durationKpiSchema,
  resolution: durationKpiSchema,
  resolutionRate: rate,
  fullyResolvedRate: rate,
  satisfactionRate: rate,
  csat: z.number().nullable(),
  csatProcess: z.number().nullable(),
  csatResult: z.number().nullable(),
  surveyResponseRate: rate,
  surveysSent: z.number().int(),
  surveysAnswered: z.number().int(),
  repeatRate: rate,
  escalationRate: z.strictObject({ level1: rate, level2: rate, level3: rate }),
  reopenRate: rate,
  targets: z.array(
    z.strictObject({
      kpi: z.string(),
      value: z.number().nullable(),
      comparator: z.enum(['>=', '<=']),
      target: z.number(),
      met: z.boolean().nullable(),
    }),
  ),
});

/** Response of GET /v1/staff/reports/kpis (documented in the OpenAPI document). */
export const kpiReportSchema = z.strictObject({
  from: day,
  to: day,
  groupBy: z.enum(PERIODS),
  by: z.enum(REPORT_DIMENSIONS).nullable(),
  timeZone: z.string(),
  cohort: z.literal('submission-day'),
  percentiles: z.strictObject({
    method: z.literal('log-buckets'),
    bucketRatio: z.number(),
    relativeError: z.number(),
    absoluteErrorHours: z.number(),
  }),
  total: kpisSchema,
  groups: z.array(z.strictObject({ group: z.string(), kpis: kpisSchema })),
  series: z.array(z.strictObject({ period: z.string(), group: z.string().nullable(), kpis: kpisSchema })),
  now: z.strictObject({
    backlog: z.number().int(),
    overdue: z.number().int(),
    groups: z.array(
      z.strictObject({ group: z.string(), backlog: z.number().int(), overdue: z.number().int() }),
    ),
  }),
});
