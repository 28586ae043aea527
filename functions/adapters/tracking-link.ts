import { requireSetting } from './config.ts';
import { issueTrackingToken } from './tracking-token.ts';

/** The customer's tracking link, as put in every email to them. */
export const trackingLink = async (complaintId: string): Promise<string> => {
  const base = requireSetting('PUBLIC_API_URL').replace(/\/+$/u, '');
  return `${base}/v1/complaints/${complaintId}?token=${encodeURIComponent(await issueTrackingToken(complaintId))}`;
};
