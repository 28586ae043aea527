import * as z from './zod.ts';
import { text } from './text.ts';

/** A 1–5 rating (5 best), as the source documents require for every closed complaint. */
const rating = z.int().check(z.gte(1), z.lte(5));

export const SOLVED_ANSWERS = ['yes', 'partly', 'no'] as const;
export type SolvedAnswer = (typeof SOLVED_ANSWERS)[number];

/** The satisfaction survey answer: overall, process and result rated separately. */
export const surveyAnswerSchema = z.strictObject({
  overall: rating,
  process: rating,
  result: rating,
  solved: z.enum(SOLVED_ANSWERS),
  comment: z.optional(text({ max: 1000, multiline: true })),
});
export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;

/** What a complaint's follow-up has done so far, for one resolution round (ISO-8601 UTC). */
export interface FollowUp {
  /** Which resolution round this follow-up belongs to (0 for the first; +1 per reopen). */
  round: number;
  /** When the survey goes out: resolution + the policy's delay. */
  surveyDueAt?: string | undefined;
  surveyQueuedAt?: string | undefined;
  /** The survey window closes then; an answer after it is refused. */
  surveyExpiresAt?: string | undefined;
  reminderDueAt?: string | undefined;
  reminderQueuedAt?: string | undefined;
  optedOutAt?: string | undefined;
  answeredAt?: string | undefined;
  answer?: SurveyAnswer | undefined;
  /** The customer has no email address (logged by phone): no survey was sent, none is awaited. */
  notMailableAt?: string | undefined;
  /** The survey window passed without an answer (or the survey could not be sent). */
  noResponseAt?: string | undefined;
  /** Follow-up mail that failed for good after the workflow's retries (the complaint still closes). */
  failures?: { kind: string; at: string; error: string }[] | undefined;
}

/** Satisfied: 4–5 overall (the satisfaction-rate numerator); 1–2 overall or "not solved" reopens. */
export const isSatisfied = (answer: SurveyAnswer): boolean => answer.overall >= 4;
export const reopensComplaint = (answer: SurveyAnswer): boolean =>
  answer.overall <= 2 || answer.solved === 'no';

/** The survey's questions as the page shows them, in the customer's language. */
export const surveyQuestions = (locale: 'zh-CN' | 'en') => {
  const zh = locale === 'zh-CN';
  const scale = {
    min: 1,
    max: 5,
    low: zh ? '非常不满意' : 'Very dissatisfied',
    high: zh ? '非常满意' : 'Very satisfied',
  };
  return [
    { id: 'overall', kind: 'rating', label: zh ? '总体满意度' : 'Overall satisfaction', ...scale },
    { id: 'process', kind: 'rating', label: zh ? '对处理过程的满意度' : 'How we handled it', ...scale },
    { id: 'result', kind: 'rating', label: zh ? '对处理结果的满意度' : 'The result', ...scale },
    {
      id: 'solved',
      kind: 'choice',
      label: zh ? '您的问题解决了吗？' : 'Is your problem solved?',
      options: SOLVED_ANSWERS.map((value) => ({
        value,
        label: zh
          ? { yes: '已解决', partly: '部分解决', no: '未解决' }[value]
          : { yes: 'Yes', partly: 'Partly', no: 'No' }[value],
      })),
    },
    {
      id: 'comment',
      kind: 'text',
      label: zh ? '其他意见（可选）' : 'Anything else? (optional)',
      maxLength: 1000,
      optional: true,
    },
  ] as const;
};
