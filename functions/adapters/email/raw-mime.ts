import { randomUUID } from 'node:crypto';
import type { EmailContent } from '../../app/ports.ts';

/**
 * A mail as MIME text (RFC 5322 / 2045–2047), for SES v1 SendRawEmail: the one way the v1 API lets a
 * mail carry headers of its own (the survey's List-Unsubscribe). Written here because the packages
 * that do it cost too much of a mail-sending function's bundle (ceiling 600 KiB, the largest at 563):
 * nodemailer's composer 138 KB minified, the SES v2 client (whose SendEmail takes headers) 90 KB.
 * Parts are base64 (any UTF-8 text, lines of 76), the subject RFC 2047 encoded words.
 */

const CRLF = '\r\n';

const base64Lines = (text: string): string =>
  (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/gu) ?? []
  ).join(CRLF);

/** RFC 2047 encoded words of at most 45 UTF-8 bytes each (75 characters encoded), never splitting a character. */
const encodedWords = (text: string): string => {
  if (/^[\x20-\x7e]*$/u.test(text)) return text;
  const words: string[] = [];
  let current = '';
  for (const character of text) {
    if (Buffer.byteLength(current + character, 'utf8') > 45) {
      words.push(current);
      current = '';
    }
    current += character;
  }
  if (current) words.push(current);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
};

/**
 * A header line. A line break in a value would start a header of its own (injection), so it is
 * refused, except a fold (CRLF then a space: the same header goes on).
 */
const header = (name: string, value: string): string => {
  if (/[\r\n]/u.test(value.replaceAll(`${CRLF} `, '')) || !/^[\x21-\x39\x3b-\x7e]+$/u.test(name)) {
    throw new Error(`Invalid mail header ${JSON.stringify(name)}`);
  }
  return `${name}: ${value}`;
};

export const rawMime = (
  mail: { from: string; to: string; content: EmailContent },
  boundary = `=_${randomUUID()}`,
  date = new Date(),
): string => {
  const { content } = mail;
  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=UTF-8`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(body),
    ].join(CRLF);
  return [
    header('From', mail.from),
    header('To', mail.to),
    ...(content.replyTo ? [header('Reply-To', content.replyTo)] : []),
    header('Subject', encodedWords(content.subject)),
    header('Date', date.toUTCString()),
    header('MIME-Version', '1.0'),
    ...(content.headers ?? []).map(({ name, value }) => header(name, value)),
    header('Content-Type', `multipart/alternative; boundary="${boundary}"`),
    '',
    part('text/plain', content.text),
    part('text/html', content.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
};
