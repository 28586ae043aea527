import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  isNewSurge,
  normaliseProduct,
  readSurge,
  surgeActiveUntil,
  surgeBucketExpiresAt,
  surgeRange,
  surgeRuleFor,
  surgeSubjectsOf,
} from '../../../functions/domain/surge.ts';
import { parsePolicy } from '../../../functions/domain/policy.ts';
import { defaultPolicyDocument } from '../../support/policy.ts';

const policy = parsePolicy(defaultPolicyDocument());
const rule = policy.surge.rule;
const now = new Date('2026-11-26T10:35:00Z');

/** `count` complaints in each of the buckets `minutesAgo` before now. */
const buckets = (...entries: [minutesAgo: number, count: number][]) =>
  entries.map(([minutesAgo, count]) => ({
    bucket: bucketOf(new Date(now.getTime() - minutesAgo * 60_000)),
    count,
  }));

describe('surge rule', () => {
  it('has the documented defaults: 20 in an hour and 5× the trailing 7-day mean', () => {
    expect(rule).toEqual({ minCount: 20, factor: 5, windowMinutes: 60, baselineDays: 7 });
  });

  it('fires at the minimum count when there is no history', () => {
    expect(readSurge(rule, buckets([0, 10], [30, 9]), now)).toMatchObject({
      surging: false,
      windowCount: 19,
    });
    expect(readSurge(rule, buckets([0, 10], [30, 10]), now)).toMatchObject({
      surging: true,
      windowCount: 20,
      baselineMean: 0,
      threshold: 20,
    });
  });

  it('counts a sliding window of the last 60 minutes in 10-minute buckets', () => {
    // 50 minutes ago is in the window (buckets 10:30, 10:20 … 09:40); 60 minutes ago is not.
    expect(readSurge(rule, buckets([50, 20]), now).windowCount).toBe(20);
    expect(readSurge(rule, buckets([60, 20]), now).windowCount).toBe(0);
  });

  it('needs 5× the trailing mean where a product is usually busy', () => {
    // 168 complaints a day for 7 days before the window: a mean of 7 per hour, so 35 are needed.
    const history = Array.from({ length: 7 * 24 }, (_, hour) => [70 + hour * 60, 7] as [number, number]);
    const quiet = readSurge(rule, buckets([0, 34], ...history), now);
    expect(quiet.baselineMean).toBeCloseTo(7);
    expect(quiet).toMatchObject({ surging: false, threshold: 35 });
    expect(readSurge(rule, buckets([0, 35], ...history), now).surging).toBe(true);
  });

  it('ignores buckets outside the range it reads', () => {
    const range = surgeRange(rule, now);
    expect(range).toEqual({ from: '2026-11-19T09:40', to: '2026-11-26T10:30' });
    const old = readSurge(rule, buckets([8 * 24 * 60, 1000], [0, 20]), now);
    expect(old).toMatchObject({ baselineMean: 0, surging: true });
  });

  it('is tunable per category, for the category and the products in it', () => {
    const tuned = parsePolicy({
      ...defaultPolicyDocument(),
      surge: { byCategory: { logistics: { minCount: 100 } } },
    });
    expect(surgeRuleFor(tuned, { dimension: 'product', value: 'x', category: 'logistics' }).minCount).toBe(
      100,
    );
    expect(
      surgeRuleFor(tuned, { dimension: 'category', value: 'logistics', category: 'logistics' }).factor,
    ).toBe(5);
    expect(surgeRuleFor(tuned, { dimension: 'category', value: 'other', category: 'other' }).minCount).toBe(
      20,
    );
  });

  it('rejects a rule that cannot be evaluated', () => {
    expect(() => parsePolicy({ ...defaultPolicyDocument(), surge: { rule: { windowMinutes: 45 } } })).toThrow(
      /surge\.rule\.windowMinutes/u,
    );
    expect(() => parsePolicy({ ...defaultPolicyDocument(), surge: { rule: { minCount: 1 } } })).toThrow(
      /minCount/u,
    );
  });
});

describe('surge subjects', () => {
  const complaint = {
    product: '  Power Bank   PB-20  ',
    preliminaryGrade: { category: 'product-quality' } as never,
    category: undefined,
  };

  it('counts a complaint towards its product (one spelling) and its category', () => {
    expect(normaliseProduct('ＰＯＷＥＲ bank  pb-20 ')).toBe('power bank pb-20');
    expect(surgeSubjectsOf(policy, complaint)).toEqual([
      { dimension: 'product', value: 'power bank pb-20', category: 'product-quality' },
      { dimension: 'category', value: 'product-quality', category: 'product-quality' },
    ]);
  });

  it('counts only the dimensions the policy names, and no empty product', () => {
    const productsOnly = parsePolicy({ ...defaultPolicyDocument(), surge: { dimensions: ['product'] } });
    expect(surgeSubjectsOf(productsOnly, { ...complaint, product: '   ' })).toEqual([]);
  });
});

describe('once per surge', () => {
  it('starts a surge when none is active, and not while one is', () => {
    expect(isNewSurge(undefined, now)).toBe(true);
    const until = surgeActiveUntil(rule, now);
    expect(until).toBe('2026-11-26T11:35:00.000Z');
    expect(isNewSurge(until, new Date('2026-11-26T11:00:00Z'))).toBe(false);
    expect(isNewSurge(until, new Date('2026-11-26T11:36:00Z'))).toBe(true);
  });
});

describe('surge bucket expiry', () => {
  it('keeps a bucket past the widest span any allowed rule reads, then lets it go within days', () => {
    const widest = parsePolicy({
      ...defaultPolicyDocument(),
      surge: { rule: { windowMinutes: 1440, baselineDays: 28 } },
    }).surge.rule;
    // The oldest bucket the widest rule still reads at `now` must outlive `now`.
    const { from } = surgeRange(widest, now);
    const expiresAtMs = surgeBucketExpiresAt(from) * 1000;
    expect(expiresAtMs).toBeGreaterThan(now.getTime());
    expect(expiresAtMs - now.getTime()).toBeLessThanOrEqual(5 * 24 * 60 * 60_000);
  });

  it('rejects a rule reading further back than buckets are kept', () => {
    expect(() =>
      parsePolicy({ ...defaultPolicyDocument(), surge: { rule: { baselineDays: 29 } } }),
    ).toThrow();
  });
});
