import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { decideTriage } from '../../../functions/domain/lifecycle.ts';
import { parsePolicy } from '../../../functions/domain/policy.ts';
import { decideRouting, matchRoutingRules } from '../../../functions/domain/routing-rules.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultCalendar, defaultPolicy, defaultPolicyDocument } from '../../support/policy.ts';

const policy = defaultPolicy();
const calendar = defaultCalendar();
const NOW = new Date('2026-11-23T03:00:00Z');

const triaged = (subject: string, description: string): Complaint => {
  const complaint = receivedComplaint(new Date('2026-11-23T02:00:00Z'), { subject, description });
  return { ...complaint, ...decideTriage(policy, calendar, complaint, [], NOW)!.changes };
};
let ids = 0;
const newId = () => `ID${(ids += 1)}`;
const ruleIds = (subject: string, description: string) =>
  matchRoutingRules(policy, { subject, description }).map((match) => match.rule.id);

describe('keyword routing rules', () => {
  it('finds legal-risk words in Chinese and English, in subject or description, case-insensitively', () => {
    expect(ruleIds('我要起诉你们', '产品质量问题')).toEqual(['legal-risk']);
    expect(ruleIds('Broken kettle', 'I will file a LAWSUIT unless refunded')).toEqual(['legal-risk']);
    expect(ruleIds('Broken kettle', 'My Lawyer says this is a defect')).toEqual(['legal-risk']);
    expect(ruleIds('已委托律师', '')).toEqual(['legal-risk']);
  });

  it('finds reputation words in Chinese and English', () => {
    expect(ruleIds('产品质量差', '我会在微博上曝光')).toEqual(['reputation-risk']);
    expect(ruleIds('Faulty unit', 'A Journalist friend will hear of this')).toEqual(['reputation-risk']);
    expect(ruleIds('准备找媒体和律师', '')).toEqual(['legal-risk', 'reputation-risk']);
  });

  it('matches Latin words as whole words only, and nothing in an ordinary complaint', () => {
    expect(ruleIds('Pseudonym issue', 'the issue persists, please reply')).toEqual([]);
    expect(ruleIds('包装盒有压痕', '外包装盒有压痕，请处理一下。')).toEqual([]);
  });

  it('asks Legal for a required assist on a lawsuit-worded complaint led by another department', () => {
    const complaint = triaged('水壶漏水', '水壶漏水严重，再不处理我就起诉你们。');
    expect(complaint.department).toBe('quality');
    const routed = decideRouting(policy, calendar, complaint, newId, NOW)!;
    expect(routed.changes.assists).toEqual([
      expect.objectContaining({
        department: 'legal',
        required: true,
        status: 'open',
        requestedBy: 'rule:legal-risk',
        requestedAt: NOW.toISOString(),
        // Two working days (the policy's assists.dueIn) from Monday 11:00 local.
        dueAt: '2026-11-25T03:00:00.000Z',
      }),
    ]);
    // Legal's supervisors hear of it once, from the outbox the triage step sends at once.
    expect(routed.changes.outbox).toEqual([
      expect.objectContaining({ kind: 'assist-requested', assistId: routed.changes.assists![0]!.id }),
    ]);
    expect(routed.events).toHaveLength(1);
    expect(routed.events[0]).toMatchObject({
      type: 'assist.requested',
      details: { department: 'legal', rule: 'legal-risk', matched: ['起诉'] },
    });
  });

  it('asks nothing of Legal when Legal leads the case already', () => {
    const complaint = triaged('合同违约', '对方违约，我要起诉。');
    expect(complaint.department).toBe('legal');
    expect(decideRouting(policy, calendar, complaint, newId, NOW)).toBeUndefined();
  });

  it('alerts senior management once on reputation words', () => {
    const complaint = triaged('Faulty kettle', 'I will go to the press and post it on 微博.');
    const routed = decideRouting(policy, calendar, complaint, newId, NOW)!;
    expect(routed.changes.reputationAlertedAt).toBe(NOW.toISOString());
    expect(routed.changes.outbox).toEqual([
      expect.objectContaining({
        kind: 'reputation',
        rule: {
          id: 'reputation-risk',
          recipients: ['senior-management@example.com'],
          matched: ['微博', 'go to the press'],
        },
      }),
    ]);
    expect(routed.events.map((event) => event.type)).toEqual(['reputation.alerted']);
    // Already alerted: nothing again.
    expect(decideRouting(policy, calendar, { ...complaint, ...routed.changes }, newId, NOW)).toBeUndefined();
  });

  it('refuses a policy whose assist rule names an unknown department', () => {
    const document = defaultPolicyDocument();
    document.routing = {
      rules: [{ id: 'x', action: 'assist', department: 'nowhere', keywords: ['律师'] }],
    };
    expect(() => parsePolicy(document)).toThrow(/routing\.rules\.0\.department: unknown department nowhere/u);
  });
});
