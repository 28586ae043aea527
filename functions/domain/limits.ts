import type { Complaint } from './complaint.ts';
import type { Policy } from './policy.ts';

export type Limits = Policy['limits'];

const HOUR_MS = 60 * 60 * 1000;

/** The fixed one-hour window `now` falls in: its start (the counters' key) and when it ends. */
export const hourWindow = (now: Date): { start: string; endsAt: Date } => {
  const start = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return { start: new Date(start).toISOString(), endsAt: new Date(start + HOUR_MS) };
};

const secondsUntil = (instant: Date, now: Date) =>
  Math.max(1, Math.ceil((instant.getTime() - now.getTime()) / 1000));

export type Allowance =
  | { kind: 'allowed' }
  | {
      kind: 'rate-limited';
      limit: 'address' | 'source-ip' | 'messages-per-hour';
      max: number;
      retryAfterSeconds: number;
    }
  | { kind: 'exhausted'; limit: 'messages'; max: number };

/** A new complaint, given how many this hour (this one included) came for its address and from its IP. */
export const intakeAllowance = (
  limits: Limits,
  counts: { address: number; sourceIp: number },
  now: Date,
): Allowance => {
  const retryAfterSeconds = secondsUntil(hourWindow(now).endsAt, now);
  if (counts.address > limits.complaintsPerAddressPerHour)
    return {
      kind: 'rate-limited',
      limit: 'address',
      max: limits.complaintsPerAddressPerHour,
      retryAfterSeconds,
    };
  if (counts.sourceIp > limits.complaintsPerSourceIpPerHour)
    return {
      kind: 'rate-limited',
      limit: 'source-ip',
      max: limits.complaintsPerSourceIpPerHour,
      retryAfterSeconds,
    };
  return { kind: 'allowed' };
};

/** The complaint's customer-message counters: in all, and in the current hour. */
export type MessageCount = NonNullable<Complaint['customerMessageCount']>;

/**
 * One more customer message on the complaint: allowed (with the counters as they become), or refused
 * for the hour or for good. Counted on the complaint itself, in the same conditional write as the message.
 */
export const customerMessageAllowance = (
  limits: Limits,
  count: MessageCount | undefined,
  now: Date,
): { allowance: Allowance; next: MessageCount } => {
  const window = hourWindow(now);
  const total = count?.total ?? 0;
  const inHour = count?.hourStart === window.start ? count.inHour : 0;
  const next = { total: total + 1, hourStart: window.start, inHour: inHour + 1 };
  if (total >= limits.customerMessagesPerComplaint)
    return {
      allowance: { kind: 'exhausted', limit: 'messages', max: limits.customerMessagesPerComplaint },
      next,
    };
  if (inHour >= limits.customerMessagesPerComplaintPerHour)
    return {
      allowance: {
        kind: 'rate-limited',
        limit: 'messages-per-hour',
        max: limits.customerMessagesPerComplaintPerHour,
        retryAfterSeconds: secondsUntil(window.endsAt, now),
      },
      next,
    };
  return { allowance: { kind: 'allowed' }, next };
};
