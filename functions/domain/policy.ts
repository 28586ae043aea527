import * as z from './zod.ts';
import {
  type BusinessCalendar,
  clockOf,
  durationMinutes,
  type SlaDuration,
  workingMinutesPerDay,
} from './calendar.ts';
import { DEFAULT_EVIDENCE_POLICY } from './evidence.ts';
import { CATEGORIES, ROOT_CAUSES, SEVERITIES } from './vocabulary.ts';
import {
  categorySchema,
  channelSchema,
  customerTierSchema,
  departmentIdSchema,
  localeSchema,
  rootCauseSchema,
  severitySchema,
  urgencySchema,
} from './vocabulary-schemas.ts';

/**
 * The complaint-handling policy: categories, grading rules, SLA matrix, escalation chain and the
 * business calendar. The source documents contradict each other on these, so they are data an
 * administrator changes (policy/complaint-policy.json by default), validated here at load.
 */

/**
 * The policy's schemas, built on first use rather than at module load: a function whose policy was
 * validated at synth (AWS) never builds them, which spares each cold start ~10 ms of construction.
 */
const buildSchemas = () => {
  const positive = z.number().check(z.positive(), z.lte(10_000));

  const slaDurationSchema: z.ZodMiniType<SlaDuration> = z.union([
    z.strictObject({ hours: positive }),
    z.strictObject({ minutes: positive }),
    z.strictObject({ workingHours: positive }),
    z.strictObject({ workingDays: positive }),
  ]);

  const localDate = z.iso.date();
  const localTime = z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/u, 'must be HH:mm'));
  const email = z.email();
  const keywordList = z
    .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(50)))
    .check(z.maxLength(200));

  const timeZoneSchema = z.string().check(
    z.refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone'),
  );

  const calendarSchema = z
    .strictObject({
      timeZone: z._default(timeZoneSchema, 'Asia/Shanghai'),
      workingHours: z.array(z.strictObject({ start: localTime, end: localTime })).check(
        z.minLength(1),
        z.refine(
          (windows) =>
            windows.every(
              (window, index) =>
                window.start < window.end && (index === 0 || windows[index - 1]!.end <= window.start),
            ),
          'windows must be sorted, non-empty and non-overlapping',
        ),
      ),
      weekend: z.array(z.int().check(z.gte(1), z.lte(7))).check(z.maxLength(6)),
      /** Per year: public holidays (days off) and make-up working days (调休). */
      years: z.record(
        z.string().check(z.regex(/^\d{4}$/u)),
        z.strictObject({
          holidays: z.array(localDate),
          workingDays: z._default(z.array(localDate), []),
          /** Names shown in the console (春节, 国庆节 补班), keyed by a holiday period's first day or a working day. */
          names: z.optional(z.record(localDate, z.string().check(z.trim(), z.minLength(1), z.maxLength(50)))),
        }),
      ),
    })
    .check(
      z.superRefine((calendar, ctx) => {
        for (const [year, days] of Object.entries(calendar.years)) {
          for (const list of ['holidays', 'workingDays'] as const) {
            days[list].forEach((day, index) => {
              if (!day.startsWith(`${year}-`))
                ctx.addIssue({
                  code: 'custom',
                  path: ['years', year, list, index],
                  message: `${day} is not in ${year}`,
                });
            });
          }
          const clash = days.holidays.find((day) => days.workingDays.includes(day));
          if (clash)
            ctx.addIssue({
              code: 'custom',
              path: ['years', year, 'workingDays', days.workingDays.indexOf(clash)],
              message: `${clash} is both a holiday and a working day`,
            });
        }
      }),
    );

  const departmentSchema = z.strictObject({
    name: z.strictObject({ 'zh-CN': z.string().check(z.minLength(1)), en: z.string().check(z.minLength(1)) }),
    /** Escalation level 1 recipients. */
    supervisors: z.array(email).check(z.minLength(1)),
    /** Escalation level 2 recipients. */
    heads: z.array(email).check(z.minLength(1)),
  });

  const ruleSchema = z.strictObject({
    id: z.string().check(z.regex(/^[a-z0-9-]+$/u)),
    keywords: keywordList.check(z.minLength(1)),
    severity: z.optional(severitySchema),
    urgency: z.optional(urgencySchema),
  });

  const targetSchema = z.strictObject({
    firstResponse: z.optional(slaDurationSchema),
    resolution: z.optional(slaDurationSchema),
  });

  const atLeast = z.strictObject({ atLeast: z.number().check(z.gte(0)) });
  const atMost = z.strictObject({ atMost: z.number().check(z.gte(0)) });

  /** KPI targets named by the source documents (DOMAIN.md, Metrics); rates are fractions (0.95 = 95 %). */
  const kpiTargetsSchema = z.strictObject({
    resolutionRate: z._default(atLeast, { atLeast: 0.95 }),
    satisfactionRate: z._default(atLeast, { atLeast: 0.9 }),
    csat: z._default(atLeast, { atLeast: 4.5 }),
    repeatRate: z._default(atMost, { atMost: 0.05 }),
    /** Share of complaints sent up to senior management (the last escalation level). */
    escalationRate: z._default(atMost, { atMost: 0.03 }),
    firstResponseMeanHours: z._default(atMost, { atMost: 2 }),
    resolutionMeanHours: z._default(atMost, { atMost: 24 }),
  });

  const approvalsSchema = z
    .strictObject({
      /** A payout above this needs a supervisor's approval whatever the severity. */
      amountThreshold: z._default(z.number().check(z.nonnegative()), 5000),
      /** A payout above this needs a manager's or an admin's approval. */
      managerAmountThreshold: z._default(z.number().check(z.nonnegative()), 50_000),
    })
    .check(
      z.refine(
        (approvals) => approvals.managerAmountThreshold >= approvals.amountThreshold,
        'managerAmountThreshold must not be below amountThreshold',
      ),
    );

  const surgeRuleSchema = z.strictObject({
    minCount: z._default(z.int().check(z.gte(2), z.lte(100_000)), 20),
    factor: z._default(z.number().check(z.gte(1), z.lte(1000)), 5),
    windowMinutes: z._default(z.int().check(z.gte(10), z.lte(1440), z.multipleOf(10)), 60),
    baselineDays: z._default(z.int().check(z.gte(1), z.lte(28)), 7),
  });

  const policySchema = z
    .strictObject({
      version: z.literal(1),
      /** Language of mail to staff (escalations). */
      staffLocale: z._default(localeSchema, 'zh-CN'),
      calendar: calendarSchema,
      departments: z.record(departmentIdSchema, departmentSchema),
      categories: z.record(
        categorySchema,
        z.strictObject({ department: z.string(), keywords: z._default(keywordList, []) }),
      ),
      grading: z.strictObject({
        /** Applied in order; the most severe and most urgent matches win. */
        rules: z.array(ruleSchema),
        default: z.strictObject({ severity: severitySchema, urgency: urgencySchema }),
        /** priority score = severity weight × urgency weight × customer-tier weight */
        weights: z.strictObject({
          severity: z.record(severitySchema, positive),
          urgency: z.record(urgencySchema, positive),
          tier: z.record(customerTierSchema, positive),
        }),
        /** Minimum score for each priority, highest first; the last is 0. */
        priorityThresholds: z.strictObject({
          P1: z.number(),
          P2: z.number(),
          P3: z.number(),
          P4: z.literal(0),
        }),
      }),
      /**
       * The root causes staff choose from when resolving (labels in labels.ts), in the order the
       * form lists them; a code taken out stays readable on the complaints that carry it.
       */
      rootCauses: z._default(
        z.array(rootCauseSchema).check(
          z.minLength(1),
          z.refine((codes) => new Set(codes).size === codes.length, 'must not repeat a code'),
        ),
        [...ROOT_CAUSES],
      ),
      repeatWindowDays: z._default(z.int().check(z.gte(1), z.lte(365)), 30),
      /** Customer tracking links: valid while the complaint is open and this many days after it ends. */
      trackingTokens: z._default(
        z.strictObject({ validDaysAfterClosing: z.int().check(z.gte(1), z.lte(3650)) }),
        { validDaysAfterClosing: 365 },
      ),
      /**
       * Data-subject requests (PIPL): the answer is due within `answerWithin` of confirmation (PIPL
       * sets no figure; 15 working days is the common practice); the mailed confirmation link opens for
       * `confirmLinkValidHours`; an export's download link for `exportLinkValidDays`.
       */
      dataRequests: z.prefault(
        z.strictObject({
          answerWithin: z._default(slaDurationSchema, { workingDays: 15 }),
          confirmLinkValidHours: z._default(z.int().check(z.gte(1), z.lte(168)), 24),
          exportLinkValidDays: z._default(z.int().check(z.gte(1), z.lte(30)), 7),
        }),
        {},
      ),
      kpiTargets: z.prefault(kpiTargetsSchema, {}),
      /** Payouts that need a proposal approved first (domain/approvals.ts), in the currency's main unit. */
      approvals: z.prefault(approvalsSchema, {}),
      /**
       * Intake by staff: a complaint made by phone, letter, at the desk or through a third party is to
       * be recorded within this time of receipt (DOMAIN.md: every channel within 1 working day); a
       * later record is flagged on the complaint and counted (KPI late records).
       */
      intake: z.prefault(
        z.strictObject({ recordWithin: z._default(slaDurationSchema, { workingDays: 1 }) }),
        {},
      ),
      /** Limits on one party, so the public form is no mail relay and one case cannot grow without end. */
      limits: z.prefault(
        z.strictObject({
          /** New complaints per customer email address per hour (each one mails that address). */
          complaintsPerAddressPerHour: z._default(z.int().check(z.gte(1)), 5),
          /** New complaints per client IP address per hour: an office behind one NAT address. */
          complaintsPerSourceIpPerHour: z._default(z.int().check(z.gte(1)), 60),
          /** Customer messages on one complaint per hour, and in all. */
          customerMessagesPerComplaintPerHour: z._default(z.int().check(z.gte(1)), 20),
          customerMessagesPerComplaint: z._default(z.int().check(z.gte(1)), 200),
          /**
           * Proof of work before a public form may mail an address (domain/proof-of-work.ts): the
           * largest counter a challenge hides, so a browser tries half of it on average.
           */
          proofOfWorkMaxCounter: z._default(z.int().check(z.gte(1), z.lte(10_000_000)), 100_000),
        }),
        {},
      ),
      /** Evidence files (domain/evidence.ts): accepted types and their sizes, files per complaint, link lifetimes. */
      evidence: z._default(
        z.strictObject({
          maxFilesPerComplaint: z.int().check(z.gte(1), z.lte(50)),
          uploadMinutes: z.int().check(z.gte(1), z.lte(60)),
          downloadMinutes: z.int().check(z.gte(1), z.lte(60)),
          types: z.record(
            z.string().check(z.regex(/^[a-z]+\/[a-z0-9.+-]+$/u, 'must be a lower-case MIME type')),
            z.strictObject({
              // S3's largest single POST upload is 5 GB.
              maxBytes: z.int().check(z.gte(1), z.lte(5 * 1000 ** 3)),
              extensions: z
                .array(
                  z
                    .string()
                    .check(z.regex(/^[a-z0-9]{1,10}$/u, 'must be a lower-case extension without dot')),
                )
                .check(z.minLength(1)),
            }),
          ),
        }),
        DEFAULT_EVIDENCE_POLICY,
      ),
      sla: z.strictObject({
        bySeverity: z.record(
          severitySchema,
          z.strictObject({ firstResponse: slaDurationSchema, resolution: slaDurationSchema }),
        ),
        /** Further targets for matching complaints; the earliest resulting deadline applies. */
        overrides: z.array(
          z.extend(targetSchema, {
            id: z.string().check(z.regex(/^[a-z0-9-]+$/u)),
            when: z
              .strictObject({
                category: z.optional(categorySchema),
                channel: z.optional(channelSchema),
                tier: z.optional(customerTierSchema),
                severity: z.optional(severitySchema),
              })
              .check(z.refine((when) => Object.keys(when).length > 0, 'must name at least one condition')),
          }),
        ),
      }),
      escalation: z.strictObject({
        /** Level 1 supervisor, level 2 department head, level 3 senior management. */
        levels: z
          .array(
            z.strictObject({
              level: z.int().check(z.gte(1), z.lte(3)),
              name: z.strictObject({
                'zh-CN': z.string().check(z.minLength(1)),
                en: z.string().check(z.minLength(1)),
              }),
              recipients: z.union([
                z.literal('department-supervisors'),
                z.literal('department-heads'),
                z.array(email).check(z.minLength(1)),
              ]),
              /** Time the case gets at this level before it moves up (or, at the last level, is reminded). */
              extraTime: slaDurationSchema,
              /** Optional shorter/longer extra time by severity. */
              extraTimeBySeverity: z._default(z.partialRecord(severitySchema, slaDurationSchema), {}),
            }),
          )
          .check(
            z.minLength(1),
            z.maxLength(3),
            z.refine(
              (levels) => levels.every((level, index) => level.level === index + 1),
              'levels must be 1, 2, 3 in order',
            ),
          ),
        /** After the last level, remind its recipients at this interval until the stage ends. */
        reminderInterval: slaDurationSchema,
        reminderIntervalBySeverity: z._default(z.partialRecord(severitySchema, slaDurationSchema), {}),
        /** Bounds on those reminders (domain/reminder-bounds.ts). */
        reminders: z.prefault(
          z.strictObject({
            /** Reminded in working hours only; L1 (the emergency) is not, by default. */
            workingHoursOnlyFor: z._default(z.array(severitySchema), ['L2', 'L3', 'L4']),
            /** Per complaint per business day. */
            maxPerDay: z._default(z.int().check(z.gte(1), z.lte(96)), 3),
          }),
          {},
        ),
      }),
      /**
       * Co-handling (domain/assists.ts): how long an assisting department has to answer a request for
       * help, on the clock of the duration (business time for working hours and days).
       */
      assists: z._default(z.strictObject({ dueIn: slaDurationSchema }), { dueIn: { workingDays: 2 } }),
      /**
       * Keyword routing beyond the category (domain/routing-rules.ts), applied at triage to subject and
       * description: legal-risk words ask the legal department for a required assist; reputation words
       * mail senior management at once.
       */
      routing: z._default(
        z.strictObject({
          rules: z.array(
            z.discriminatedUnion('action', [
              z.strictObject({
                id: z.string().check(z.regex(/^[a-z0-9-]+$/u)),
                action: z.literal('assist'),
                department: departmentIdSchema,
                keywords: keywordList.check(z.minLength(1)),
              }),
              z.strictObject({
                id: z.string().check(z.regex(/^[a-z0-9-]+$/u)),
                action: z.literal('alert'),
                recipients: z.array(email).check(z.minLength(1)),
                keywords: keywordList.check(z.minLength(1)),
              }),
            ]),
          ),
        }),
        { rules: [] },
      ),
      /**
       * Before a stage's deadline the assignee is warned once, when this share of the stage's time
       * has passed (counted on the stage's own clock).
       */
      warning: z._default(z.strictObject({ atFraction: z.number().check(z.gt(0), z.lt(1)) }), {
        atFraction: 0.75,
      }),
      /**
       * Complaint surges (the emergency plan's mass incident): within `windowMinutes` at least
       * `minCount` complaints about one product or category, and at least `factor` × the trailing
       * `baselineDays` mean for as long a span. `byCategory` tunes the rule per category (it applies
       * to the category's own counts and to products' counts within it).
       */
      surge: z.prefault(
        z.strictObject({
          dimensions: z._default(
            z.array(z.enum(['product', 'category'])).check(z.minLength(1), z.maxLength(2)),
            ['product', 'category'],
          ),
          rule: z.prefault(surgeRuleSchema, {}),
          byCategory: z._default(z.partialRecord(categorySchema, surgeRuleSchema), {}),
        }),
        {},
      ),
      /** Incidents (many complaints, one cause): bounds on one incident and its bulk mail. */
      incidents: z.prefault(
        z.strictObject({
          /** Complaints linked to one incident at most (their ids live on the incident item). */
          maxLinkedComplaints: z._default(z.int().check(z.gte(1), z.lte(1000)), 1000),
          /** Mails of one bulk notice sent at a time. */
          noticeConcurrency: z._default(z.int().check(z.gte(1), z.lte(20)), 4),
          /** Complaints submitted this many days before an incident opened may still be suggested. */
          suggestionWindowDays: z._default(z.int().check(z.gte(1), z.lte(90)), 14),
        }),
        {},
      ),
      /**
       * Personal data of finished complaints (domain/retention.ts): anonymised this long after the
       * complaint was closed or rejected (PIPL: kept no longer than needed), evidence files deleted
       * with it; a legal hold stops it. Calendar time, never business time: a law counts days.
       */
      retention: z.prefault(
        z.strictObject({
          anonymiseAfter: z._default(
            z.union([
              z.strictObject({ days: z.int().check(z.gte(1), z.lte(36_500)) }),
              z.strictObject({ hours: z.int().check(z.gte(1), z.lte(876_000)) }),
            ]),
            { days: 1095 },
          ),
          /** Complaints one run of the retention job anonymises at most; the rest wait for the next. */
          maxPerRun: z._default(z.int().check(z.gte(1), z.lte(1000)), 200),
        }),
        {},
      ),
      /** After resolution: the result notice at once, then the satisfaction survey (DOMAIN.md, Follow-up). */
      followUp: z._default(
        z.strictObject({
          /** From resolution to the survey email: the documents ask for a return visit within a week. */
          surveyDelay: slaDurationSchema,
          /** From the survey email to the one reminder. */
          reminderAfter: slaDurationSchema,
          /** From the survey email until it closes unanswered ("no response"). */
          surveyWindow: slaDurationSchema,
          /**
           * From closing until staff may no longer reopen the complaint (the customer files a new one);
           * the complaint's workflow waits this long before it ends.
           */
          reopenWindow: z._default(slaDurationSchema, { hours: 720 }),
        }),
        {
          surveyDelay: { workingDays: 2 },
          reminderAfter: { hours: 72 },
          surveyWindow: { hours: 168 },
          reopenWindow: { hours: 720 },
        },
      ),
    })
    .check(
      z.superRefine((policy, ctx) => {
        const delay = policy.followUp.surveyDelay;
        // Only the working hours matter for these conversions.
        const hours: BusinessCalendar = { ...policy.calendar, holidays: [], workingDays: [] };
        let tooLate = false;
        try {
          // Five calendar days never end after five working days, so wall durations compare to 5 × 24 h.
          tooLate =
            clockOf(delay) === 'business'
              ? durationMinutes(hours, delay) > 5 * workingMinutesPerDay(hours)
              : durationMinutes(hours, delay) > 5 * 24 * 60;
        } catch {
          // Invalid working hours are reported by their own check.
        }
        if (tooLate) {
          ctx.addIssue({
            code: 'custom',
            path: ['followUp', 'surveyDelay'],
            message: 'the survey must go out within 5 working days of resolution',
          });
        }
        for (const [category, config] of Object.entries(policy.categories)) {
          if (!(config.department in policy.departments)) {
            ctx.addIssue({
              code: 'custom',
              path: ['categories', category, 'department'],
              message: `unknown department ${config.department}`,
            });
          }
        }
        policy.routing.rules.forEach((rule, index) => {
          if (rule.action === 'assist' && !(rule.department in policy.departments)) {
            ctx.addIssue({
              code: 'custom',
              path: ['routing', 'rules', index, 'department'],
              message: `unknown department ${rule.department}`,
            });
          }
        });
        for (const category of CATEGORIES) {
          if (!(category in policy.categories)) {
            ctx.addIssue({
              code: 'custom',
              path: ['categories', category],
              message: 'every category needs a department',
            });
          }
        }
        for (const severity of SEVERITIES) {
          if (!(severity in policy.sla.bySeverity)) {
            ctx.addIssue({
              code: 'custom',
              path: ['sla', 'bySeverity', severity],
              message: 'every severity needs targets',
            });
          }
        }
      }),
    );

  return { kpiTargetsSchema, approvalsSchema, surgeRuleSchema, policySchema };
};

type PolicySchemas = ReturnType<typeof buildSchemas>;
let schemas: PolicySchemas | undefined;

export type KpiTargets = z.output<PolicySchemas['kpiTargetsSchema']>;
export type Policy = z.output<PolicySchemas['policySchema']>;
export type ApprovalThresholds = z.output<PolicySchemas['approvalsSchema']>;
export type SurgeRule = z.output<PolicySchemas['surgeRuleSchema']>;

/** Parses and validates a policy document; throws a readable error naming each bad path. */
export const parsePolicy = (document: unknown): Policy => {
  schemas ??= buildSchemas();
  const result = schemas.policySchema.safeParse(document);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`Invalid complaint policy:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
};

/** The calendar of the policy, flattened for the calendar functions. */
export const businessCalendar = (policy: Policy): BusinessCalendar => ({
  timeZone: policy.calendar.timeZone,
  workingHours: policy.calendar.workingHours,
  weekend: policy.calendar.weekend,
  holidays: Object.values(policy.calendar.years).flatMap((year) => year.holidays),
  workingDays: Object.values(policy.calendar.years).flatMap((year) => year.workingDays),
  coveredYears: coveredCalendarYears(policy),
});

/** The years the policy's calendar has published holiday data for. */
export const coveredCalendarYears = (policy: Policy): number[] =>
  Object.keys(policy.calendar.years).map(Number);

/**
 * Validates a policy document without throwing: the zod result, whose issues carry each problem's
 * path (the admin API answers them field by field, domain/policy-versions.ts).
 */
export const checkPolicy = (document: unknown) => {
  schemas ??= buildSchemas();
  return schemas.policySchema.safeParse(document);
};
