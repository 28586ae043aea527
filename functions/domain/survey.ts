import { z } from 'zod';
import { text } from './text.ts';

/** A 1–5 rating (5 best), as the source documents require for every closed complaint. */
const rating = z.number().int().min(1).max(5);

export const SOLVED_ANSWERS = ['yes', 'partly', 'no'] as const;

/** The satisfaction survey answer: overall, process and result rated separately. */
export const surveyAnswerSchema = z.strictObject({
  overall: rating,
  process: rating,
  result: rating,
  solved: z.enum(SOLVED_ANSWERS),
  comment: text({ max: 1000, multiline: true }).optional(),
});
export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;

/** What a complaint's follow-up has done so far (ISO-8601 UTC timestamps). */
export interface FollowUp {
  /** The result notice (legally required; sent whatever the opt-out). */
  resultNoticeSentAt?: string | undefined;
  surveySentAt?: string | undefined;
  surveyRemindedAt?: string | undefined;
  /** The survey window closes then; an answer after it is refused. */
  surveyExpiresAt?: string | undefined;
  answeredAt?: string | undefined;
  answer?: SurveyAnswer | undefined;
  /** The survey window passed without an answer. */
  noResponseAt?: string | undefined;
  /** A follow-up mail that failed for good (the complaint still closes). */
  failures?: { kind: string; at: string; error: string }[] | undefined;
  /** Which resolution round this follow-up belongs to (0 for the first; +1 per reopen). */
  round: number;
}

/** Satisfied: 4–5 overall (the satisfaction-rate numerator); 1–2 overall or "not solved" reopens. */
export const isSatisfied = (answer: SurveyAnswer): boolean => answer.overall >= 4;
export const reopensComplaint = (answer: SurveyAnswer): boolean =>
  answer.overall <= 2 || answer.solved === 'no';
