import { describe, expect, it } from 'vitest';
import {
  bundleSizeTarget,
  compareMs,
  compareToBaseline,
  parseBaseline,
  ratioTarget,
  type ColdStartBaseline,
} from '../../../bench/cold-start-baseline.ts';

const baseline: ColdStartBaseline = {
  measuredWith: 'wire client',
  commit: '0d05ad0809bfb162b8f06172c2770b6a0557d07e',
  date: '2026-11-26T12:00:00.000Z',
  node: 'Node v22.23.3',
  machine: '2 × CPU',
  loadAverage: { start: '1.00 / 1.00 / 1.00', end: '1.00 / 1.00 / 1.00' },
  runs: 11,
  emptyBundle: { importMs: 1, importAndFirstCallMs: 1.2 },
  referenceFetch: { importMs: 1, importAndFirstCallMs: 60 },
  functions: {
    SubmitComplaint: { bytes: 84_000, importMs: 20, importAndFirstCallMs: 100 },
    Triage: { bytes: 170_000, importMs: 60, importAndFirstCallMs: 200 },
  },
};

describe('cold-start baseline', () => {
  it('reads back what it describes and rejects a file missing a field', () => {
    expect(parseBaseline(JSON.stringify(baseline))).toEqual(baseline);
    const withBundles = { ...baseline, bundles: 'cold-start-wire-client-bundles.tar.xz' };
    expect(parseBaseline(JSON.stringify(withBundles))).toEqual(withBundles);
    const { runs: _runs, ...withoutRuns } = baseline;
    expect(() => parseBaseline(JSON.stringify(withoutRuns))).toThrow();
  });

  it('passes a function at exactly 1.5× its baseline and fails it just above', () => {
    expect(compareToBaseline('SubmitComplaint', 150, baseline)).toEqual({
      kind: 'compared',
      baselineMs: 100,
      ratio: 1.5,
      pass: true,
    });
    expect(compareToBaseline('SubmitComplaint', 150.1, baseline)).toMatchObject({ pass: false });
  });

  it('compares a figure measured side by side in the same run the same way', () => {
    expect(compareMs(300, 200)).toEqual({ kind: 'compared', baselineMs: 200, ratio: 1.5, pass: true });
    expect(compareMs(300, undefined)).toEqual({ kind: 'no-baseline' });
  });

  it('skips a function the baseline lacks, and everything without a baseline file', () => {
    expect(compareToBaseline('CountKpis', 500, baseline)).toEqual({ kind: 'no-baseline' });
    expect(compareToBaseline('SubmitComplaint', 500, undefined)).toEqual({ kind: 'no-baseline' });
  });

  it('reports the worst ratio, names the functions over it and those skipped', () => {
    const target = ratioTarget('vs baseline', [
      { name: 'SubmitComplaint', comparison: compareToBaseline('SubmitComplaint', 120, baseline) },
      { name: 'Triage', comparison: compareToBaseline('Triage', 320, baseline) },
      { name: 'CountKpis', comparison: compareToBaseline('CountKpis', 999, baseline) },
    ]);
    expect(target.pass).toBe(false);
    expect(target.value).toBe('worst 1.60× (Triage; 2 compared; over: Triage; no baseline: CountKpis)');
  });

  it('passes when every compared function is within the ratio, skipped ones aside', () => {
    const target = ratioTarget('vs baseline', [
      { name: 'SubmitComplaint', comparison: compareToBaseline('SubmitComplaint', 120, baseline) },
      { name: 'CountKpis', comparison: { kind: 'no-baseline' } },
    ]);
    expect(target).toMatchObject({
      pass: true,
      value: 'worst 1.20× (SubmitComplaint; 1 compared; no baseline: CountKpis)',
    });
  });

  it('says "no baseline" rather than a figure when nothing could be compared', () => {
    expect(
      ratioTarget('vs baseline', [{ name: 'Triage', comparison: { kind: 'no-baseline' } }]),
    ).toMatchObject({
      pass: true,
      value: 'no baseline: Triage',
    });
  });

  it('holds the largest bundle to 600 KiB', () => {
    expect(
      bundleSizeTarget([
        { name: 'A', bytes: 600 * 1024 },
        { name: 'B', bytes: 10 },
      ]),
    ).toMatchObject({
      pass: true,
      value: '600.0 KiB (A)',
    });
    expect(bundleSizeTarget([{ name: 'A', bytes: 600 * 1024 + 1 }])).toMatchObject({ pass: false });
  });
});
