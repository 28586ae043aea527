import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { JsonBodyEvent } from './http/middleware.ts';
import { complaintIdSchema, type Complaint } from '../domain/complaint.ts';
import { trackingAccess } from '../domain/tracking-access.ts';
import { now } from '../adapters/clock.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { readTrackingToken } from '../adapters/tracking-token.ts';
import { problems } from './http/problem.ts';

/**
 * The complaint a customer's request may see: the id from the path and the tracking token from the
 * `x-tracking-token` header only (a token in a query string ends up in access logs, proxies and
 * browser history, so the API ignores it). An unknown id, a wrong, revoked or expired token and a
 * missing one all answer the same 404, so nothing about a complaint can be probed.
 */
export const trackedComplaint = async (event: APIGatewayProxyEventV2 | JsonBodyEvent): Promise<Complaint> => {
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  const token = event.headers['x-tracking-token'];
  if (!id.success || !token) throw problems.notFound();
  const generation = await readTrackingToken(id.data, token);
  // A forged token is refused before the table is read.
  if (generation === undefined) throw problems.notFound();
  const complaint = await complaintStore.get(id.data);
  if (!complaint) throw problems.notFound();
  const { policy } = currentPolicy();
  const access = trackingAccess(complaint, generation, policy.trackingTokens.validDaysAfterClosing, now());
  if (access !== 'granted') throw problems.notFound();
  return complaint;
};
