import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually, postComplaint, sentEmails } from '../support/http.ts';

describe('escalation over HTTP with a scaled clock', () => {
  it('mails an L1 safety complaint up the chain in order: emergency, acknowledgement, supervisor, head, senior management', async () => {
    const customer = `fire-${randomUUID()}@example.com`;
    const response = await postComplaint({
      customer: { name: 'Li Wei', email: customer, locale: 'en' },
      subject: 'Heater caught fire',
      description: 'The heater caught fire in the living room and my father was injured. Please act now.',
      consent: { dataProcessing: true },
    });
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as { reference: string };

    const chain = await eventually(async () => {
      const mails = (await sentEmails()).filter((mail) => mail.subject.includes(reference));
      return mails.some((mail) => mail.subject.includes('升级 3')) ? mails : undefined;
    }, 30_000);
    const sequence = chain
      .toSorted((a, b) => a.at - b.at)
      .map((mail) => ({
        to: mail.destination.to,
        kind: /【(\S+?)[ 】]/u.exec(mail.subject)?.[1] ?? 'customer',
      }));
    expect(sequence.slice(0, 5)).toEqual([
      { to: ['senior-management@example.com'], kind: '应急' },
      { to: [customer], kind: 'customer' },
      { to: ['quality-supervisor@example.com'], kind: '升级' },
      { to: ['quality-head@example.com'], kind: '升级' },
      { to: ['senior-management@example.com'], kind: '升级' },
    ]);
    const acknowledgement = chain.find((mail) => mail.destination.to.includes(customer))!;
    expect(acknowledgement.subject).toBe(`We have received your complaint (ref. ${reference})`);
    expect(acknowledgement.body.text).toMatch(/We will contact you by \d+ \w+ \d{4}, \d\d:\d\d\./u);
  }, 60_000);
});
