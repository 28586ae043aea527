import { canChangePolicy, canReadPolicy } from '../../../domain/policy-versions.ts';
import type { StaffPrincipal } from '../../../domain/staff.ts';
import { HttpProblem } from '../../http/problem.ts';
import { forbidden } from '../../http/staff-auth.ts';

export const requirePolicyReader = (principal: StaffPrincipal): void => {
  if (!canReadPolicy(principal)) throw forbidden('The policy is read by managers and admins.');
};

export const requirePolicyAdmin = (principal: StaffPrincipal): void => {
  if (!canChangePolicy(principal)) throw forbidden('The policy is changed by admins.');
};

export const policyVersionNotFound = () =>
  new HttpProblem({
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: 'No policy version has this number.',
  });

export const stalePolicyVersion = (activeVersion: number) =>
  new HttpProblem({
    type: '/problems/stale-version',
    title: 'The policy changed since you loaded it',
    status: 409,
    detail: `expectedVersion is not the active version ${activeVersion}; reload and apply your change again.`,
  });
