import { requireSetting } from './config.ts';
import { issueTrackingToken } from './tracking-token.ts';

/** The customer's tracking link, as put in every email to them: the web tracking page (web/track). */
export const trackingLink = async (complaintId: string): Promise<string> => {
  const base = requireSetting('PUBLIC_WEB_URL').replace(/\/+$/u, '');
  const token = encodeURIComponent(await issueTrackingToken(complaintId));
  return `${base}/track/?id=${encodeURIComponent(complaintId)}&token=${token}`;
};
