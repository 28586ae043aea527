import { Logger } from '@aws-lambda-powertools/logger';
import { redactContactDetails } from '../domain/privacy.ts';

/**
 * Structured JSON logs. Log complaint ids and references, never personal data; as a second line of
 * defence every string value is stripped of email addresses and phone numbers before it is written
 * (error messages from a library may quote an input).
 */
export const logger = new Logger({
  serviceName: 'complaints',
  jsonReplacerFn: (_key, value) => (typeof value === 'string' ? redactContactDetails(value) : value),
});
