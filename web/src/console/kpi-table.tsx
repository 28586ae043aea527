import type { DurationKpi, Kpis } from '../../../functions/domain/kpi-report.ts';
import { useConsoleLocale } from './console-locale.ts';
import type { ConsoleMessages } from './messages-en.ts';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
const rating = (value: number | null) => (value === null ? '—' : value.toFixed(2));

interface Row {
  kpi: string;
  label: string;
  value: string;
}

type Words = ConsoleMessages['kpiTable'];

const durationRows = (w: Words, kpi: 'firstResponse' | 'resolution', duration: DurationKpi): Row[] => {
  const label = w.rows[kpi];
  const hours = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} ${w.hours}`);
  return [
    { kpi: `${kpi}.count`, label: w.part(label, w.measured), value: String(duration.count) },
    { kpi: `${kpi}.mean`, label: w.part(label, w.mean), value: hours(duration.meanHours) },
    { kpi: `${kpi}.median`, label: w.part(label, w.median), value: hours(duration.medianHours) },
    { kpi: `${kpi}.p90`, label: w.part(label, w.p90), value: hours(duration.p90Hours) },
    { kpi: `${kpi}.onTime`, label: w.part(label, w.onTime), value: percent(duration.onTimeRate) },
  ];
};

/** Every KPI of the report for the whole range, one row each (the cards above show the targets). */
const rowsOf = (w: Words, kpis: Kpis): Row[] => {
  const r = w.rows;
  return [
    { kpi: 'volume', label: r.volume, value: String(kpis.volume) },
    { kpi: 'rejected', label: r.rejected, value: String(kpis.rejected) },
    ...durationRows(w, 'firstResponse', kpis.firstResponse),
    ...durationRows(w, 'resolution', kpis.resolution),
    { kpi: 'resolutionRate', label: r.resolutionRate, value: percent(kpis.resolutionRate) },
    { kpi: 'fullyResolvedRate', label: r.fullyResolvedRate, value: percent(kpis.fullyResolvedRate) },
    { kpi: 'surveysSent', label: r.surveysSent, value: String(kpis.surveysSent) },
    { kpi: 'surveysAnswered', label: r.surveysAnswered, value: String(kpis.surveysAnswered) },
    { kpi: 'surveyResponseRate', label: r.surveyResponseRate, value: percent(kpis.surveyResponseRate) },
    { kpi: 'satisfactionRate', label: r.satisfactionRate, value: percent(kpis.satisfactionRate) },
    { kpi: 'csat', label: r.csat, value: rating(kpis.csat) },
    { kpi: 'csatProcess', label: r.csatProcess, value: rating(kpis.csatProcess) },
    { kpi: 'csatResult', label: r.csatResult, value: rating(kpis.csatResult) },
    { kpi: 'repeatRate', label: r.repeatRate, value: percent(kpis.repeatRate) },
    { kpi: 'recordedLate', label: r.recordedLate, value: String(kpis.recordedLate) },
    { kpi: 'recordedLateRate', label: r.recordedLateRate, value: percent(kpis.recordedLateRate) },
    { kpi: 'escalation.level1', label: r.level1, value: percent(kpis.escalationRate.level1) },
    { kpi: 'escalation.level2', label: r.level2, value: percent(kpis.escalationRate.level2) },
    { kpi: 'escalation.level3', label: r.level3, value: percent(kpis.escalationRate.level3) },
    { kpi: 'reopenRate', label: r.reopenRate, value: percent(kpis.reopenRate) },
  ];
};

export const KpiTable = ({ kpis }: { kpis: Kpis }) => {
  const w = useConsoleLocale().t.kpiTable;
  return (
    <div class="table-wrap">
      <table data-testid="kpi-table">
        <caption>{w.caption}</caption>
        <tbody>
          {rowsOf(w, kpis).map((row) => (
            <tr key={row.kpi}>
              <th scope="row">{row.label}</th>
              <td data-kpi={row.kpi}>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
