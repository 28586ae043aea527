import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Never pass personal data (names, emails, phones, free text) to it: log
 * complaint ids and references only.
 */
export const logger = new Logger({ serviceName: 'complaints' });
