import { DateTime } from 'luxon';
import { complaintIdSchema } from '../../domain/complaint.ts';
import { EXPORT_PAGE_ROWS } from '../../domain/complaint-export.ts';
import { PERIODS, REPORT_DIMENSIONS } from '../../domain/kpi-report.ts';
import { localeSchema } from '../../domain/vocabulary-schemas.ts';
import * as z from '../../domain/zod.ts';

/** The longest range one report covers (two years of days). */
export const MAX_REPORT_DAYS = 731;

const day = z.iso.date();

/** `to` not before `from`, and at most MAX_REPORT_DAYS days in all. */
const checkRange = (query: { from: string; to: string }, ctx: z.core.$RefinementCtx) => {
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
    groupBy: z._default(z.enum(PERIODS), 'day'),
    by: z.optional(z.enum(REPORT_DIMENSIONS)),
  })
  .check(z.superRefine(checkRange));

/** Where an export continues: its range, and a position in it (opaque to clients: base64url JSON). */
const exportCursorContent = z.strictObject({
  from: day,
  to: day,
  day,
  after: z.optional(z.strictObject({ submittedAt: z.iso.datetime(), id: complaintIdSchema })),
});
export type ExportCursor = z.infer<typeof exportCursorContent>;

export const encodeExportCursor = (cursor: ExportCursor): string =>
  Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

const exportCursorSchema = z.pipe(
  z.string().check(z.maxLength(1000)),
  z.transform((value: string, ctx) => {
    try {
      const decoded = exportCursorContent.safeParse(
        JSON.parse(Buffer.from(value, 'base64url').toString('utf8')),
      );
      if (decoded.success) return decoded.data;
    } catch {
      // fall through
    }
    ctx.issues.push({ code: 'custom', message: 'is not a cursor returned by this API', input: value });
    return z.NEVER;
  }),
);

/** Query string of GET /v1/staff/reports/complaints.csv. */
export const complaintExportQuerySchema = z
  .strictObject({
    from: day,
    to: day,
    /** Rows per page; the last page is the one without a `Link: rel="next"` header. */
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(EXPORT_PAGE_ROWS)), EXPORT_PAGE_ROWS),
    cursor: z.optional(exportCursorSchema),
    /** The language of headers and cells; the policy's staff language when absent. */
    lang: z.optional(localeSchema),
  })
  .check(
    z.superRefine((query, ctx) => {
      checkRange(query, ctx);
      if (query.cursor && (query.cursor.from !== query.from || query.cursor.to !== query.to)) {
        ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'belongs to another date range' });
      }
    }),
  );

const rate = z.nullable(z.number().check(z.gte(0)));
const hours = z.nullable(z.number().check(z.gte(0)));

const durationKpiSchema = z.strictObject({
  count: z.int(),
  meanHours: hours,
  medianHours: hours,
  p90Hours: hours,
  onTimeRate: rate,
});

const kpisSchema = z.strictObject({
  volume: z.int(),
  rejected: z.int(),
  firstResponse: durationKpiSchema,
  resolution: durationKpiSchema,
  resolutionRate: rate,
  fullyResolvedRate: rate,
  satisfactionRate: rate,
  csat: z.nullable(z.number()),
  csatProcess: z.nullable(z.number()),
  csatResult: z.nullable(z.number()),
  surveyResponseRate: rate,
  surveysSent: z.int(),
  surveysAnswered: z.int(),
  repeatRate: rate,
  recordedLate: z.int(),
  recordedLateRate: rate,
  escalationRate: z.strictObject({ level1: rate, level2: rate, level3: rate }),
  reopenRate: rate,
  targets: z.array(
    z.strictObject({
      kpi: z.string(),
      value: z.nullable(z.number()),
      comparator: z.enum(['>=', '<=']),
      target: z.number(),
      met: z.nullable(z.boolean()),
    }),
  ),
});

/** Response of GET /v1/staff/reports/kpis (documented in the OpenAPI document). */
export const kpiReportSchema = z.strictObject({
  from: day,
  to: day,
  groupBy: z.enum(PERIODS),
  by: z.nullable(z.enum(REPORT_DIMENSIONS)),
  timeZone: z.string(),
  cohort: z.literal('submission-day'),
  percentiles: z.strictObject({
    method: z.literal('log-buckets'),
    bucketRatio: z.number(),
    relativeError: z.number(),
    absoluteErrorHours: z.number(),
  }),
  total: kpisSchema,
  rootCauses: z.strictObject({
    resolved: z.int(),
    byCause: z.array(
      z.strictObject({
        rootCause: z.string(),
        count: z.int(),
        share: z.number(),
        cumulativeShare: z.number(),
      }),
    ),
    byCauseAndProduct: z.array(
      z.strictObject({
        rootCause: z.string(),
        product: z.string(),
        count: z.int(),
        share: z.number(),
        cumulativeShare: z.number(),
      }),
    ),
  }),
  groups: z.array(z.strictObject({ group: z.string(), kpis: kpisSchema })),
  series: z.array(z.strictObject({ period: z.string(), group: z.nullable(z.string()), kpis: kpisSchema })),
  now: z.strictObject({
    backlog: z.int(),
    overdue: z.int(),
    groups: z.array(z.strictObject({ group: z.string(), backlog: z.int(), overdue: z.int() })),
  }),
  /** Incidents opened in the range and the complaints linked to them (domain/incident.ts). */
  incidents: z.optional(
    z.strictObject({
      incidents: z.int(),
      linkedComplaints: z.int(),
      meanPerIncident: z.nullable(z.number()),
      maxPerIncident: z.nullable(z.int()),
      rows: z.array(
        z.strictObject({ id: z.string(), title: z.string(), status: z.string(), complaints: z.int() }),
      ),
    }),
  ),
});
