import { randomBytes } from 'node:crypto';
import type { Server as NetServer } from 'node:net';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SESEvent } from 'aws-lambda';
import { SMTPServer } from 'smtp-server';
import { s3Client } from '../functions/adapters/s3.ts';
import { MAIL_RECEIVER } from '../functions/workflow/mail-receiver.ts';
import { invokeLambda } from './lambda/invoke.ts';
import { LOCAL_BUCKETS } from './s3.ts';
import { superviseServer } from './supervised-server.ts';

/** SES receiving's limit on one mail, headers included. */
const MAX_MAIL_BYTES = 40 * 1024 * 1024;
/** The key prefix SES's S3 action stores raw mail under (the receipt rule's, in infra/). */
export const INBOUND_MAIL_PREFIX = 'mail/';

export interface LocalSmtpOptions {
  port: number;
  /** Recipients of other domains are refused, as SES refuses mail no receipt rule matches. */
  domain: string;
  log: (line: string) => void;
  onError: (error: unknown) => void;
}

/** The event SES's Lambda action sends, for a mail it stored; verdicts PASS (nothing scans here). */
const receiptEvent = (
  messageId: string,
  envelope: { source: string; recipients: string[] },
  timestamp: string,
): SESEvent => {
  const pass = { status: 'PASS' };
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: envelope.source,
            messageId,
            destination: envelope.recipients,
            headersTruncated: false,
            headers: [],
            commonHeaders: { returnPath: envelope.source, date: timestamp, messageId },
          },
          receipt: {
            timestamp,
            processingTimeMillis: 0,
            recipients: envelope.recipients,
            spamVerdict: pass,
            virusVerdict: pass,
            spfVerdict: pass,
            dkimVerdict: pass,
            dmarcVerdict: pass,
            dmarcPolicy: 'none',
            action: {
              type: 'Lambda',
              invocationType: 'Event',
              functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${MAIL_RECEIVER.name}`,
            },
          },
        },
      },
    ],
  } as SESEvent;
};

/**
 * SES receiving, locally: an SMTP endpoint (smtp-server) that takes mail for the inbound domain,
 * stores it raw in the inbound-mail bucket under `mail/<message id>` as SES's S3 action does, answers
 * 250, then invokes the receiving function asynchronously with an SES-shaped event (Lambda action,
 * invocation type Event), through the same invoker as every function, so its timeout applies.
 */
export const startLocalSmtp = async (options: LocalSmtpOptions): Promise<{ stop: () => Promise<void> }> => {
  const domain = options.domain.toLowerCase();
  let smtp: SMTPServer | undefined;
  const create = () =>
    new SMTPServer({
      name: domain,
      banner: 'Local SES receiving stand-in',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_MAIL_BYTES,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (address.address.toLowerCase().endsWith(`@${domain}`)) return callback();
        callback(
          Object.assign(new Error(`Mailbox unavailable: not a recipient of ${domain}`), {
            responseCode: 550,
          }),
        );
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          if ((stream as { sizeExceeded?: boolean }).sizeExceeded)
            return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          // SES message ids are 40-odd characters of lower-case hex and dashes.
          const messageId = randomBytes(20).toString('hex');
          const { mailFrom, rcptTo } = session.envelope;
          const envelope = {
            source: mailFrom ? mailFrom.address : '',
            recipients: rcptTo.map((recipient) => recipient.address),
          };
          s3Client
            .send(
              new PutObjectCommand({
                Bucket: LOCAL_BUCKETS.inboundMail,
                Key: `${INBOUND_MAIL_PREFIX}${messageId}`,
                Body: Buffer.concat(chunks),
              }),
            )
            .then(() => {
              callback(null, `Ok: queued as ${messageId}`);
              const event = receiptEvent(messageId, envelope, new Date().toISOString());
              invokeLambda(MAIL_RECEIVER.name, MAIL_RECEIVER.entry, event).catch(options.onError);
            }, callback);
        });
      },
    });
  const supervised = await superviseServer({
    name: 'SMTP endpoint',
    port: options.port,
    start: () =>
      new Promise<NetServer>((resolve, reject) => {
        smtp = create();
        smtp.server.once('error', reject);
        smtp.listen(options.port, '127.0.0.1', () => resolve(smtp!.server));
      }),
    log: options.log,
    onError: options.onError,
  });
  return {
    stop: () => {
      // A client that has not said QUIT would hold the server open: its connections are ended now.
      for (const connection of (smtp as unknown as { connections?: Set<{ close: () => void }> })
        ?.connections ?? [])
        connection.close();
      return supervised.stop();
    },
  };
};
