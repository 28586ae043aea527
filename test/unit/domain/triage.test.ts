import { describe, expect, it } from 'vitest';
import { priorityFor, raisePriority, triage, type TriageInput } from '../../../functions/domain/triage.ts';
import { defaultPolicy } from '../../support/policy.ts';

const policy = defaultPolicy();
const input = (overrides: Partial<TriageInput>): TriageInput => ({
  subject: '',
  description: '',
  channel: 'web',
  tier: 'ordinary',
  ...overrides,
});

describe('triage', () => {
  it('grades a Chinese safety complaint L1 urgent P1 and says which rule fired on which words', () => {
    const result = triage(
      policy,
      input({ subject: '热水器起火', description: '热水器突然起火，我的手被烫伤了。' }),
    );
    expect(result).toMatchObject({
      severity: 'L1',
      urgency: 'urgent',
      priority: 'P1',
      category: 'product-quality',
      department: 'quality',
    });
    expect(result.reasons).toContainEqual({
      aspect: 'severity',
      rule: 'safety',
      matched: expect.arrayContaining(['起火', '烫伤']) as unknown,
    });
    expect(result.reasons).toContainEqual(
      expect.objectContaining({ aspect: 'category', rule: 'keywords:product-quality' }),
    );
  });

  it('grades an English safety complaint the same way, matching whole words only', () => {
    expect(
      triage(policy, input({ subject: 'Charger caught fire', description: 'My son was injured.' })).severity,
    ).toBe('L1');
    // "fireplace" and "smokers" are not safety words.
    expect(
      triage(policy, input({ subject: 'Fireplace catalogue', description: 'Wrong price for smokers set.' }))
        .severity,
    ).toBe('L3');
  });

  it('uses the customer hint for the category and routes it to its department', () => {
    const result = triage(
      policy,
      input({ subject: '等了很久', description: '快递一直没到', categoryHint: 'price-dispute' }),
    );
    expect(result).toMatchObject({ category: 'price-dispute', department: 'sales' });
    expect(result.reasons).toContainEqual({ aspect: 'category', rule: 'customer-hint' });
  });

  it('classifies by keywords when the hint is "other" or missing', () => {
    expect(
      triage(
        policy,
        input({ subject: '快递延误', description: '包裹延误一周，物流信息不更新', categoryHint: 'other' }),
      ).category,
    ).toBe('logistics');
    expect(
      triage(policy, input({ subject: 'Rude staff', description: 'The agent was rude and impolite.' }))
        .category,
    ).toBe('service-attitude');
    expect(triage(policy, input({ subject: '你好', description: '想咨询一下' })).category).toBe('other');
  });

  it('falls back to the default grade L3 general when no rule fires', () => {
    const result = triage(policy, input({ subject: '包装有点旧', description: '外包装有些旧' }));
    expect(result).toMatchObject({ severity: 'L3', urgency: 'general', priority: 'P3' });
    expect(result.reasons).toContainEqual({ aspect: 'severity', rule: 'default' });
  });

  it('takes the most severe and the most urgent of several rules', () => {
    const result = triage(
      policy,
      input({ subject: '建议', description: '建议改进，另外上次漏电导致受伤，我要起诉，请立即处理' }),
    );
    expect(result).toMatchObject({ severity: 'L1', urgency: 'urgent' });
  });

  it('lets a suggestion lower the severity to L4', () => {
    expect(
      triage(policy, input({ subject: '一点建议', description: '建议 App 增加夜间模式' })).severity,
    ).toBe('L4');
  });

  it('raises the priority for important customers', () => {
    const ordinary = priorityFor(policy, 'L2', 'important', 'ordinary');
    const important = priorityFor(policy, 'L2', 'important', 'important');
    expect(important.score).toBeGreaterThan(ordinary.score);
    expect(['P1', 'P2']).toContain(important.priority);
  });

  it('raises priority one step and never past P1', () => {
    expect(raisePriority('P4')).toBe('P3');
    expect(raisePriority('P2')).toBe('P1');
    expect(raisePriority('P1')).toBe('P1');
  });
});
