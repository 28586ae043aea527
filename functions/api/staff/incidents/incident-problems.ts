import { isSupervisor, type StaffPrincipal } from '../../../domain/staff.ts';
import { HttpProblem } from '../../http/problem.ts';
import { forbidden } from '../../http/staff-auth.ts';

export const incidentNotFound = () =>
  new HttpProblem({
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: 'No incident has this id.',
  });

/** Opening and acting on incidents is for supervisors and above; every member of staff may read them. */
export const requireIncidentManager = (principal: StaffPrincipal): void => {
  if (!isSupervisor(principal)) throw forbidden('Incidents are opened and handled by supervisors and above.');
};
