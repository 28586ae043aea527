import type { Complaint } from './complaint.ts';
import type { Policy, SurgeRule } from './policy.ts';
import type { Category } from './vocabulary.ts';

/**
 * Surge detection (the emergency plan's "complaint surge"): complaints are counted per product and
 * per category in fixed buckets of BUCKET_MINUTES (by the KPI stream consumer, in the same
 * transaction as the KPI counters, so each complaint counts once); the rule compares the last
 * `windowMinutes` with the trailing `baselineDays` before it. A surge fires once: it stays active
 * while the rule keeps holding, and a new alert needs a quiet window first.
 */

/** Counting granularity: a sliding window of 60 minutes moves in these steps. */
export const BUCKET_MINUTES = 10;
const BUCKET_MS = BUCKET_MINUTES * 60_000;

export type SurgeDimension = 'product' | 'category';

/** What one surge is about: a product (normalised) or a category. */
export interface SurgeSubject {
  dimension: SurgeDimension;
  value: string;
  /** The category whose rule applies (the product's complaint category). */
  category?: Category | undefined;
}

/** Products as customers type them: one spelling per product, whatever the case and spacing. */
export const normaliseProduct = (product: string): string =>
  product.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase().slice(0, 100);

/** The subjects a triaged complaint counts towards, as the policy's dimensions ask. */
export const surgeSubjectsOf = (
  policy: Pick<Policy, 'surge'>,
  complaint: Pick<Complaint, 'product' | 'preliminaryGrade' | 'category'>,
): SurgeSubject[] => {
  const category = complaint.preliminaryGrade?.category ?? complaint.category;
  const subjects: SurgeSubject[] = [];
  for (const dimension of policy.surge.dimensions) {
    if (dimension === 'product') {
      const product = complaint.product ? normaliseProduct(complaint.product) : '';
      if (product) subjects.push({ dimension, value: product, category });
    } else if (category) {
      subjects.push({ dimension, value: category, category });
    }
  }
  return subjects;
};

export const surgeRuleFor = (policy: Pick<Policy, 'surge'>, subject: SurgeSubject): SurgeRule =>
  (subject.category && policy.surge.byCategory[subject.category]) || policy.surge.rule;

/** The start of the bucket `at` falls in, as a sortable UTC string (2026-11-26T17:30). */
export const bucketOf = (at: Date): string =>
  new Date(Math.floor(at.getTime() / BUCKET_MS) * BUCKET_MS).toISOString().slice(0, 16);

const minutesBefore = (bucket: string, minutes: number): string =>
  new Date(Date.parse(`${bucket}:00Z`) - minutes * 60_000).toISOString().slice(0, 16);

/**
 * How long a bucket is kept: the longest span any rule the policy allows can read (28 baseline days
 * and a 1-day window) and a few days more, so a policy change to the widest rule still finds its
 * history. Independent of the current rule on purpose: a bucket outlives a later, wider policy.
 */
export const SURGE_BUCKET_KEPT_DAYS = 28 + 1 + 3;

/** When the bucket starting at `bucket` may be deleted, in epoch seconds (DynamoDB TTL). */
export const surgeBucketExpiresAt = (bucket: string): number =>
  Math.floor(Date.parse(`${bucket}:00Z`) / 1000) + SURGE_BUCKET_KEPT_DAYS * 24 * 60 * 60;

/** The buckets the rule reads at `now`: the baseline days and the window, oldest first. */
export const surgeRange = (rule: SurgeRule, now: Date): { from: string; to: string } => {
  const to = bucketOf(now);
  const windowStart = minutesBefore(to, rule.windowMinutes - BUCKET_MINUTES);
  return { from: minutesBefore(windowStart, rule.baselineDays * 24 * 60), to };
};

export interface SurgeReading {
  surging: boolean;
  /** Complaints in the window (the last `windowMinutes`, this bucket included). */
  windowCount: number;
  /** Mean complaints per window-length span over the baseline days before the window. */
  baselineMean: number;
  /** What the window needed: the larger of minCount and factor × baselineMean. */
  threshold: number;
}

/** Applies the rule to the bucket counts read for `surgeRange(rule, now)`; absent buckets are 0. */
export const readSurge = (
  rule: SurgeRule,
  buckets: readonly { bucket: string; count: number }[],
  now: Date,
): SurgeReading => {
  const { from, to } = surgeRange(rule, now);
  const windowStart = minutesBefore(to, rule.windowMinutes - BUCKET_MINUTES);
  let windowCount = 0;
  let baselineCount = 0;
  for (const { bucket, count } of buckets) {
    if (bucket > to || bucket < from) continue;
    if (bucket >= windowStart) windowCount += count;
    else baselineCount += count;
  }
  const spans = (rule.baselineDays * 24 * 60) / rule.windowMinutes;
  const baselineMean = baselineCount / spans;
  const threshold = Math.max(rule.minCount, rule.factor * baselineMean);
  return { surging: windowCount >= threshold, windowCount, baselineMean, threshold };
};

/**
 * Whether a surge reading starts a new surge (alert) or continues the active one: a surge is active
 * until one window has passed without the rule holding.
 */
export const surgeActiveUntil = (rule: SurgeRule, now: Date): string =>
  new Date(now.getTime() + rule.windowMinutes * 60_000).toISOString();

export const isNewSurge = (activeUntil: string | undefined, now: Date): boolean =>
  activeUntil === undefined || Date.parse(activeUntil) < now.getTime();
