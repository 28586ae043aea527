import type { DataRequestMailer } from '../app/data-request-ports.ts';
import { dataRequestConfirmationEmail, dataRequestOutcomeEmail } from './email/data-request.ts';
import { sendEmail } from './email/mailer.ts';
import { currentPolicy } from './policy-source.ts';

const timeZone = () => currentPolicy().policy.calendar.timeZone;

/** Data-subject request mail, sent at once: nothing is stored before confirmation to queue it on. */
export const dataRequestMailer: DataRequestMailer = {
  confirmation: async (to, locale, kind, link, expiresAt) => {
    await sendEmail(to, dataRequestConfirmationEmail(locale, kind, link, expiresAt, timeZone()), {
      mailKind: 'data-request-confirmation',
    });
  },
  outcome: async (request, downloadLink) => {
    await sendEmail(request.email, dataRequestOutcomeEmail(request, downloadLink, timeZone()), {
      mailKind: 'data-request-outcome',
    });
  },
};
