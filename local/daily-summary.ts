/**
 * Sends the daily summary now, against a running `npm start` (what EventBridge Scheduler does every
 * morning in AWS): `npm run summary:daily`. The mail appears in the SES inbox.
 */
import { resolve } from 'node:path';
import { DAILY_SUMMARY } from '../functions/workflow/daily-summary.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-local.ts';
import { invokeLambda } from './lambda/invoke.ts';
import { REPO_ROOT } from './paths.ts';
import { TABLE_NAME } from './stack.ts';

const port = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);

Object.assign(process.env, {
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port('DYNAMODB_PORT', 8000)}`,
  AWS_ENDPOINT_URL_SES: `http://127.0.0.1:${port('SES_PORT', 8005)}`,
  TABLE_NAME,
  SENDER_EMAIL: process.env.SENDER_EMAIL ?? 'complaints@example.com',
  POLICY_FILE: resolve(REPO_ROOT, process.env.POLICY_FILE ?? 'policy/complaint-policy.json'),
  POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
});

try {
  const result = await invokeLambda(DAILY_SUMMARY.name, DAILY_SUMMARY.entry, {});
  console.log(`Daily summary sent: ${JSON.stringify(result)}`);
} catch (error) {
  console.error(
    `error: could not send the daily summary (is \`npm start\` running?): ${(error as Error).message}`,
  );
  process.exit(1);
}
