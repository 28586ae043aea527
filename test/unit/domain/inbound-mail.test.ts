import { describe, expect, it } from 'vitest';
import {
  customerMessageFromMail,
  guessLocale,
  intakeRequestFromMail,
  replyAddress,
  replyTokenOf,
  routeInboundMail,
  type InboundMailFacts,
} from '../../../functions/domain/inbound-mail.ts';
import { validateIntake } from '../../../functions/domain/intake.ts';

const OURS = { domain: 'inbound.example.com', sender: 'complaints@example.com' };
const TOKEN = '01jabcdefghjkmnpqrstvwxyz0-0123456789abcdef0123';

const mail = (overrides: Partial<InboundMailFacts> = {}): InboundMailFacts => ({
  recipients: ['complaints@inbound.example.com'],
  returnPath: 'li.lei@example.net',
  from: { address: 'li.lei@example.net', name: 'Li Lei' },
  headers: {},
  spamVerdict: 'PASS',
  virusVerdict: 'PASS',
  ...overrides,
});

describe('routing an inbound mail', () => {
  it('files a mail to the complaints address as a new complaint from its sender', () => {
    expect(routeInboundMail(mail(), OURS)).toEqual({
      kind: 'new-complaint',
      customer: { address: 'li.lei@example.net', name: 'Li Lei' },
    });
  });

  it('matches the complaints address without regard to case', () => {
    expect(routeInboundMail(mail({ recipients: ['Complaints@INBOUND.example.com'] }), OURS).kind).toBe(
      'new-complaint',
    );
  });

  it('sends a mail to a reply address to its complaint, even when the complaints address is copied', () => {
    const recipients = ['complaints@inbound.example.com', replyAddress(TOKEN, OURS.domain)];
    expect(routeInboundMail(mail({ recipients }), OURS)).toEqual({ kind: 'reply', token: TOKEN });
  });

  it('reads a reply token a mail system upper-cased', () => {
    expect(replyTokenOf(replyAddress(TOKEN, OURS.domain).toUpperCase(), OURS.domain)).toBe(TOKEN);
  });

  it('takes no reply token from another domain or another local part', () => {
    expect(replyTokenOf(`reply+${TOKEN}@example.org`, OURS.domain)).toBeUndefined();
    expect(replyTokenOf(`answer+${TOKEN}@${OURS.domain}`, OURS.domain)).toBeUndefined();
    expect(replyTokenOf(`reply+a.b@${OURS.domain}`, OURS.domain)).toBeUndefined();
  });

  it('ignores a mail to none of our addresses', () => {
    expect(routeInboundMail(mail({ recipients: ['sales@inbound.example.com'] }), OURS)).toEqual({
      kind: 'ignore',
      reason: 'not-for-us',
    });
  });

  it.each([
    ['a spam verdict', { spamVerdict: 'FAIL' }, 'spam'],
    ['a virus verdict', { virusVerdict: 'FAIL' }, 'virus'],
    ['the null return path of a bounce', { returnPath: '<>' }, 'bounce'],
    [
      'a delivery report',
      { headers: { 'content-type': 'multipart/report; report-type=delivery-status' } },
      'bounce',
    ],
    ['mail from MAILER-DAEMON', { from: { address: 'MAILER-DAEMON@mx.example.net', name: '' } }, 'bounce'],
    ['Auto-Submitted: auto-replied', { headers: { 'auto-submitted': 'auto-replied' } }, 'auto-reply'],
    ['an X-Autoreply header', { headers: { 'x-autoreply': 'yes' } }, 'auto-reply'],
    ['Precedence: bulk', { headers: { precedence: 'bulk' } }, 'bulk'],
    ['a mailing list', { headers: { 'list-id': '<news.example.net>' } }, 'bulk'],
    ['our own sender', { from: { address: 'Complaints@example.com', name: '' } }, 'own-mail'],
    [
      'an address of the inbound domain',
      { from: { address: 'x@inbound.example.com', name: '' } },
      'own-mail',
    ],
    ['no From address', { from: undefined }, 'no-sender'],
  ] as const)('ignores a mail with %s', (_what, overrides, reason) => {
    expect(routeInboundMail(mail(overrides as Partial<InboundMailFacts>), OURS)).toEqual({
      kind: 'ignore',
      reason,
    });
  });

  it('acts on Auto-Submitted: no and on gray verdicts (SES could not decide)', () => {
    const facts = mail({ headers: { 'auto-submitted': 'no' }, spamVerdict: 'GRAY', virusVerdict: 'GRAY' });
    expect(routeInboundMail(facts, OURS).kind).toBe('new-complaint');
  });

  it('ignores an auto-reply to a reply address too', () => {
    const facts = mail({
      recipients: [replyAddress(TOKEN, OURS.domain)],
      headers: { 'auto-submitted': 'auto-replied' },
    });
    expect(routeInboundMail(facts, OURS)).toEqual({ kind: 'ignore', reason: 'auto-reply' });
  });
});

describe('a mail as an intake request', () => {
  const customer = { address: 'li.lei@example.net', name: 'Li Lei' };

  it('takes subject, text and sender, on the email channel, and passes intake validation', () => {
    const body = intakeRequestFromMail({
      customer,
      subject: 'Broken kettle',
      text: 'The kettle I bought leaks.\r\n',
    });
    const validation = validateIntake(body, new Date());
    expect(validation.ok).toBe(true);
    expect(body).toMatchObject({
      customer: { name: 'Li Lei', email: 'li.lei@example.net', locale: 'en' },
      subject: 'Broken kettle',
      description: 'The kettle I bought leaks.',
    });
    // The channel comes with the mail origin (intake.ts), not the public request's web/api.
    expect(body).not.toHaveProperty('channel');
  });

  it('guesses Chinese from Chinese characters in the subject or text', () => {
    expect(guessLocale('水壶漏水')).toBe('zh-CN');
    expect(guessLocale('Kettle', '我买的水壶漏水')).toBe('zh-CN');
    expect(guessLocale('Kettle', 'leaks')).toBe('en');
  });

  it('fits an empty, overlong or control-laden mail to the intake limits, so it is still filed', () => {
    const body = intakeRequestFromMail({
      customer: { address: 'x@example.net', name: '' },
      subject: `${'A'.repeat(300)}\u0007\nsecond line`,
      text: '',
    });
    const validation = validateIntake(body, new Date());
    expect(validation.ok).toBe(true);
    expect(body).toMatchObject({ customer: { name: 'x' } });
    expect([...(body.subject as string)]).toHaveLength(200);
    expect(body.description).toBe('(The email has no text; please see its attachments.)');
    const long = intakeRequestFromMail({ customer, subject: '', text: '字'.repeat(6000) });
    expect(validateIntake(long, new Date()).ok).toBe(true);
    expect(long.subject).toBe('（无主题）');
  });

  it('makes a reply a customer message: its text, else its subject', () => {
    expect(customerMessageFromMail({ subject: 'Re: ref', text: 'Yes, it still leaks.\n' })).toBe(
      'Yes, it still leaks.',
    );
    expect(customerMessageFromMail({ subject: 'Re: photo attached', text: '  ' })).toBe('Re: photo attached');
  });
});
