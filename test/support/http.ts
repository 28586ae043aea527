import { inject } from 'vitest';
import { proofOfWorkHeaders } from './proof-of-work.ts';

export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

export const apiUrl = () => inject('apiUrl');

/** Submits as the form does, with a freshly solved proof of work unless `headers` bring their own. */
export const postComplaint = async (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${apiUrl()}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await proofOfWorkHeaders(apiUrl())), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

export const sentEmails = async (): Promise<SentEmail[]> => {
  const response = await fetch(`${inject('sesUrl')}/store`);
  return ((await response.json()) as { emails: SentEmail[] }).emails;
};

/** Polls until `find` returns something or the deadline passes. */
export const eventually = async <T>(find: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Counts complaints stored for a reference-independent marker (the unique email used in a test). */
export const emailsTo = async (address: string) =>
  (await sentEmails()).filter((email) => email.destination.to.includes(address));
