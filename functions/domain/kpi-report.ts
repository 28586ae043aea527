import { DateTime } from 'luxon';
import type { Complaint } from './complaint.ts';
import {
  PERCENTILE_ABSOLUTE_ERROR_SECONDS,
  PERCENTILE_RELATIVE_ERROR,
  BUCKET_RATIO,
  percentile,
  type Histogram,
} from './duration-histogram.ts';
import {
  FIRST_RESPONSE_BUCKET_PREFIX,
  RESOLUTION_BUCKET_PREFIX,
  ROOT_CAUSE_PREFIX,
  ROOT_CAUSE_PRODUCT_PREFIX,
  type Counters,
} from './kpi-counters.ts';
import type { KpiTargets } from './policy.ts';
import type { StaffPrincipal, StaffRole } from './staff.ts';

/** The dimensions a report can be broken down by; `all` is the undivided total. */
export const REPORT_DIMENSIONS = ['channel', 'category', 'severity', 'department'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];
export const PERIODS = ['day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];

/** Value of a group with no grade yet (cannot happen after triage; kept for old data). */
export const UNKNOWN_GROUP = 'unknown';

/** The counter groups a complaint adds to: the total and one value per dimension. */
export const reportGroups = (
  complaint: Pick<Complaint, 'channel' | 'preliminaryGrade'>,
): { dimension: ReportDimension | 'all'; value: string }[] => {
  // The preliminary grade never changes, so a complaint's figures never move between groups.
  const grade = complaint.preliminaryGrade;
  return [
    { dimension: 'all', value: 'all' },
    { dimension: 'channel', value: complaint.channel },
    { dimension: 'category', value: grade?.category ?? UNKNOWN_GROUP },
    { dimension: 'severity', value: grade?.severity ?? UNKNOWN_GROUP },
    { dimension: 'department', value: grade?.department ?? UNKNOWN_GROUP },
  ];
};

/** The business day (calendar time zone) a complaint's counters are kept under. */
export const reportDay = (submittedAt: string, timeZone: string): string =>
  DateTime.fromISO(submittedAt, { zone: 'utc' }).setZone(timeZone).toISODate()!;

/** The period a day falls in: the day, its ISO week (2026-W48) or its month (2026-11). */
export const periodOf = (day: string, period: Period): string => {
  if (period === 'day') return day;
  if (period === 'month') return day.slice(0, 7);
  return DateTime.fromISO(day, { zone: 'utc' }).toFormat("kkkk-'W'WW");
};

/** One stored counter item: a day and a group. */
export interface CounterRow {
  day: string;
  value: string;
  counters: Counters;
}

const sumInto = (target: Counters, source: Counters) => {
  for (const [name, amount] of Object.entries(source)) target[name] = (target[name] ?? 0) + amount;
};

const histogramOf = (counters: Counters, prefix: string): Histogram => {
  const buckets = new Map<number, number>();
  for (const [name, count] of Object.entries(counters)) {
    if (name.startsWith(prefix) && count > 0) buckets.set(Number(name.slice(prefix.length)), count);
  }
  return buckets;
};

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;
const hours = (seconds: number | undefined | null): number | null =>
  seconds === undefined || seconds === null ? null : seconds / 3600;

export interface DurationKpi {
  count: number;
  meanHours: number | null;
  medianHours: number | null;
  p90Hours: number | null;
  onTimeRate: number | null;
}

export interface TargetCheck {
  kpi: keyof KpiTargets;
  value: number | null;
  comparator: '>=' | '<=';
  target: number;
  /** null when there is nothing to judge yet (no data). */
  met: boolean | null;
}

export interface Kpis {
  volume: number;
  rejected: number;
  firstResponse: DurationKpi;
  resolution: DurationKpi;
  /** Resolved (fully or partly) ÷ received less rejected. */
  resolutionRate: number | null;
  fullyResolvedRate: number | null;
  /** Survey answers rating 4–5 overall ÷ answers. */
  satisfactionRate: number | null;
  /** Mean overall rating (1–5), and its process and result parts. */
  csat: number | null;
  csatProcess: number | null;
  csatResult: number | null;
  surveyResponseRate: number | null;
  surveysSent: number;
  surveysAnswered: number;
  /** Complaints linked to an earlier one of the same customer and category ÷ received. */
  repeatRate: number | null;
  /** Complaints staff recorded later than the policy's recordWithin after receipt, and their share. */
  recordedLate: number;
  recordedLateRate: number | null;
  /** Share of complaints reaching each escalation level (level 3 = senior management). */
  escalationRate: { level1: number | null; level2: number | null; level3: number | null };
  /** Complaints reopened at least once ÷ resolved. */
  reopenRate: number | null;
  targets: TargetCheck[];
}

const durationKpi = (counters: Counters, prefix: 'fr' | 'rs', bucketPrefix: string): DurationKpi => {
  const count = counters[`${prefix}Count`] ?? 0;
  const histogram = histogramOf(counters, bucketPrefix);
  return {
    count,
    meanHours: hours(ratio(counters[`${prefix}Seconds`] ?? 0, count)),
    medianHours: hours(percentile(histogram, 0.5)),
    p90Hours: hours(percentile(histogram, 0.9)),
    onTimeRate: ratio(counters[`${prefix}OnTime`] ?? 0, count),
  };
};

const check = (targets: KpiTargets, kpi: keyof KpiTargets, value: number | null): TargetCheck => {
  const target = targets[kpi];
  const [comparator, limit] =
    'atLeast' in target ? (['>=', target.atLeast] as const) : (['<=', target.atMost] as const);
  return {
    kpi,
    value,
    comparator,
    target: limit,
    met: value === null ? null : comparator === '>=' ? value >= limit : value <= limit,
  };
};

/** Every KPI of one set of summed counters, with the policy's targets and whether each is met. */
export const computeKpis = (counters: Counters, targets: KpiTargets): Kpis => {
  const c = (name: string) => counters[name] ?? 0;
  const received = c('received');
  const answered = c('surveysAnswered');
  const resolved = c('rsCount');
  const firstResponse = durationKpi(counters, 'fr', FIRST_RESPONSE_BUCKET_PREFIX);
  const resolution = durationKpi(counters, 'rs', RESOLUTION_BUCKET_PREFIX);
  const kpis: Omit<Kpis, 'targets'> = {
    volume: received,
    rejected: c('rejected'),
    firstResponse,
    resolution,
    resolutionRate: ratio(resolved, received - c('rejected')),
    fullyResolvedRate: ratio(resolved - c('rsPartly'), received - c('rejected')),
    satisfactionRate: ratio(c('satisfied'), answered),
    csat: ratio(c('overallSum'), answered),
    csatProcess: ratio(c('processSum'), answered),
    csatResult: ratio(c('resultSum'), answered),
    surveyResponseRate: ratio(answered, c('surveysSent')),
    surveysSent: c('surveysSent'),
    surveysAnswered: answered,
    repeatRate: ratio(c('repeats'), received),
    recordedLate: c('recordedLate'),
    recordedLateRate: ratio(c('recordedLate'), received),
    escalationRate: {
      level1: ratio(c('escalatedL1'), received),
      level2: ratio(c('escalatedL2'), received),
      level3: ratio(c('escalatedL3'), received),
    },
    reopenRate: ratio(c('reopened'), resolved),
  };
  return {
    ...kpis,
    targets: [
      check(targets, 'resolutionRate', kpis.resolutionRate),
      check(targets, 'satisfactionRate', kpis.satisfactionRate),
      check(targets, 'csat', kpis.csat),
      check(targets, 'repeatRate', kpis.repeatRate),
      check(targets, 'escalationRate', kpis.escalationRate.level3),
      check(targets, 'firstResponseMeanHours', firstResponse.meanHours),
      check(targets, 'resolutionMeanHours', resolution.meanHours),
    ],
  };
};

/** One line of a Pareto table: its count, its share of the whole and the running share down to it. */
export interface ParetoRow {
  count: number;
  share: number;
  cumulativeShare: number;
}

/** Root causes of the complaints resolved in the range (by submission day), most frequent first. */
export interface RootCauseBreakdown {
  /** Resolved complaints that name a root cause. */
  resolved: number;
  byCause: (ParetoRow & { rootCause: string })[];
  /** Root cause × product ('' = no product named), the first ROOT_CAUSE_PRODUCT_ROWS lines. */
  byCauseAndProduct: (ParetoRow & { rootCause: string; product: string })[];
}

/** A product breakdown has as many lines as products; the head of a Pareto is what is read. */
export const ROOT_CAUSE_PRODUCT_ROWS = 20;

/** Most frequent first; ties in code order, so a report reads the same each time. */
const pareto = <T extends { count: number; rootCause: string; product?: string }>(
  rows: T[],
  whole: number,
): (T & ParetoRow)[] => {
  let running = 0;
  const key = (row: T) => `${row.rootCause}|${row.product ?? ''}`;
  return rows
    .sort((a, b) => b.count - a.count || (key(a) < key(b) ? -1 : 1))
    .map((row) => {
      running += row.count;
      return { ...row, share: row.count / whole, cumulativeShare: running / whole };
    });
};

/** The Pareto breakdown of the root-cause counters (domain/kpi-counters.ts) of summed counters. */
export const rootCauseBreakdown = (counters: Counters): RootCauseBreakdown => {
  const causes: { rootCause: string; count: number }[] = [];
  const products: { rootCause: string; product: string; count: number }[] = [];
  for (const [name, count] of Object.entries(counters)) {
    if (count <= 0) continue;
    if (name.startsWith(ROOT_CAUSE_PREFIX))
      causes.push({ rootCause: name.slice(ROOT_CAUSE_PREFIX.length), count });
    if (name.startsWith(ROOT_CAUSE_PRODUCT_PREFIX)) {
      const key = name.slice(ROOT_CAUSE_PRODUCT_PREFIX.length);
      const split = key.indexOf('|');
      products.push({ rootCause: key.slice(0, split), product: key.slice(split + 1), count });
    }
  }
  const resolved = causes.reduce((sum, row) => sum + row.count, 0);
  return {
    resolved,
    byCause: pareto(causes, resolved),
    byCauseAndProduct: pareto(products, resolved).slice(0, ROOT_CAUSE_PRODUCT_ROWS),
  };
};

export interface KpiReportQuery {
  from: string;
  to: string;
  groupBy: Period;
  by?: ReportDimension | undefined;
}

/** Incidents opened in a report's range and the complaints linked to them (domain/incident.ts). */
export interface IncidentFigures {
  incidents: number;
  linkedComplaints: number;
  meanPerIncident: number | null;
  maxPerIncident: number | null;
  rows: { id: string; title: string; status: string; complaints: number }[];
}

export interface KpiReport {
  /** Complaints per incident (added by the report route, which reads the incidents). */
  incidents?: IncidentFigures | undefined;
  from: string;
  to: string;
  groupBy: Period;
  by: ReportDimension | null;
  timeZone: string;
  /** Counters are kept by the day a complaint was received; its later events update that day. */
  cohort: 'submission-day';
  percentiles: {
    method: 'log-buckets';
    bucketRatio: number;
    relativeError: number;
    absoluteErrorHours: number;
  };
  /** The whole range, every group together. */
  total: Kpis;
  /** Root causes of the range's resolved complaints, Pareto-sorted (every group together). */
  rootCauses: RootCauseBreakdown;
  /** One entry per group (only with `by`), over the whole range. */
  groups: { group: string; kpis: Kpis }[];
  /** One entry per period (and group), in order: the trend. */
  series: { period: string; group: string | null; kpis: Kpis }[];
  /** Open and overdue complaints now, whatever their submission day. */
  now: { backlog: number; overdue: number; groups: { group: string; backlog: number; overdue: number }[] };
}

const sumBy = (rows: readonly CounterRow[], key: (row: CounterRow) => string): Map<string, Counters> => {
  const sums = new Map<string, Counters>();
  for (const row of rows) {
    const id = key(row);
    const sum = sums.get(id) ?? {};
    sumInto(sum, row.counters);
    sums.set(id, sum);
  }
  return sums;
};

/**
 * The report: `totalRows` are the total's day items in the range, `groupRows` the chosen dimension's
 * (empty without `by`), `gauges` the "now" items of the total (group `all`) and of the dimension.
 */
export const buildKpiReport = (
  query: KpiReportQuery,
  timeZone: string,
  targets: KpiTargets,
  totalRows: readonly CounterRow[],
  groupRows: readonly CounterRow[],
  gauges: readonly { value: string; counters: Counters }[],
): KpiReport => {
  const byPeriod = (rows: readonly CounterRow[], grouped: boolean) =>
    [...sumBy(rows, (row) => `${periodOf(row.day, query.groupBy)}\u0000${grouped ? row.value : ''}`)]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, counters]) => {
        const [period, group] = key.split('\u0000') as [string, string];
        return { period, group: grouped ? group : null, kpis: computeKpis(counters, targets) };
      });
  const total: Counters = {};
  for (const row of totalRows) sumInto(total, row.counters);
  const groups = [...sumBy(groupRows, (row) => row.value)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([group, counters]) => ({ group, kpis: computeKpis(counters, targets) }));
  const allGauge = gauges.find((gauge) => gauge.value === 'all')?.counters ?? {};
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    by: query.by ?? null,
    timeZone,
    cohort: 'submission-day',
    percentiles: {
      method: 'log-buckets',
      bucketRatio: BUCKET_RATIO,
      relativeError: PERCENTILE_RELATIVE_ERROR,
      absoluteErrorHours: PERCENTILE_ABSOLUTE_ERROR_SECONDS / 3600,
    },
    total: computeKpis(total, targets),
    rootCauses: rootCauseBreakdown(total),
    groups,
    series: query.by ? byPeriod(groupRows, true) : byPeriod(totalRows, false),
    now: {
      backlog: allGauge.open ?? 0,
      overdue: allGauge.overdue ?? 0,
      groups: gauges
        .filter((gauge) => gauge.value !== 'all')
        .map((gauge) => ({
          group: gauge.value,
          backlog: gauge.counters.open ?? 0,
          overdue: gauge.counters.overdue ?? 0,
        }))
        .sort((a, b) => (a.group < b.group ? -1 : 1)),
    },
  };
};

/** Who may read reports: they span every department. */
export const REPORT_ROLES = ['manager', 'admin'] as const satisfies readonly StaffRole[];

export const canReadReports = (principal: StaffPrincipal): boolean =>
  principal.roles.some((role) => (REPORT_ROLES as readonly StaffRole[]).includes(role));
