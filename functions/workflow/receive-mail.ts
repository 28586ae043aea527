import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SESEvent } from 'aws-lambda';
import type { MailVerdict } from '../domain/inbound-mail.ts';
import { receiveMail, type ReceiveMailOutcome } from '../app/receive-mail.ts';
import { clock, wallClock } from '../adapters/clock.ts';
import { intakeRepository } from '../adapters/complaint-repository.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { requireSetting } from '../adapters/config.ts';
import { emailEvidence } from '../adapters/inbound/email-evidence.ts';
import { mailReceipts } from '../adapters/inbound/mail-receipts.ts';
import { readReceivedMail } from '../adapters/inbound/received-mail.ts';
import { intakeCounters } from '../adapters/intake-counters.ts';
import { logger } from '../adapters/logger.ts';
import { businessMetrics, metrics } from '../adapters/metrics.ts';
import { policySource } from '../adapters/policy-source.ts';
import { readReplyToken } from '../adapters/reply-token.ts';
import { workflowSignals } from '../adapters/workflow-signals.ts';
import { backgroundHandler } from './task-handler.ts';

const verdict = (value: { status?: string } | undefined): MailVerdict =>
  (value?.status ?? 'PROCESSING_FAILED') as MailVerdict;

/**
 * SES receiving's Lambda action (an asynchronous invocation after the S3 action stored the raw mail):
 * each mail filed, added to its complaint or ignored (app/receive-mail.ts). A failure throws, and
 * Lambda's asynchronous retries try the mail again; the receipt record makes a retry act once.
 */
export const handler = backgroundHandler(async (event: SESEvent): Promise<ReceiveMailOutcome[]> => {
  const deps = {
    readMail: readReceivedMail,
    readReplyToken,
    evidence: emailEvidence,
    receipts: mailReceipts,
    intake: intakeRepository,
    counters: intakeCounters,
    store: complaintStore,
    signals: workflowSignals,
    policy: policySource,
    clock,
    wallClock,
    metrics: businessMetrics,
    addresses: { domain: requireSetting('INBOUND_DOMAIN'), sender: requireSetting('SENDER_EMAIL') },
  };
  const outcomes: ReceiveMailOutcome[] = [];
  for (const { ses } of event.Records ?? []) {
    const outcome = await receiveMail(deps, {
      sesMessageId: ses.mail.messageId,
      recipients: ses.receipt.recipients,
      returnPath: ses.mail.source,
      spamVerdict: verdict(ses.receipt.spamVerdict),
      virusVerdict: verdict(ses.receipt.virusVerdict),
    });
    // No addresses or text in the log: the outcome, its reason and the complaint say enough.
    logger.info('Inbound mail', { sesMessageId: ses.mail.messageId, ...outcome });
    const single = metrics.singleMetric();
    single.addDimensions({ outcome: outcome.kind });
    single.addMetric('InboundMail', MetricUnit.Count, 1);
    outcomes.push(outcome);
  }
  return outcomes;
});
