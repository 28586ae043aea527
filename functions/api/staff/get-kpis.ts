import { complaintsPerIncident } from '../../domain/incident.ts';
import { buildKpiReport, canReadReports, reportDay } from '../../domain/kpi-report.ts';
import { listIncidents } from '../../app/read-incidents.ts';
import { incidentStore } from '../../adapters/incident-repository.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { readCounterRows, readGauges } from '../../adapters/kpi-store.ts';
import { currentPolicy } from '../../adapters/policy-source.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse, problems } from '../http/problem.ts';
import { forbidden, requireStaff } from '../http/staff-auth.ts';
import { kpiQuerySchema } from './report-schemas.ts';

/**
 * GET /v1/staff/reports/kpis — every KPI for a date range, by day/week/month and optionally by a
 * dimension, read from the stream-maintained counters: O(days × groups) items, never the complaints.
 */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  if (!canReadReports(principal)) throw forbidden('Reports are for managers and administrators.');
  const parsed = kpiQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const query = parsed.data;
  const { policy } = currentPolicy();
  const [totalRows, groupRows, totalGauges, groupGauges, incidents] = await Promise.all([
    readCounterRows('all', query.from, query.to),
    query.by ? readCounterRows(query.by, query.from, query.to) : Promise.resolve([]),
    readGauges('all'),
    query.by ? readGauges(query.by) : Promise.resolve([]),
    listIncidents({ incidents: incidentStore }),
  ]);
  // Complaints per incident: the incidents opened in the range (business days), a handful each month.
  const inRange = incidents.filter((incident) => {
    const day = reportDay(incident.createdAt, policy.calendar.timeZone);
    return day >= query.from && day <= query.to;
  });
  const report = buildKpiReport(query, policy.calendar.timeZone, policy.kpiTargets, totalRows, groupRows, [
    ...totalGauges,
    ...groupGauges,
  ]);
  return jsonResponse(200, {
    ...report,
    incidents: {
      ...complaintsPerIncident(inRange),
      rows: inRange.map(({ id, title, status, complaintIds }) => ({
        id,
        title,
        status,
        complaints: complaintIds.length,
      })),
    },
  });
});
