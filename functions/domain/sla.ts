import {
  addDuration,
  addMinutes,
  clockOf,
  minutesBetween,
  provisionalYearsBetween,
  type BusinessCalendar,
  type ClockKind,
  type SlaDuration,
} from './calendar.ts';
import type { Policy } from './policy.ts';
import { countReminder, nextReminderTime, type RemindersOnDay } from './reminder-bounds.ts';
import type { Category, Channel, CustomerTier, Severity, SlaStage } from './vocabulary.ts';

/** One SLA clock of a complaint: first response or resolution. ISO-8601 UTC instants. */
export interface StageClock {
  stage: SlaStage;
  /** Wall clock (24×7) or business time, fixed by the target that set the deadline. */
  clock: ClockKind;
  target: SlaDuration;
  /** The policy rule that set the deadline (the earliest candidate wins). */
  rule: string;
  startedAt: string;
  dueAt: string;
  /** When the workflow next looks at this stage: the deadline, then each escalation's extra time. */
  nextCheckAt: string;
  /** When the assignee is warned that the deadline is near (the policy's `warning.atFraction` of the time). */
  warnAt?: string | undefined;
  /** When that warning was queued: once per stage. */
  warnedAt?: string | undefined;
  pausedAt?: string | undefined;
  completedAt?: string | undefined;
  onTime?: boolean | undefined;
  breachedAt?: string | undefined;
  /**
   * The deadline counts business time through a year the policy's calendar does not cover, on the
   * statutory fixed-date holidays alone (calendar.ts): it may move once the year is added.
   */
  provisionalCalendar?: boolean | undefined;
}

export interface SlaState {
  firstResponse: StageClock;
  resolution: StageClock;
  /** 0 = not escalated; 1 supervisor, 2 department head, 3 senior management. */
  escalationLevel: number;
  reminders: number;
  /** The reminders sent on the day of the last one, for the policy's daily bound. */
  remindersOnDay?: RemindersOnDay | undefined;
}

export interface SlaSubject {
  severity: Severity;
  category: Category;
  channel: Channel;
  tier: CustomerTier;
}

const iso = (date: Date) => date.toISOString();

/** Whether a business-time deadline from `from` to `dueAt` relied on provisional calendar data. */
const provisional = (calendar: BusinessCalendar, kind: ClockKind, from: Date, dueAt: Date) =>
  kind === 'business' && provisionalYearsBetween(calendar, from, dueAt).length > 0 ? true : undefined;

/** The SLA target for a stage: every matching rule proposes a deadline and the earliest wins. */
export const stageTarget = (
  policy: Policy,
  calendar: BusinessCalendar,
  subject: SlaSubject,
  stage: SlaStage,
  from: Date,
): { rule: string; target: SlaDuration; dueAt: Date } => {
  const bySeverity = policy.sla.bySeverity[subject.severity];
  if (!bySeverity) throw new Error(`No SLA targets for severity ${subject.severity}`);
  const candidates: { rule: string; target: SlaDuration }[] = [
    { rule: `severity:${subject.severity}`, target: bySeverity[stage] },
  ];
  for (const override of policy.sla.overrides) {
    const target = override[stage];
    const { when } = override;
    const applies =
      (!when.category || when.category === subject.category) &&
      (!when.channel || when.channel === subject.channel) &&
      (!when.tier || when.tier === subject.tier) &&
      (!when.severity || when.severity === subject.severity);
    if (target && applies) candidates.push({ rule: override.id, target });
  }
  return candidates
    .map((candidate) => ({ ...candidate, dueAt: addDuration(calendar, from, candidate.target) }))
    .reduce((earliest, candidate) => (candidate.dueAt < earliest.dueAt ? candidate : earliest));
};

/**
 * The warning time of a clock: the policy's share of the time from its start to its deadline, counted
 * on its own clock (business minutes for a business-time target).
 */
export const warningTime = (
  policy: Policy,
  calendar: BusinessCalendar,
  clock: Pick<StageClock, 'clock' | 'startedAt' | 'dueAt'>,
): string => {
  const startedAt = new Date(clock.startedAt);
  const total = minutesBetween(calendar, clock.clock, startedAt, new Date(clock.dueAt));
  return iso(addMinutes(calendar, clock.clock, startedAt, total * policy.warning.atFraction));
};

/** Both clocks start when the complaint is received. */
export const startClocks = (
  policy: Policy,
  calendar: BusinessCalendar,
  subject: SlaSubject,
  receivedAt: Date,
): SlaState => {
  const clockFor = (stage: SlaStage): StageClock => {
    const { rule, target, dueAt } = stageTarget(policy, calendar, subject, stage, receivedAt);
    const clock = {
      stage,
      clock: clockOf(target),
      target,
      rule,
      startedAt: iso(receivedAt),
      dueAt: iso(dueAt),
      nextCheckAt: iso(dueAt),
      provisionalCalendar: provisional(calendar, clockOf(target), receivedAt, dueAt),
    };
    return { ...clock, warnAt: warningTime(policy, calendar, clock) };
  };
  return {
    firstResponse: clockFor('firstResponse'),
    resolution: clockFor('resolution'),
    escalationLevel: 0,
    reminders: 0,
  };
};

const open = (clock: StageClock) => clock.completedAt === undefined;

/** Ends a stage (first contact made, complaint resolved); a stage already ended stays as it was. */
export const completeStage = (sla: SlaState, stage: SlaStage, now: Date): SlaState => {
  const clock = sla[stage];
  if (!open(clock)) return sla;
  // Time spent paused does not count: a stage completed while paused is judged at its pause.
  const judgedAt = clock.pausedAt ? new Date(clock.pausedAt) : now;
  return {
    ...sla,
    [stage]: {
      ...clock,
      pausedAt: undefined,
      completedAt: iso(now),
      onTime: judgedAt <= new Date(clock.dueAt),
    },
  };
};

/** Stops the open clocks while the complaint awaits the customer. */
export const pauseClocks = (sla: SlaState, now: Date): SlaState => {
  const pause = (clock: StageClock): StageClock =>
    open(clock) && !clock.pausedAt ? { ...clock, pausedAt: iso(now) } : clock;
  return { ...sla, firstResponse: pause(sla.firstResponse), resolution: pause(sla.resolution) };
};

/**
 * Restarts paused clocks: whatever was left until the deadline and until the next check when the
 * clock stopped is counted again from now, on the stage's own clock.
 */
export const resumeClocks = (calendar: BusinessCalendar, sla: SlaState, now: Date): SlaState => {
  const resume = (clock: StageClock): StageClock => {
    if (!open(clock) || !clock.pausedAt) return clock;
    const pausedAt = new Date(clock.pausedAt);
    const shift = (instant: string): string => {
      const left = minutesBetween(calendar, clock.clock, pausedAt, new Date(instant));
      return left > 0 ? iso(addMinutes(calendar, clock.clock, now, left)) : instant;
    };
    const dueAt = shift(clock.dueAt);
    return {
      ...clock,
      pausedAt: undefined,
      dueAt,
      nextCheckAt: shift(clock.nextCheckAt),
      ...(clock.warnAt ? { warnAt: shift(clock.warnAt) } : {}),
      provisionalCalendar:
        clock.provisionalCalendar ?? provisional(calendar, clock.clock, now, new Date(dueAt)),
    };
  };
  return { ...sla, firstResponse: resume(sla.firstResponse), resolution: resume(sla.resolution) };
};

/** What the workflow should do next for a stage. */
export type StagePlan = { kind: 'done' } | { kind: 'paused' } | { kind: 'wait'; until: string };

/**
 * What the stage's wait is for: the stage ending (a signal), or, first come, its next check, the
 * assignee's warning before the deadline, or `alsoCheckAt` (an open assist's due time): each wakes
 * the Escalate step, which does what is due and nothing early.
 */
export const planStage = (sla: SlaState, stage: SlaStage, alsoCheckAt?: string): StagePlan => {
  const clock = sla[stage];
  if (!open(clock)) return { kind: 'done' };
  if (clock.pausedAt) return { kind: 'paused' };
  const warning = clock.warnAt && !clock.warnedAt && clock.warnAt < clock.dueAt ? clock.warnAt : undefined;
  const times = [clock.nextCheckAt, warning, alsoCheckAt].filter((time) => time !== undefined);
  return { kind: 'wait', until: times.sort()[0]! };
};

/**
 * The stage's warning is due (its time passed, not sent before): the clock marked as warned, and
 * whether to mail it: not once the deadline passed (the escalation speaks then), but the clock is
 * marked all the same, so that its wait never wakes for that warning again. Undefined otherwise.
 */
export const warnStage = (
  sla: SlaState,
  stage: SlaStage,
  now: Date,
): { sla: SlaState; mail: boolean } | undefined => {
  const clock = sla[stage];
  if (!open(clock) || clock.pausedAt || !clock.warnAt || clock.warnedAt) return undefined;
  if (now < new Date(clock.warnAt)) return undefined;
  return {
    sla: { ...sla, [stage]: { ...clock, warnedAt: iso(now) } },
    mail: now < new Date(clock.dueAt),
  };
};

export type EscalationAction =
  | { kind: 'none'; reason: 'stage-done' | 'paused' | 'not-due' }
  /** A reminder is due but not allowed now (night, or the day's reminders used up): checked again later. */
  | { kind: 'defer'; until: string }
  | { kind: 'escalate'; level: number; minutesLate: number }
  | { kind: 'remind'; level: number; minutesLate: number; reminder: number };

const extraTimeFor = (
  byDefault: SlaDuration,
  bySeverity: Partial<Record<Severity, SlaDuration>>,
  severity: Severity,
): SlaDuration => bySeverity[severity] ?? byDefault;

/**
 * A stage's check time has come: move the complaint one escalation level up (or, past the last
 * level, remind), and set when the stage is checked next. A repeated or early call changes nothing.
 */
export const escalateStage = (
  policy: Policy,
  calendar: BusinessCalendar,
  sla: SlaState,
  stage: SlaStage,
  severity: Severity,
  now: Date,
): { sla: SlaState; action: EscalationAction } => {
  const clock = sla[stage];
  if (!open(clock)) return { sla, action: { kind: 'none', reason: 'stage-done' } };
  if (clock.pausedAt) return { sla, action: { kind: 'none', reason: 'paused' } };
  if (now < new Date(clock.nextCheckAt)) return { sla, action: { kind: 'none', reason: 'not-due' } };

  const minutesLate = Math.max(
    0,
    Math.round(minutesBetween(calendar, clock.clock, new Date(clock.dueAt), now)),
  );
  const levels = policy.escalation.levels;
  const breached = { ...clock, breachedAt: clock.breachedAt ?? iso(now) };
  // Reminders (past the last level) only go out when the policy's bounds allow: the check after the
  // last escalation and after each reminder is set to the next allowed time.
  const reminderAt = (from: Date, sent: SlaState['remindersOnDay']) =>
    iso(nextReminderTime(calendar, policy.escalation.reminders, severity, sent, from));
  if (sla.escalationLevel < levels.length) {
    const level = levels[sla.escalationLevel]!;
    const extra = extraTimeFor(level.extraTime, level.extraTimeBySeverity, severity);
    const checkAt = addDuration(calendar, now, extra);
    return {
      sla: {
        ...sla,
        escalationLevel: level.level,
        [stage]: {
          ...breached,
          nextCheckAt: level.level === levels.length ? reminderAt(checkAt, sla.remindersOnDay) : iso(checkAt),
        },
      },
      action: { kind: 'escalate', level: level.level, minutesLate },
    };
  }
  // A check that comes at a time the bounds forbid (a paused clock resumed into the night, a policy
  // changed since it was set) waits for the next allowed time.
  const allowedAt = reminderAt(now, sla.remindersOnDay);
  if (new Date(allowedAt) > now) {
    return {
      sla: { ...sla, [stage]: { ...clock, nextCheckAt: allowedAt } },
      action: { kind: 'defer', until: allowedAt },
    };
  }
  const interval = extraTimeFor(
    policy.escalation.reminderInterval,
    policy.escalation.reminderIntervalBySeverity,
    severity,
  );
  const reminder = sla.reminders + 1;
  const remindersOnDay = countReminder(calendar, sla.remindersOnDay, now);
  return {
    sla: {
      ...sla,
      reminders: reminder,
      remindersOnDay,
      [stage]: {
        ...breached,
        nextCheckAt: reminderAt(addDuration(calendar, now, interval), remindersOnDay),
      },
    },
    action: { kind: 'remind', level: levels.length, minutesLate, reminder },
  };
};

/**
 * New targets after staff re-grade a complaint: each open stage not yet breached gets the deadline
 * the new grade gives, counted from receipt. (Time spent paused before the re-grade is not added
 * back; a breached stage keeps its escalation schedule.)
 */
export const regradeClocks = (
  policy: Policy,
  calendar: BusinessCalendar,
  sla: SlaState,
  subject: SlaSubject,
): SlaState => {
  const regrade = (clock: StageClock): StageClock => {
    if (!open(clock) || clock.breachedAt || clock.pausedAt) return clock;
    const { rule, target, dueAt } = stageTarget(
      policy,
      calendar,
      subject,
      clock.stage,
      new Date(clock.startedAt),
    );
    const regraded = {
      ...clock,
      rule,
      target,
      clock: clockOf(target),
      dueAt: iso(dueAt),
      nextCheckAt: iso(dueAt),
      provisionalCalendar: provisional(calendar, clockOf(target), new Date(clock.startedAt), dueAt),
    };
    return { ...regraded, warnAt: warningTime(policy, calendar, regraded) };
  };
  return { ...sla, firstResponse: regrade(sla.firstResponse), resolution: regrade(sla.resolution) };
};
