import type { Complaint } from '../../domain/complaint.ts';
import { now } from '../../adapters/clock.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { readSurveyToken } from '../../adapters/survey-token.ts';
import { HttpProblem } from '../http/problem.ts';

const unknownSurvey = () =>
  new HttpProblem({
    type: '/problems/survey-not-found',
    title: 'Survey not found',
    status: 404,
    detail: 'This survey link is not valid. Please use the link from your email as it is.',
  });

export const surveyClosed = (detail: string) =>
  new HttpProblem({ type: '/problems/survey-closed', title: 'This survey has closed', status: 410, detail });

/**
 * The complaint and follow-up round a survey link opens: 404 for a forged or altered link, 410 when
 * it has expired (unless `allowExpired`, for opting out).
 */
export const openSurvey = async (
  token: string | undefined,
  options: { allowExpired?: boolean } = {},
): Promise<{ complaint: Complaint; round: number; expiresAt: Date }> => {
  const reading = await readSurveyToken(token ?? '', now());
  if (reading.kind === 'invalid') throw unknownSurvey();
  if (reading.kind === 'expired' && !options.allowExpired) {
    throw surveyClosed('The time to answer this survey has passed. Thank you all the same.');
  }
  const complaint = await complaintStore.get(reading.complaintId);
  if (!complaint) throw unknownSurvey();
  return { complaint, round: reading.round, expiresAt: reading.expiresAt };
};
