import { createHash } from 'node:crypto';
import {
  customerMessageFromMail,
  evidenceFromMail,
  intakeRequestFromMail,
  routeInboundMail,
  type IgnoreReason,
  type InboundAddresses,
  type MailVerdict,
} from '../domain/inbound-mail.ts';
import { validateIntake } from '../domain/intake.ts';
import { checkIntakeLimits } from './intake-limits.ts';
import type {
  BusinessMetrics,
  Clock,
  ComplaintStore,
  EmailEvidence,
  IntakeCounters,
  IntakeRepository,
  MailReceipts,
  PolicySource,
  ReceivedMail,
  WorkflowSignals,
} from './ports.ts';
import { recordCustomerMessage } from './record-customer-message.ts';
import { recordComplaint } from './submit-complaint.ts';

/** What SES receiving says of a mail it stored (the Lambda action's event record). */
export interface MailReceipt {
  /** SES's message id: the raw mail's object key under the rule's prefix. */
  sesMessageId: string;
  recipients: readonly string[];
  returnPath: string;
  spamVerdict: MailVerdict;
  virusVerdict: MailVerdict;
}

export type ReceiveMailOutcome =
  | { kind: 'ignored'; reason: IgnoreReason | 'forged-token' | 'unknown-complaint' }
  | { kind: 'duplicate' }
  /** Over the policy's limits (new complaints per address, messages per complaint): dropped, no mail back. */
  | { kind: 'limited' }
  | { kind: 'invalid' }
  | { kind: 'filed'; complaintId: string; evidence: number; droppedFiles: number }
  | { kind: 'replied'; complaintId: string; evidence: number; droppedFiles: number };

export interface ReceiveMailDeps {
  readMail: (sesMessageId: string) => Promise<ReceivedMail>;
  /** The complaint a reply token names, if it is genuine. */
  readReplyToken: (token: string) => Promise<string | undefined>;
  evidence: EmailEvidence;
  receipts: MailReceipts;
  intake: IntakeRepository;
  counters: IntakeCounters;
  store: ComplaintStore;
  signals: WorkflowSignals;
  policy: PolicySource;
  /** Business time (scaled in tests) … */
  clock: Clock;
  /** … and the wall clock the hourly limits count by. */
  wallClock: Clock;
  metrics: BusinessMetrics;
  addresses: InboundAddresses;
}

/**
 * A mail SES received: ignored when no person wrote it to us (domain/inbound-mail.ts), else filed as
 * a new complaint through the same intake as the form (limits, idempotency, acknowledgement by the
 * lifecycle), or added to the complaint its reply address names as the customer's message (as on the
 * tracking page, with its hourly bound), never acknowledged as new. Its files go to the evidence bucket.
 * A mail is acted on once: claimed by its Message-ID first.
 */
export const receiveMail = async (
  deps: ReceiveMailDeps,
  receipt: MailReceipt,
): Promise<ReceiveMailOutcome> => {
  const mail = await deps.readMail(receipt.sesMessageId);
  const route = routeInboundMail(
    {
      recipients: receipt.recipients,
      returnPath: receipt.returnPath,
      from: mail.from,
      headers: mail.headers,
      spamVerdict: receipt.spamVerdict,
      virusVerdict: receipt.virusVerdict,
    },
    deps.addresses,
  );
  if (route.kind === 'ignore') return { kind: 'ignored', reason: route.reason };
  if ((await deps.receipts.claim(mail.messageId, deps.wallClock.now())) === 'done')
    return { kind: 'duplicate' };

  let outcome: ReceiveMailOutcome;
  if (route.kind === 'reply') {
    const complaintId = await deps.readReplyToken(route.token);
    outcome = complaintId
      ? await addReply(deps, mail, complaintId)
      : { kind: 'ignored', reason: 'forged-token' };
  } else {
    outcome = await fileComplaint(deps, mail, route.customer);
  }
  await deps.receipts.complete(mail.messageId, outcome.kind);
  return outcome;
};

const storeEvidence = async (deps: ReceiveMailDeps, complaintId: string, mail: ReceivedMail) => {
  const { accepted, dropped } = evidenceFromMail(mail.attachments);
  for (const attachment of accepted) await deps.evidence.store(complaintId, attachment);
  return { evidence: accepted.length, droppedFiles: dropped };
};

const fileComplaint = async (
  deps: ReceiveMailDeps,
  mail: ReceivedMail,
  customer: { address: string; name: string },
  /** The finished complaint a reply was addressed to, which the new one links. */
  relatedTo?: { id: string; reference: string },
): Promise<ReceiveMailOutcome> => {
  const validation = validateIntake(
    intakeRequestFromMail({ customer, subject: mail.subject, text: mail.text }),
    deps.clock.now(),
  );
  // Only the sender's address can fail here (the rest is fitted to the limits): nobody to answer.
  if (!validation.ok) return { kind: 'invalid' };
  const allowance = await checkIntakeLimits(deps, {
    email: validation.request.customer.email,
    // A mail carries no client address the function can trust; the sender's address stands for the
    // party, so the per-address limit is the one that applies.
    sourceIp: `mail:${validation.request.customer.email.toLowerCase()}`,
  });
  if (allowance.kind !== 'allowed') return { kind: 'limited' };
  const submitted = await recordComplaint(
    deps,
    { kind: 'mail', request: validation.request, relatedTo },
    // The same mail files the same complaint, even past the receipt (a claim taken over mid-way).
    `mail:${createHash('sha256').update(mail.messageId).digest('base64url')}`,
  );
  if (submitted.kind === 'idempotency-key-reused') return { kind: 'invalid' };
  const complaintId = submitted.complaint.id;
  return { kind: 'filed', complaintId, ...(await storeEvidence(deps, complaintId, mail)) };
};

const addReply = async (
  deps: ReceiveMailDeps,
  mail: ReceivedMail,
  complaintId: string,
): Promise<ReceiveMailOutcome> => {
  const recorded = await recordCustomerMessage(
    deps,
    complaintId,
    customerMessageFromMail({ subject: mail.subject, text: mail.newText }),
    { afterResolution: true },
  );
  switch (recorded.kind) {
    case 'recorded':
    case 'reopened':
      return { kind: 'replied', complaintId, ...(await storeEvidence(deps, complaintId, mail)) };
    case 'not-found':
      return { kind: 'ignored', reason: 'unknown-complaint' };
    case 'limited':
      return { kind: 'limited' };
    default: {
      // Closed past its reopen window, or rejected (or a reopen outcome, which a mail never asks for):
      // the customer writes about a finished case, which is a new complaint that links it, so its
      // handler sees the history. A rejected complaint is final (no reopening), so any reply to it is
      // one too: new facts get a new review rather than silence.
      const finished = await deps.store.get(complaintId);
      return fileComplaint(
        deps,
        mail,
        mail.from!,
        finished && { id: finished.id, reference: finished.reference },
      );
    }
  }
};
