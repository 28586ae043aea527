import { describe, expect, it } from 'vitest';
import {
  allowedIncidentActions,
  complaintsPerIncident,
  createIncidentSchema,
  incidentActionSchema,
  linkRefusal,
  newIncident,
  noticeTextFor,
  resemblesIncident,
  surgeIncident,
} from '../../../functions/domain/incident.ts';
import { incidentView } from '../../../functions/domain/incident-view.ts';

const now = new Date('2026-11-26T10:00:00Z');
const incident = newIncident(
  '01JDQ0000000000000000000AA',
  createIncidentSchema.parse({
    title: '充电宝电池鼓包',
    cause: '电芯来料缺陷',
    products: ['  Power Bank PB-20 '],
    categories: ['product-quality'],
    keywords: ['鼓包'],
  }),
  'sup-q1',
  now,
);
const complaint = {
  id: '01JDQ0000000000000000000C1',
  product: 'power bank pb-20',
  category: 'product-quality' as const,
  preliminaryGrade: undefined,
  subject: '充电宝问题',
  description: '电池鼓包了',
  submittedAt: '2026-11-25T08:00:00Z',
  incidentId: undefined,
};

describe('incident', () => {
  it('is opened by staff with normalised products, and asks for a product or a category', () => {
    expect(incident).toMatchObject({
      status: 'open',
      origin: 'staff',
      products: ['power bank pb-20'],
      version: 1,
    });
    expect(createIncidentSchema.safeParse({ title: 't', cause: 'c' }).success).toBe(false);
  });

  it('allows each action only where it makes sense', () => {
    expect(allowedIncidentActions({ status: 'suggested' })).toEqual(['link', 'unlink', 'close']);
    expect(allowedIncidentActions({ status: 'open' })).toEqual([
      'link',
      'unlink',
      'notify-customers',
      'resolve',
      'close',
    ]);
    expect(allowedIncidentActions({ status: 'closed' })).toEqual([]);
  });

  it('links a complaint once, never one linked elsewhere, and at most the bound', () => {
    expect(linkRefusal(incident, { id: 'a', incidentId: undefined }, 2)).toBeUndefined();
    expect(linkRefusal(incident, { id: 'a', incidentId: 'other' }, 2)).toMatch(/already linked/u);
    const full = { ...incident, complaintIds: ['a', 'b'] };
    expect(linkRefusal(full, { id: 'c', incidentId: undefined }, 2)).toMatch(/at most 2/u);
    expect(linkRefusal(full, { id: 'a', incidentId: incident.id }, 2)).toBeUndefined();
  });

  it('validates actions: a notice needs both languages and an id', () => {
    expect(incidentActionSchema.safeParse({ type: 'link', complaintIds: [] }).success).toBe(false);
    expect(
      incidentActionSchema.safeParse({
        type: 'notify-customers',
        noticeId: 'n-12345678',
        message: { en: 'x' },
      }).success,
    ).toBe(false);
    expect(
      incidentActionSchema.parse({ type: 'resolve', summary: 's', remedy: 'replace', rootCause: 'supplier' }),
    ).toMatchObject({
      resolveComplaints: true,
    });
  });

  it('mails each complainant in their language', () => {
    const message = { 'zh-CN': '中文', en: 'English' };
    expect(noticeTextFor(message, { customer: { name: 'A', email: 'a@x', locale: 'en' } })).toBe('English');
  });
});

describe('suggestions', () => {
  it('offers a complaint about the same product', () => {
    expect(resemblesIncident(incident, complaint, 14)).toBe(true);
  });

  it('offers one of the same category only when it shares a keyword', () => {
    const other = { ...complaint, product: 'kettle' };
    expect(resemblesIncident(incident, other, 14)).toBe(true);
    expect(resemblesIncident(incident, { ...other, description: '无法充电' }, 14)).toBe(false);
  });

  it('offers nothing already linked, too old, or for an incident that is over', () => {
    expect(resemblesIncident(incident, { ...complaint, incidentId: 'x' }, 14)).toBe(false);
    expect(resemblesIncident(incident, { ...complaint, submittedAt: '2026-10-01T00:00:00Z' }, 14)).toBe(
      false,
    );
    expect(resemblesIncident({ ...incident, status: 'resolved' }, complaint, 14)).toBe(false);
  });
});

describe('surge incident and views', () => {
  const surge = {
    dimension: 'product' as const,
    value: 'power bank pb-20',
    windowCount: 25,
    baselineMean: 0,
    windowMinutes: 60,
    detectedAt: now.toISOString(),
  };

  it('opens as a suggestion with the alert queued', () => {
    const suggested = surgeIncident('I1', 'M1', surge, 'product-quality', 'zh-CN');
    expect(suggested).toMatchObject({ status: 'suggested', origin: 'surge', products: ['power bank pb-20'] });
    expect(Object.keys(suggested.outbox!)).toEqual(['M1']);
  });

  it("names the surge in the staff's language", () => {
    expect(surgeIncident('I1', 'M1', surge, 'product-quality', 'zh-CN')).toMatchObject({
      title: '投诉激增：power bank pb-20',
      cause: expect.stringContaining('60 分钟内') as unknown,
    });
    const byCategory = surgeIncident(
      'I1',
      'M1',
      { ...surge, dimension: 'category', value: 'product-quality' },
      'product-quality',
      'en',
      'Product quality',
    );
    expect(byCategory.title).toBe('Surge: Product quality');
  });

  it('shows agents the incident without actions, and hides subjects of other departments', () => {
    const linked = [
      {
        id: 'c1',
        reference: 'CMP-1',
        status: 'investigating' as const,
        subject: 's1',
        submittedAt: 't',
        department: 'quality',
      },
      {
        id: 'c2',
        reference: 'CMP-2',
        status: 'received' as const,
        subject: 's2',
        submittedAt: 't',
        department: 'logistics',
      },
    ];
    const view = incidentView({ ...incident, complaintIds: ['c1', 'c2'] }, linked, {
      subject: 'agent-q1',
      roles: ['agent'],
      department: 'quality',
    });
    expect(view.allowedActions).toEqual([]);
    expect(view.complaints.map((row) => row.subject)).toEqual(['s1', null]);
  });

  it('counts complaints per incident for the report', () => {
    expect(complaintsPerIncident([{ complaintIds: ['a', 'b', 'c'] }, { complaintIds: ['d'] }])).toEqual({
      incidents: 2,
      linkedComplaints: 4,
      meanPerIncident: 2,
      maxPerIncident: 3,
    });
    expect(complaintsPerIncident([])).toMatchObject({ meanPerIncident: null });
  });
});
