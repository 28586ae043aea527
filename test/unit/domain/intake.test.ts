import { describe, expect, it } from 'vitest';
import { characterCount } from '../../../functions/domain/text.ts';
import {
  makeReference,
  newComplaint,
  referenceSchema,
  validateIntake,
  type IntakeRequest,
} from '../../../functions/domain/intake.ts';
import { CURRENT_PRIVACY_NOTICE_VERSION } from '../../../functions/domain/privacy.ts';
import { chineseComplaint, englishComplaint } from '../../support/fixtures.ts';

const NOW = new Date('2026-11-23T12:00:00Z');

const fieldsOf = (body: unknown) => {
  const result = validateIntake(body, NOW);
  return result.ok ? [] : result.errors.map((error) => error.field);
};

const valid = (body: unknown): IntakeRequest => {
  const result = validateIntake(body, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.request;
};

describe('intake validation', () => {
  it('accepts a complete Chinese complaint', () => {
    expect(fieldsOf(chineseComplaint())).toEqual([]);
  });

  it('defaults channel to web and locale to zh-CN', () => {
    const request = valid({
      customer: { name: '张三', email: 'z@example.com' },
      subject: '投诉',
      description: '快递延误了整整一个星期。',
      consent: { dataProcessing: true },
    });
    expect(request.channel).toBe('web');
    expect(request.customer.locale).toBe('zh-CN');
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    expect(characterCount('投诉')).toBe(2);
    expect(characterCount('😀😀')).toBe(2);
    expect(fieldsOf(chineseComplaint({ subject: '投'.repeat(200) }))).toEqual([]);
    expect(fieldsOf(chineseComplaint({ subject: '😀'.repeat(200) }))).toEqual([]);
    expect(fieldsOf(chineseComplaint({ subject: '投'.repeat(201) }))).toEqual(['subject']);
  });

  it('trims and NFC-normalises text', () => {
    const request = valid(chineseComplaint({ subject: '  Cafe\u0301  ' }));
    expect(request.subject).toBe('Café');
  });

  it('rejects control characters everywhere and line breaks in single-line fields', () => {
    expect(fieldsOf(chineseComplaint({ subject: 'bad\u0000subject' }))).toEqual(['subject']);
    expect(fieldsOf(chineseComplaint({ subject: 'two\nlines' }))).toEqual(['subject']);
    expect(fieldsOf(chineseComplaint({ description: '第一行内容很长\n第二行内容也很长' }))).toEqual([]);
  });

  it('names every bad field at once', () => {
    expect(
      fieldsOf({
        customer: { name: '', email: 'nope', phone: 'call me', locale: 'fr' },
        subject: '',
        description: 'short',
        channel: 'pigeon',
        categoryHint: 'weather',
        orderRef: 'has spaces',
        incidentAt: 'yesterday',
        consent: { dataProcessing: 'yes' },
      }),
    ).toEqual(
      expect.arrayContaining([
        'customer.name',
        'customer.email',
        'customer.phone',
        'customer.locale',
        'subject',
        'description',
        'channel',
        'categoryHint',
        'orderRef',
        'incidentAt',
        'consent.dataProcessing',
      ]),
    );
  });

  it('requires consent to data processing', () => {
    expect(fieldsOf(chineseComplaint({ consent: { dataProcessing: false } }))).toEqual([
      'consent.dataProcessing',
    ]);
    expect(fieldsOf(chineseComplaint({ consent: undefined }))).toEqual(['consent']);
  });

  it('takes the privacy notice version consented to, a known one only', () => {
    const consent = { dataProcessing: true, privacyNoticeVersion: CURRENT_PRIVACY_NOTICE_VERSION };
    expect(valid(chineseComplaint({ consent })).consent).toEqual(consent);
    expect(
      fieldsOf(chineseComplaint({ consent: { dataProcessing: true, privacyNoticeVersion: '2019-01' } })),
    ).toEqual(['consent.privacyNoticeVersion']);
  });

  it('rejects unknown fields, top-level and nested', () => {
    expect(fieldsOf(chineseComplaint({ vip: true }))).toEqual(['vip']);
    expect(
      fieldsOf(chineseComplaint({ customer: { name: 'a', email: 'a@example.com', tier: 'gold' } })),
    ).toEqual(['customer.tier']);
  });

  it('rejects a non-object body', () => {
    expect(fieldsOf([])).toEqual(['(body)']);
    expect(fieldsOf('text')).toEqual(['(body)']);
    expect(fieldsOf(null)).toEqual(['(body)']);
  });

  it('accepts phone numbers with 5 to 20 digits only', () => {
    expect(
      fieldsOf(
        englishComplaint({ customer: { name: 'A', email: 'a@example.com', phone: '+86 10 1234 5678' } }),
      ),
    ).toEqual([]);
    expect(
      fieldsOf(englishComplaint({ customer: { name: 'A', email: 'a@example.com', phone: '1234' } })),
    ).toEqual(['customer.phone']);
  });

  it('rejects an incident in the future but tolerates clock skew', () => {
    expect(fieldsOf(chineseComplaint({ incidentAt: '2026-11-23T20:04:00+08:00' }))).toEqual([]);
    expect(fieldsOf(chineseComplaint({ incidentAt: '2026-11-23T21:00:00+08:00' }))).toEqual(['incidentAt']);
  });
});

describe('references', () => {
  it('uses the date in China and six unambiguous symbols', () => {
    // 2026-11-23T17:00Z is already 24 November in Shanghai.
    const reference = makeReference(
      new Date('2026-11-23T17:00:00Z'),
      new Uint8Array([0, 1, 31, 32, 63, 255]),
    );
    expect(reference).toBe('CMP-261124-01Z0ZZ');
    expect(referenceSchema.safeParse(reference).success).toBe(true);
  });
});

describe('newComplaint', () => {
  it('builds a received complaint, version 1, with a customer-visible first event', () => {
    const {
      complaint,
      events: [receivedEvent],
    } = newComplaint(
      { kind: 'customer', request: valid(chineseComplaint()) },
      {
        id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
        reference: 'CMP-261123-ABCDEF',
        eventId: () => '01ARZ3NDEKTSV4RRFFQ69G5FAW',
      },
      NOW,
    );
    expect(complaint).toMatchObject({
      status: 'received',
      version: 1,
      submittedAt: NOW.toISOString(),
      consent: { dataProcessing: true, recordedAt: NOW.toISOString() },
      customer: { locale: 'zh-CN', email: 'wang.xiaoming@example.com' },
    });
    expect(receivedEvent).toMatchObject({
      type: 'complaint.received',
      customerVisible: true,
      complaintId: complaint.id,
    });
  });
});

describe('newComplaint consent', () => {
  const ids = { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', reference: 'CMP-261123-ABCDEF', eventId: () => 'E' };

  it('records the privacy notice version the request named, and none when it named none', () => {
    const withVersion = valid(
      chineseComplaint({
        consent: { dataProcessing: true, privacyNoticeVersion: CURRENT_PRIVACY_NOTICE_VERSION },
      }),
    );
    expect(newComplaint({ kind: 'customer', request: withVersion }, ids, NOW).complaint.consent).toEqual({
      dataProcessing: true,
      privacyNoticeVersion: CURRENT_PRIVACY_NOTICE_VERSION,
      recordedAt: NOW.toISOString(),
    });
    const without = valid(chineseComplaint());
    expect(newComplaint({ kind: 'customer', request: without }, ids, NOW).complaint.consent).toEqual({
      dataProcessing: true,
      recordedAt: NOW.toISOString(),
    });
  });
});
