import type { IncidentMailer } from '../app/ports.ts';
import { escalationRecipients } from '../domain/lifecycle.ts';
import { consoleIncidentLink } from './case-link.ts';
import { sendEmail } from './email/mailer.ts';
import { surgeAlertEmail } from './email/surge-alert.ts';

/**
 * Mail about incidents: the surge alert goes to senior management, the last level of the escalation
 * chain (for a chain ending at department heads, those of the surge's category).
 */
export const incidentMailer: IncidentMailer = {
  render: (policy, calendar, incident) => {
    const category = incident.categories[0];
    const department = category ? policy.categories[category]?.department : undefined;
    return {
      recipients: escalationRecipients(policy, policy.escalation.levels.length, department),
      content: surgeAlertEmail(
        incident,
        policy.staffLocale,
        calendar.timeZone,
        consoleIncidentLink(incident.id),
      ),
    };
  },
  send: sendEmail,
};
