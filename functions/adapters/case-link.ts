import { requireSetting } from './config.ts';

/**
 * The case page in the staff console, for staff mail: `<PUBLIC_WEB_URL>/console/#/case/<id>` (the
 * console is served under /console/ of the web pages, locally and behind CloudFront; it routes on the
 * fragment, so the id never reaches a server log).
 */
/** An incident's page in the staff console, for the surge alert. */
export const consoleIncidentLink = (incidentId: string): string =>
  `${requireSetting('PUBLIC_WEB_URL').replace(/\/+$/u, '')}/console/#/incident/${encodeURIComponent(incidentId)}`;

export const consoleCaseLink = (complaintId: string): string =>
  `${requireSetting('PUBLIC_WEB_URL').replace(/\/+$/u, '')}/console/#/case/${encodeURIComponent(complaintId)}`;
