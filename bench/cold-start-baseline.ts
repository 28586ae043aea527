import * as z from '../functions/domain/zod.ts';
import type { Target } from './report.ts';
import { kib, ratio } from './stats.ts';

/** The product owner's targets for the AWS SDK v3 swap. */
export const MAX_BUNDLE_BYTES = 600 * 1024;
export const MAX_RATIO_TO_BASELINE = 1.5;

const milliseconds = z.number().check(z.gte(0));

const figuresSchema = z.object({
  /** Median milliseconds to import the bundle in a fresh process. */
  importMs: milliseconds,
  /** Median milliseconds to import it and run its handler once on a sample event that calls AWS. */
  importAndFirstCallMs: milliseconds,
});
export type ColdStartFigures = z.infer<typeof figuresSchema>;

/** The "before" figures a later run is compared with, written by `--write-baseline`. */
export const baselineSchema = z.object({
  /** What the functions called AWS with when this was measured. */
  measuredWith: z.string(),
  commit: z.string(),
  date: z.iso.datetime(),
  node: z.string(),
  machine: z.string(),
  /** 1 / 5 / 15 minute load averages at the start and at the end of the measurement. */
  loadAverage: z.object({ start: z.string(), end: z.string() }),
  runs: z.int().check(z.gte(1)),
  emptyBundle: figuresSchema,
  /**
   * A bundle whose handler makes one unsigned `fetch` to the DynamoDB endpoint: no client of ours, so
   * it measures the machine (and Node's fetch start-up), the same before and after a client change.
   */
  referenceFetch: figuresSchema,
  /**
   * The measured bundles themselves (tar.xz beside this file): self-contained, so a later run can
   * measure them again side by side with the new ones, on the same machine under the same load.
   */
  bundles: z.optional(z.string()),
  functions: z.record(z.string(), z.extend(figuresSchema, { bytes: z.int().check(z.gte(0)) })),
});
export type ColdStartBaseline = z.infer<typeof baselineSchema>;

/** Reads a baseline file's text; throws naming what is wrong with it. */
export const parseBaseline = (text: string): ColdStartBaseline => baselineSchema.parse(JSON.parse(text));

export type BaselineComparison =
  { kind: 'no-baseline' } | { kind: 'compared'; baselineMs: number; ratio: number; pass: boolean };

/** A measured import + first call against a baseline figure, if there is one. */
export const compareMs = (measuredMs: number, baselineMs: number | undefined): BaselineComparison => {
  if (baselineMs === undefined) return { kind: 'no-baseline' };
  const value = measuredMs / baselineMs;
  return { kind: 'compared', baselineMs, ratio: value, pass: value <= MAX_RATIO_TO_BASELINE };
};

/** One function's import + first call against the baseline file's, if the file has that function. */
export const compareToBaseline = (
  name: string,
  importAndFirstCallMs: number,
  baseline: ColdStartBaseline | undefined,
): BaselineComparison => compareMs(importAndFirstCallMs, baseline?.functions[name]?.importAndFirstCallMs);

/**
 * The summary row of the ratio target: the worst ratio among the functions the baseline has. A
 * function missing from the baseline is skipped and named, never counted as a pass or a failure.
 */
export const ratioTarget = (
  label: string,
  comparisons: readonly { name: string; comparison: BaselineComparison }[],
): Target => {
  const compared = comparisons.flatMap(({ name, comparison }) =>
    comparison.kind === 'compared' ? [{ name, ...comparison }] : [],
  );
  const missing = comparisons
    .filter(({ comparison }) => comparison.kind === 'no-baseline')
    .map((c) => c.name);
  const skipped = missing.length > 0 ? `; no baseline: ${missing.join(', ')}` : '';
  const target = `≤ ${ratio(MAX_RATIO_TO_BASELINE)} baseline, every function`;
  if (compared.length === 0)
    return {
      name: label,
      value: `no baseline: ${missing.join(', ')}`,
      target,
      pass: true,
    };
  const worst = compared.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const failed = compared.filter((c) => !c.pass).map((c) => c.name);
  return {
    name: label,
    value: `worst ${ratio(worst.ratio)} (${worst.name}; ${compared.length} compared${failed.length > 0 ? `; over: ${failed.join(', ')}` : ''}${skipped})`,
    target,
    pass: failed.length === 0,
  };
};

/** The summary row of the size target: the largest bundle. */
export const bundleSizeTarget = (sizes: readonly { name: string; bytes: number }[]): Target => {
  const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return {
    name: 'largest bundle (minified)',
    value: `${kib(largest.bytes)} (${largest.name})`,
    target: `≤ ${kib(MAX_BUNDLE_BYTES)}`,
    pass: largest.bytes <= MAX_BUNDLE_BYTES,
  };
};
