import { GetObjectCommand } from '@aws-sdk/client-s3';
import EmailReplyParser from 'email-reply-parser';
import PostalMime from 'postal-mime';
import type { ReceivedMail } from '../../app/ports.ts';
import { environment, requireSetting } from '../config.ts';
import { s3Client } from '../s3.ts';

/** SES stores no mail larger than 40 MB; more than that in the bucket is not a mail SES received. */
const MAX_RAW_MAIL_BYTES = 40 * 1024 * 1024;

/**
 * The text of an HTML-only mail, roughly: nearly every client sends a text part, so a tag stripper
 * (kept to what a reply needs: line breaks, the common entities) is enough here.
 */
const htmlAsText = (html: string): string =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/giu, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/giu, '\n')
    .replace(/<[^>]*>/gu, '')
    .replace(/&nbsp;/gu, ' ')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/&amp;/gu, '&');

/**
 * The raw mail SES receiving stored under its message id, parsed with postal-mime (MIME, transfer
 * encodings, charsets such as GB18030 through the runtime's TextDecoder). mailparser, the usual
 * choice by the same author, bundles iconv-lite and an HTML converter: 1.9 MB minified for this
 * function against a ceiling of 600 KiB (test/infra/bundles.test.ts). The reply's own text, without
 * the quoted mail under it, comes from email-reply-parser (Crisp's maintained port of GitHub's
 * parser; it knows the "On … wrote:" and "在 … 写道：" lines of the common clients).
 */
export const readReceivedMail = async (sesMessageId: string): Promise<ReceivedMail> => {
  const { Body, ContentLength } = await s3Client.send(
    new GetObjectCommand({
      Bucket: requireSetting('INBOUND_MAIL_BUCKET'),
      Key: `${environment().INBOUND_MAIL_PREFIX}${sesMessageId}`,
    }),
  );
  if (!Body || (ContentLength ?? 0) > MAX_RAW_MAIL_BYTES)
    throw new Error(`Mail ${sesMessageId} is unreadable`);
  const parsed = await PostalMime.parse(await Body.transformToByteArray());
  const headers: Record<string, string> = {};
  for (const { key, value } of parsed.headers) headers[key] ??= value;
  const from = parsed.from && 'address' in parsed.from ? parsed.from : undefined;
  const text = parsed.text ?? (parsed.html ? htmlAsText(parsed.html) : '');
  return {
    messageId: parsed.messageId ?? sesMessageId,
    from: from?.address ? { address: from.address, name: from.name } : undefined,
    headers,
    subject: parsed.subject ?? '',
    text,
    newText: new EmailReplyParser().parseReply(text),
    attachments: parsed.attachments.map((attachment) => ({
      fileName: attachment.filename ?? 'attachment',
      contentType: attachment.mimeType,
      content: new Uint8Array(attachment.content as ArrayBuffer),
    })),
  };
};
