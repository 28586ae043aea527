import type { Policy } from './policy.ts';
import {
  CATEGORIES,
  PRIORITIES,
  SEVERITIES,
  URGENCIES,
  type Category,
  type Channel,
  type CustomerTier,
  type DepartmentId,
  type Priority,
  type Severity,
  type Urgency,
} from './vocabulary.ts';

export interface TriageInput {
  subject: string;
  description: string;
  desiredOutcome?: string | undefined;
  product?: string | undefined;
  categoryHint?: Category | undefined;
  channel: Channel;
  tier: CustomerTier;
}

/** Why triage decided what it did: which rule fired on which words. */
export interface TriageReason {
  aspect: 'category' | 'severity' | 'urgency' | 'priority';
  rule: string;
  matched?: string[];
}

export interface Grade {
  severity: Severity;
  urgency: Urgency;
  priority: Priority;
}

export interface TriageResult extends Grade {
  category: Category;
  department: DepartmentId;
  tier: CustomerTier;
  score: number;
  reasons: TriageReason[];
}

const ASCII_WORD = /^[\x20-\x7E]+$/u;

/** Latin keywords match whole words, case-insensitively; Chinese keywords match as substrings. */
const keywordMatcher = (keyword: string): ((text: string) => boolean) => {
  const lower = keyword.toLowerCase();
  if (!ASCII_WORD.test(keyword)) return (text) => text.includes(lower);
  const escaped = lower.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const pattern = new RegExp(`(?<![a-z0-9])${escaped}(?![a-z0-9])`, 'u');
  return (text) => pattern.test(text);
};

/** The keywords found in a text already lower-cased. */
export const matchedKeywords = (text: string, keywords: readonly string[]): string[] =>
  keywords.filter((keyword) => keywordMatcher(keyword)(text));

const rank = <T extends string>(order: readonly T[], value: T) => order.indexOf(value);

/** The priority score and level for a grade: severity × urgency × customer-tier weights. */
export const priorityFor = (
  policy: Policy,
  severity: Severity,
  urgency: Urgency,
  tier: CustomerTier,
): { priority: Priority; score: number } => {
  const { weights, priorityThresholds } = policy.grading;
  const score =
    (weights.severity[severity] ?? 1) * (weights.urgency[urgency] ?? 1) * (weights.tier[tier] ?? 1);
  const priority = PRIORITIES.find((level) => score >= priorityThresholds[level]) ?? 'P4';
  return { priority, score };
};

/** One priority level up (P1 stays P1): what an escalation does. */
export const raisePriority = (priority: Priority): Priority =>
  PRIORITIES[Math.max(0, rank(PRIORITIES, priority) - 1)]!;

/**
 * Preliminary, explainable classification at intake: category from the customer's hint or keyword
 * rules, severity and urgency from grading rules, priority from severity × urgency × tier.
 */
export const triage = (policy: Policy, input: TriageInput): TriageResult => {
  const text = [input.subject, input.description, input.desiredOutcome ?? '', input.product ?? '']
    .join('\n')
    .toLowerCase();
  const reasons: TriageReason[] = [];

  let category: Category = 'other';
  if (input.categoryHint && input.categoryHint !== 'other') {
    category = input.categoryHint;
    reasons.push({ aspect: 'category', rule: 'customer-hint' });
  } else {
    let best: { category: Category; matched: string[] } | undefined;
    for (const candidate of CATEGORIES) {
      const found = matchedKeywords(text, policy.categories[candidate]?.keywords ?? []);
      if (found.length > 0 && (!best || found.length > best.matched.length))
        best = { category: candidate, matched: found };
    }
    if (best) {
      category = best.category;
      reasons.push({ aspect: 'category', rule: `keywords:${best.category}`, matched: best.matched });
    } else {
      reasons.push({ aspect: 'category', rule: input.categoryHint ? 'customer-hint' : 'default' });
    }
  }

  let severity = policy.grading.default.severity;
  let urgency = policy.grading.default.urgency;
  let severityRule = 'default';
  let urgencyRule = 'default';
  const fired: TriageReason[] = [];
  for (const rule of policy.grading.rules) {
    const found = matchedKeywords(text, rule.keywords);
    if (found.length === 0) continue;
    if (
      rule.severity &&
      (severityRule === 'default' || rank(SEVERITIES, rule.severity) < rank(SEVERITIES, severity))
    ) {
      severity = rule.severity;
      severityRule = rule.id;
      fired.push({ aspect: 'severity', rule: rule.id, matched: found });
    }
    if (rule.urgency && rank(URGENCIES, rule.urgency) < rank(URGENCIES, urgency)) {
      urgency = rule.urgency;
      urgencyRule = rule.id;
      fired.push({ aspect: 'urgency', rule: rule.id, matched: found });
    }
  }
  reasons.push(
    fired.findLast((reason) => reason.aspect === 'severity' && reason.rule === severityRule) ?? {
      aspect: 'severity',
      rule: severityRule,
    },
  );
  // L1 starts the emergency path: it is always urgent.
  if (severity === 'L1' && urgency !== 'urgent') {
    urgency = 'urgent';
    urgencyRule = 'l1-is-urgent';
  }
  reasons.push(
    fired.findLast((reason) => reason.aspect === 'urgency' && reason.rule === urgencyRule) ?? {
      aspect: 'urgency',
      rule: urgencyRule,
    },
  );

  const { priority, score } = priorityFor(policy, severity, urgency, input.tier);
  reasons.push({ aspect: 'priority', rule: `score:${score}` });
  const department = policy.categories[category]?.department ?? 'customer-service';
  return { category, department, severity, urgency, priority, score, tier: input.tier, reasons };
};
