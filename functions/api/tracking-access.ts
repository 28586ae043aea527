import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { complaintIdSchema, type Complaint } from '../domain/complaint.ts';
import { trackingAccess } from '../domain/tracking-access.ts';
import { now } from '../adapters/clock.ts';
import { getComplaint } from '../adapters/complaint-repository.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { readTrackingToken } from '../adapters/tracking-token.ts';
import { problems } from './http/problem.ts';
import { headerValue } from './http/request.ts';

/**
 * The complaint a customer's request may see: the id from the path and the tracking token from the
 * `x-tracking-token` header only (a token in a query string ends up in access logs, proxies and
 * browser history, so the API ignores it). An unknown id, a wrong, revoked or expired token and a
 * missing one all answer the same 404, so nothing about a complaint can be probed.
 */
export const trackedComplaint = async (event: APIGatewayProxyEventV2): Promise<Complaint> => {
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  const token = headerValue(event, 'x-tracking-token');
  if (!id.success || !token) throw problems.notFound();
  const generation = await readTrackingToken(id.data, token);
  // A forged token is refused before the table is read.
  if (generation === undefined) throw problems.notFound();
  const complaint = await getComplaint(id.data);
  if (!complaint) throw problems.notFound();
  const { policy } = currentPolicy();
  const access = trackingAccess(complaint, generation, policy.trackingTokens.validDaysAfterClosing, now());
  if (access !== 'granted') throw problems.notFound();
  return complaint;
};
