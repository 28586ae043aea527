import { isTemplateAdmin } from '../../../domain/reply-templates.ts';
import type { StaffPrincipal } from '../../../domain/staff.ts';
import { HttpProblem } from '../../http/problem.ts';
import { forbidden } from '../../http/staff-auth.ts';

export const requireTemplateAdmin = (principal: StaffPrincipal): void => {
  if (!isTemplateAdmin(principal)) throw forbidden('Reply templates are managed by admins.');
};

export const templateNotFound = () =>
  new HttpProblem({
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: 'No reply template has this id.',
  });
