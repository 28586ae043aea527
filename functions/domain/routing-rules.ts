import { assistRequestedMail, newAssist } from './assists.ts';
import type { EventDraft } from './audit-event.ts';
import type { BusinessCalendar } from './calendar.ts';
import type { Complaint, OutboxMessage } from './complaint.ts';
import type { Policy } from './policy.ts';
import { matchedKeywords } from './triage.ts';

export type RoutingRule = Policy['routing']['rules'][number];

/** A routing rule whose words the complaint contains, with the words found. */
export interface RoutingMatch {
  rule: RoutingRule;
  matched: string[];
}

/**
 * The routing rules whose keywords occur in the complaint's subject and description: Latin words as
 * whole words and Chinese words as substrings, case-insensitively (the triage's own matcher).
 */
export const matchRoutingRules = (
  policy: Policy,
  complaint: Pick<Complaint, 'subject' | 'description'>,
): RoutingMatch[] => {
  const text = `${complaint.subject}\n${complaint.description}`.toLowerCase();
  return policy.routing.rules.flatMap((rule) => {
    const matched = matchedKeywords(text, rule.keywords);
    return matched.length > 0 ? [{ rule, matched }] : [];
  });
};

const ASSIST_QUESTION = {
  'zh-CN': (words: string[]) => `投诉中出现法律风险用语（${words.join('、')}），请评估并给出处理意见。`,
  en: (words: string[]) =>
    `The complaint uses words of legal risk (${words.join(', ')}): please assess it and advise.`,
} as const;

/**
 * What the routing rules do to a complaint just triaged (its department set): an `assist` rule asks
 * its department for a required assist (unless that department leads the case already, or has one
 * open) and mails its supervisors; an `alert` rule mails its recipients at once, once per complaint. Undefined when no rule
 * applies.
 */
export const decideRouting = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  newId: () => string,
  now: Date,
): { changes: Partial<Complaint>; events: EventDraft[] } | undefined => {
  const assists = [...(complaint.assists ?? [])];
  const outbox: OutboxMessage[] = [...(complaint.outbox ?? [])];
  const events: EventDraft[] = [];
  let reputationAlertedAt = complaint.reputationAlertedAt;
  for (const { rule, matched } of matchRoutingRules(policy, complaint)) {
    if (rule.action === 'assist') {
      const taken = assists.some(
        (assist) => assist.department === rule.department && assist.status === 'open',
      );
      if (rule.department === complaint.department || taken) continue;
      const assist = newAssist(
        policy,
        calendar,
        {
          department: rule.department,
          question: ASSIST_QUESTION[policy.staffLocale](matched),
          required: true,
          requestedBy: `rule:${rule.id}`,
        },
        newId(),
        now,
      );
      assists.push(assist);
      outbox.push(assistRequestedMail(assist));
      events.push({
        type: 'assist.requested',
        customerVisible: false,
        details: {
          assistId: assist.id,
          department: assist.department,
          question: assist.question,
          required: true,
          dueAt: assist.dueAt,
          rule: rule.id,
          matched,
        },
      });
    } else {
      if (reputationAlertedAt) continue;
      reputationAlertedAt = now.toISOString();
      outbox.push({
        id: newId(),
        kind: 'reputation',
        level: policy.escalation.levels.length,
        minutesLate: 0,
        rule: { id: rule.id, recipients: rule.recipients, matched },
        createdAt: now.toISOString(),
      });
      events.push({
        type: 'reputation.alerted',
        customerVisible: false,
        details: { rule: rule.id, matched, recipients: rule.recipients },
      });
    }
  }
  if (events.length === 0) return undefined;
  return {
    changes: {
      ...(assists.length !== (complaint.assists ?? []).length ? { assists } : {}),
      ...(reputationAlertedAt !== complaint.reputationAlertedAt ? { reputationAlertedAt } : {}),
      ...(outbox.length !== (complaint.outbox ?? []).length ? { outbox } : {}),
    },
    events,
  };
};
