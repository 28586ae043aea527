import type { DurationKpi, Kpis } from '../../../functions/domain/kpi-report.ts';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
const hours = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} h`);
const rating = (value: number | null) => (value === null ? '—' : value.toFixed(2));

interface Row {
  kpi: string;
  label: string;
  value: string;
}

const durationRows = (kpi: string, label: string, duration: DurationKpi): Row[] => [
  { kpi: `${kpi}.count`, label: `${label}: measured`, value: String(duration.count) },
  { kpi: `${kpi}.mean`, label: `${label}: mean`, value: hours(duration.meanHours) },
  { kpi: `${kpi}.median`, label: `${label}: median`, value: hours(duration.medianHours) },
  { kpi: `${kpi}.p90`, label: `${label}: 90th percentile`, value: hours(duration.p90Hours) },
  { kpi: `${kpi}.onTime`, label: `${label}: on time`, value: percent(duration.onTimeRate) },
];

/** Every KPI of the report for the whole range, one row each (the cards above show the targets). */
const rowsOf = (kpis: Kpis): Row[] => [
  { kpi: 'volume', label: 'Complaints received', value: String(kpis.volume) },
  { kpi: 'rejected', label: 'Rejected', value: String(kpis.rejected) },
  ...durationRows('firstResponse', 'First response', kpis.firstResponse),
  ...durationRows('resolution', 'Resolution', kpis.resolution),
  { kpi: 'resolutionRate', label: 'Resolution rate', value: percent(kpis.resolutionRate) },
  { kpi: 'fullyResolvedRate', label: 'Fully resolved', value: percent(kpis.fullyResolvedRate) },
  { kpi: 'surveysSent', label: 'Surveys sent', value: String(kpis.surveysSent) },
  { kpi: 'surveysAnswered', label: 'Surveys answered', value: String(kpis.surveysAnswered) },
  { kpi: 'surveyResponseRate', label: 'Survey response rate', value: percent(kpis.surveyResponseRate) },
  { kpi: 'satisfactionRate', label: 'Satisfaction rate (4–5)', value: percent(kpis.satisfactionRate) },
  { kpi: 'csat', label: 'CSAT overall (1–5)', value: rating(kpis.csat) },
  { kpi: 'csatProcess', label: 'CSAT process (1–5)', value: rating(kpis.csatProcess) },
  { kpi: 'csatResult', label: 'CSAT result (1–5)', value: rating(kpis.csatResult) },
  { kpi: 'repeatRate', label: 'Repeat complaints', value: percent(kpis.repeatRate) },
  { kpi: 'escalation.level1', label: 'Escalated to supervisor', value: percent(kpis.escalationRate.level1) },
  {
    kpi: 'escalation.level2',
    label: 'Escalated to department head',
    value: percent(kpis.escalationRate.level2),
  },
  {
    kpi: 'escalation.level3',
    label: 'Escalated to senior management',
    value: percent(kpis.escalationRate.level3),
  },
  { kpi: 'reopenRate', label: 'Reopened', value: percent(kpis.reopenRate) },
];

export const KpiTable = ({ kpis }: { kpis: Kpis }) => (
  <div class="table-wrap">
    <table data-testid="kpi-table">
      <caption>All figures for the range</caption>
      <tbody>
        {rowsOf(kpis).map((row) => (
          <tr key={row.kpi}>
            <th scope="row">{row.label}</th>
            <td data-kpi={row.kpi}>{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
