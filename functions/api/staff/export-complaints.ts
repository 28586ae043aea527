import { canReadReports } from '../../domain/kpi-report.ts';
import { exportRange, positionWithin, renderExportCsv } from '../../domain/complaint-export.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { readSubmittedComplaints } from '../../adapters/export-repository.ts';
import { currentPolicy } from '../../adapters/policy-source.ts';
import { httpHandler } from '../http/middleware.ts';
import { problems } from '../http/problem.ts';
import { forbidden, requireStaff } from '../http/staff-auth.ts';
import { complaintExportQuerySchema, encodeExportCursor } from './report-schemas.ts';
import { recordAccessOrRefuse } from './record-access.ts';

const PATH = '/v1/staff/reports/complaints.csv';

/**
 * GET /v1/staff/reports/complaints.csv — the complaints received from `from` to `to` (policy time
 * zone), oldest first, one page of at most `limit` rows per response; a `Link: <…>; rel="next"`
 * header leads to the rest (a Lambda behind an HTTP API cannot stream its answer).
 */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  if (!canReadReports(principal)) throw forbidden('Reports are for managers and administrators.');
  const parsed = complaintExportQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const { from, to, limit, cursor, lang } = parsed.data;
  const { policy } = currentPolicy();
  const range = exportRange(from, to, policy.calendar.timeZone);
  const position = cursor ?? { day: range.days[0]! };
  if (!positionWithin(position, range)) {
    throw problems.validation([{ field: 'cursor', message: 'belongs to another date range' }]);
  }
  const { complaints, next } = await readSubmittedComplaints(range, position, limit);
  await recordAccessOrRefuse(principal, {
    kind: 'export',
    export: { from, to, rows: complaints.length, complaintIds: complaints.map((complaint) => complaint.id) },
  });
  const headers: Record<string, string> = {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="complaints-${from}-${to}.csv"`,
    'cache-control': 'no-store',
  };
  if (next) {
    const query = new URLSearchParams({
      from,
      to,
      limit: String(limit),
      cursor: encodeExportCursor({ from, to, ...next }),
      ...(lang ? { lang } : {}),
    });
    headers.link = `<${PATH}?${query.toString()}>; rel="next"`;
  }
  return {
    statusCode: 200,
    headers,
    body: renderExportCsv(complaints, {
      timeZone: policy.calendar.timeZone,
      locale: lang ?? policy.staffLocale,
      departmentNames: Object.fromEntries(
        Object.entries(policy.departments).map(([id, department]) => [id, department.name]),
      ),
    }),
  };
});
