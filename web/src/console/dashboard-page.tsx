import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KpiReport, Period, ReportDimension } from '../../../functions/domain/kpi-report.ts';
import { loadConfig } from '../shared/config.ts';
import { untypedProblem, type Problem } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import { currentSession } from './auth.ts';
import { ParetoTable } from './pareto-table.tsx';
import { useConsoleLocale } from './console-locale.ts';
import { useDirectory } from './directory.ts';
import { exportUrl, joinCsvPages, nextPageUrl } from './csv-export.ts';
import { SurgeBanner } from './incident-pages.tsx';
import { CalendarYearsBanner } from './calendar-banner.tsx';
import { KpiTable } from './kpi-table.tsx';
import { staffApi } from './staff-api.ts';

use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const DIMENSIONS: readonly ReportDimension[] = ['category', 'channel', 'department', 'severity'];
const PERIODS: readonly Period[] = ['day', 'week', 'month'];
const RATES = new Set(['resolutionRate', 'satisfactionRate', 'repeatRate', 'escalationRate']);

const show = (kpi: string, value: number | null) =>
  value === null
    ? '—'
    : RATES.has(kpi)
      ? `${(value * 100).toFixed(1)} %`
      : value.toFixed(kpi === 'csat' ? 2 : 1);

// The viewer's own calendar day (en-CA formats as YYYY-MM-DD); reports count business days, not UTC ones.
const isoDay = (date: Date) => date.toLocaleDateString('en-CA');

const Chart = ({ option, label }: { option: EChartsCoreOption; label: string }) => {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current);
    chart.setOption({ aria: { enabled: true }, tooltip: { trigger: 'axis' }, legend: {}, ...option });
    const resize = () => chart.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div class="chart" ref={element} role="img" aria-label={label} />;
};

/** Report groups are codes (category, channel, severity) or department ids: shown as words. */
const GROUP_LABELS = { category: 'category', channel: 'channel', severity: 'severity' } as const;

export const DashboardPage = () => {
  const cl = useConsoleLocale();
  const d = cl.t.dashboard;
  const names = useDirectory(cl.locale);
  const groupName = (group: string) =>
    by === 'department' ? names.department(group) : cl.label(GROUP_LABELS[by], group);
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [by, setBy] = useState<ReportDimension>('category');
  const [period, setPeriod] = useState<Period>('day');
  const [total, setTotal] = useState<KpiReport | undefined>();
  const [grouped, setGrouped] = useState<KpiReport | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();

  useEffect(() => {
    // A later range may answer before an earlier one: only the newest request may set the figures.
    let current = true;
    const range = `from=${from}&to=${to}&groupBy=${period}`;
    void Promise.all([
      staffApi<KpiReport>(`/v1/staff/reports/kpis?${range}`),
      staffApi<KpiReport>(`/v1/staff/reports/kpis?${range}&by=${by}`),
    ]).then(([all, split]) => {
      if (!current) return;
      if (!all.ok) return setProblem(all.problem);
      if (!split.ok) return setProblem(split.problem);
      setProblem(undefined);
      setTotal(all.body);
      setGrouped(split.body);
    });
    return () => {
      current = false;
    };
  }, [from, to, by, period]);

  /**
   * The CSV needs the bearer token, so it is fetched and handed to the browser as a file. A long
   * export comes in pages (`Link: rel="next"`): every page is fetched and joined into one file.
   */
  const exportCsv = async () => {
    const { apiUrl } = await loadConfig();
    const base = apiUrl || window.location.origin;
    const pages: string[] = [];
    let next: string | undefined = exportUrl(base, from, to, cl.locale);
    while (next) {
      const response: Response = await fetch(next, {
        headers: { authorization: `Bearer ${currentSession()?.token ?? ''}` },
      });
      if (!response.ok) return setProblem(untypedProblem(d.exportFailed, response.status));
      pages.push(await response.text());
      next = nextPageUrl(response.headers.get('link'), base);
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([joinCsvPages(pages)], { type: 'text/csv;charset=utf-8' }));
    link.download = `complaints-${from}-${to}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const periods = total?.series.map((point) => point.period) ?? [];
  return (
    <>
      <h1>{d.title}</h1>
      <SurgeBanner />
      <CalendarYearsBanner link />
      <form class="filters" aria-label={d.rangeLabel} onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="d-from">{d.from}</label>
          <input
            id="d-from"
            type="date"
            value={from}
            onChange={(event) => setFrom(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="d-to">{d.to}</label>
          <input id="d-to" type="date" value={to} onChange={(event) => setTo(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="d-by">{d.by}</label>
          <select
            id="d-by"
            value={by}
            onChange={(event) => setBy(event.currentTarget.value as ReportDimension)}
          >
            {DIMENSIONS.map((dimension) => (
              <option key={dimension} value={dimension}>
                {d.dimensions[dimension]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="d-period">{d.period}</label>
          <select
            id="d-period"
            value={period}
            onChange={(event) => setPeriod(event.currentTarget.value as Period)}
          >
            {PERIODS.map((option) => (
              <option key={option} value={option}>
                {d.periods[option]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" class="secondary" onClick={() => void exportCsv()}>
          {d.export}
        </button>
      </form>
      {problem && (
        <Alert kind="error">
          {problem.status === 404
            ? d.missing
            : problem.status === 403
              ? d.forbidden
              : `${problem.title} (${problem.status})`}
        </Alert>
      )}
      {total && (
        <>
          <div class="grid" data-testid="kpis">
            <div class="card">
              <div>{cl.t.kpiTable.rows.volume}</div>
              <strong data-card="volume">{total.total.volume}</strong>
            </div>
            <div class="card">
              <div>{d.openNow}</div>
              <strong>
                {total.now.backlog} / {total.now.overdue}
              </strong>
            </div>
            {total.total.targets.map((target) => (
              <div class="card" key={target.kpi}>
                <div>{d.kpis[target.kpi] ?? target.kpi}</div>
                <strong data-card={target.kpi}>{show(target.kpi, target.value)}</strong>{' '}
                <span class={`badge ${target.met === false ? 'overdue' : target.met ? 'ok' : ''}`}>
                  {d.target(target.comparator, show(target.kpi, target.target))}
                  {target.met === null ? '' : target.met ? d.met : d.missed}
                </span>
              </div>
            ))}
          </div>
          <KpiTable kpis={total.total} />
          <h2>{d.trend}</h2>
          <Chart
            label={d.trendChart(d.periods[period] ?? period)}
            option={{
              xAxis: { type: 'category', data: periods },
              yAxis: [
                { type: 'value', name: d.complaints },
                { type: 'value', name: '%', max: 100 },
              ],
              series: [
                { name: d.received, type: 'bar', data: total.series.map((point) => point.kpis.volume) },
                {
                  name: d.resolutionRatePct,
                  type: 'line',
                  yAxisIndex: 1,
                  data: total.series.map((point) =>
                    point.kpis.resolutionRate === null ? null : point.kpis.resolutionRate * 100,
                  ),
                },
                {
                  name: d.firstResponseOnTimePct,
                  type: 'line',
                  yAxisIndex: 1,
                  data: total.series.map((point) =>
                    point.kpis.firstResponse.onTimeRate === null
                      ? null
                      : point.kpis.firstResponse.onTimeRate * 100,
                  ),
                },
              ],
            }}
          />
        </>
      )}
      {grouped && (
        <>
          <h2>{d.byTitle(d.dimensions[by] ?? by)}</h2>
          <Chart
            label={d.byChart(d.dimensions[by] ?? by)}
            option={{
              xAxis: { type: 'category', data: grouped.groups.map((group) => groupName(group.group)) },
              yAxis: { type: 'value' },
              series: [
                { name: d.received, type: 'bar', data: grouped.groups.map((group) => group.kpis.volume) },
              ],
            }}
          />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{d.dimensions[by]}</th>
                  <th scope="col">{d.received}</th>
                  <th scope="col">{d.resolutionRate}</th>
                  <th scope="col">{d.satisfaction}</th>
                  <th scope="col">{d.meanResolution}</th>
                </tr>
              </thead>
              <tbody>
                {grouped.groups.map((group) => (
                  <tr key={group.group}>
                    <th scope="row">{groupName(group.group)}</th>
                    <td>{group.kpis.volume}</td>
                    <td>{show('resolutionRate', group.kpis.resolutionRate)}</td>
                    <td>{show('satisfactionRate', group.kpis.satisfactionRate)}</td>
                    <td>{show('resolutionMeanHours', group.kpis.resolution.meanHours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {total?.rootCauses && <ParetoTable rootCauses={total.rootCauses} />}
      {total?.incidents && total.incidents.incidents > 0 && (
        <>
          <h2>{cl.t.incidents.perIncident(total.incidents.linkedComplaints, total.incidents.incidents)}</h2>
          <div class="table-wrap">
            <table data-testid="incident-figures">
              <thead>
                <tr>
                  <th scope="col">{cl.t.incidents.incident}</th>
                  <th scope="col">{cl.t.incidents.status}</th>
                  <th scope="col">{cl.t.incidents.linked}</th>
                </tr>
              </thead>
              <tbody>
                {total.incidents.rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <a href={`#/incident/${encodeURIComponent(row.id)}`}>{row.title}</a>
                    </th>
                    <td>{cl.label('incidentStatus', row.status)}</td>
                    <td>{row.complaints}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
};
