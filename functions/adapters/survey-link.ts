import { requireSetting } from './config.ts';
import { issueSurveyToken } from './survey-token.ts';
import type { SurveyLinks } from './email/survey.ts';

/**
 * The survey page's links (answer, opt out) for one follow-up round, on the public web pages, and the
 * API address a mail client POSTs to for RFC 8058 one-click unsubscribe (the pages and /v1/* share one
 * origin, in AWS through CloudFront as locally).
 */
export const surveyLinks = async (
  complaintId: string,
  round: number,
  expiresAt: Date,
): Promise<SurveyLinks> => {
  const base = requireSetting('PUBLIC_WEB_URL').replace(/\/+$/u, '');
  const token = await issueSurveyToken(complaintId, round, expiresAt);
  return {
    survey: `${base}/survey/?t=${token}`,
    optOut: `${base}/survey/?t=${token}&opt-out=1`,
    oneClickOptOut: `${base}/v1/surveys/${token}/opt-out`,
  };
};
