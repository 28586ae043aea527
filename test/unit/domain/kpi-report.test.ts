import { describe, expect, it } from 'vitest';
import {
  buildKpiReport,
  canReadReports,
  computeKpis,
  periodOf,
  reportDay,
} from '../../../functions/domain/kpi-report.ts';
import { defaultPolicy } from '../../support/policy.ts';

const targets = defaultPolicy().kpiTargets;

describe('KPI report', () => {
  it('takes the targets the documents name from the policy', () => {
    expect(targets).toEqual({
      resolutionRate: { atLeast: 0.95 },
      satisfactionRate: { atLeast: 0.9 },
      csat: { atLeast: 4.5 },
      repeatRate: { atMost: 0.05 },
      escalationRate: { atMost: 0.03 },
      firstResponseMeanHours: { atMost: 2 },
      resolutionMeanHours: { atMost: 24 },
    });
  });

  it('computes rates and judges each against its target', () => {
    const kpis = computeKpis(
      {
        received: 100,
        rejected: 4,
        rsCount: 93,
        rsPartly: 3,
        rsSeconds: 93 * 3600 * 30,
        surveysSent: 80,
        surveysAnswered: 40,
        satisfied: 38,
        overallSum: 184,
        repeats: 5,
        escalatedL1: 10,
        escalatedL3: 4,
        reopened: 2,
        frCount: 2,
        frSeconds: 3600 * 3,
      },
      targets,
    );
    expect(kpis.resolutionRate).toBeCloseTo(93 / 96);
    expect(kpis.csat).toBeCloseTo(4.6);
    expect(kpis.surveyResponseRate).toBe(0.5);
    expect(kpis.firstResponse.meanHours).toBe(1.5);
    expect(kpis.resolution.meanHours).toBe(30);
    expect(computeKpis({}, targets).targets.every((target) => target.met === null)).toBe(true);
    expect(Object.fromEntries(kpis.targets.map((target) => [target.kpi, target.met]))).toEqual({
      resolutionRate: true,
      satisfactionRate: true,
      csat: true,
      repeatRate: true,
      escalationRate: false,
      firstResponseMeanHours: true,
      resolutionMeanHours: false,
    });
  });

  it('dates complaints in the business time zone and rolls days up to ISO weeks and months', () => {
    expect(reportDay('2026-11-01T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-11-02');
    expect(periodOf('2026-11-01', 'week')).toBe('2026-W44');
    expect(periodOf('2026-11-02', 'week')).toBe('2026-W45');
    expect(periodOf('2026-11-02', 'month')).toBe('2026-11');
  });

  it('sums day items into periods and groups, and reads the gauges', () => {
    const rows = [
      { day: '2026-11-02', value: 'web', counters: { received: 2 } },
      { day: '2026-11-03', value: 'web', counters: { received: 1 } },
      { day: '2026-11-03', value: 'email', counters: { received: 4 } },
    ];
    const report = buildKpiReport(
      { from: '2026-11-01', to: '2026-11-30', groupBy: 'week', by: 'channel' },
      'Asia/Shanghai',
      targets,
      [{ day: '2026-11-02', value: 'all', counters: { received: 7 } }],
      rows,
      [
        { value: 'all', counters: { open: 3, overdue: 1 } },
        { value: 'web', counters: { open: 3, overdue: 1 } },
      ],
    );
    expect(report.total.volume).toBe(7);
    expect(report.series.map((entry) => [entry.period, entry.group, entry.kpis.volume])).toEqual([
      ['2026-W45', 'email', 4],
      ['2026-W45', 'web', 3],
    ]);
    expect(report.groups.map((group) => [group.group, group.kpis.volume])).toEqual([
      ['email', 4],
      ['web', 3],
    ]);
    expect(report.now).toEqual({
      backlog: 3,
      overdue: 1,
      groups: [{ group: 'web', backlog: 3, overdue: 1 }],
    });
  });

  it('is for managers and admins only', () => {
    expect(canReadReports({ subject: 'a', roles: ['manager'] })).toBe(true);
    expect(canReadReports({ subject: 'a', roles: ['admin'] })).toBe(true);
    expect(canReadReports({ subject: 'a', roles: ['supervisor', 'agent'] })).toBe(false);
  });
});
