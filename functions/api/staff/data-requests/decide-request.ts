import { decideDataRequest } from '../../../app/decide-data-request.ts';
import {
  DATA_REQUEST_ROLES,
  dataRequestActionSchema,
  dataRequestIdSchema,
  dataRequestView,
} from '../../../domain/data-subject-request.ts';
import { toFieldErrors } from '../../../domain/field-errors.ts';
import { carryOutDeps } from '../../../workflow/data-request-deps.ts';
import { httpHandler } from '../../http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from '../../http/problem.ts';
import { forbidden, requireStaff } from '../../http/staff-auth.ts';

const requestNotFound = () =>
  new HttpProblem({
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: 'No such data request.',
  });

const conflict = (detail: string) =>
  new HttpProblem({ type: '/problems/conflict', title: 'Conflict', status: 409, detail });

/**
 * POST /v1/staff/data-requests/{id}/actions — `{ action: 'fulfil' }` or `{ action: 'refuse', reason }`
 * (managers and admins): carries the request out now, or refuses it; the customer is mailed either way.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: 8 * 1024 } }, async (event) => {
  const principal = requireStaff(event);
  const role = principal.roles.find((candidate) => DATA_REQUEST_ROLES.includes(candidate));
  if (!role) throw forbidden('Data-subject requests are for managers and admins.');
  const id = dataRequestIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw requestNotFound();
  const decision = dataRequestActionSchema.safeParse(event.body);
  if (!decision.success) throw problems.validation(toFieldErrors(decision.error));
  const outcome = await decideDataRequest(carryOutDeps, id.data, decision.data, {
    id: principal.subject,
    role,
  });
  switch (outcome.kind) {
    case 'not-found':
      throw requestNotFound();
    case 'refused':
      throw conflict(
        outcome.reason === 'already-done'
          ? 'This request was already carried out.'
          : 'This request was refused.',
      );
    case 'conflict':
      throw conflict('The request changed meanwhile; reload it.');
    case 'done':
      return jsonResponse(200, dataRequestView(outcome.request, carryOutDeps.clock.now()));
  }
});
