import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { caseAccess } from '../../domain/assists.ts';
import type { Complaint } from '../../domain/complaint.ts';
import type { StaffPrincipal } from '../../domain/staff.ts';
import { principalFrom } from './staff-principal.ts';
import { HttpProblem } from './problem.ts';

const unauthorized = () =>
  new HttpProblem({
    type: '/problems/unauthorized',
    title: 'Unauthorized',
    status: 401,
    detail: 'A valid staff token is required.',
  });

export const forbidden = (detail: string) =>
  new HttpProblem({ type: '/problems/forbidden', title: 'Forbidden', status: 403, detail });

/**
 * The caller, from the claims the JWT authorizer verified (in AWS the HTTP API authorizer, locally
 * the gateway). A request without staff claims never reaches a handler; this is defence in depth.
 */
export const requireStaff = (event: Pick<APIGatewayProxyEventV2, 'requestContext'>): StaffPrincipal => {
  const principal = principalFrom(event);
  if (!principal) throw unauthorized();
  if (principal.roles.length === 0) throw forbidden('Your account has no staff role.');
  return principal;
};

/** The lead department's case, or one its department was asked to help on (domain/assists.ts). */
export const requireCaseAccess = (
  principal: StaffPrincipal,
  complaint: Pick<Complaint, 'assists' | 'department'>,
): void => {
  if (caseAccess(principal, complaint) === 'none') {
    throw forbidden('This complaint belongs to another department.');
  }
};
